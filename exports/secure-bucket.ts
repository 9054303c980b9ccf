import type { TerraformResource } from 'cdktf';
import { SecureBucket } from '../modules/storage';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { BUCKET_NAME_REGEX, KMS_KEY_ARN_REGEX, declareTagsVariable, integerInRange, providerContext } from './common';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareTagsVariable(stack);
  const bucketName = stack.variable('bucket_name', {
    type: 'string',
    description: 'Globally unique bucket name: 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit, no "..". A fixed name keeps the ARN known at plan time for policies.',
    validation: [
      {
        condition: `can(regex(${JSON.stringify(BUCKET_NAME_REGEX)}, var.bucket_name)) && !strcontains(var.bucket_name, "..")`,
        errorMessage: 'bucket_name must be 3-63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit.',
      },
    ],
  });
  const kmsKeyArn = stack.variable('kms_key_arn', {
    type: 'string',
    description: 'ARN of the customer-managed KMS key for SSE-KMS (with an S3 Bucket Key), e.g. the kms-key module\'s key_arn. Required: the bucket policy also refuses uploads that ask for weaker encryption. A key ARN, not an alias.',
    validation: [{ condition: `can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, var.kms_key_arn))`, errorMessage: 'kms_key_arn must be a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".' }],
  });
  // Required like the construct's accessLogging prop, and one object so its rules are checked together. `count`
  // depends on `enabled` only: the target bucket may be a resource of the same apply (unknown at plan).
  const bucketRegex = JSON.stringify(BUCKET_NAME_REGEX);
  stack.variable('access_logging', {
    type: 'object({ enabled = bool, target_bucket = optional(string), prefix = optional(string), disabled_reason = optional(string) })',
    description: 'S3 server access logging (CIS 3.4 for trail buckets): access logs show who read or changed objects. Required. { enabled = true, target_bucket = "<another bucket, SSE-S3>", prefix = "<optional, default bucket_name/>" }, or { enabled = false, disabled_reason = "<a sentence, at least 10 characters>" } so every bucket without logs says why. target_bucket may be unknown until apply.',
    validation: [
      {
        condition: `var.access_logging.enabled ? (var.access_logging.target_bucket == null ? false : can(regex(${bucketRegex}, var.access_logging.target_bucket))) : var.access_logging.target_bucket == null`,
        errorMessage: 'access_logging.target_bucket must name another bucket (3-63 lower-case letters, digits, "." or "-") when enabled is true, and be null when enabled is false.',
      },
      {
        condition: 'var.access_logging.enabled ? var.access_logging.disabled_reason == null : (var.access_logging.disabled_reason == null ? false : length(trimspace(var.access_logging.disabled_reason)) >= 10)',
        errorMessage: 'access_logging.disabled_reason must explain in a sentence (at least 10 characters) why access logging is off when enabled is false, and be null when enabled is true.',
      },
      {
        condition: 'var.access_logging.enabled ? var.access_logging.target_bucket != var.bucket_name : true',
        errorMessage: 'access_logging.target_bucket must be another bucket than bucket_name: a bucket logging into itself writes a log record for every log record.',
      },
    ],
  });
  const noncurrentDays = stack.variable('noncurrent_version_expiration_days', {
    type: 'number',
    description: 'Days after which non-current object versions expire, 1-36500. Default 365: old versions stay long enough to recover from an overwrite or ransomware, but not forever.',
    default: 365,
    validation: [integerInRange('noncurrent_version_expiration_days', 1, 36500, 'days')],
  });
  stack.variable('enable_eventbridge_notifications', {
    type: 'bool',
    description: 'Send object events to EventBridge. Default true: lets detection rules react to unexpected writes or deletes.',
    default: true,
  });

  const bucket = new SecureBucket(stack, 'this', {
    bucketName: bucketName.stringValue,
    partition,
    // Only the key ARN is read by the bucket.
    encryptionKey: { keyArn: kmsKeyArn.stringValue, aliasArn: '' },
    accessLogging: {
      targetBucket: stack.expression('var.access_logging.target_bucket'),
      prefix: '${var.access_logging.prefix == null ? "${var.bucket_name}/" : var.access_logging.prefix}',
    },
    noncurrentVersionExpirationDays: noncurrentDays.numberValue,
    tags: stack.moduleTags,
  });
  // Resources that exist only when their input asks for them (nothing refers to either).
  child(bucket, 'AccessLogging').addOverride('count', '${var.access_logging.enabled ? 1 : 0}');
  child(bucket, 'Notifications').addOverride('count', '${var.enable_eventbridge_notifications ? 1 : 0}');

  stack.output('bucket_name', bucket.bucket.id, 'Name of the bucket.');
  stack.output('bucket_arn', bucket.bucket.arn, 'ARN of the bucket.');
  stack.output('bucket_regional_domain_name', bucket.bucket.bucketRegionalDomainName, 'Regional domain name of the bucket.');
  stack.output('bucket_policy_json', bucket.policy.policy, 'The bucket policy as applied: denies requests without TLS or with TLS older than 1.2, and uploads that ask for weaker encryption than SSE-KMS.');
}

function child(scope: SecureBucket, id: string): TerraformResource {
  const found = scope.node.tryFindChild(id);
  if (!found) throw new Error(`secure-bucket export: SecureBucket has no child ${id}`);
  return found as TerraformResource;
}

export const secureBucketModule: ModuleDefinition = {
  name: 'secure-bucket',
  title: 'S3 bucket with every guard on',
  summary: `
An S3 bucket (the \`SecureBucket\` construct of \`modules/storage\`) with public access blocked, ACLs disabled
(BucketOwnerEnforced), versioning, SSE-KMS with a customer-managed key and an S3 Bucket Key, a bucket policy that
refuses requests without TLS 1.2+ and uploads that ask for weaker encryption, server access logging (or a written
reason for none), a lifecycle rule for non-current versions and incomplete uploads, EventBridge notifications and
\`prevent_destroy\`.
`,
  example: `
module "bucket" {
  source = "../.."

  bucket_name = "example-data-123456789012-us-east-1"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  access_logging = {
    enabled       = true
    target_bucket = "example-access-logs-123456789012-us-east-1"
  }
}

output "bucket_arn" {
  value = module.bucket.bucket_arn
}
`,
  planOnlyRules: ['access_logging.target_bucket differs from bucket_name (a bucket must not log into itself).'],
  notes: [
    'The bucket has `lifecycle { prevent_destroy = true }` and `force_destroy = false`: a log or state bucket must survive a mistaken destroy.',
    'Not exported (use the CDKTF construct for them): SSE-S3 buckets (access-log targets), Object Lock, Glacier transition and expiration of current objects, extra bucket policy statements.',
    'The bucket policy is complete as generated; Terraform allows one `aws_s3_bucket_policy` per bucket, so a caller cannot add statements to it without replacing the module\'s policy.',
  ],
  build,
};
