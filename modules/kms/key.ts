import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { AwsPartition } from '../../config/regions';
import { arn } from '../core/arn';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import { renderPolicy, type PolicyConditions, type PolicyStatement } from '../iam/policy-document';

/** What other constructs need to use a key. */
export interface IEncryptionKey {
  /** ARN of the key. */
  readonly keyArn: string;
  /** ARN of the key's alias, known at synth time (usable where the key ARN is not yet known, e.g. a backend). */
  readonly aliasArn: string;
}

/** An AWS service allowed to use the key, with the conditions that stop confused-deputy use. */
export interface KeyServiceGrant {
  /** Service principal, e.g. `logs.us-east-1.amazonaws.com`. */
  readonly principal: string;
  /** KMS actions the service may call. */
  readonly actions: readonly string[];
  /**
   * Conditions tying the use to this account and resource (for example `aws:SourceAccount`, `aws:SourceArn`,
   * or `kms:ViaService` + `kms:CallerAccount`).
   * Security: required and non-empty, so the service cannot use the key on behalf of another account.
   */
  readonly conditions: PolicyConditions;
  /** Statement id; defaults to one derived from the principal. */
  readonly sid?: string;
}

export interface EncryptionKeyProps {
  /** Account that owns the key. Its root principal administers the key, so IAM policies in the account can grant use. */
  readonly accountId: string;
  readonly partition: AwsPartition;
  /** Region of the key (used for the alias ARN). */
  readonly region: string;
  /** Alias without the `alias/` prefix, e.g. `example/baseline`. Required: a key without an alias cannot be audited by name. */
  readonly aliasName: string;
  /** Human-readable purpose of the key. */
  readonly description: string;
  /**
   * Days between automatic rotations of the key material (90-2560).
   * @default 365
   * Security: rotation limits how much data one key version protects; it is always on for symmetric keys.
   */
  readonly rotationPeriodDays?: number;
  /**
   * Waiting period before a scheduled deletion takes effect (7-30 days).
   * @default 30
   * Security: the longest window gives the most time to notice and cancel a malicious or mistaken deletion.
   */
  readonly deletionWindowDays?: number;
  /**
   * Create a multi-Region primary key.
   * @default false
   * Security: single-Region keys keep key material in one Region unless replication is chosen on purpose.
   */
  readonly multiRegion?: boolean;
  /**
   * Principals (role ARNs) that administer the key but cannot use it for cryptography.
   * @default [] - only the account root administers, through IAM policies
   */
  readonly administratorArns?: readonly string[];
  /**
   * Principals (role ARNs) that may encrypt, decrypt, re-encrypt, generate data keys and describe the key.
   * @default []
   */
  readonly userArns?: readonly string[];
  /**
   * AWS services that may use the key.
   * @default []
   */
  readonly serviceGrants?: readonly KeyServiceGrant[];
  /**
   * Refuse `terraform destroy` of the key.
   * @default true
   * Security: destroying a key makes every object it encrypted unreadable.
   */
  readonly preventDestroy?: boolean;
  /** Tags for the key. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Actions a key administrator gets: manage, never use. */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*',
  'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource',
  'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand',
] as const;

/** Actions a key user gets. */
export const KEY_USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'] as const;

/**
 * A symmetric customer-managed KMS key with rotation always on, the longest deletion window, `prevent_destroy`,
 * an alias, and a key policy generated from roles (account root, administrators, users, services).
 */
export class EncryptionKey extends Construct implements IEncryptionKey {
  readonly resource: KmsKey;
  readonly alias: KmsAlias;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasArn: string;
  /** The rendered key policy JSON. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const rotationPeriodDays = props.rotationPeriodDays ?? 365;
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    requireIntegerInRange(this, 'rotationPeriodDays', rotationPeriodDays, 90, 2560, 'days');
    requireIntegerInRange(this, 'deletionWindowDays', deletionWindowDays, 7, 30, 'days');
    if (!/^[a-zA-Z0-9/_-]{1,250}$/.test(props.aliasName) || props.aliasName.startsWith('aws/') || props.aliasName.startsWith('alias/')) {
      throw new ValidationError(this, 'aliasName', props.aliasName, 'must be letters, digits, "/", "_" or "-", without the "alias/" prefix and not starting with "aws/"');
    }
    for (const grant of props.serviceGrants ?? []) {
      if (Object.keys(grant.conditions).length === 0) {
        throw new ValidationError(this, 'serviceGrants[].conditions', grant.principal, 'must not be empty: add aws:SourceAccount/aws:SourceArn or kms:ViaService + kms:CallerAccount so the service cannot act for another account');
      }
    }

    this.policyJson = renderPolicy(keyPolicyStatements(props));
    this.resource = new KmsKey(this, 'Resource', {
      description: props.description,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      rotationPeriodInDays: rotationPeriodDays,
      deletionWindowInDays: deletionWindowDays,
      multiRegion: props.multiRegion ?? false,
      isEnabled: true,
      policy: this.policyJson,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.alias = new KmsAlias(this, 'Alias', {
      name: `alias/${props.aliasName}`,
      targetKeyId: this.resource.keyId,
    });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
    this.aliasArn = arn.kmsAlias(props.partition, props.region, props.accountId, `alias/${props.aliasName}`);
  }
}

function keyPolicyStatements(props: EncryptionKeyProps): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AccountRootAdministers',
      Effect: 'Allow',
      Principal: { AWS: arn.accountRoot(props.partition, props.accountId) },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (props.administratorArns && props.administratorArns.length > 0) {
    statements.push({
      Sid: 'KeyAdministratorsManageNotUse',
      Effect: 'Allow',
      Principal: { AWS: [...props.administratorArns] },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: '*',
    });
  }
  if (props.userArns && props.userArns.length > 0) {
    statements.push({
      Sid: 'KeyUsersEncryptDecrypt',
      Effect: 'Allow',
      Principal: { AWS: [...props.userArns] },
      Action: [...KEY_USER_ACTIONS],
      Resource: '*',
    });
  }
  for (const grant of props.serviceGrants ?? []) {
    statements.push({
      Sid: grant.sid ?? `Service${grant.principal.split('.')[0]!.replace(/[^A-Za-z0-9]/g, '')}`,
      Effect: 'Allow',
      Principal: { Service: grant.principal },
      Action: [...grant.actions],
      Resource: '*',
      Condition: grant.conditions,
    });
  }
  return statements;
}
