import type { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';
import { guardrail, type GuardrailExemption } from './guardrail-policies';

/** The canned ACLs that grant access to everyone or to every AWS account. */
export const PUBLIC_CANNED_ACLS: readonly string[] = ['public-read', 'public-read-write', 'authenticated-read'];

/**
 * Deny making S3 data public through ACLs (guide 002), in addition to the account-level Block Public Access that
 * `protectS3PublicAccessBlockPolicy` keeps on (which already makes S3 refuse public bucket policies):
 * - `DenyPublicCannedAcls`: no bucket or object may be created or re-ACLed with a public canned ACL;
 * - `DenyS3AclsEnabledAtCreation`, `DenyS3OwnershipChanges`: buckets keep ACLs disabled (object ownership
 *   `BucketOwnerEnforced`, the default for new buckets): creating a bucket with another ownership setting, or changing
 *   a bucket's ownership controls at all, is denied, so ACL grants to AllUsers cannot take effect.
 * Public bucket policies from outside the organisation's reach are the data-perimeter RCP's job (it denies anonymous
 * and foreign principals on every bucket, whatever its policy says).
 */
export function denyPublicS3Policy(exemption: GuardrailExemption): Policy {
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyPublicCannedAcls',
      actions: ['s3:CreateBucket', 's3:PutBucketAcl', 's3:PutObject', 's3:PutObjectAcl', 's3:PutObjectVersionAcl'],
      resources: ['*'],
      conditions: { StringEquals: { 's3:x-amz-acl': PUBLIC_CANNED_ACLS } },
    }),
    Statement.deny({
      sid: 'DenyS3AclsEnabledAtCreation',
      actions: ['s3:CreateBucket'],
      resources: ['*'],
      conditions: { StringNotEquals: { 's3:x-amz-object-ownership': 'BucketOwnerEnforced' }, Null: { 's3:x-amz-object-ownership': 'false' } },
    }),
    // The catalogue gives PutBucketOwnershipControls no condition key for the new setting, so the call is denied
    // whatever it sets: new buckets are BucketOwnerEnforced already, and only the exempt principals change it.
    Statement.deny({ sid: 'DenyS3OwnershipChanges', actions: ['s3:PutBucketOwnershipControls'], resources: ['*'] }),
  );
}
