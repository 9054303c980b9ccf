import { Construct } from 'constructs';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { arn } from '../../core/arn';
import { ValidationError } from '../../core/errors';
import { AwsManagedPolicy, Policy, Role, Statement, Trust } from '../../iam';
import { CONFIG_SNAPSHOT_FREQUENCIES, type ConfigSnapshotFrequency } from './managed-rules';
import type { AccountContext } from '../../core/account-context';

/** What rules and packs need from a recorder: something to depend on, so they are created once it records. */
export interface IConfigRecorder {
  /** The recorder status resource (rules and conformance packs wait for it). */
  readonly status: ConfigConfigurationRecorderStatus;
}

/** The recorder runs in `accountId` and `region` (the role's name carries the Region, as IAM names are global). */
export interface ConfigRecorderProps extends AccountContext {
  /** The bucket Config delivers to (usually the log-archive account's). */
  readonly bucketName: string;
  /**
   * Key prefix in the bucket, without slashes at either end.
   * @default "config"
   */
  readonly s3KeyPrefix?: string;
  /**
   * Account owning the bucket's default-encryption key, and the key's alias, when the bucket uses SSE-KMS: the
   * recorder role may generate data keys with that key only.
   * @default - the bucket uses SSE-S3
   * Security: configuration history names every resource; a customer-managed key keeps it readable only by design.
   */
  readonly bucketKey?: { readonly accountId: string; readonly region: string; readonly aliasName: string };
  /**
   * Record global resource types (IAM users, groups, roles, policies) in this Region. Set it in one Region per
   * account (the home Region): recording them everywhere repeats every IAM change once per Region.
   * @default true
   * Security: IAM changes are recorded exactly once per account.
   */
  readonly includeGlobalResourceTypes?: boolean;
  /**
   * How often configuration snapshots are delivered.
   * @default "TwentyFour_Hours"
   * Security: none; changes are recorded continuously either way.
   */
  readonly snapshotFrequency?: ConfigSnapshotFrequency;
  /**
   * Name of the recorder's IAM role.
   * @default "config-recorder-<region>"
   */
  readonly roleName?: string;
  /**
   * Name of the recorder (one per account and Region). Changing it replaces the recorder: an adopted recorder keeps
   * its existing name.
   * @default "default"
   */
  readonly recorderName?: string;
  /**
   * Name of the delivery channel (one per account and Region); changing it replaces the channel.
   * @default "default"
   */
  readonly deliveryChannelName?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * AWS Config for one account and Region: a recorder of every supported resource type (CIS 3.3), continuous, through a
 * role that may only read configurations and write its own account's path in the delivery bucket; the delivery
 * channel; and the recorder turned on.
 */
export class ConfigRecorder extends Construct implements IConfigRecorder {
  readonly recorder: ConfigConfigurationRecorder;
  readonly deliveryChannel: ConfigDeliveryChannel;
  readonly status: ConfigConfigurationRecorderStatus;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const prefix = props.s3KeyPrefix ?? 'config';
    const frequency = props.snapshotFrequency ?? 'TwentyFour_Hours';
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(prefix)) {
      throw new ValidationError(this, 's3KeyPrefix', prefix, 'must be an S3 key prefix without leading or trailing "/", e.g. "config"');
    }
    if (!(CONFIG_SNAPSHOT_FREQUENCIES as readonly string[]).includes(frequency)) {
      throw new ValidationError(this, 'snapshotFrequency', frequency, `must be one of ${CONFIG_SNAPSHOT_FREQUENCIES.join(', ')}`);
    }
    const bucketArn = arn.bucket(props.partition, props.bucketName);

    const statements = [
      Statement.allow({ sid: 'CheckDeliveryBucket', actions: ['s3:GetBucketAcl'], resources: [bucketArn] }),
      Statement.allow({
        sid: 'WriteOwnAccountPath',
        actions: ['s3:PutObject'],
        resources: [`${bucketArn}/${prefix}/AWSLogs/${props.accountId}/Config/*`],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    ];
    if (props.bucketKey) {
      const key = props.bucketKey;
      statements.push(
        Statement.allow({
          sid: 'EncryptWithBucketKey',
          actions: ['kms:GenerateDataKey'],
          resources: [`arn:${props.partition}:kms:${key.region}:${key.accountId}:key/*`],
          conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/${key.aliasName}` } },
        }),
      );
    }
    this.role = new Role(this, 'Role', {
      roleName: props.roleName ?? `config-recorder-${props.region}`,
      description: `AWS Config recorder in ${props.region}`,
      partition: props.partition,
      accountId: props.accountId,
      trust: [Trust.service('config.amazonaws.com', { sourceAccount: props.accountId })],
      managedPolicies: [AwsManagedPolicy.of(props.partition, 'service-role/AWS_ConfigRole')],
      inlinePolicies: { 'deliver-to-bucket': Policy.of(...statements) },
      tags: props.tags,
    });

    this.recorder = new ConfigConfigurationRecorder(this, 'Recorder', {
      name: props.recorderName ?? 'default',
      roleArn: this.role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true },
      recordingMode: { recordingFrequency: 'CONTINUOUS' },
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, 'DeliveryChannel', {
      name: props.deliveryChannelName ?? 'default',
      s3BucketName: props.bucketName,
      s3KeyPrefix: prefix,
      snapshotDeliveryProperties: { deliveryFrequency: frequency },
      dependsOn: [this.recorder],
    });
    this.status = new ConfigConfigurationRecorderStatus(this, 'Status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
    });
  }
}
