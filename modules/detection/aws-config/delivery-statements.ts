import type { AwsPartition } from '../../core/regions';
import type { PolicyStatement } from '../../iam/policy-document';
import type { KeyServiceGrant } from '../../kms';
import { oneOrList } from '../../core/lists';
import { arn } from '../../core/arn';

/** Who delivers Config data to a central bucket. */
export interface ConfigDeliverySources {
  readonly partition: AwsPartition;
  /** Accounts whose recorders deliver (12 digits each). */
  readonly accountIds: readonly string[];
  /** Key prefix of the delivery channels, without slashes at either end. @default "config" */
  readonly prefix?: string;
  /** Name pattern of the recorders' IAM roles (`*` allowed), e.g. `example-config-recorder-*`. */
  readonly roleNamePattern: string;
  /** The organisation the recorder roles belong to (`aws:PrincipalOrgID`). */
  readonly organizationId: string;
}

/**
 * Central Config bucket statements: AWS Config of the listed accounts (through its service principal, or the
 * recorder roles) may check the bucket ACL, list it, and write objects under `<prefix>/AWSLogs/<account>/Config/`,
 * with `bucket-owner-full-control`.
 */
export function configBucketStatements(bucketArn: string, sources: ConfigDeliverySources): PolicyStatement[] {
  const prefix = sources.prefix ?? 'config';
  const accounts = oneOrList(sources.accountIds);
  // One pattern, not a path per account: the policy must stay under S3's 20 KB limit with hundreds of accounts.
  const paths = `${bucketArn}/${prefix}/AWSLogs/*/Config/*`;
  const roles = arn.role(sources.partition, '*', sources.roleNamePattern);
  // The roles are named, not listed by account: the policy stays the same size whatever the number of accounts.
  const recorderRoles = { StringEquals: { 'aws:PrincipalOrgID': sources.organizationId }, StringLike: { 'aws:PrincipalArn': roles } };
  return [
    {
      Sid: 'ConfigChecksBucket',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: { 'aws:SourceAccount': accounts } },
    },
    {
      Sid: 'ConfigWritesOwnAccountPath',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: paths,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': accounts } },
    },
    {
      Sid: 'ConfigRolesCheckBucket',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: recorderRoles,
    },
    {
      Sid: 'ConfigRolesWriteOwnAccountPath',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: paths,
      Condition: { ...recorderRoles, StringEquals: { ...recorderRoles.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ];
}

/** The key grant AWS Config's service principal needs to write to a bucket whose default encryption is this key. */
export function configDeliveryKeyGrant(sources: ConfigDeliverySources): KeyServiceGrant {
  return {
    sid: 'ConfigEncryptsDeliveries',
    principal: 'config.amazonaws.com',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    conditions: { StringEquals: { 'aws:SourceAccount': oneOrList(sources.accountIds) } },
  };
}
