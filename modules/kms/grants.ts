import type { AwsPartition } from '../core/regions';
import type { PolicyConditions } from '../iam/policy-document';
import { oneOrList } from '../core/lists';

/** Actions a key administrator gets: manage, never use. */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
] as const;

/** Actions a key user gets. */
export const KEY_USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'] as const;

/** What `grantDecrypt` allows: read data encrypted under the key (and describe it, as SDKs do first). */
export const KEY_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;

/** What `grantEncrypt` allows: encrypt and generate data keys, never decrypt. */
export const KEY_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'] as const;

/** Cryptographic actions a key administrator is explicitly denied, so no IAM policy can let them read data. */
export const KEY_CRYPTO_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:GenerateMac', 'kms:Sign'] as const;

/**
 * Condition keys that tie a service principal's use of a key to one account or resource. A service grant must use at
 * least one of them (or an encryption-context key), or any customer of the service could make it use this key.
 */
export const CONFUSED_DEPUTY_CONDITION_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'kms:CallerAccount'] as const;

/** An AWS service principal allowed to use the key, with the conditions that stop confused-deputy use. */
export interface KeyServiceGrant {
  /** Service principal, e.g. `logs.us-east-1.amazonaws.com`. */
  readonly principal: string;
  /** KMS actions the service may call. */
  readonly actions: readonly string[];
  /**
   * Conditions tying the use to this account and resource: `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOrgID`,
   * `kms:CallerAccount` or a `kms:EncryptionContext:*` key naming the resource.
   * Security: required, so the service cannot use the key on behalf of another account.
   */
  readonly conditions: PolicyConditions;
  /** Statement id. @default - derived from the principal, e.g. `ServiceLogs` */
  readonly sid?: string;
}

/**
 * Any principal of one account may use the key, but only through the named AWS services (`kms:ViaService`) and only
 * when the call comes from that account (`kms:CallerAccount`). This is how the AWS-managed keys (aws/ebs, aws/rds...)
 * are shared with every principal allowed to use the service.
 */
export interface KeyViaServiceGrant {
  /** Service endpoints the calls must come through, e.g. `ec2.us-east-1.amazonaws.com`. */
  readonly viaServices: readonly string[];
  /** The only account whose principals may use the key (12 digits). */
  readonly callerAccount: string;
  /** KMS actions allowed. @default KEY_USER_ACTIONS */
  readonly actions?: readonly string[];
  /**
   * Also allow `kms:CreateGrant`, only when the grant is for an AWS resource (`kms:GrantIsForAWSResource`), which
   * services such as EC2 need to attach encrypted volumes.
   * @default false
   */
  readonly allowGrantsForAwsResources?: boolean;
  /** Statement id prefix. @default - derived from the services, e.g. `ViaEc2` */
  readonly sid?: string;
}

/** DNS suffix of service principals in a partition. */
function principalSuffix(partition: AwsPartition): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export interface CloudWatchLogsKeyGrantOptions {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly accountId: string;
  /** Log group names (glob) the key may encrypt. @default '*' - every log group of the account in the Region */
  readonly logGroupNamePattern?: string;
}

/**
 * CloudWatch Logs may use the key only for log groups of this account and Region: the
 * `kms:EncryptionContext:aws:logs:arn` condition names the log group, which the service always sends.
 */
export function cloudWatchLogsKeyGrant(options: CloudWatchLogsKeyGrantOptions): KeyServiceGrant {
  const logGroups = `arn:${options.partition}:logs:${options.region}:${options.accountId}:log-group:${options.logGroupNamePattern ?? '*'}`;
  return {
    sid: 'CloudWatchLogsForThisAccount',
    principal: `logs.${options.region}.${principalSuffix(options.partition)}`,
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroups } },
  };
}

export interface SourceAccountKeyGrantOptions {
  readonly partition: AwsPartition;
  /** Service name without the suffix, e.g. `cloudtrail`, `sns`, `events`. */
  readonly service: string;
  /** Account on whose behalf the service acts. */
  readonly accountId: string;
  /** Resources on whose behalf the service acts (`aws:SourceArn`, globs allowed). @default - any resource of the account */
  readonly sourceArns?: readonly string[];
  readonly actions: readonly string[];
  readonly sid?: string;
}

/** A service principal that may use the key only on behalf of one account (and optionally named resources). */
export function sourceAccountKeyGrant(options: SourceAccountKeyGrantOptions): KeyServiceGrant {
  const conditions: Record<string, Record<string, string | readonly string[]>> = {
    StringEquals: { 'aws:SourceAccount': options.accountId },
  };
  if (options.sourceArns && options.sourceArns.length > 0) {
    conditions.ArnLike = { 'aws:SourceArn': oneOrList(options.sourceArns) };
  }
  return {
    sid: options.sid,
    principal: `${options.service}.${principalSuffix(options.partition)}`,
    actions: options.actions,
    conditions,
  };
}

export interface ViaServiceKeyGrantOptions {
  readonly partition: AwsPartition;
  /** Service names, e.g. `['ec2']`; the Regional endpoint is built from `region`. */
  readonly services: readonly string[];
  readonly region: string;
  readonly accountId: string;
  readonly actions?: readonly string[];
  readonly allowGrantsForAwsResources?: boolean;
  readonly sid?: string;
}

/** Principals of the account may use the key through the named services in one Region. */
export function viaServiceKeyGrant(options: ViaServiceKeyGrantOptions): KeyViaServiceGrant {
  return {
    viaServices: options.services.map((service) => `${service}.${options.region}.${principalSuffix(options.partition)}`),
    callerAccount: options.accountId,
    actions: options.actions,
    allowGrantsForAwsResources: options.allowGrantsForAwsResources,
    sid: options.sid,
  };
}

/**
 * What EBS encryption by default needs from a customer-managed key: every principal of the account that may launch
 * instances or create volumes (including the Auto Scaling service-linked role) uses the key through EC2 only.
 */
export function ebsKeyGrant(partition: AwsPartition, region: string, accountId: string): KeyViaServiceGrant {
  return viaServiceKeyGrant({ partition, services: ['ec2'], region, accountId, allowGrantsForAwsResources: true, sid: 'EbsViaEc2' });
}
