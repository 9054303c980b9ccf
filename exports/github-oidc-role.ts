import { GithubDeployRole, GithubOidcProvider } from '../modules/iam/github-actions';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
const ROLE_PLACEHOLDER = 'exportedGithubRoleName';
/** One placeholder subject (a wildcard, so the construct writes StringLike, which holds exact subjects too). */
const SUBJECT_PLACEHOLDER = 'repo:xexportowner/xexportrepo:ref:refs/heads/xexportbranch*';

const OWNER_REPO = '^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$';
const REF = '^[A-Za-z0-9._/*?-]{1,200}$';
const OPEN_REF = '^[*?/._-]+$';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the role and the OIDC provider ARN are in it.');
  declareTagsVariable(stack);
  stack.variable('create_oidc_provider', {
    type: 'bool',
    description: 'Create the account\'s GitHub OIDC provider (token.actions.githubusercontent.com). Default true; false when another module or stack already made it (one per account).',
    default: true,
  });
  stack.variable('role_name', {
    type: 'string',
    description: 'Name of the deploy role, which workflows name in role-to-assume: 1-64 letters, digits or "+=,.@_-".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))', errorMessage: 'role_name must be 1-64 letters, digits or "+=,.@_-".' }],
  });
  stack.variable('repositories', {
    type: 'list(object({ repository = string, branches = optional(list(string), []), environments = optional(list(string), []), tags = optional(list(string), []) }))',
    description: 'Who may assume the role: "owner/repository" (no organisation wildcard) with the branches, environments or tags (at least one; wildcards inside a name such as "release/*", never a bare "*") whose workflow runs get in. Pull requests and other refs never match.',
    validation: [
      { condition: `length(var.repositories) > 0 && alltrue([for r in var.repositories : can(regex("${OWNER_REPO}", r.repository))])`, errorMessage: 'repositories must list at least one "owner/repository" such as "example-org/infrastructure" (organisation wildcards are not allowed).' },
      { condition: 'alltrue([for r in var.repositories : length(r.branches) + length(r.environments) + length(r.tags) > 0])', errorMessage: 'repositories must pin each repository to at least one branch, environment or tag (any ref, including pull requests, would otherwise match).' },
      {
        condition: `alltrue(flatten([for r in var.repositories : [for v in concat(r.branches, r.environments, r.tags) : can(regex("${REF}", v)) && !can(regex("${OPEN_REF}", v))]]))`,
        errorMessage: 'repositories branches, environments and tags must be names (wildcards allowed inside a name, e.g. "release/*"; a pattern of only wildcards matches any ref).',
      },
    ],
  });
  stack.variable('permissions_boundary_arn', {
    type: 'string',
    description: 'ARN of the permissions boundary of the role (the permissions-boundary module\'s policy_arn). Required: a deploy role without a boundary could grant itself anything.',
    validation: [{ condition: 'can(regex("^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]+$", var.permissions_boundary_arn))', errorMessage: 'permissions_boundary_arn must be an IAM policy ARN such as "arn:aws:iam::123456789012:policy/permissions-boundary".' }],
  });
  const hours = stack.variable('max_session_hours', {
    type: 'number',
    description: 'Longest session of the role, 1-12 hours. Default 1: a leaked token of a workflow run is useful for an hour at most.',
    default: 1,
    validation: [integerInRange('max_session_hours', 1, 12, 'hours')],
  });

  const provider = new GithubOidcProvider(stack, 'this', { partition, accountId: ACCOUNT_PLACEHOLDER, tags: stack.moduleTags });
  provider.resource.addOverride('count', '${var.create_oidc_provider ? 1 : 0}');
  const role = new GithubDeployRole(stack, 'deploy', {
    partition,
    accountId: ACCOUNT_PLACEHOLDER,
    provider,
    roleName: ROLE_PLACEHOLDER,
    description: 'GitHub Actions deploy role',
    repositories: [{ repository: 'xexportowner/xexportrepo', branches: ['xexportbranch*'] }],
    maxSessionHours: 1,
    permissionsBoundary: { policyArn: stack.var('permissions_boundary_arn').stringValue, policyName: 'boundary', awsManaged: false },
    tags: stack.moduleTags,
  });
  // Role multiplies the hours in TypeScript, which a number token cannot survive: the duration is set in Terraform.
  role.role.resource.addOverride('max_session_duration', `\${var.max_session_hours * 3600}`);
  void hours;
  // The construct's subjects, computed in Terraform with githubSubjects' format from the list input.
  stack.local('github_subjects', '${flatten([for r in var.repositories : concat([for b in r.branches : "repo:${r.repository}:ref:refs/heads/${b}"], [for e in r.environments : "repo:${r.repository}:environment:${e}"], [for t in r.tags : "repo:${r.repository}:ref:refs/tags/${t}"])])}');
  stack.replaceLiteral(`"${SUBJECT_PLACEHOLDER}"`, 'jsonencode(local.github_subjects)', 'substring');
  stack.replaceLiteral(ROLE_PLACEHOLDER, 'var.role_name', 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.forbid('xexport');

  stack.output('role_arn', role.roleArn, 'ARN of the deploy role (role-to-assume of aws-actions/configure-aws-credentials).');
  stack.output('role_name', role.role.resource.name, 'Name of the deploy role; attach its permissions with aws_iam_role_policy_attachment.');
  stack.output('oidc_provider_arn', provider.providerArn, 'ARN of the account\'s GitHub OIDC provider.');
  stack.output('subjects', '${local.github_subjects}', 'The token subjects (sub claims) the role trusts.');
}

export const githubOidcRoleModule: ModuleDefinition = {
  name: 'github-oidc-role',
  title: 'GitHub Actions OIDC provider and deploy role',
  summary: `
The account's GitHub OIDC provider (\`GithubOidcProvider\`) and a deploy role (\`GithubDeployRole\` of \`modules/iam\`) that
only workflow runs of the named repositories and branches, environments or tags can assume (audience
sts.amazonaws.com, sessions of an hour by default, always under a permissions boundary). No long-lived keys.
`,
  example: `
module "github_oidc_role" {
  source = "../.."

  account_id = "123456789012"
  role_name  = "github-deploy"
  repositories = [
    { repository = "example-org/infrastructure", branches = ["main"], environments = ["production"] },
  ]
  permissions_boundary_arn = "arn:aws:iam::123456789012:policy/permissions-boundary"
}

output "role_arn" {
  value = module.github_oidc_role.role_arn
}
`,
  notes: ['Organisation-wide wildcards and open ref patterns (the construct\'s reasoned exceptions) are not exported. Attach the role\'s permissions outside the module.'],
  build,
};
