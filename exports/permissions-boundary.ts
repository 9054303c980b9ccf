import { PermissionsBoundary } from '../modules/iam/permissions-boundary';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable } from './common';

const NAME_PLACEHOLDER = 'exportedBoundaryName';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('policy_name', {
    type: 'string',
    description: 'Name of the boundary policy: 1-128 letters, digits or "+=,.@_-". Default "permissions-boundary". A fixed name lets IAM policies require it (iam:PermissionsBoundary) when developers create roles.',
    default: 'permissions-boundary',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", var.policy_name))', errorMessage: 'policy_name must be 1-128 letters, digits or "+=,.@_-".' }],
  });
  const boundary = new PermissionsBoundary(stack, 'this', { policyName: NAME_PLACEHOLDER, tags: stack.moduleTags });
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.policy_name');
  stack.output('policy_arn', boundary.policyArn, 'ARN of the boundary: give it to roles as permissions_boundary.');
  stack.output('policy_name', boundary.policy.resource.name, 'Name of the boundary policy.');
  stack.output('policy_json', boundary.policyJson, 'The boundary document: allows up to everything, denies IAM, Organizations and account administration and tampering with security services.');
}

export const permissionsBoundaryModule: ModuleDefinition = {
  name: 'permissions-boundary',
  title: 'permissions boundary for delegated role creation',
  summary: `
The managed policy of \`PermissionsBoundary\` (\`modules/iam\`): a ceiling for roles that developers or pipelines create.
It denies IAM, Organizations and account administration (so a bounded role cannot raise its own permissions or create
unbounded ones) and tampering with CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer and the other
security services.
`,
  example: `
module "permissions_boundary" {
  source = "../.."
}

resource "aws_iam_role" "app" {
  name                 = "app"
  permissions_boundary = module.permissions_boundary.policy_arn

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}
`,
  notes: ['Passable roles (`passableRoleArns`) and extra denied actions change the statements and stay with the CDKTF construct: this module\'s boundary allows no iam:PassRole.'],
  build,
};
