import { Construct } from 'constructs';
import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Ec2InstanceMetadataDefaults } from '@cdktf/provider-aws/lib/ec2-instance-metadata-defaults';
import type { AwsPartition } from '../core/regions';
import { requireIntegerInRange } from '../core/errors';
import { ebsKeyGrant } from '../kms/grants';
import { EncryptionKey, type IEncryptionKey } from '../kms/key';

export interface Ec2RegionalDefaultsProps {
  /** Account the defaults apply to (12 digits). */
  readonly accountId: string;
  /** Partition of the account (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: AwsPartition;
  /** Region the defaults apply to (the stack's). */
  readonly region: string;
  /**
   * Alias of the EBS key created here, without `alias/`. Ignored when `ebsKey` is given.
   * @default 'ebs-default'
   */
  readonly ebsKeyAliasName?: string;
  /**
   * An existing key for EBS default encryption, which must already let EC2 use it (see `ebsKeyGrant`).
   * @default - a Regional customer-managed key is created, usable only through EC2 by this account
   * Security: a dedicated key that can only be used through EC2 keeps volume keys apart from other data.
   */
  readonly ebsKey?: IEncryptionKey;
  /** Rotation period of the created EBS key (90-2560 days). @default 365 */
  readonly ebsKeyRotationPeriodDays?: number;
  /** Deletion window of the created EBS key (7-30 days). @default 30 */
  readonly ebsKeyDeletionWindowDays?: number;
  /**
   * Hops an IMDSv2 token response may travel (1-64).
   * @default 1
   * Security: with 1, containers behind a bridge network cannot reach the instance's credentials; instances that
   * need more (some container hosts) set it in their launch template.
   */
  readonly instanceMetadataHopLimit?: number;
  /**
   * Set the Region's instance metadata defaults here (IMDSv2 required).
   * @default true
   * Security: turn off only where an organisation EC2 declarative policy sets them instead (AWS refuses per-account
   * changes to attributes a declarative policy manages); the declarative policy then enforces the same defaults.
   */
  readonly instanceMetadataDefaults?: boolean;
  /** Tags for the created key. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The Regional EC2 defaults of an account (CIS 2.2.1 and 5.6): every new EBS volume is encrypted with a
 * customer-managed key, and new instances require IMDSv2 (session tokens) unless their launch settings say otherwise.
 * EBS default encryption and IMDS defaults are Regional settings, so every Region's stack has one.
 */
export class Ec2RegionalDefaults extends Construct {
  /** The key new EBS volumes are encrypted with. */
  readonly ebsKey: IEncryptionKey;
  /** The key created here (undefined when `ebsKey` was given). */
  readonly createdEbsKey: EncryptionKey | undefined;
  readonly encryptionByDefault: EbsEncryptionByDefault;
  readonly defaultKmsKey: EbsDefaultKmsKey;
  /** The per-account IMDS defaults (undefined when an organisation declarative policy sets them). */
  readonly instanceMetadataDefaults: Ec2InstanceMetadataDefaults | undefined;

  constructor(scope: Construct, id: string, props: Ec2RegionalDefaultsProps) {
    super(scope, id);
    const hopLimit = props.instanceMetadataHopLimit ?? 1;
    requireIntegerInRange(this, 'instanceMetadataHopLimit', hopLimit, 1, 64, 'hops');

    this.createdEbsKey = props.ebsKey
      ? undefined
      : new EncryptionKey(this, 'ebs-key', {
          accountId: props.accountId,
          partition: props.partition,
          region: props.region,
          aliasName: props.ebsKeyAliasName ?? 'ebs-default',
          description: `Default EBS encryption key for ${props.region}, usable only through EC2 by account ${props.accountId}`,
          rotationPeriodDays: props.ebsKeyRotationPeriodDays,
          deletionWindowDays: props.ebsKeyDeletionWindowDays,
          viaServiceGrants: [ebsKeyGrant(props.partition, props.region, props.accountId)],
          tags: props.tags,
        });
    this.ebsKey = props.ebsKey ?? this.createdEbsKey!;

    this.defaultKmsKey = new EbsDefaultKmsKey(this, 'DefaultKmsKey', { keyArn: this.ebsKey.keyArn });
    this.encryptionByDefault = new EbsEncryptionByDefault(this, 'EncryptionByDefault', {
      enabled: true,
      dependsOn: [this.defaultKmsKey],
    });
    this.instanceMetadataDefaults =
      props.instanceMetadataDefaults === false
        ? undefined
        : new Ec2InstanceMetadataDefaults(this, 'InstanceMetadataDefaults', {
            httpTokens: 'required',
            httpEndpoint: 'enabled',
            httpPutResponseHopLimit: hopLimit,
            instanceMetadataTags: 'disabled',
          });
  }
}
