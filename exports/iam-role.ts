import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TerraformIterator } from 'cdktf';
import { Role } from '../modules/iam/role';
import { Trust } from '../modules/iam/trust';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';
import { TRUST_POLICY_EXPRESSION, declareTrustVariable } from './iam-trust';

const ACCOUNT_PLACEHOLDER = '000000000000';
const ROLE_PLACEHOLDER = 'xexportrolex';
/** One placeholder principal for the construct; the module renders the trust policy from var.trust. */
const SERVICE_PLACEHOLDER = 'xexportservice.amazonaws.com';
const POLICY_ARN = '^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the trust allows services only on behalf of this account (aws:SourceAccount, the confused-deputy guard), and trusting any other account needs an external id.');
  declareTagsVariable(stack);
  stack.variable('role_name', {
    type: 'string',
    description: 'Name of the role: 1-64 letters, digits or "+=,.@_-".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))', errorMessage: 'role_name must be 1-64 letters, digits or "+=,.@_-".' }],
  });
  declareTrustVariable(stack);
  stack.variable('permissions_boundary_arn', {
    type: 'string',
    description: 'Permissions boundary of the role (the permissions-boundary module\'s policy_arn). Required: the construct gives every role a boundary unless a reviewed reason says otherwise, and that exception is not exported.',
    validation: [{ condition: `can(regex("${POLICY_ARN}", var.permissions_boundary_arn))`, errorMessage: 'permissions_boundary_arn must be an IAM policy ARN such as "arn:aws:iam::123456789012:policy/permissions-boundary".' }],
  });
  stack.variable('managed_policy_arns', {
    type: 'set(string)',
    description: 'Managed policies attached to the role. Default []: the role can do nothing until given a policy.',
    default: [],
    validation: [{ condition: `alltrue([for p in var.managed_policy_arns : can(regex("${POLICY_ARN}", p))])`, errorMessage: 'managed_policy_arns must list IAM policy ARNs.' }],
  });
  const hours = stack.variable('max_session_hours', {
    type: 'number',
    description: 'Longest session of the role, 1-12 hours. Default 1.',
    default: 1,
    validation: [integerInRange('max_session_hours', 1, 12, 'hours')],
  });

  const role = new Role(stack, 'this', {
    roleName: ROLE_PLACEHOLDER,
    description: 'Service role',
    partition,
    accountId: ACCOUNT_PLACEHOLDER,
    trust: [Trust.service(SERVICE_PLACEHOLDER, { sourceAccount: ACCOUNT_PLACEHOLDER })],
    permissionsBoundary: { policyArn: stack.var('permissions_boundary_arn').stringValue, policyName: 'boundary', awsManaged: false },
    tags: stack.moduleTags,
  });
  role.resource.addOverride('max_session_duration', '${var.max_session_hours * 3600}');
  void hours;
  const policies = TerraformIterator.fromList(stack.var('managed_policy_arns').listValue);
  new IamRolePolicyAttachment(stack, 'managed-policy', { forEach: policies, role: role.resource.name, policyArn: policies.value });
  // The trust policy is rendered by Terraform from var.trust, with the statements of modules/iam/trust.ts.
  stack.local('trust_policy', TRUST_POLICY_EXPRESSION);
  role.resource.addOverride('assume_role_policy', '${jsonencode(local.trust_policy)}');
  stack.replaceLiteral(ROLE_PLACEHOLDER, 'var.role_name', 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.forbid('xexport');

  stack.output('role_arn', role.roleArn, 'ARN of the role.');
  stack.output('role_name', role.resource.name, 'Name of the role.');
}

export const iamRoleModule: ModuleDefinition = {
  name: 'iam-role',
  title: 'IAM role with the trust builders (services, accounts, SAML) and a permissions boundary',
  summary: `
A role of \`modules/iam\` (\`Role\`) with the trust builders of \`modules/iam/trust.ts\` as one \`trust\` input:
AWS services only on behalf of this account (\`Trust.service\` with \`aws:SourceAccount\`), IAM principals of accounts
(\`Trust.account\`: named roles or users, ARN patterns, an external id required for every other account, MFA) and
SAML federation (\`Trust.saml\`, audience pinned to AWS sign-in). Always under a permissions boundary, sessions of an
hour by default, managed policies attached by ARN.
`,
  example: `
module "iam_role" {
  source = "../.."

  account_id               = "123456789012"
  role_name                = "orders-lambda"
  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/permissions-boundary"
  managed_policy_arns      = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
  trust = {
    services = ["lambda.amazonaws.com"]
    accounts = {
      operators = { account_id = "123456789012", principal_arn_patterns = ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*"] }
      auditor   = { account_id = "210987654321", external_id = "example-auditor-2026-external-id" }
    }
    saml_provider_arns = ["arn:aws:iam::123456789012:saml-provider/corporate-idp"]
  }
}

output "role_arn" {
  value = module.iam_role.role_arn
}
`,
  planOnlyRules: ['trust.accounts entries for an account other than account_id have an external_id (the rule compares two inputs).'],
  notes: [
    'OIDC (web identity) trust is in the github-oidc-role and hcp-terraform-role modules, with their subject rules.',
    'Account labels of trust.accounts only name the statements; the statements are rendered in label order.',
  ],
  build,
};
