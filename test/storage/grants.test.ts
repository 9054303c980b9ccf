import { Testing } from 'cdktf';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Grantee, Statement } from '../../modules/iam';
import { EncryptionKey, type IEncryptionKey } from '../../modules/kms';
import { BUCKET_READ_ACTIONS, BUCKET_WRITE_ACTIONS, SecureBucket, type SecureBucketProps } from '../../modules/storage';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const READER = Grantee.fromArn(role('Reader'));
const WRITER = Grantee.fromArn(role('Writer'));
const TLS = { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3' };

const bucketProps = (encryptionKey: IEncryptionKey): SecureBucketProps => ({
  bucketName: 'example-data-123456789012',
  partition: 'aws',
  encryptionKey,
  accessLogging: { targetBucket: 'example-access-logs-123456789012' },
});

function keyAndBucket() {
  const stack = testStack();
  const key = new EncryptionKey(stack, 'key', { accountId: ACCOUNT, partition: 'aws', region: 'us-east-1', aliasName: 'test/data', description: 'data' });
  const bucket = new SecureBucket(stack, 'bucket', bucketProps(key));
  return { stack, key, bucket };
}

describe('SecureBucket grants', () => {
  const { key, bucket } = keyAndBucket();
  const readGrant = bucket.grantRead(READER);
  const writeGrant = bucket.grantWrite(WRITER);
  const object = `${bucket.bucketArn}/reports/2024.csv`;
  /** Only the bucket policy (and, for KMS, the key policy) decides: the principals have no identity policy. */
  const onBucket = (principal: string, action: string, resource = object, context: Record<string, string> = TLS) =>
    evaluate({ principal, action, resource, resourceAccount: ACCOUNT, resourcePolicy: bucket.policyJson, context });
  const onKey = (principal: string, action: string) => evaluate({ principal, action, resource: KEY_ARN, resourcePolicy: key.policyJson });

  it('grantRead lets the reader get objects and list the bucket, over TLS only', async () => {
    expect(await onBucket(READER.grantPrincipalArn, 's3:GetObject')).toBe('Allowed');
    expect(await onBucket(READER.grantPrincipalArn, 's3:ListBucket', bucket.bucketArn)).toBe('Allowed');
    expect(await onBucket(READER.grantPrincipalArn, 's3:GetObject', object, { 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    expect(await onBucket(READER.grantPrincipalArn, 's3:PutObject')).toBe('ImplicitlyDenied');
  });

  it('grantRead also lets the reader decrypt with the bucket key, and nothing more', async () => {
    expect(await onKey(READER.grantPrincipalArn, 'kms:Decrypt')).toBe('Allowed');
    expect(await onKey(READER.grantPrincipalArn, 'kms:Encrypt')).toBe('ImplicitlyDenied');
  });

  it('grantWrite lets the writer put and delete current objects, never versions or retention', async () => {
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:PutObject')).toBe('Allowed');
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:DeleteObject')).toBe('Allowed');
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:DeleteObjectVersion')).toBe('ImplicitlyDenied');
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:PutObjectRetention')).toBe('ImplicitlyDenied');
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:GetObject')).toBe('ImplicitlyDenied');
    // The baseline deny still wins: an upload asking for SSE-S3 is refused whatever was granted.
    expect(await onBucket(WRITER.grantPrincipalArn, 's3:PutObject', object, { ...TLS, 's3:x-amz-server-side-encryption': 'AES256' })).toBe('ExplicitlyDenied');
  });

  it('grantWrite also lets the writer encrypt and decrypt with the key (multipart uploads decrypt their parts)', async () => {
    expect(await onKey(WRITER.grantPrincipalArn, 'kms:GenerateDataKey')).toBe('Allowed');
    expect(await onKey(WRITER.grantPrincipalArn, 'kms:Decrypt')).toBe('Allowed');
  });

  it('returns one grant with the bucket and the key access', () => {
    expect(readGrant.access).toEqual([
      { actions: BUCKET_READ_ACTIONS, resourceArns: [bucket.bucketArn, `${bucket.bucketArn}/*`] },
      { actions: ['kms:Decrypt', 'kms:DescribeKey'], resourceArns: [key.keyArn] },
    ]);
    expect(writeGrant.access[0]).toEqual({ actions: BUCKET_WRITE_ACTIONS, resourceArns: [bucket.bucketArn, `${bucket.bucketArn}/*`] });
  });

  it('grantReadWrite is both, in one bucket statement', () => {
    const { bucket: b } = keyAndBucket();
    b.grantReadWrite(READER);
    const granted = b.policyStatements.filter((s) => s.Effect === 'Allow');
    expect(granted).toEqual([
      { Effect: 'Allow', Principal: { AWS: READER.grantPrincipalArn }, Action: [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS], Resource: [b.bucketArn, `${b.bucketArn}/*`] },
    ]);
  });
});

describe('SecureBucket grants with a key created elsewhere', () => {
  const imported: IEncryptionKey = { keyArn: KEY_ARN, aliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/shared` };
  const bucket = new SecureBucket(testStack(), 'bucket', bucketProps(imported));
  const grant = bucket.grantRead(READER);

  it('leaves the key alone and hands the key access over as an identity policy that works', async () => {
    expect(grant.access.at(-1)).toEqual({ actions: ['kms:Decrypt', 'kms:DescribeKey'], resourceArns: [KEY_ARN] });
    const identity = grant.identityPolicy().toJson();
    // A key policy that delegates to IAM (the account root), as every key of the account does.
    const delegating = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
    expect(await evaluate({ principal: READER.grantPrincipalArn, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy: delegating, identityPolicies: [identity] })).toBe('Allowed');
    expect(await evaluate({ principal: READER.grantPrincipalArn, action: 'kms:Encrypt', resource: KEY_ARN, resourcePolicy: delegating, identityPolicies: [identity] })).toBe('ImplicitlyDenied');
  });
});

describe('SecureBucket.addToResourcePolicy', () => {
  it('adds the statement after the baseline denies in the synthesized policy', () => {
    const { stack, bucket } = keyAndBucket();
    bucket.addToResourcePolicy(Statement.allow({ sid: 'AuditorLists', principal: { AWS: role('Auditor') }, actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(S3BucketPolicy, { policy: expect.stringContaining('"Sid":"AuditorLists"') });
    const sids = bucket.policyStatements.map((s) => s.Sid);
    expect(sids).toEqual(['DenyInsecureTransport', 'DenyOutdatedTls', 'DenyWeakerEncryptionOnPut', 'AuditorLists']);
  });

  it('fails at synth when the bucket policy lint finds a public Allow, or a statement without a principal', () => {
    const { stack, bucket } = keyAndBucket();
    bucket.addToResourcePolicy(Statement.allow({ principal: '*', actions: ['s3:GetObject'], resources: [`${bucket.bucketArn}/*`] }));
    bucket.addToResourcePolicy(Statement.allow({ actions: ['s3:GetObject'], resources: [`${bucket.bucketArn}/*`] }));
    expect(() => Testing.synth(stack, true)).toThrow(/bucket policy Statement\[3\]: Allow to every principal \("\*"\) without a Condition makes the resource public/);
    expect(() => Testing.synth(stack, true)).toThrow(/bucket policy Statement\[4\]: a bucket policy statement needs a Principal/);
  });
});

describe('a bucket and key with grants, planned', () => {
  const { outdir, stack } = synthConstruct((scope) => {
    const key = new EncryptionKey(scope, 'key', { accountId: ACCOUNT, partition: 'aws', region: 'us-east-1', aliasName: 'test/data', description: 'data' });
    const bucket = new SecureBucket(scope, 'bucket', bucketProps(key));
    bucket.grantRead(READER);
    bucket.grantWrite(WRITER);
  }, 'grants-secure-bucket-test');

  it('writes the grants into the bucket and key policies', () => {
    const bucketPolicy = JSON.parse(resourcesOfType(stack, 'aws_s3_bucket_policy')[0]!.policy as string) as { Statement: Array<{ Principal?: unknown }> };
    expect(bucketPolicy.Statement.map((s) => s.Principal)).toEqual(['*', '*', '*', { AWS: READER.grantPrincipalArn }, { AWS: WRITER.grantPrincipalArn }]);
    const keyPolicy = resourcesOfType(stack, 'aws_kms_key')[0]!.policy as string;
    expect(keyPolicy).toContain('"Sid":"KeyUsersDecrypt","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/Reader"]}');
    expect(keyPolicy).toContain('"Sid":"KeyUsersEncryptDecrypt","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/Writer"]}');
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });
});
