import { Trail } from '../modules/detection/cloudtrail';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { BUCKET_NAME_REGEX, PROVIDER_REGION, declareAccountId, declareTagsVariable, hclList, integerInRange, providerContext } from './common';
import { AUDIT_LOG_RETENTION_DAYS } from '../modules/core/retention';

const ACCOUNT_PLACEHOLDER = '000000000000';
const TRAIL_PLACEHOLDER = 'xexporttrailx';
const BUCKET_PLACEHOLDER = 'xexportbucketx';
const REGION_PLACEHOLDER = 'zz-exportregion-9';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the key, role and topic policies are limited to this account\'s trail.');
  declareTagsVariable(stack);
  stack.variable('trail_name', {
    type: 'string',
    description: 'Name of the trail, 3-48 letters, digits, ".", "_" or "-", starting with a letter or digit; also names its key alias "cloudtrail/<trail_name>", log group "/aws/cloudtrail/<trail_name>", role and delivery topic. Default "organization".',
    default: 'organization',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9][A-Za-z0-9._-]{2,47}$", var.trail_name))', errorMessage: 'trail_name must be 3-48 letters, digits, ".", "_" or "-", starting with a letter or digit.' }],
  });
  stack.variable('bucket_name', {
    type: 'string',
    description: 'Existing S3 bucket the trail writes to (the log archive bucket, whose policy lets CloudTrail write; the CDKTF LogArchive construct makes one). Its data events are left out of the trail, so reading logs does not log itself.',
    validation: [{ condition: `can(regex(${JSON.stringify(BUCKET_NAME_REGEX)}, var.bucket_name)) && !strcontains(var.bucket_name, "..")`, errorMessage: 'bucket_name must be an S3 bucket name (3-63 lower-case letters, digits, "." or "-").' }],
  });
  stack.variable('organization_trail', {
    type: 'bool',
    description: 'Record every account of the organisation (run in the management account or the CloudTrail delegated administrator). Default true: one trail the member accounts cannot turn off. false: a trail of this account only.',
    default: true,
  });
  const retention = stack.variable('cloudwatch_logs_retention_days', {
    type: 'number',
    description: `Days the trail's CloudWatch Logs group keeps events (the CIS alarms read it): one of ${AUDIT_LOG_RETENTION_DAYS.join(', ')}. Default 365. The S3 copy is the long-term record.`,
    default: 365,
    validation: [{ condition: `contains(${hclList(AUDIT_LOG_RETENTION_DAYS)}, var.cloudwatch_logs_retention_days)`, errorMessage: 'cloudwatch_logs_retention_days must be a CloudWatch Logs retention of at least 365 days.' }],
  });
  const window = stack.variable('key_deletion_window_days', {
    type: 'number',
    description: 'Days before a scheduled deletion of the trail key takes effect, 7-30. Default 30: without the key the logs are unreadable.',
    default: 30,
    validation: [integerInRange('key_deletion_window_days', 7, 30, 'days')],
  });

  const trail = new Trail(stack, 'this', {
    partition,
    // Service principals are checked in TypeScript (logs.<region>.amazonaws.com): a concrete placeholder Region.
    region: REGION_PLACEHOLDER,
    accountId: ACCOUNT_PLACEHOLDER,
    trailName: TRAIL_PLACEHOLDER,
    bucketName: BUCKET_PLACEHOLDER,
    cloudWatchLogsRetentionDays: 365,
    keyDeletionWindowDays: window.numberValue,
    tags: stack.moduleTags,
  });
  trail.resource.addOverride('is_organization_trail', '${var.organization_trail}');
  trail.logGroup.retentionInDays = retention.numberValue;
  stack.replaceLiteral(TRAIL_PLACEHOLDER, 'var.trail_name', 'substring');
  stack.replaceLiteral(BUCKET_PLACEHOLDER, 'var.bucket_name', 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.replaceLiteral(REGION_PLACEHOLDER, PROVIDER_REGION, 'substring');
  stack.forbid('xexport');

  stack.output('trail_arn', trail.resource.arn, 'ARN of the trail.');
  stack.output('log_group_name', trail.logGroup.name, 'CloudWatch Logs group of the trail (give it to the cis-alarms module).');
  stack.output('kms_key_arn', trail.key.keyArn, 'ARN of the key that encrypts the log files, the log group and the delivery topic.');
}

export const cloudtrailModule: ModuleDefinition = {
  name: 'cloudtrail',
  title: 'multi-Region (organisation) CloudTrail trail to S3 and CloudWatch Logs',
  summary: `
The trail of \`modules/detection/cloudtrail\` (\`Trail\`): multi-Region, global service events, log file validation,
S3 data events except those of its own bucket, encrypted with its own customer-managed key, copied to a KMS-encrypted
CloudWatch Logs group (for the CIS alarms) through a role that may only write there, and delivery notices on an
encrypted topic (CIS 3.1-3.5).
`,
  example: `
module "cloudtrail" {
  source = "../.."

  account_id  = "123456789012"
  bucket_name = "example-log-archive-123456789012"
}

output "log_group_name" {
  value = module.cloudtrail.log_group_name
}
`,
  notes: ['The bucket is an input: it must exist with a policy that lets CloudTrail write (the CDKTF LogArchive construct).', 'The key has `prevent_destroy`.'],
  build,
};
