import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import { Statement } from '../iam/statement';

/**
 * Grants for an investigation role in another account to read the organisation trail. The trail's bucket (log-archive
 * account) and key (management account) are created before the role exists, and S3 and KMS refuse a policy that
 * names a role that does not exist yet; so each grant names the role's ACCOUNT as principal and pins the role by
 * `aws:PrincipalArn`: nobody else in that account gets anything. Separate statements with their own Sids, so
 * they sit beside the bucket's delivery statements without touching them.
 */
export interface TrailReader {
  readonly partition: AwsPartition;
  /** Account of the investigation role. */
  readonly accountId: string;
  /** The role's ARN. */
  readonly roleArn: string;
}

/** Bucket policy statements: list the trail's prefix, read its objects; nothing else. */
export function trailReaderBucketStatements(bucketArn: string, organizationId: string, reader: TrailReader): Statement[] {
  const pinned = { ArnEquals: { 'aws:PrincipalArn': reader.roleArn } };
  return [
    Statement.allow({
      sid: 'InvestigationListTrail',
      principal: { AWS: arn.accountRoot(reader.partition, reader.accountId) },
      actions: ['s3:ListBucket', 's3:GetBucketLocation'],
      resources: [bucketArn],
      conditions: pinned,
    }),
    Statement.allow({
      sid: 'InvestigationReadTrail',
      principal: { AWS: arn.accountRoot(reader.partition, reader.accountId) },
      actions: ['s3:GetObject'],
      resources: [`${bucketArn}/AWSLogs/${organizationId}/*`],
      conditions: pinned,
    }),
  ];
}

/** Key policy statement: decrypt trail log files, only through S3 in the trail's Region. */
export function trailReaderKeyStatement(region: string, reader: TrailReader): Statement {
  return Statement.allow({
    sid: 'InvestigationDecryptTrail',
    principal: { AWS: arn.accountRoot(reader.partition, reader.accountId) },
    actions: ['kms:Decrypt'],
    resources: ['*'],
    conditions: {
      ArnEquals: { 'aws:PrincipalArn': reader.roleArn },
      StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` },
    },
  });
}
