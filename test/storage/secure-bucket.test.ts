import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Construct } from 'constructs';
import type { IEncryptionKey } from '../../modules/kms';
import { SecureBucket, type SecureBucketProps } from '../../modules/storage';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, resourcesOfType, synthConstruct, testStack, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** Stack name of the validated test stack (the Checkov gate scans it too). */
const STACK = 'secure-bucket-test';

const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const key: IEncryptionKey = { keyArn: KEY_ARN, aliasArn: `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:alias/test/data` };

const baseProps: SecureBucketProps = {
  bucketName: 'example-data-123456789012',
  partition: 'aws',
  encryptionKey: key,
  accessLogging: { targetBucket: 'example-access-logs-123456789012' },
};

function bucketIn(scope: Construct, props: Partial<SecureBucketProps> = {}, id = 'data-bucket'): SecureBucket {
  return new SecureBucket(scope, id, { ...baseProps, ...props } as SecureBucketProps);
}

interface Statement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function bucketPolicy(stack: SynthesizedStack, bucket = 'example-data-123456789012'): { Statement: Statement[] } {
  const policies = resourcesOfType(stack, 'aws_s3_bucket_policy');
  const bucketResource = Object.entries(stack.resource?.aws_s3_bucket ?? {}).find(([, r]) => r.bucket === bucket)![0];
  const policy = policies.find((p) => p.bucket === `\${aws_s3_bucket.${bucketResource}.id}`)!;
  return JSON.parse(policy.policy as string) as { Statement: Statement[] };
}

describe('SecureBucket', () => {
  describe('with a customer-managed key, access logs, lifecycle and Object Lock', () => {
    const { outdir, stack, synthesized } = synthConstruct((scope) => {
      bucketIn(scope, {
        noncurrentVersionExpirationDays: 90,
        transitionToGlacierDays: 30,
        expirationDays: 400,
        objectLock: { mode: 'GOVERNANCE', retentionDays: 365 },
      });
      bucketIn(
        scope,
        {
          bucketName: 'example-access-logs-123456789012',
          encryptionKey: undefined,
          s3ManagedEncryptionReason: 'S3 server access logs can only be delivered to SSE-S3 buckets.',
          accessLogging: { disabledReason: 'This is the access-log bucket; logging it into itself would loop.' },
        },
        'access-logs',
      );
    }, STACK);

    /** The `${aws_s3_bucket.<id>.id}` reference of one of the two buckets (by construct id). */
    const bucketRef = (id: 'data-bucket' | 'access-logs') => expect.stringMatching(new RegExp(`^\\$\\{aws_s3_bucket\\.${id}_[0-9A-F]{8}\\.id\\}$`));
    const BOTH = ['data-bucket', 'access-logs'] as const;

    it('refuses destroy and never force-deletes objects', () => {
      expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
        bucket: 'example-data-123456789012',
        force_destroy: false,
        object_lock_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
      expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: 'example-access-logs-123456789012', force_destroy: false, lifecycle: { prevent_destroy: true } });
      expect(resourcesOfType(stack, 'aws_s3_bucket')).toHaveLength(2);
    });

    it('blocks all public access and disables ACLs on both buckets', () => {
      for (const id of BOTH) {
        expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
          bucket: bucketRef(id),
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        });
        expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, { bucket: bucketRef(id), rule: { object_ownership: 'BucketOwnerEnforced' } });
      }
      expect(resourcesOfType(stack, 'aws_s3_bucket_public_access_block')).toHaveLength(2);
    });

    it('versions every bucket', () => {
      expect(resourcesOfType(stack, 'aws_s3_bucket_versioning')).toHaveLength(2);
      for (const id of BOTH) expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { bucket: bucketRef(id), versioning_configuration: { status: 'Enabled' } });
    });

    it('encrypts with the key and an S3 Bucket Key, or SSE-S3 for the access-log bucket', () => {
      expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: bucketRef('data-bucket'),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: KEY_ARN }, bucket_key_enabled: true }],
      });
      expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: bucketRef('access-logs'),
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
    });

    it('denies non-TLS requests, old TLS and weaker encryption on upload', () => {
      const policy = bucketPolicy(stack);
      expect(policy.Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'DenyWeakerEncryptionOnPut']);
      const arn = 'arn:aws:s3:::example-data-123456789012';
      expect(policy.Statement[0]).toEqual({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      expect(policy.Statement[2]).toMatchObject({
        Action: 's3:PutObject',
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] }, Null: { 's3:x-amz-server-side-encryption': 'false' } },
      });
      // The SSE-S3 bucket has no KMS upload rule (S3 log delivery sends no encryption header).
      expect(bucketPolicy(stack, 'example-access-logs-123456789012').Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls']);
    });

    it('logs access to the log bucket, and only the log bucket has none', () => {
      expect(synthesized).toHaveResourceWithProperties(S3BucketLoggingA, {
        bucket: bucketRef('data-bucket'),
        target_bucket: 'example-access-logs-123456789012',
        target_prefix: 'example-data-123456789012/',
      });
      expect(resourcesOfType(stack, 'aws_s3_bucket_logging')).toHaveLength(1);
    });

    it('has a lifecycle with transition, expiration, non-current expiry and multipart clean-up', () => {
      expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        bucket: bucketRef('data-bucket'),
        rule: [
          expect.objectContaining({
            status: 'Enabled',
            abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
            noncurrent_version_expiration: [{ noncurrent_days: 90 }],
            transition: [{ days: 30, storage_class: 'GLACIER' }],
            expiration: [{ days: 400 }],
          }),
        ],
      });
      expect(resourcesOfType(stack, 'aws_s3_bucket_lifecycle_configuration')).toHaveLength(2);
    });

    it('sets Object Lock default retention', () => {
      expect(synthesized).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
        bucket: bucketRef('data-bucket'),
        rule: { default_retention: { mode: 'GOVERNANCE', days: 365 } },
      });
      expect(resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration')).toHaveLength(1);
    });

    it('sends the events of both buckets to EventBridge', () => {
      expect(resourcesOfType(stack, 'aws_s3_bucket_notification')).toHaveLength(2);
      for (const id of BOTH) expect(synthesized).toHaveResourceWithProperties(S3BucketNotification, { bucket: bucketRef(id), eventbridge: true });
    });

    it('passes terraform validate and plan', () => {
      expectValidAndPlannable(outdir);
    });
  });

  describe('bucket policy, evaluated', () => {
    const bucket = bucketIn(testStack());
    const object = `${bucket.bucketArn}/reports/2024.csv`;
    const reader = `arn:aws:iam::${TEST_ACCOUNT_ID}:role/Reader`;
    const allowS3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const base = { principal: reader, resource: object, resourceAccount: TEST_ACCOUNT_ID, resourcePolicy: bucket.policyJson, identityPolicies: [allowS3] };

    it('allows a permitted principal over TLS 1.2', async () => {
      expect(await evaluate({ ...base, action: 's3:GetObject', context: { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.2' } })).toBe('Allowed');
    });

    it('denies a request not made over TLS, whatever IAM allows', async () => {
      expect(await evaluate({ ...base, action: 's3:GetObject', context: { 'aws:SecureTransport': 'false' } })).toBe('ExplicitlyDenied');
      expect(await evaluate({ ...base, action: 's3:ListBucket', resource: bucket.bucketArn, context: { 'aws:SecureTransport': 'false' } })).toBe('ExplicitlyDenied');
    });

    it('denies TLS older than 1.2', async () => {
      expect(await evaluate({ ...base, action: 's3:GetObject', context: { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.1' } })).toBe('ExplicitlyDenied');
    });

    it('denies an upload that asks for SSE-S3 instead of the bucket key', async () => {
      const tls = { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' };
      expect(await evaluate({ ...base, action: 's3:PutObject', context: { ...tls, 's3:x-amz-server-side-encryption': 'AES256' } })).toBe('ExplicitlyDenied');
      expect(await evaluate({ ...base, action: 's3:PutObject', context: { ...tls, 's3:x-amz-server-side-encryption': 'aws:kms' } })).toBe('Allowed');
      expect(await evaluate({ ...base, action: 's3:PutObject', context: { ...tls, 's3:x-amz-server-side-encryption': 'aws:kms:dsse' } })).toBe('Allowed');
      // No header: the bucket's KMS default encrypts the object (and AWS services deliver this way).
      expect(await evaluate({ ...base, action: 's3:PutObject', context: tls })).toBe('Allowed');
    });
  });

  describe('validation', () => {
    it.each(['Upper-Case', 'ab', 'a..b', '-leading'])('fails when bucketName is %p', (bucketName) => {
      expect(() => bucketIn(testStack(), { bucketName })).toThrow(/bucketName must be 3-63 lower-case letters/);
    });

    it('fails when there is neither an encryption key nor a reason for SSE-S3', () => {
      expect(() => bucketIn(testStack(), { encryptionKey: undefined })).toThrow(/encryptionKey is required; SSE-S3 is allowed only with s3ManagedEncryptionReason/);
    });

    it('fails when the SSE-S3 reason is not a sentence', () => {
      expect(() => bucketIn(testStack(), { encryptionKey: undefined, s3ManagedEncryptionReason: 'logs' })).toThrow(/s3ManagedEncryptionReason must explain/);
    });

    it('fails when both an encryption key and an SSE-S3 reason are given', () => {
      expect(() => bucketIn(testStack(), { s3ManagedEncryptionReason: 'S3 access logs need SSE-S3 buckets.' })).toThrow(/s3ManagedEncryptionReason must not be set together with encryptionKey/);
    });

    it('fails when access logging is off without a reason', () => {
      expect(() => bucketIn(testStack(), { accessLogging: { disabledReason: 'no' } })).toThrow(/accessLogging\.disabledReason must explain/);
    });

    it('fails when the bucket logs into itself', () => {
      expect(() => bucketIn(testStack(), { accessLogging: { targetBucket: baseProps.bucketName } })).toThrow(/accessLogging\.targetBucket must be another bucket/);
    });

    it.each([0, 36501, 1.5])('fails when objectLock.retentionDays is %p', (retentionDays) => {
      expect(() => bucketIn(testStack(), { objectLock: { mode: 'COMPLIANCE', retentionDays } })).toThrow(/objectLock\.retentionDays must be a whole number from 1 to 36500 days/);
    });

    it('fails when the Object Lock mode is unknown', () => {
      expect(() => bucketIn(testStack(), { objectLock: { mode: 'LEGAL' as 'COMPLIANCE', retentionDays: 1 } })).toThrow(/objectLock\.mode must be "GOVERNANCE" or "COMPLIANCE"/);
    });

    it('fails when objects would expire before their Object Lock retention ends', () => {
      expect(() => bucketIn(testStack(), { objectLock: { mode: 'COMPLIANCE', retentionDays: 365 }, expirationDays: 30 })).toThrow(/expirationDays must not be shorter than objectLock\.retentionDays \(365\)/);
    });

    it('fails when expiration is not after the transition', () => {
      expect(() => bucketIn(testStack(), { transitionToGlacierDays: 90, expirationDays: 90 })).toThrow(/expirationDays must be later than transitionToGlacierDays \(90\)/);
    });

    it.each([
      ['noncurrentVersionExpirationDays', { noncurrentVersionExpirationDays: 0 }],
      ['transitionToGlacierDays', { transitionToGlacierDays: -1 }],
      ['expirationDays', { expirationDays: 40000 }],
    ] as const)('fails when %s is out of range', (prop, props) => {
      expect(() => bucketIn(testStack(), props)).toThrow(new RegExp(`${prop} must be a whole number from 1 to 36500 days`));
    });
  });
});
