import { Testing } from 'cdktf';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { TerraformStateBackend, type TerraformStateBackendProps } from '../../modules/state';
import { evaluate } from '../support/iam-eval';
import { synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = '123456789012';
const props: TerraformStateBackendProps = {
  partition: 'aws',
  accountId: ACCOUNT,
  region: 'us-east-1',
  bucketName: 'acme-tfstate-123456789012-us-east-1',
  keyAliasName: 'acme/terraform-state',
  keyDescription: 'acme Terraform state',
};

describe('TerraformStateBackend', () => {
  it('logs the state bucket into its own access-log bucket, and has no lock table by default', () => {
    const stack = testStack();
    const backend = new TerraformStateBackend(stack, 'state', props);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(S3BucketLoggingA, { target_bucket: 'acme-tfstate-123456789012-us-east-1-logs', target_prefix: 'state-bucket/' });
    expect(synthesized).not.toHaveResource(DynamodbTable);
    expect(backend.lockTable).toBeUndefined();
  });

  it('adds a DynamoDB lock table encrypted with the state key, protected from deletion', () => {
    const stack = testStack();
    new TerraformStateBackend(stack, 'state', { ...props, lockTableName: 'acme-tfstate-lock' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DynamodbTable, {
      name: 'acme-tfstate-lock',
      hash_key: 'LockID',
      deletion_protection_enabled: true,
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.state_state-key_F942266A.arn}' },
      lifecycle: { prevent_destroy: true },
    });
  });

  it('lets S3 log delivery write access logs of the state bucket only', async () => {
    const backend = new TerraformStateBackend(testStack(), 'state', props);
    const logs = backend.accessLogBucket;
    const request = (sourceBucket: string) => ({
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: `${logs.bucketArn}/state-bucket/2024-01-01-00-00-00-ABCDEF`,
      resourceAccount: ACCOUNT,
      resourcePolicy: logs.policyJson,
      context: { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3', 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:s3:::${sourceBucket}` },
    });
    expect(await evaluate(request(props.bucketName))).toBe('Allowed');
    expect(await evaluate(request('some-other-bucket'))).toBe('ImplicitlyDenied');
    expect(logs.policyStatements.at(-1)?.Sid).toBe('AllowS3ServerAccessLogDelivery');
  });

  it('passes terraform validate and plan', () => {
    const { outdir } = synthConstruct((scope) => new TerraformStateBackend(scope, 'state', { ...props, lockTableName: 'acme-tfstate-lock' }), 'module-state-bootstrap');
    expectValidAndPlannable(outdir);
  });
});
