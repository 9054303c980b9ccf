import { Testing } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Grantee, Statement } from '../../modules/iam';
import { EncryptionKey, type EncryptionKeyProps } from '../../modules/kms';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const READER = Grantee.fromArn(role('Reader'));
const WRITER = Grantee.fromArn(role('Writer'));
const APP = Grantee.fromArn(role('App'));
const ADMIN = role('KeyAdmin');

const props: EncryptionKeyProps = { accountId: ACCOUNT, partition: 'aws', region: 'us-east-1', aliasName: 'test/grants', description: 'grant tests' };

/** A key with one grant of each kind; the policy as AWS receives it. */
function grantedKey(): EncryptionKey {
  const key = new EncryptionKey(testStack(), 'key', { ...props, administratorArns: [ADMIN] });
  key.grantDecrypt(READER);
  key.grantEncrypt(WRITER);
  key.grantEncryptDecrypt(APP);
  return key;
}

describe('EncryptionKey grants', () => {
  const key = grantedKey();
  /** Only the key policy decides: the principals have no identity policy (the key policy names them directly). */
  const decide = (principal: string, action: string) => evaluate({ principal, action, resource: KEY_ARN, resourcePolicy: key.policyJson });

  it('grantDecrypt lets the reader decrypt, never encrypt', async () => {
    expect(await decide(READER.grantPrincipalArn, 'kms:Decrypt')).toBe('Allowed');
    expect(await decide(READER.grantPrincipalArn, 'kms:Encrypt')).toBe('ImplicitlyDenied');
    expect(await decide(READER.grantPrincipalArn, 'kms:GenerateDataKey')).toBe('ImplicitlyDenied');
  });

  it('grantEncrypt lets the writer encrypt and make data keys, never decrypt', async () => {
    expect(await decide(WRITER.grantPrincipalArn, 'kms:Encrypt')).toBe('Allowed');
    expect(await decide(WRITER.grantPrincipalArn, 'kms:GenerateDataKey')).toBe('Allowed');
    expect(await decide(WRITER.grantPrincipalArn, 'kms:Decrypt')).toBe('ImplicitlyDenied');
  });

  it('grantEncryptDecrypt makes the grantee a key user', async () => {
    expect(await decide(APP.grantPrincipalArn, 'kms:Decrypt')).toBe('Allowed');
    expect(await decide(APP.grantPrincipalArn, 'kms:Encrypt')).toBe('Allowed');
    expect(await decide(APP.grantPrincipalArn, 'kms:ScheduleKeyDeletion')).toBe('ImplicitlyDenied');
    expect(key.policyStatements.find((s) => s.Sid === 'KeyUsersEncryptDecrypt')?.Principal).toEqual({ AWS: [APP.grantPrincipalArn] });
  });

  it('grants nothing to a principal not named', async () => {
    expect(await decide(role('Other'), 'kms:Decrypt')).toBe('ImplicitlyDenied');
  });

  it('writes one statement per kind of grant, principals grouped', () => {
    const k = new EncryptionKey(testStack(), 'key', props);
    k.grantDecrypt(READER);
    k.grantDecrypt(Grantee.fromArn(role('Auditor')));
    k.grantDecrypt(READER);
    const decrypters = k.policyStatements.filter((s) => s.Sid === 'KeyUsersDecrypt');
    expect(decrypters).toEqual([
      { Sid: 'KeyUsersDecrypt', Effect: 'Allow', Principal: { AWS: [role('Reader'), role('Auditor')] }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
    ]);
  });

  it('returns the access as an identity policy, for a grantee whose own account must allow it too', () => {
    const grant = new EncryptionKey(testStack(), 'key', props).grantDecrypt(READER);
    expect(grant.grantee).toBe(READER);
    expect(grant.access).toEqual([{ actions: ['kms:Decrypt', 'kms:DescribeKey'], resourceArns: [expect.stringMatching(/^\$\{TfToken\[/)] }]);
    const identity = grant.identityPolicy().toDocument().Statement;
    expect(identity).toEqual([{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: expect.any(String) }]);
  });

  it('grant() adds a statement of its own for other kms: actions', async () => {
    const k = new EncryptionKey(testStack(), 'key', props);
    k.grant(APP, 'kms:GenerateMac', 'kms:VerifyMac');
    expect(k.policyStatements.at(-1)).toEqual({ Effect: 'Allow', Principal: { AWS: APP.grantPrincipalArn }, Action: ['kms:GenerateMac', 'kms:VerifyMac'], Resource: '*' });
    expect(await evaluate({ principal: APP.grantPrincipalArn, action: 'kms:GenerateMac', resource: KEY_ARN, resourcePolicy: k.policyJson })).toBe('Allowed');
  });

  it.each([
    ['kms:*', ['kms:*'], /grant actions must list kms: actions \(not "kms:\*"\)/],
    ['a non-KMS action', ['s3:GetObject'], /grant actions must list kms: actions/],
    ['no action', [], /grant actions must list kms: actions/],
  ])('fails to grant %s', (_name, actions, message) => {
    expect(() => new EncryptionKey(testStack(), 'key', props).grant(APP, ...actions)).toThrow(message);
  });

  it('fails to grant use to a key administrator (administrators are denied cryptography)', () => {
    const k = new EncryptionKey(testStack(), 'key', { ...props, administratorArns: [ADMIN] });
    expect(() => k.grantDecrypt(Grantee.fromArn(ADMIN))).toThrow(/grantDecrypt\/administratorArns must not list the same principal/);
    expect(() => k.grantEncryptDecrypt(Grantee.fromArn(ADMIN))).toThrow(/grantEncryptDecrypt\/administratorArns must not list the same principal/);
  });

  it('fails to grant to a wildcard principal', () => {
    expect(() => new EncryptionKey(testStack(), 'key', props).grantDecrypt(Grantee.fromArn('arn:aws:iam::123456789012:role/*'))).toThrow(/grantDecrypt must list IAM role, user or account-root ARNs/);
  });
});

describe('EncryptionKey.addToResourcePolicy', () => {
  it('appends the statement to the synthesized key policy', () => {
    const stack = testStack();
    const key = new EncryptionKey(stack, 'key', props);
    key.addToResourcePolicy(Statement.allow({ sid: 'AuditorDescribes', principal: { AWS: role('Auditor') }, actions: ['kms:DescribeKey', 'kms:GetKeyPolicy'], resources: ['*'] }));
    const synthesized = Testing.synth(stack);
    const keys = (JSON.parse(synthesized) as { resource: { aws_kms_key: Record<string, { policy: string }> } }).resource.aws_kms_key;
    const policy = JSON.parse(Object.values(keys)[0]!.policy) as { Statement: unknown[] };
    expect(policy.Statement.at(-1)).toEqual({ Sid: 'AuditorDescribes', Effect: 'Allow', Principal: { AWS: role('Auditor') }, Action: ['kms:DescribeKey', 'kms:GetKeyPolicy'], Resource: '*' });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, policy: expect.stringContaining('"Sid":"AuditorDescribes"') });
  });

  it('fails when the Sid is taken by a generated statement', () => {
    const key = new EncryptionKey(testStack(), 'key', props);
    expect(() => key.addToResourcePolicy(Statement.allow({ sid: 'KeyUsersEncryptDecrypt', principal: { AWS: role('X') }, actions: ['kms:Decrypt'], resources: ['*'] }))).toThrow(
      /addToResourcePolicy\[\]\.sid must be unique in the key policy/,
    );
  });

  it('fails at synth when the key policy lint finds a public Allow, or an unknown action', () => {
    const stack = testStack();
    const key = new EncryptionKey(stack, 'key', props);
    key.addToResourcePolicy(Statement.allow({ principal: '*', actions: ['kms:Decrypt'], resources: ['*'] }));
    key.addToResourcePolicy(Statement.allow({ principal: { AWS: role('X') }, actions: ['kms:Decrypted'], resources: ['*'] }));
    expect(() => Testing.synth(stack, true)).toThrow(/key policy Statement\[\d+\]: Allow to every principal \("\*"\) without a Condition makes the resource public/);
    expect(() => Testing.synth(stack, true)).toThrow(/"kms:Decrypted" is not a known kms action/);
  });
});

describe('a key with grants, planned', () => {
  const { outdir, stack } = synthConstruct((scope) => {
    const key = new EncryptionKey(scope, 'key', props);
    key.grantDecrypt(READER);
    key.grantEncrypt(WRITER);
    key.grantEncryptDecrypt(APP);
  }, 'kms-grants-test');

  it('carries every grant in the key policy', () => {
    const sids = (JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Array<{ Sid?: string }> }).Statement.map((s) => s.Sid);
    expect(sids).toEqual(['AccountRootAdministers', 'KeyUsersEncryptDecrypt', 'KeyUsersDecrypt', 'KeyUsersEncrypt']);
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });
});
