import { PasswordPolicy } from '../modules/iam/password-policy';
import { RequireMfaPolicy } from '../modules/iam/require-mfa-policy';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareAccountId, integerInRange, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
const NAME_REGEX = '^[A-Za-z0-9+=,.@_-]{1,128}$';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the MFA policy names this account\'s IAM users.');
  const minimumLength = stack.variable('minimum_password_length', {
    type: 'number',
    description: 'Minimum password length, 14-128. Default 14: CIS 1.8 asks for at least 14 characters.',
    default: 14,
    validation: [integerInRange('minimum_password_length', 14, 128, 'characters')],
  });
  const maxAge = stack.variable('max_password_age_days', {
    type: 'number',
    description: 'Days before a password expires, 1-90. Default 90: Checkov CKV_AWS_9 asks for 90 days or less; IAM users should be rare (break-glass only).',
    default: 90,
    validation: [integerInRange('max_password_age_days', 1, 90, 'days')],
  });
  for (const [name, what] of [['mfa_policy_name', 'managed policy'], ['mfa_group_name', 'IAM group IAM users join']] as const) {
    stack.variable(name, {
      type: 'string',
      description: `Name of the ${what} that denies everything but password and MFA self-service without MFA: 1-128 letters, digits or "+=,.@_-". Default "require-mfa".`,
      default: 'require-mfa',
      validation: [{ condition: `can(regex("${NAME_REGEX}", var.${name}))`, errorMessage: `${name} must be 1-128 letters, digits or "+=,.@_-".` }],
    });
  }

  new PasswordPolicy(stack, 'this', { minimumLength: minimumLength.numberValue, maxAgeDays: maxAge.numberValue });
  const mfa = new RequireMfaPolicy(stack, 'mfa', { partition, accountId: ACCOUNT_PLACEHOLDER, policyName: 'exportedMfaPolicyName', groupName: 'exportedMfaGroupName' });
  stack.replaceLiteral('exportedMfaPolicyName', 'var.mfa_policy_name');
  stack.replaceLiteral('exportedMfaGroupName', 'var.mfa_group_name');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');

  stack.output('mfa_policy_arn', mfa.policyArn, 'ARN of the managed policy that denies everything but MFA self-service to users signed in without MFA.');
  stack.output('mfa_group_name', mfa.group.name, 'IAM group to put IAM users in (they get the MFA policy through it, CIS 1.15).');
}

export const passwordPolicyModule: ModuleDefinition = {
  name: 'password-policy',
  title: 'IAM password policy and MFA-required policy for IAM users',
  summary: `
The account's IAM password policy (\`PasswordPolicy\` of \`modules/iam\`: 14+ characters, all character classes, 24
remembered, expiry at most 90 days) and the \`RequireMfaPolicy\`: a managed policy, attached to a group, that denies
IAM users everything except setting up their own MFA device and password until they sign in with MFA.
`,
  example: `
module "password_policy" {
  source = "../.."

  account_id              = "123456789012"
  minimum_password_length = 16
}

output "mfa_group_name" {
  value = module.password_policy.mfa_group_name
}
`,
  notes: ['One password policy per account: call the module once per account (it is global, any Region\'s provider will do).'],
  build,
};
