import { HCP_TERRAFORM_AWS_AUDIENCE, HCP_TERRAFORM_HOST, HcpTerraformOidcProvider, HcpTerraformRunRoles } from '../modules/iam/hcp-terraform';
import { PermissionsBoundary } from '../modules/iam/permissions-boundary';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
/** Names the construct checks in TypeScript; replaced by the variables (validated with the same patterns). */
const PLACEHOLDERS = {
  organization: 'xexportorgx',
  project: 'xexportprojectx',
  workspace: 'xexportworkspacex',
  plan_role_name: 'xexportplanrolex',
  apply_role_name: 'xexportapplyrolex',
  plan_boundary_name: 'xexportboundaryx',
} as const;
const HCP_NAME = '^[A-Za-z0-9_-]{1,90}$';
const PROJECT_NAME = '^[A-Za-z0-9 _-]{1,40}$';
const ROLE_NAME = '^[A-Za-z0-9+=,.@_-]{1,64}$';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the roles and the OIDC provider are in it.');
  declareTagsVariable(stack);
  const names: ReadonlyArray<readonly [keyof typeof PLACEHOLDERS, string, string, string | undefined]> = [
    ['organization', 'HCP Terraform organisation whose runs may assume the roles (letters, digits, "_" and "-").', HCP_NAME, undefined],
    ['project', 'HCP Terraform project of the workspace (letters, digits, spaces, "_" and "-", up to 40).', PROJECT_NAME, undefined],
    ['workspace', 'HCP Terraform workspace whose runs may assume the roles (letters, digits, "_" and "-"). Each role trusts only its run phase of this one workspace.', HCP_NAME, undefined],
    ['plan_role_name', 'Name of the plan-phase role (ReadOnlyAccess under a permissions boundary). Default "hcp-terraform-plan".', ROLE_NAME, 'hcp-terraform-plan'],
    ['apply_role_name', 'Name of the apply-phase role (AdministratorAccess: it deploys IAM and security services, so it has no boundary; only apply runs of the workspace reach it). Default "hcp-terraform-apply".', ROLE_NAME, 'hcp-terraform-apply'],
    ['plan_boundary_name', 'Name of the permissions boundary created for the plan role. Default "hcp-terraform-plan-boundary".', '^[A-Za-z0-9+=,.@_-]{1,128}$', 'hcp-terraform-plan-boundary'],
  ];
  for (const [name, description, regex, defaultValue] of names) {
    stack.variable(name, {
      type: 'string',
      description,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
      validation: [{ condition: `can(regex("${regex}", var.${name}))`, errorMessage: `${name} must match ${regex}.` }],
    });
  }
  stack.variable('create_oidc_provider', {
    type: 'bool',
    description: `Create the account's HCP Terraform OIDC provider (${HCP_TERRAFORM_HOST}, audience ${HCP_TERRAFORM_AWS_AUDIENCE}). Default true; false when the account already has it (one per host).`,
    default: true,
  });
  const hours = stack.variable('max_session_hours', {
    type: 'number',
    description: 'Longest session of the roles, 1-12 hours. Default 1.',
    default: 1,
    validation: [integerInRange('max_session_hours', 1, 12, 'hours')],
  });

  const provider = new HcpTerraformOidcProvider(stack, 'this', { accountId: ACCOUNT_PLACEHOLDER, partition, tags: stack.moduleTags });
  provider.resource.addOverride('count', '${var.create_oidc_provider ? 1 : 0}');
  const boundary = new PermissionsBoundary(stack, 'plan-boundary', { policyName: PLACEHOLDERS.plan_boundary_name, tags: stack.moduleTags });
  const roles = new HcpTerraformRunRoles(stack, 'run', {
    provider,
    accountId: ACCOUNT_PLACEHOLDER,
    partition,
    organization: PLACEHOLDERS.organization,
    project: PLACEHOLDERS.project,
    workspace: PLACEHOLDERS.workspace,
    planRoleName: PLACEHOLDERS.plan_role_name,
    applyRoleName: PLACEHOLDERS.apply_role_name,
    planPermissionsBoundary: boundary,
    maxSessionHours: 1,
    tags: stack.moduleTags,
  });
  // Role multiplies the hours in TypeScript, which a number token cannot survive: the duration is set in Terraform.
  for (const role of [roles.planRole, roles.applyRole]) role.resource.addOverride('max_session_duration', `\${var.max_session_hours * 3600}`);
  void hours;
  for (const [name, literal] of Object.entries(PLACEHOLDERS)) stack.replaceLiteral(literal, `var.${name}`, 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.forbid('xexport');

  stack.output('plan_role_arn', roles.planRole.roleArn, 'ARN of the plan-phase role (TFC_AWS_PLAN_ROLE_ARN of the workspace).');
  stack.output('apply_role_arn', roles.applyRole.roleArn, 'ARN of the apply-phase role (TFC_AWS_APPLY_ROLE_ARN of the workspace).');
  stack.output('subjects', roles.subjects, 'The token subjects each role trusts, by run phase.');
  stack.output('plan_boundary_arn', boundary.policyArn, 'ARN of the plan role\'s permissions boundary.');
}

export const hcpTerraformRoleModule: ModuleDefinition = {
  name: 'hcp-terraform-role',
  title: 'HCP Terraform dynamic-credentials provider and run roles',
  summary: `
The HCP Terraform OIDC provider and the run roles of \`modules/iam/hcp-terraform.ts\` (\`HcpTerraformRunRoles\`): a plan
role (ReadOnlyAccess under a permissions boundary) that only plan runs of one workspace can assume, and an apply role
that only apply runs of that workspace can assume. Dynamic credentials: no stored keys in the workspace.
`,
  example: `
module "hcp_terraform_role" {
  source = "../.."

  account_id   = "123456789012"
  organization = "example-org"
  project      = "baseline"
  workspace    = "security-prod"
}

output "plan_role_arn" {
  value = module.hcp_terraform_role.plan_role_arn
}
`,
  notes: ['The apply role carries AdministratorAccess without a boundary (the construct\'s reasoned break-glass exception): it deploys IAM roles and security services. Only apply runs of the one workspace can assume it.'],
  build,
};
