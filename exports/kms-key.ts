import { EncryptionKey } from '../modules/kms';
import { cloudWatchLogsKeyGrant } from '../modules/kms/grants';
import { keyPolicyStatements } from '../modules/kms/key-policy';
import type { PolicyStatement } from '../modules/iam/policy-document';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { IAM_PRINCIPAL_ARN_REGEX, declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';

const ADMINISTRATORS = '__administrator_arns__';
const USERS = '__user_arns__';

/** Which variable makes a group of key-policy statements appear (the statements come from `keyPolicyStatements`). */
const STATEMENT_GROUPS: Readonly<Record<string, { group: string; when: string }>> = {
  AccountRootAdministers: { group: 'root', when: 'true' },
  KeyAdministratorsManageNotUse: { group: 'administrators', when: 'length(var.principals.administrator_arns) > 0' },
  KeyAdministratorsCannotUse: { group: 'administrators', when: 'length(var.principals.administrator_arns) > 0' },
  KeyUsersEncryptDecrypt: { group: 'users', when: 'length(var.principals.user_arns) > 0' },
  CloudWatchLogsForThisAccount: { group: 'cloudwatch_logs', when: 'var.cloudwatch_logs_log_group_name_pattern != null' },
};

function build(stack: ModuleStack): void {
  const { partition, region, dnsSuffix } = providerContext(stack);
  const accountId = declareAccountId(stack, 'the key policy names its root principal and the CloudWatch Logs grant is limited to it.');
  declareTagsVariable(stack);
  const aliasName = stack.variable('alias_name', {
    type: 'string',
    description: 'Alias without the "alias/" prefix, e.g. "example/baseline": letters, digits, "/", "_" or "-", up to 250, not starting with "aws/". Required: a key without an alias cannot be audited by name.',
    validation: [
      {
        condition: 'can(regex("^[a-zA-Z0-9/_-]{1,250}$", var.alias_name)) && !startswith(var.alias_name, "aws/") && !startswith(var.alias_name, "alias/")',
        errorMessage: 'alias_name must be letters, digits, "/", "_" or "-", without the "alias/" prefix and not starting with "aws/".',
      },
    ],
  });
  const description = stack.variable('description', {
    type: 'string',
    description: 'Human-readable purpose of the key (1-8192 characters), shown in the console and CloudTrail.',
    validation: [{ condition: 'length(var.description) >= 1 && length(var.description) <= 8192', errorMessage: 'description must be 1 to 8192 characters.' }],
  });
  const rotation = stack.variable('rotation_period_days', {
    type: 'number',
    description: 'Days between automatic rotations of the key material, 90-2560. Default 365. Rotation is always on: it limits how much data one key version protects.',
    default: 365,
    validation: [integerInRange('rotation_period_days', 90, 2560, 'days')],
  });
  const deletionWindow = stack.variable('deletion_window_days', {
    type: 'number',
    description: 'Waiting period before a scheduled deletion takes effect, 7-30 days. Default 30: the longest window gives the most time to notice and cancel a malicious or mistaken deletion.',
    default: 30,
    validation: [integerInRange('deletion_window_days', 7, 30, 'days')],
  });
  const multiRegion = stack.variable('multi_region', {
    type: 'bool',
    description: 'Create a multi-Region primary key. Default false: single-Region keys keep key material in one Region unless replication is chosen on purpose.',
    default: false,
  });
  const principalRegex = JSON.stringify(IAM_PRINCIPAL_ARN_REGEX);
  // One object: the overlap rule sees both lists, so validate and the first plan report every principal problem.
  stack.variable('principals', {
    type: 'object({ administrator_arns = optional(list(string), []), user_arns = optional(list(string), []) })',
    description: 'Who may do what with the key. administrator_arns: IAM role or user ARNs that administer the key but are explicitly denied its cryptographic operations (separates who manages a key from who can read the data it protects). user_arns: ARNs that may encrypt, decrypt, re-encrypt, generate data keys and describe it; must not repeat an administrator. Default {} (both []): only the account root administers, use is granted through IAM policies of the account.',
    default: {},
    validation: [
      {
        condition: `alltrue([for arn in concat(var.principals.administrator_arns, var.principals.user_arns) : can(regex(${principalRegex}, arn))])`,
        errorMessage: 'principals.administrator_arns and principals.user_arns must list IAM role, user or account-root ARNs such as "arn:aws:iam::123456789012:role/KeyAdmin" (no wildcards).',
      },
      {
        condition: 'length(setintersection(toset(var.principals.user_arns), toset(var.principals.administrator_arns))) == 0',
        errorMessage: 'principals.user_arns and principals.administrator_arns must not list the same principal: key administrators are denied cryptographic use.',
      },
    ],
  });
  stack.variable('cloudwatch_logs_log_group_name_pattern', {
    type: 'string',
    description: 'Lets CloudWatch Logs use the key for log groups of this account and Region whose name matches this glob, e.g. "/vpc-flow-logs/*" (the kms:EncryptionContext:aws:logs:arn condition names the log group). Default null: no CloudWatch Logs grant. Needed when the key encrypts a log group, such as the vpc module\'s flow logs.',
    default: null,
    validation: [
      {
        condition: 'var.cloudwatch_logs_log_group_name_pattern == null ? true : can(regex("^[A-Za-z0-9_./#*-]{1,512}$", var.cloudwatch_logs_log_group_name_pattern))',
        errorMessage: 'cloudwatch_logs_log_group_name_pattern must be a log group name or glob of letters, digits, "_", "-", "/", ".", "#" and "*".',
      },
    ],
  });

  const key = new EncryptionKey(stack, 'this', {
    accountId,
    partition,
    region,
    aliasName: aliasName.stringValue,
    description: description.stringValue,
    rotationPeriodDays: rotation.numberValue,
    deletionWindowDays: deletionWindow.numberValue,
    multiRegion: multiRegion.booleanValue as unknown as boolean,
    tags: stack.moduleTags,
  });

  // The key policy comes from the construct's own statement builder, with the principal lists as placeholders; each
  // group of statements appears only when its input is set (a statement with an empty principal list is invalid).
  const logsGrant = cloudWatchLogsKeyGrant({
    partition,
    region,
    accountId,
    // Null only when the statement is filtered out below; coalesce keeps the template valid meanwhile.
    logGroupNamePattern: `\${coalesce(var.cloudwatch_logs_log_group_name_pattern, "*")}`,
  });
  const statements = keyPolicyStatements({
    partition,
    accountId,
    administratorArns: [ADMINISTRATORS],
    userArns: [USERS],
    serviceGrants: [{ ...logsGrant, principal: `logs.${region}.${dnsSuffix}` }],
    viaServiceGrants: [],
  });
  const groups: Record<string, unknown[]> = {};
  const conditions = new Map<string, string>();
  for (const statement of statements) {
    const placement = STATEMENT_GROUPS[statement.Sid ?? ''];
    if (!placement) throw new Error(`kms-key export: key policy statement ${statement.Sid} has no group; add it to STATEMENT_GROUPS`);
    (groups[placement.group] ??= []).push(withPrincipalLists(statement, { [ADMINISTRATORS]: '${var.principals.administrator_arns}', [USERS]: '${var.principals.user_arns}' }));
    conditions.set(placement.group, placement.when);
  }
  stack.local('key_policy_statements', groups);
  const parts = [...conditions].map(([group, when]) =>
    when === 'true' ? `local.key_policy_statements.${group}` : `[for s in local.key_policy_statements.${group} : s if ${when}]`,
  );
  key.resource.addOverride('policy', `\${jsonencode({Version = "2012-10-17", Statement = concat(${parts.join(', ')})})}`);

  stack.output('key_arn', key.keyArn, 'ARN of the KMS key (give it to encryption settings: S3 SSE-KMS, log groups, SNS topics).');
  stack.output('key_id', key.keyId, 'Id of the KMS key.');
  stack.output('alias_name', key.alias.name, 'Alias name with the "alias/" prefix.');
  stack.output('alias_arn', key.aliasArn, 'ARN of the alias, known at plan time from the inputs.');
}

/** Replaces a principal list that is exactly `[placeholder]` with the variable's list. */
function withPrincipalLists(statement: PolicyStatement, lists: Readonly<Record<string, string>>): unknown {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      if (value.length === 1 && typeof value[0] === 'string' && value[0] in lists) return lists[value[0]];
      return value.map(walk);
    }
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(statement);
}

export const kmsKeyModule: ModuleDefinition = {
  name: 'kms-key',
  title: 'customer-managed KMS key',
  summary: `
A symmetric customer-managed KMS key with an alias (the \`EncryptionKey\` construct of \`modules/kms\`): rotation always
on (period 90-2560 days), the longest deletion window by default, \`prevent_destroy\`, and a key policy generated from
roles: the account root administers (so IAM policies of the account can grant use), administrators manage but are
denied cryptographic use, users encrypt and decrypt, and CloudWatch Logs may use the key only for log groups of this
account and Region.
`,
  example: `
module "kms_key" {
  source = "../.."

  account_id  = "123456789012"
  alias_name  = "example/baseline"
  description = "Encrypts the example workload's data and logs"

  principals = {
    administrator_arns = ["arn:aws:iam::123456789012:role/KeyAdmin"]
    user_arns          = ["arn:aws:iam::123456789012:role/App"]
  }
  cloudwatch_logs_log_group_name_pattern = "/vpc-flow-logs/*"
}

output "key_arn" {
  value = module.kms_key.key_arn
}
`,
  notes: [
    'The key has `lifecycle { prevent_destroy = true }` (Terraform does not allow a variable there): destroying a key makes everything it encrypted unreadable. Remove the key from state or edit the module on purpose to delete it.',
    'The key policy is built with `jsonencode` from the same statement builder the construct uses; statement groups whose list input is empty are left out.',
    'Via-service grants (EBS encryption by default) and other service grants of the construct are not exported; add them with IAM policies or use the CDKTF construct.',
  ],
  build,
};
