import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { AccountContext } from '../core/account-context';
import { arn } from '../core/arn';
import { EncryptionKey } from '../kms/key';
import { accessLogDeliveryStatement } from '../storage/access-log-delivery';
import { SecureBucket } from '../storage/secure-bucket';

export interface TerraformStateBackendProps extends AccountContext {
  /** The state bucket's name (3 to 63 characters; its access-log bucket is named from its first 57 and `-logs`). */
  readonly bucketName: string;
  /** Alias of the state key, without `alias/`; backends name the key by this alias. */
  readonly keyAliasName: string;
  /** Description of the state key. */
  readonly keyDescription: string;
  /**
   * Name of a DynamoDB lock table.
   * @default - no table (S3 lock files, or no locking)
   */
  readonly lockTableName?: string;
}

/**
 * What an S3 Terraform backend needs: a rotating KMS key (30-day deletion window), a versioned state bucket (SSE-KMS,
 * TLS-only policy, public access blocked, access logs, `prevent_destroy`), its access-log bucket, and optionally a
 * DynamoDB lock table (encrypted with the state key, point-in-time recovery, deletion protection).
 */
export class TerraformStateBackend extends Construct {
  readonly stateKey: EncryptionKey;
  readonly stateBucket: SecureBucket;
  readonly accessLogBucket: SecureBucket;
  readonly lockTable: DynamodbTable | undefined;

  constructor(scope: Construct, id: string, props: TerraformStateBackendProps) {
    super(scope, id);
    const { partition, accountId, region, bucketName } = props;
    const logBucketName = `${bucketName.slice(0, 57)}-logs`;

    this.stateKey = new EncryptionKey(this, 'state-key', {
      accountId,
      partition,
      region,
      aliasName: props.keyAliasName,
      description: props.keyDescription,
      deletionWindowDays: 30,
    });

    this.accessLogBucket = new SecureBucket(this, 'state-access-logs', {
      bucketName: logBucketName,
      partition,
      s3ManagedEncryptionReason: 'S3 server access logs can only be delivered to a bucket whose default encryption is SSE-S3.',
      accessLogging: { disabledReason: 'This is the access-log bucket; logging it into itself would loop.' },
      // The statement id the deployed policies have always had.
      policyStatements: [{ ...accessLogDeliveryStatement(arn.bucket(partition, logBucketName), accountId, [arn.bucket(partition, bucketName)]), Sid: 'AllowS3ServerAccessLogDelivery' }],
    });

    this.stateBucket = new SecureBucket(this, 'state-bucket', {
      bucketName,
      partition,
      encryptionKey: this.stateKey,
      // After the log bucket's policy: S3 refuses PutBucketLogging until the logging service may write to the target.
      accessLogging: { targetBucket: this.accessLogBucket.bucketName, prefix: 'state-bucket/', targetBucketPolicy: this.accessLogBucket.policy },
    });

    this.lockTable = props.lockTableName
      ? new DynamodbTable(this, 'lock-table', {
          name: props.lockTableName,
          billingMode: 'PAY_PER_REQUEST',
          hashKey: 'LockID',
          attribute: [{ name: 'LockID', type: 'S' }],
          serverSideEncryption: { enabled: true, kmsKeyArn: this.stateKey.keyArn },
          pointInTimeRecovery: { enabled: true },
          deletionProtectionEnabled: true,
          lifecycle: { preventDestroy: true },
        })
      : undefined;
  }
}
