import type { PolicyStatement } from '../iam/policy-document';
import { oneOrList } from '../core/lists';

/** Lets S3 server access logging deliver logs of the named source buckets (same account) into this bucket. */
export function accessLogDeliveryStatement(bucketArn: string, sourceAccountId: string, sourceBucketArns: readonly string[]): PolicyStatement {
  return {
    Sid: 'S3ServerAccessLogDelivery',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${bucketArn}/*`,
    Condition: {
      StringEquals: { 'aws:SourceAccount': sourceAccountId },
      ArnLike: { 'aws:SourceArn': oneOrList(sourceBucketArns) },
    },
  };
}
