import type { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { Account, Organization } from '../config/organization';
import { EncryptionKey } from '../modules/kms/key';
import { SecureBucket } from '../modules/storage/secure-bucket';
import { AccountStack } from './account-stack';
import { s3StateLocation } from './backend';
import { bootstrapStackName } from './naming';

/**
 * Creates what the s3 state mode needs in a state-holding account: a rotating KMS key, a versioned state bucket
 * (SSE-KMS, TLS-only policy, public access blocked, access logs, `prevent_destroy`), its access-log bucket, and the
 * DynamoDB lock table when that locking is chosen. Its own state is local: it cannot live in the bucket it creates.
 */
export class StateBootstrapStack extends AccountStack {
  readonly stateKey: EncryptionKey;
  readonly stateBucket: SecureBucket;
  readonly accessLogBucket: SecureBucket;
  readonly lockTable: DynamodbTable | undefined;

  constructor(scope: Construct, org: Organization, holder: Account) {
    const location = s3StateLocation(org, holder);
    super(scope, { org, account: holder, region: location.region, stackName: bootstrapStackName(holder), forceLocalState: true });

    this.stateKey = new EncryptionKey(this, 'state-key', {
      accountId: holder.id,
      partition: org.partition,
      region: location.region,
      aliasName: location.keyAliasName,
      description: `${org.name} Terraform state encryption`,
      deletionWindowDays: 30,
    });

    this.accessLogBucket = new SecureBucket(this, 'state-access-logs', {
      bucketName: `${location.bucketName.slice(0, 57)}-logs`,
      partition: org.partition,
      s3ManagedEncryptionReason: 'S3 server access logs can only be delivered to a bucket whose default encryption is SSE-S3.',
      accessLogging: { disabledReason: 'This is the access-log bucket; logging it into itself would loop.' },
      policyStatements: [
        {
          Sid: 'AllowS3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:${org.partition}:s3:::${location.bucketName.slice(0, 57)}-logs/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': holder.id },
            ArnLike: { 'aws:SourceArn': `arn:${org.partition}:s3:::${location.bucketName}` },
          },
        },
      ],
    });

    this.stateBucket = new SecureBucket(this, 'state-bucket', {
      bucketName: location.bucketName,
      partition: org.partition,
      encryptionKey: this.stateKey,
      // After the log bucket's policy: S3 refuses PutBucketLogging until the logging service may write to the target.
      accessLogging: { targetBucket: this.accessLogBucket.bucketName, prefix: 'state-bucket/', targetBucketPolicy: this.accessLogBucket.policy },
    });

    this.lockTable = location.lockTableName
      ? new DynamodbTable(this, 'lock-table', {
          name: location.lockTableName,
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
