import { Testing } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { Construct } from 'constructs';
import {
  EncryptionKey,
  KEY_USER_ACTIONS,
  cloudWatchLogsKeyGrant,
  ebsKeyGrant,
  sourceAccountKeyGrant,
  type EncryptionKeyProps,
} from '../../modules/kms';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, parseStack, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** Stack name of the validated test stack (the Checkov gate scans it too). */
const STACK = 'kms-key-test';

const ACCOUNT = TEST_ACCOUNT_ID;
const OTHER_ACCOUNT = '210987654321';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
const USER = `arn:aws:iam::${ACCOUNT}:role/App`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`;

const baseProps: EncryptionKeyProps = {
  accountId: ACCOUNT,
  partition: 'aws',
  region: 'us-east-1',
  aliasName: 'test/data',
  description: 'test data key',
};

function keyIn(scope: Construct, props: Partial<EncryptionKeyProps> = {}): EncryptionKey {
  return new EncryptionKey(scope, 'data-key', { ...baseProps, ...props });
}

interface Statement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

describe('EncryptionKey', () => {
  describe('resources', () => {
    const { outdir, stack, synthesized } = synthConstruct((scope) => {
      const key = keyIn(scope, {
        rotationPeriodDays: 180,
        deletionWindowDays: 14,
        multiRegion: true,
        administratorArns: [ADMIN],
        userArns: [USER],
        serviceGrants: [cloudWatchLogsKeyGrant({ partition: 'aws', region: 'us-east-1', accountId: ACCOUNT })],
      });
      // Grants added after construction are part of the rendered policy.
      key.addViaServiceGrant(ebsKeyGrant('aws', 'us-east-1', ACCOUNT));
    }, STACK);

    it('is one symmetric, enabled, rotating key that refuses destroy', () => {
      expect(resourcesOfType(stack, 'aws_kms_key')).toHaveLength(1);
      expect(synthesized).toHaveResourceWithProperties(KmsKey, {
        key_usage: 'ENCRYPT_DECRYPT',
        customer_master_key_spec: 'SYMMETRIC_DEFAULT',
        enable_key_rotation: true,
        rotation_period_in_days: 180,
        deletion_window_in_days: 14,
        multi_region: true,
        is_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    });

    it('has an alias pointing at the key', () => {
      expect(synthesized).toHaveResourceWithProperties(KmsAlias, {
        name: 'alias/test/data',
        target_key_id: expect.stringMatching(/^\$\{aws_kms_key\.data-key_[0-9A-F]{8}\.key_id\}$/),
      });
    });

    it('generates the key policy from roles', () => {
      const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Statement[] };
      expect(policy.Statement.map((s) => s.Sid)).toEqual([
        'AccountRootAdministers',
        'KeyAdministratorsManageNotUse',
        'KeyAdministratorsCannotUse',
        'KeyUsersEncryptDecrypt',
        'CloudWatchLogsForThisAccount',
        'EbsViaEc2',
        'EbsViaEc2Grants',
      ]);
      const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
      expect(bySid.AccountRootAdministers).toMatchObject({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*' });
      expect(bySid.KeyAdministratorsCannotUse).toMatchObject({ Effect: 'Deny', Principal: { AWS: [ADMIN] } });
      expect(bySid.KeyUsersEncryptDecrypt).toMatchObject({ Effect: 'Allow', Principal: { AWS: [USER] }, Action: [...KEY_USER_ACTIONS] });
      expect(bySid.CloudWatchLogsForThisAccount).toMatchObject({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` } },
      });
      expect(bySid.EbsViaEc2).toMatchObject({
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
      });
      expect(bySid.EbsViaEc2Grants).toMatchObject({ Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } });
    });

    it('never allows Principal "*" without conditions', () => {
      const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Statement[] };
      const wildcard = policy.Statement.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('"*"'));
      expect(wildcard.length).toBeGreaterThan(0);
      for (const statement of wildcard) expect(Object.keys(statement.Condition ?? {})).not.toHaveLength(0);
    });

    it('passes terraform validate and plan', () => {
      expectValidAndPlannable(outdir);
    });
  });

  it('defaults to 365-day rotation, a 30-day deletion window, single-Region and root-only administration', () => {
    const synthesized = Testing.synthScope((scope) => keyIn(scope));
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { rotation_period_in_days: 365, deletion_window_in_days: 30, multi_region: false, lifecycle: { prevent_destroy: true } });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/test/data' });
    const key = onlyResource(parseStack(synthesized), 'aws_kms_key');
    expect((JSON.parse(key.policy as string) as { Statement: Statement[] }).Statement.map((s) => s.Sid)).toEqual(['AccountRootAdministers']);
  });

  it('exposes a synth-time alias ARN', () => {
    expect(keyIn(testStack()).aliasArn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/test/data`);
  });

  describe('grant helpers', () => {
    it('ties a service to the account and source resources', () => {
      expect(sourceAccountKeyGrant({ partition: 'aws', service: 'cloudtrail', accountId: ACCOUNT, sourceArns: [TRAIL], actions: ['kms:GenerateDataKey*'] })).toEqual({
        sid: undefined,
        principal: 'cloudtrail.amazonaws.com',
        actions: ['kms:GenerateDataKey*'],
        conditions: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': TRAIL } },
      });
    });

    it('uses the China principal suffix in aws-cn', () => {
      expect(cloudWatchLogsKeyGrant({ partition: 'aws-cn', region: 'cn-north-1', accountId: ACCOUNT }).principal).toBe('logs.cn-north-1.amazonaws.com.cn');
      expect(ebsKeyGrant('aws-cn', 'cn-north-1', ACCOUNT).viaServices).toEqual(['ec2.cn-north-1.amazonaws.com.cn']);
    });
  });

  describe('key policy, evaluated', () => {
    const key = keyIn(testStack(), {
      administratorArns: [ADMIN],
      userArns: [USER],
      serviceGrants: [
        sourceAccountKeyGrant({ partition: 'aws', service: 'cloudtrail', accountId: ACCOUNT, sourceArns: [TRAIL], actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'], sid: 'CloudTrail' }),
      ],
      viaServiceGrants: [ebsKeyGrant('aws', 'us-east-1', ACCOUNT)],
    });
    const resourcePolicy = key.policyJson;
    const allowEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

    it('lets a key user decrypt', async () => {
      expect(await evaluate({ principal: USER, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy })).toBe('Allowed');
    });

    it('does not let a key administrator decrypt, even with an IAM policy allowing kms:*', async () => {
      expect(await evaluate({ principal: ADMIN, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy })).toBe('ExplicitlyDenied');
      expect(await evaluate({ principal: ADMIN, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy, identityPolicies: [allowEverything] })).toBe('ExplicitlyDenied');
    });

    it('lets a key administrator manage the key', async () => {
      expect(await evaluate({ principal: ADMIN, action: 'kms:ScheduleKeyDeletion', resource: KEY_ARN, resourcePolicy })).toBe('Allowed');
    });

    it('does not let another account decrypt, even with an IAM policy allowing kms:*', async () => {
      const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/App`;
      expect(await evaluate({ principal: outsider, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy, identityPolicies: [allowEverything] })).toBe('ImplicitlyDenied');
    });

    it('lets a role of the account use the key only through IAM policies (root delegation)', async () => {
      const other = `arn:aws:iam::${ACCOUNT}:role/Other`;
      expect(await evaluate({ principal: other, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy })).toBe('ImplicitlyDenied');
      expect(await evaluate({ principal: other, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy, identityPolicies: [allowEverything] })).toBe('Allowed');
    });

    it('lets a service principal use the key only with the right source account and ARN', async () => {
      const request = { principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: KEY_ARN, resourcePolicy };
      expect(await evaluate({ ...request, context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': TRAIL } })).toBe('Allowed');
      expect(await evaluate({ ...request, context: { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OTHER_ACCOUNT}:trail/x` } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ ...request, context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/other` } })).toBe('ImplicitlyDenied');
      expect(await evaluate(request)).toBe('ImplicitlyDenied');
    });

    it('lets principals of the account use the EBS grant only through EC2', async () => {
      const role = `arn:aws:iam::${ACCOUNT}:role/Launcher`;
      const viaEc2 = { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT };
      expect(await evaluate({ principal: role, action: 'kms:GenerateDataKeyWithoutPlaintext', resource: KEY_ARN, resourcePolicy, context: viaEc2 })).toBe('Allowed');
      expect(await evaluate({ principal: role, action: 'kms:CreateGrant', resource: KEY_ARN, resourcePolicy, context: { ...viaEc2, 'kms:GrantIsForAWSResource': 'true' } })).toBe('Allowed');
      expect(await evaluate({ principal: role, action: 'kms:CreateGrant', resource: KEY_ARN, resourcePolicy, context: { ...viaEc2, 'kms:GrantIsForAWSResource': 'false' } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ principal: role, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy, context: { 'kms:CallerAccount': ACCOUNT } })).toBe('ImplicitlyDenied');
      const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/Launcher`;
      expect(
        await evaluate({ principal: outsider, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy, identityPolicies: [allowEverything], context: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': OTHER_ACCOUNT } }),
      ).toBe('ImplicitlyDenied');
    });
  });

  describe('validation', () => {
    it.each([89, 2561, 365.5])('fails when rotationPeriodDays is %p', (rotationPeriodDays) => {
      expect(() => keyIn(testStack(), { rotationPeriodDays })).toThrow(/rotationPeriodDays must be a whole number from 90 to 2560 days/);
    });

    it.each([6, 31])('fails when deletionWindowDays is %p', (deletionWindowDays) => {
      expect(() => keyIn(testStack(), { deletionWindowDays })).toThrow(/deletionWindowDays must be a whole number from 7 to 30 days/);
    });

    it.each(['alias/x', 'aws/x', 'has space', ''])('fails when aliasName is %p', (aliasName) => {
      expect(() => keyIn(testStack(), { aliasName })).toThrow(/aliasName/);
    });

    it('fails when the same principal administers and uses the key', () => {
      expect(() => keyIn(testStack(), { administratorArns: [ADMIN], userArns: [ADMIN] })).toThrow(/userArns\/administratorArns must not list the same principal/);
    });

    it.each(['*', 'arn:aws:iam::*:root', 'KeyAdmin', 'arn:aws:iam::123:role/x'])('fails when a principal ARN is %p', (principal) => {
      expect(() => keyIn(testStack(), { userArns: [principal] })).toThrow(/userArns must list IAM role, user or account-root ARNs/);
    });

    it('fails when a service grant has no confused-deputy condition', () => {
      const grant = { principal: 'sns.amazonaws.com', actions: ['kms:Decrypt'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } };
      expect(() => keyIn(testStack(), { serviceGrants: [grant] })).toThrow(/serviceGrants\[\]\.conditions for sns\.amazonaws\.com must use aws:SourceAccount/);
      expect(() => keyIn(testStack(), { serviceGrants: [{ ...grant, conditions: {} }] })).toThrow(/serviceGrants\[\]\.conditions/);
    });

    it('fails when a service grant asks for kms:* or is not a service principal', () => {
      const conditions = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };
      expect(() => keyIn(testStack(), { serviceGrants: [{ principal: 'sns.amazonaws.com', actions: ['kms:*'], conditions }] })).toThrow(/serviceGrants\[\]\.actions/);
      expect(() => keyIn(testStack(), { serviceGrants: [{ principal: '*', actions: ['kms:Decrypt'], conditions }] })).toThrow(/serviceGrants\[\]\.principal/);
    });

    it('fails when a via-service grant names no Regional endpoint or a bad caller account', () => {
      expect(() => keyIn(testStack(), { viaServiceGrants: [{ viaServices: ['ec2.amazonaws.com'], callerAccount: ACCOUNT }] })).toThrow(/viaServiceGrants\[\]\.viaServices/);
      expect(() => keyIn(testStack(), { viaServiceGrants: [{ viaServices: ['ec2.us-east-1.amazonaws.com'], callerAccount: '*' }] })).toThrow(/viaServiceGrants\[\]\.callerAccount/);
    });

    it('fails when two grants share a statement id', () => {
      const grant = ebsKeyGrant('aws', 'us-east-1', ACCOUNT);
      expect(() => keyIn(testStack(), { viaServiceGrants: [grant, grant] })).toThrow(/viaServiceGrants\[\]\.sid must be unique/);
    });
  });
});
