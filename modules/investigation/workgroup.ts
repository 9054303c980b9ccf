import { Construct } from 'constructs';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import type { AccountContext } from '../core/account-context';
import { ValidationError } from '../core/errors';
import { EncryptionKey } from '../kms';
import { SecureBucket } from '../storage/secure-bucket';

export interface InvestigationWorkgroupProps extends AccountContext {
  /** Workgroup name (letters, digits, `._-`, up to 128). */
  readonly workgroupName: string;
  /** Bucket for query results. */
  readonly resultsBucketName: string;
  /** Alias of the results key (without `alias/`). */
  readonly keyAliasName: string;
  /** Days query results are kept. @default 30 */
  readonly resultsRetentionDays?: number;
  /**
   * Largest scan of one query, in bytes (Athena bills per byte scanned).
   * @default 107374182400 (100 GiB)
   * Security: a runaway query across years of logs cannot cost without limit.
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /** Why the results bucket keeps no server access logs. */
  readonly accessLogsDisabledReason: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An Athena workgroup whose settings queries cannot override: results go to a secure bucket (versioned, public
 * access blocked, TLS only), encrypted with the workgroup's own customer managed key; CloudWatch metrics on; a
 * per-query scan limit.
 */
export class InvestigationWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroup;
  readonly key: EncryptionKey;
  readonly resultsBucket: SecureBucket;
  readonly workgroupName: string;
  readonly workgroupArn: string;

  constructor(scope: Construct, id: string, props: InvestigationWorkgroupProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(props.workgroupName)) {
      throw new ValidationError(this, 'workgroupName', props.workgroupName, 'must be 1-128 letters, digits, ".", "_" or "-"');
    }
    const cutoff = props.bytesScannedCutoffPerQuery ?? 107374182400;
    if (!Number.isInteger(cutoff) || cutoff < 10485760) throw new ValidationError(this, 'bytesScannedCutoffPerQuery', cutoff, 'must be a whole number of bytes, at least 10485760 (10 MiB, the Athena minimum)');
    this.workgroupName = props.workgroupName;
    this.workgroupArn = `arn:${props.partition}:athena:${props.region}:${props.accountId}:workgroup/${props.workgroupName}`;
    this.key = new EncryptionKey(this, 'Key', {
      partition: props.partition,
      accountId: props.accountId,
      region: props.region,
      aliasName: props.keyAliasName,
      description: `Encrypts the query results of the ${props.workgroupName} Athena workgroup`,
      tags: props.tags,
    });
    this.resultsBucket = new SecureBucket(this, 'Results', {
      bucketName: props.resultsBucketName,
      partition: props.partition,
      encryptionKey: this.key,
      accessLogging: { disabledReason: props.accessLogsDisabledReason },
      expirationDays: props.resultsRetentionDays ?? 30,
      noncurrentVersionExpirationDays: 7,
      tags: props.tags,
    });
    this.workgroup = new AthenaWorkgroup(this, 'Resource', {
      name: props.workgroupName,
      description: 'Security investigations over the organisation trail',
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucketName}/results/`,
          expectedBucketOwner: props.accountId,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: this.key.keyArn },
        },
      },
      tags: props.tags ? { ...props.tags } : undefined,
    });
  }
}
