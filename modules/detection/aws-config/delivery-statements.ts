import type { AwsPartition } from '../../core/regions';
import type { PolicyStatement } from '../../iam/policy-document';
import type { KeyServiceGrant } from '../../kms';
import { arn } from '../../core/arn';

/** Who delivers Config data to a central bucket. */
export interface ConfigDeliverySources {
  readonly partition: AwsPartition;
  /** Key prefix of the delivery channels, without slashes at either end. @default "config" */
  readonly prefix?: string;
  /** Name pattern of the recorders' IAM roles (`*` allowed), e.g. `example-config-recorder-*`. */
  readonly roleNamePattern: string;
  /**
   * The organisation whose accounts deliver: its recorder roles (`aws:PrincipalOrgID`) and AWS Config acting for its
   * accounts (`aws:SourceOrgID`).
   */
  readonly organizationId: string;
}

/**
 * Central Config bucket statements: AWS Config of the organisation's accounts (through its service principal, or the
 * recorder roles) may check the bucket ACL, list it, and write objects under `<prefix>/AWSLogs/<account>/Config/`
 * of its OWN account only, with `bucket-owner-full-control`. The account is a policy variable
 * (`${aws:SourceAccount}` for the service, `${aws:PrincipalAccount}` for the roles), so one account cannot write
 * into another's prefix and the policy is the same size whatever the number of accounts.
 */
export function configBucketStatements(bucketArn: string, sources: ConfigDeliverySources): PolicyStatement[] {
  const prefix = sources.prefix ?? 'config';
  // A policy variable, not a path per account: the policy must stay under S3's 20 KB limit with thousands of accounts.
  const servicePaths = `${bucketArn}/${prefix}/AWSLogs/\${aws:SourceAccount}/Config/*`;
  const rolePaths = `${bucketArn}/${prefix}/AWSLogs/\${aws:PrincipalAccount}/Config/*`;
  const fromOrganization = { 'aws:SourceOrgID': sources.organizationId };
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
      Condition: { StringEquals: fromOrganization },
    },
    {
      Sid: 'ConfigWritesOwnAccountPath',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: servicePaths,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...fromOrganization } },
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
      Resource: rolePaths,
      Condition: { ...recorderRoles, StringEquals: { ...recorderRoles.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ];
}

/**
 * The key grant AWS Config's service principal needs to write to a bucket whose default encryption is this key, only
 * when acting for an account of the organisation (`aws:SourceOrgID`: the same size for any number of accounts).
 */
export function configDeliveryKeyGrant(sources: Pick<ConfigDeliverySources, 'organizationId'>): KeyServiceGrant {
  return {
    sid: 'ConfigEncryptsDeliveries',
    principal: 'config.amazonaws.com',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    conditions: { StringEquals: { 'aws:SourceOrgID': sources.organizationId } },
  };
}
