import { Construct } from 'constructs';
import type { AccountContext } from '../core/account-context';
import { arn } from '../core/arn';
import { configBucketStatements, configDeliveryKeyGrant, type ConfigDeliverySources } from '../detection/aws-config/delivery-statements';
import { cloudTrailBucketStatements } from '../detection/cloudtrail/bucket-statements';
import { guardDutyExportBucketStatements, guardDutyExportKeyGrant, type GuardDutyExportSource } from '../detection/guardduty/findings-export';
import { EncryptionKey } from '../kms/key';
import { SecureBucket, type ObjectLockSettings } from '../storage/secure-bucket';
import { accessLogDeliveryStatement, flowLogDeliveryStatements, organizationOnlyStatement } from './bucket-statements';
import { configRecorderRolesKeyStatement } from './key-statements';
import type { LogArchiveNames } from './names';

export interface LogArchiveProps extends AccountContext {
  /**
   * The organisation (`o-...`): every bucket denies principals outside it, and delivery services may write only for
   * its accounts (`aws:SourceOrgID`), each account only into its own prefix.
   * Security: no policy lists accounts, so the policies stay under AWS's size limits at any organisation size.
   */
  readonly organizationId: string;
  /** Bucket names and the key alias (`logArchiveNames`). */
  readonly names: LogArchiveNames;
  /** Description of the security-logs key. */
  readonly keyDescription: string;
  /** Object Lock of the CloudTrail, Config and flow-log buckets (WORM: a compromised admin cannot erase history). */
  readonly objectLock: ObjectLockSettings;
  /**
   * The organisation trail that writes into the CloudTrail bucket.
   * @default - no CloudTrail bucket
   */
  readonly cloudTrail?: { readonly trailArn: string; readonly trailAccountId: string };
  /**
   * The AWS Config recorders that deliver into the Config bucket (under the key's grant).
   * @default - no Config bucket
   */
  readonly config?: Pick<ConfigDeliverySources, 'prefix' | 'roleNamePattern'>;
  /**
   * The GuardDuty administrator whose detectors export findings into the findings bucket.
   * @default - no findings bucket
   */
  readonly guardDutyFindings?: Omit<GuardDutyExportSource, 'partition'>;
}

/**
 * The organisation's log archive (log-archive account, home Region): the CloudTrail bucket (Object Lock, SSE-S3
 * because of digest files), the Config bucket (Object Lock, SSE-KMS), the GuardDuty findings bucket (SSE-KMS), the
 * central VPC flow-log bucket (Object Lock, SSE-KMS), all organisation-only and access-logged into a fifth bucket;
 * and the key of the SSE-KMS buckets.
 */
export class LogArchive extends Construct {
  /** The key of the Config, findings and flow-log buckets. */
  readonly securityLogsKey: EncryptionKey;
  /** The bucket of the other buckets' S3 server access logs. */
  readonly accessLogsBucket: SecureBucket;
  readonly trailBucket: SecureBucket | undefined;
  readonly configBucket: SecureBucket | undefined;
  readonly findingsBucket: SecureBucket | undefined;
  readonly flowLogsBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const { partition, accountId, names, organizationId } = props;
    const bucketArn = (name: string) => arn.bucket(partition, name);
    const configSources: ConfigDeliverySources | undefined = props.config
      ? { partition, prefix: props.config.prefix, roleNamePattern: props.config.roleNamePattern, organizationId }
      : undefined;
    const findingsSource: GuardDutyExportSource | undefined = props.guardDutyFindings ? { partition, ...props.guardDutyFindings } : undefined;

    this.securityLogsKey = new EncryptionKey(this, 'security-logs-key', {
      accountId,
      partition,
      region: props.region,
      aliasName: names.securityLogsKeyAlias,
      description: props.keyDescription,
      serviceGrants: [
        ...(configSources ? [configDeliveryKeyGrant(configSources)] : []),
        ...(findingsSource ? [guardDutyExportKeyGrant(findingsSource)] : []),
        {
          sid: 'LogDeliveryEncryptsFlowLogs',
          principal: 'delivery.logs.amazonaws.com',
          // Log delivery only writes: data keys, and Decrypt only because S3 needs it to complete multipart uploads
          // of SSE-KMS objects. No Encrypt/ReEncrypt (S3 never calls them for SSE-KMS).
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt', 'kms:DescribeKey'],
          conditions: { StringEquals: { 'aws:SourceOrgID': organizationId } },
        },
      ],
    });
    if (configSources) {
      // The Config recorder roles of the organisation's accounts encrypt their deliveries through S3 (their own IAM
      // policy names the key by alias): data keys only, only through S3 in this Region, only for the recorder roles.
      // Nobody outside the log-archive account is granted Decrypt.
      this.securityLogsKey.addToResourcePolicy(configRecorderRolesKeyStatement(partition, props.region, organizationId, configSources.roleNamePattern));
    }

    const logged = [
      props.cloudTrail && names.trailBucket,
      configSources && names.configBucket,
      findingsSource && names.findingsBucket,
      names.flowLogsBucket,
    ].filter((b): b is string => typeof b === 'string');
    this.accessLogsBucket = new SecureBucket(this, 's3-access-logs-bucket', {
      bucketName: names.accessLogsBucket,
      partition,
      s3ManagedEncryptionReason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS',
      accessLogging: { disabledReason: 'This is the access-log bucket itself; logging it into itself would log every log write' },
      policyStatements: [
        ...(logged.length > 0 ? [accessLogDeliveryStatement(bucketArn(names.accessLogsBucket), accountId, logged.map(bucketArn))] : []),
        organizationOnlyStatement(bucketArn(names.accessLogsBucket), organizationId),
      ],
    });
    // A reference, not the name: the target bucket must exist before logging can point at it.
    // After the access-log bucket's policy: S3 refuses PutBucketLogging until the logging service may write to the target.
    const accessLogging = (bucket: string) => ({ targetBucket: this.accessLogsBucket.bucket.bucket, prefix: `${bucket}/`, targetBucketPolicy: this.accessLogsBucket.policy });

    this.trailBucket = props.cloudTrail
      ? new SecureBucket(this, 'cloudtrail-bucket', {
          bucketName: names.trailBucket,
          partition,
          // Log files are SSE-KMS with the trail key (set on the trail); digest files, which prove the logs unaltered,
          // are always written with SSE-S3, and a bucket that refused non-KMS uploads would refuse them.
          s3ManagedEncryptionReason: 'CloudTrail writes digest files with SSE-S3 whatever the bucket default; log files are encrypted by CloudTrail with the trail key',
          accessLogging: accessLogging(names.trailBucket),
          objectLock: props.objectLock,
          policyStatements: [
            ...cloudTrailBucketStatements(bucketArn(names.trailBucket), { ...props.cloudTrail, organizationId }),
            organizationOnlyStatement(bucketArn(names.trailBucket), organizationId),
          ],
        })
      : undefined;
    this.configBucket = configSources
      ? new SecureBucket(this, 'config-bucket', {
          bucketName: names.configBucket,
          partition,
          encryptionKey: this.securityLogsKey,
          accessLogging: accessLogging(names.configBucket),
          objectLock: props.objectLock,
          policyStatements: [...configBucketStatements(bucketArn(names.configBucket), configSources), organizationOnlyStatement(bucketArn(names.configBucket), organizationId)],
        })
      : undefined;
    this.findingsBucket = findingsSource
      ? new SecureBucket(this, 'findings-bucket', {
          bucketName: names.findingsBucket,
          partition,
          encryptionKey: this.securityLogsKey,
          accessLogging: accessLogging(names.findingsBucket),
          policyStatements: [
            ...guardDutyExportBucketStatements(bucketArn(names.findingsBucket), findingsSource),
            organizationOnlyStatement(bucketArn(names.findingsBucket), organizationId),
          ],
        })
      : undefined;
    // The central flow-log bucket, for VPCs whose flow logs go to the log archive (network flowLogs.destination).
    this.flowLogsBucket = new SecureBucket(this, 'flow-logs-bucket', {
      bucketName: names.flowLogsBucket,
      partition,
      encryptionKey: this.securityLogsKey,
      accessLogging: accessLogging(names.flowLogsBucket),
      objectLock: props.objectLock,
      policyStatements: [
        ...flowLogDeliveryStatements(bucketArn(names.flowLogsBucket), { partition, organizationId }),
        organizationOnlyStatement(bucketArn(names.flowLogsBucket), organizationId),
      ],
    });
  }
}
