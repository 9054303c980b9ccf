import type { PolicyStatement } from '../../iam/policy-document';
import { oneOrList } from '../../core/lists';

/** Where a trail writes and who it is. */
export interface TrailDeliverySource {
  /** The trail's ARN (`aws:SourceArn` of CloudTrail's requests). */
  readonly trailArn: string;
  /** The account that owns the trail. */
  readonly trailAccountId: string;
  /** The organisation id, for an organisation trail (member accounts' logs go under `AWSLogs/<org id>/`). */
  readonly organizationId?: string;
  /** Key prefix of the trail in the bucket. @default - none */
  readonly s3KeyPrefix?: string;
}

/**
 * The CloudTrail bucket policy statements: CloudTrail may read the bucket ACL and write log files under the trail's
 * paths only, only with `bucket-owner-full-control`, and only for this trail (`aws:SourceArn`).
 */
export function cloudTrailBucketStatements(bucketArn: string, source: TrailDeliverySource): PolicyStatement[] {
  const prefix = source.s3KeyPrefix ? `${source.s3KeyPrefix}/` : '';
  const paths = [`${bucketArn}/${prefix}AWSLogs/${source.trailAccountId}/*`];
  if (source.organizationId) paths.push(`${bucketArn}/${prefix}AWSLogs/${source.organizationId}/*`);
  const fromTrail = { 'aws:SourceArn': source.trailArn };
  return [
    {
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucketArn,
      Condition: { StringEquals: fromTrail },
    },
    {
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: oneOrList(paths),
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...fromTrail } },
    },
  ];
}
