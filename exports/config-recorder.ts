import { CONFIG_SNAPSHOT_FREQUENCIES, ConfigRecorder, DEFAULT_MANAGED_RULES, ManagedRules } from '../modules/detection/aws-config';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { BUCKET_NAME_REGEX, PROVIDER_REGION, declareAccountId, declareTagsVariable, hclList, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
const BUCKET_PLACEHOLDER = 'xexportbucketx';
const ROLE_PLACEHOLDER = 'xexportrolex';
/** The role name and description name the Region in TypeScript; a concrete placeholder Region, replaced by the provider's. */
const REGION_PLACEHOLDER = 'zz-exportregion-9';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the recorder role trusts AWS Config only for this account and writes only this account\'s prefix.');
  declareTagsVariable(stack);
  stack.variable('bucket_name', {
    type: 'string',
    description: 'Existing S3 bucket the delivery channel writes snapshots and history to (the log archive bucket, whose policy lets AWS Config write).',
    validation: [{ condition: `can(regex(${JSON.stringify(BUCKET_NAME_REGEX)}, var.bucket_name)) && !strcontains(var.bucket_name, "..")`, errorMessage: 'bucket_name must be an S3 bucket name (3-63 lower-case letters, digits, "." or "-").' }],
  });
  stack.variable('role_name', {
    type: 'string',
    description: 'Name of the recorder role: 1-64 letters, digits or "+=,.@_-". Default null: "config-recorder-<provider Region>".',
    default: null,
    validation: [{ condition: 'var.role_name == null ? true : can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))', errorMessage: 'role_name must be 1-64 letters, digits or "+=,.@_-".' }],
  });
  stack.variable('snapshot_frequency', {
    type: 'string',
    description: `How often configuration snapshots are delivered: ${CONFIG_SNAPSHOT_FREQUENCIES.join(', ')}. Default "TwentyFour_Hours".`,
    default: 'TwentyFour_Hours',
    validation: [{ condition: `contains(${hclList(CONFIG_SNAPSHOT_FREQUENCIES)}, var.snapshot_frequency)`, errorMessage: `snapshot_frequency must be one of ${CONFIG_SNAPSHOT_FREQUENCIES.join(', ')}.` }],
  });
  stack.variable('home_region', {
    type: 'bool',
    description: 'This is the home Region: record global resources (IAM) and add the rules that only make sense once per account. Default true; false for every other Region, so IAM is not recorded twice.',
    default: true,
  });

  const recorder = new ConfigRecorder(stack, 'this', {
    partition,
    region: REGION_PLACEHOLDER,
    accountId: ACCOUNT_PLACEHOLDER,
    bucketName: BUCKET_PLACEHOLDER,
    roleName: ROLE_PLACEHOLDER,
    tags: stack.moduleTags,
  });
  recorder.recorder.addOverride('recording_group.include_global_resource_types', '${var.home_region}');
  recorder.deliveryChannel.addOverride('snapshot_delivery_properties.delivery_frequency', '${var.snapshot_frequency}');
  const rules = new ManagedRules(stack, 'rules', { recorder, homeRegion: true, tags: stack.moduleTags });
  for (const [i, rule] of rules.rules.entries()) {
    if (DEFAULT_MANAGED_RULES.find((d) => d.name === rule.name)?.homeRegionOnly) rules.rules[i]!.addOverride('count', '${var.home_region ? 1 : 0}');
  }
  stack.replaceLiteral(ROLE_PLACEHOLDER, `var.role_name == null ? "config-recorder-\${${PROVIDER_REGION}}" : var.role_name`);
  stack.replaceLiteral(REGION_PLACEHOLDER, PROVIDER_REGION, 'substring');
  stack.replaceLiteral(BUCKET_PLACEHOLDER, 'var.bucket_name', 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.forbid('xexport');

  stack.output('recorder_name', recorder.recorder.name, 'Name of the configuration recorder.');
  stack.output('role_arn', recorder.role.roleArn, 'ARN of the recorder role.');
  const homeOnly = DEFAULT_MANAGED_RULES.filter((d) => d.homeRegionOnly).map((d) => d.name);
  stack.output('rule_names', `\${[for n in ${hclList(DEFAULT_MANAGED_RULES.map((d) => d.name))} : n if var.home_region || !contains(${hclList(homeOnly)}, n)]}`, 'Names of the AWS managed Config rules (home-Region-only rules are created only with home_region = true).');
}

export const configRecorderModule: ModuleDefinition = {
  name: 'config-recorder',
  title: 'AWS Config recorder, delivery channel and managed rules',
  summary: `
AWS Config in the account and Region (\`ConfigRecorder\` and \`ManagedRules\` of \`modules/detection/aws-config\`, CIS
3.3): a recorder of all supported resources (global ones in the home Region only), a delivery channel to the log
archive bucket, a role that AWS Config of this account only may assume, and the baseline's AWS managed rules.
`,
  example: `
module "config_recorder" {
  source = "../.."

  account_id  = "123456789012"
  bucket_name = "example-log-archive-123456789012"
}

output "rule_names" {
  value = module.config_recorder.rule_names
}
`,
  notes: ['One recorder per account and Region. Conformance packs and the organisation aggregator stay with the CDKTF constructs.'],
  build,
};
