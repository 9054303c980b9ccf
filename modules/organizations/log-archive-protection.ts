import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import type { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';
import { guardrail, type GuardrailExemption } from './guardrail-policies';

/** What the log-archive protection keeps. */
export interface LogArchiveProtectionOptions {
  readonly partition: AwsPartition;
  /** Names of the log buckets (CloudTrail, Config, findings, flow logs) and of their access-log bucket. */
  readonly bucketNames: readonly string[];
}

/** Object-level actions that would remove evidence or shorten its retention. */
export const LOG_OBJECT_DESTRUCTION_ACTIONS: readonly string[] = [
  's3:BypassGovernanceRetention',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
];

/** Bucket-level actions that would weaken a log bucket: its policy, lock, lifecycle, versioning, logging, encryption. */
export const LOG_BUCKET_WEAKENING_ACTIONS: readonly string[] = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketLogging',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketOwnershipControls',
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
];

/**
 * Key actions that would make the archive unreadable or hand it to someone else: disabling a key, scheduling its
 * deletion, rewriting its policy, switching off rotation. On every key of the account the policy is attached to (the
 * log-archive account holds only the baseline's keys).
 */
export const LOG_KEY_DESTRUCTION_ACTIONS: readonly string[] = ['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'];

/**
 * The SCP of the log-archive account: evidence cannot be destroyed from inside it. Nobody there but a break-glass
 * principal (or the baseline's deploy role, which applies the baseline's own changes to these buckets) may bypass
 * or shorten Object Lock retention, delete log objects or versions, change the log buckets' policy, lock, lifecycle,
 * versioning, logging or encryption, or disable, re-police or schedule deletion of the account's keys. The access-log
 * bucket cannot carry default retention (S3 server access logging refuses Object Lock targets): this policy is its
 * protection. AWS services delivering logs are not subject to SCPs.
 */
export function protectLogArchivePolicy(exemption: GuardrailExemption, options: LogArchiveProtectionOptions): Policy {
  if (options.bucketNames.length === 0) throw new Error('protectLogArchivePolicy: bucketNames must list the log buckets');
  const buckets = options.bucketNames.map((name) => arn.bucket(options.partition, name));
  return guardrail(
    exemption,
    Statement.deny({ sid: 'DenyLogDestruction', actions: [...LOG_OBJECT_DESTRUCTION_ACTIONS], resources: buckets.map((b) => `${b}/*`) }),
    Statement.deny({ sid: 'DenyLogBucketWeakening', actions: [...LOG_BUCKET_WEAKENING_ACTIONS], resources: buckets }),
    Statement.deny({ sid: 'DenyLogKeyDestruction', actions: [...LOG_KEY_DESTRUCTION_ACTIONS], resources: [`arn:${options.partition}:kms:*:*:key/*`] }),
  );
}
