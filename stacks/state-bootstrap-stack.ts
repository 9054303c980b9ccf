import type { Construct } from 'constructs';
import type { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { Account, Organization } from '../config/organization';
import type { EncryptionKey } from '../modules/kms/key';
import { TerraformStateBackend } from '../modules/state/state-backend';
import type { SecureBucket } from '../modules/storage/secure-bucket';
import { AccountStack } from './account-stack';
import { s3StateLocation } from './backend';
import { bootstrapStackName } from './naming';

/**
 * Creates what the s3 state mode needs in a state-holding account (`TerraformStateBackend`: key, state bucket, its
 * access-log bucket, the DynamoDB lock table when that locking is chosen). Its own state is local: it cannot live in
 * the bucket it creates.
 */
export class StateBootstrapStack extends AccountStack {
  readonly stateKey: EncryptionKey;
  readonly stateBucket: SecureBucket;
  readonly accessLogBucket: SecureBucket;
  readonly lockTable: DynamodbTable | undefined;

  constructor(scope: Construct, org: Organization, holder: Account) {
    const location = s3StateLocation(org, holder);
    super(scope, { org, account: holder, region: location.region, stackName: bootstrapStackName(holder), forceLocalState: true });
    // The id `Default` is left out of logical ids: the resources keep the addresses they had when this stack built them.
    const backend = new TerraformStateBackend(this, 'Default', {
      ...this.accountContext,
      bucketName: location.bucketName,
      keyAliasName: location.keyAliasName,
      keyDescription: `${org.name} Terraform state encryption`,
      lockTableName: location.lockTableName,
    });
    this.stateKey = backend.stateKey;
    this.stateBucket = backend.stateBucket;
    this.accessLogBucket = backend.accessLogBucket;
    this.lockTable = backend.lockTable;
  }
}
