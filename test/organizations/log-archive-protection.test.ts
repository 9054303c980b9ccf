import { protectLogArchivePolicy } from '../../modules/organizations';
import { ServiceControlPolicy } from '../../modules/organizations/service-control-policy';
import { ALLOW_ALL, evaluate } from '../support/iam-policy-eval';
import { synthConstruct } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { exampleInput } from '../support/orgs';
import { parseOrganization } from '../../config';

const LOG_ARCHIVE = '222222222222';
const buckets = ['acme-cloudtrail-222222222222', 'acme-config-222222222222', 'acme-findings-222222222222', 'acme-flow-logs-222222222222', 'acme-s3-logs-222222222222-us-east-1'];
const exemption = { breakGlassTag: { key: 'break-glass', value: 'true' }, exemptPrincipalArns: ['arn:aws:iam::*:role/baseline-deploy'] };
const policy = protectLogArchivePolicy(exemption, { partition: 'aws', bucketNames: buckets });
const scp = JSON.parse(policy.toJson()) as Record<string, unknown>;

const role = (name: string) => `arn:aws:iam::${LOG_ARCHIVE}:role/${name}`;
const admin = role('log-archive-admin');
const bucket = (i: number) => `arn:aws:s3:::${buckets[i]}`;
const object = (i: number) => `${bucket(i)}/AWSLogs/555555555555/x.json.gz`;
const key = `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The key policy of a baseline key: the account root administers, so IAM policies of the account decide. */
const keyPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${LOG_ARCHIVE}:root` }, Action: 'kms:*', Resource: '*' }] };

function call(principal: string, action: string, resource: string, tags: Record<string, string> = {}, context: Record<string, string> = {}) {
  return evaluate({
    principal,
    action,
    resource,
    resourceAccount: LOG_ARCHIVE,
    ...(resource.startsWith('arn:aws:kms:') ? { resourcePolicy: keyPolicy } : {}),
    identityPolicies: [ALLOW_ALL],
    scpLevels: [[scp]],
    context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': LOG_ARCHIVE, ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])), ...context },
  });
}

describe('the log-archive SCP: evidence cannot be destroyed from inside the account (evaluated)', () => {
  it.each([
    ['bypass governance retention', 's3:BypassGovernanceRetention', object(0)],
    ['shorten an object\'s retention', 's3:PutObjectRetention', object(1)],
    ['lift a legal hold', 's3:PutObjectLegalHold', object(3)],
    ['delete a log version', 's3:DeleteObjectVersion', object(0)],
    ['hide a log behind a delete marker', 's3:DeleteObject', object(2)],
    ['delete an access log (the access-log bucket has no default retention)', 's3:DeleteObjectVersion', object(4)],
    ['rewrite a bucket policy', 's3:PutBucketPolicy', bucket(0)],
    ['delete a bucket policy', 's3:DeleteBucketPolicy', bucket(1)],
    ['change the Object Lock configuration', 's3:PutBucketObjectLockConfiguration', bucket(3)],
    ['shorten the lifecycle', 's3:PutLifecycleConfiguration', bucket(0)],
    ['suspend versioning', 's3:PutBucketVersioning', bucket(4)],
    ['switch access logging off', 's3:PutBucketLogging', bucket(1)],
    ['disable the logs\' key', 'kms:DisableKey', key],
    ['schedule the key\'s deletion', 'kms:ScheduleKeyDeletion', key],
    ['rewrite the key policy', 'kms:PutKeyPolicy', key],
  ])('denies an account administrator: %s', async (_what, action, resource) => {
    expect(await call(admin, action, resource)).toBe('ExplicitlyDenied');
  });

  it('lets a break-glass principal and the deploy role act, and readers read the logs', async () => {
    expect(await call(role('break-glass'), 's3:PutBucketPolicy', bucket(0), { 'break-glass': 'true' })).toBe('Allowed');
    expect(await call(role('break-glass'), 'kms:ScheduleKeyDeletion', key, { 'break-glass': 'true' })).toBe('Allowed');
    expect(await call(role('baseline-deploy'), 's3:PutLifecycleConfiguration', bucket(1))).toBe('Allowed');
    expect(await call(admin, 's3:GetObject', object(0))).toBe('Allowed');
    expect(await call(admin, 'kms:Decrypt', key)).toBe('Allowed');
  });

  it('leaves role-based delivery into the buckets alone (the Config recorder roles write with PutObject)', async () => {
    expect(await call(role('acme-config-recorder-us-east-1'), 's3:PutObject', `${bucket(1)}/config/AWSLogs/${LOG_ARCHIVE}/Config/x`)).toBe('Allowed');
  });

  it('is a valid SCP under the size limit that terraform validates and plans', () => {
    const { outdir } = synthConstruct((scope) => {
      new ServiceControlPolicy(scope, 'protect-log-archive', { policyName: 'acme-protect-log-archive', description: 'log archive', policy, targetIds: [LOG_ARCHIVE] });
    }, 'log-archive-scp-test');
    expect(policy.size).toBeLessThan(5120);
    expectValidAndPlannable(outdir);
  });
});

describe('the log-archive SCP in config', () => {
  it('counts toward the log-archive account\'s 5 SCPs, and the config says so with the numbers', () => {
    const input = exampleInput();
    const scps = input.identity!.serviceControlPolicies!;
    const logArchive = input.accounts.find((a) => a.role === 'log-archive')!;
    Object.assign(scps, { denyIamUsers: { enabled: true, targets: ['all-accounts'] }, regionAllowlist: { targets: ['root', logArchive.name] } });
    expect(() => parseOrganization(input, 'test')).toThrow(
      new RegExp(
        `${logArchive.id} \\(log-archive\\) would carry 7 SCPs \\(FullAWSAccess, identity\\.serviceControlPolicies\\.regionAllowlist, identity\\.serviceControlPolicies\\.protectS3PublicAccessBlock, ` +
          'identity\\.serviceControlPolicies\\.protectBreakGlass, identity\\.serviceControlPolicies\\.denyIamUsers, identity\\.serviceControlPolicies\\.protectLogArchive, organizationPolicies\\.denyPublicS3\\)',
      ),
    );
  });
});
