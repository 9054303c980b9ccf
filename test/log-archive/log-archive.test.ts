import { Testing } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { LogArchive, logArchiveNames, type LogArchiveProps } from '../../modules/log-archive';
import { evaluate } from '../support/iam-eval';
import { resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const LOG_ARCHIVE = '222222222222';
const MEMBER = '555555555555';
const ORG = 'o-a1b2c3d4e5';
const names = logArchiveNames('acme', LOG_ARCHIVE, 'us-east-1');

const minimal: LogArchiveProps = {
  partition: 'aws',
  accountId: LOG_ARCHIVE,
  region: 'us-east-1',
  organizationId: ORG,
  names,
  keyDescription: 'acme security logs',
  objectLock: { mode: 'COMPLIANCE', retentionDays: 365 },
};

const full: LogArchiveProps = {
  ...minimal,
  cloudTrail: { trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/acme-organization-trail', trailAccountId: '111111111111' },
  config: { prefix: 'config', roleNamePattern: 'acme-config-recorder-*' },
  guardDutyFindings: { accountId: '333333333333', regions: ['us-east-1'], prefix: 'guardduty' },
};

describe('logArchiveNames', () => {
  it('names every bucket <prefix>-<what>-<account>, the access-log bucket also by Region', () => {
    expect(names).toEqual({
      trailBucket: 'acme-cloudtrail-222222222222',
      configBucket: 'acme-config-222222222222',
      findingsBucket: 'acme-findings-222222222222',
      flowLogsBucket: 'acme-flow-logs-222222222222',
      accessLogsBucket: 'acme-s3-logs-222222222222-us-east-1',
      securityLogsKeyAlias: 'acme/security-logs',
    });
  });
});

describe('LogArchive', () => {
  it('builds only the flow-log and access-log buckets and the key when no trail, Config or findings export is given', () => {
    const stack = testStack();
    const archive = new LogArchive(stack, 'log-archive', minimal);
    const synthesized = Testing.synth(stack);
    expect(resourcesOfType(JSON.parse(synthesized), 'aws_s3_bucket').map((b) => b.bucket).sort()).toEqual([names.flowLogsBucket, names.accessLogsBucket].sort());
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(archive.trailBucket ?? archive.configBucket ?? archive.findingsBucket).toBeUndefined();
  });

  it('builds the CloudTrail, Config and findings buckets when asked, Object Lock on the evidence buckets', () => {
    const stack = testStack();
    new LogArchive(stack, 'log-archive', full);
    const synthesized = Testing.synth(stack);
    const buckets = resourcesOfType(JSON.parse(synthesized), 'aws_s3_bucket');
    expect(buckets.map((b) => b.bucket).sort()).toEqual([names.accessLogsBucket, names.configBucket, names.findingsBucket, names.flowLogsBucket, names.trailBucket].sort());
    for (const name of [names.trailBucket, names.configBucket, names.flowLogsBucket]) {
      expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: name, object_lock_enabled: true });
    }
    expect(resourcesOfType(JSON.parse(synthesized), 'aws_s3_bucket_object_lock_configuration')).toHaveLength(3);
    expect(synthesized).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } } });
  });

  it("lets log delivery write each account's flow logs into that account's own prefix only, and denies principals outside the organisation", async () => {
    const archive = new LogArchive(testStack(), 'log-archive', minimal);
    const objectOf = (prefixAccount: string) => `${archive.flowLogsBucket.bucketArn}/AWSLogs/${prefixAccount}/vpcflowlogs/us-east-1/x.log.gz`;
    const delivery = (account: string, prefixAccount: string, orgId = ORG) => ({
      principal: 'delivery.logs.amazonaws.com',
      action: 's3:PutObject',
      resource: objectOf(prefixAccount),
      resourceAccount: LOG_ARCHIVE,
      resourcePolicy: archive.flowLogsBucket.policyJson,
      context: {
        'aws:PrincipalIsAWSService': 'true', 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3',
        'aws:SourceAccount': account, 'aws:SourceOrgID': orgId, 'aws:SourceArn': `arn:aws:logs:us-east-1:${account}:*`, 's3:x-amz-acl': 'bucket-owner-full-control',
      },
    });
    // account A (MEMBER) into its own prefix: allowed; into account B's (LOG_ARCHIVE) prefix: denied
    expect(await evaluate(delivery(MEMBER, MEMBER))).toBe('Allowed');
    expect(await evaluate(delivery(MEMBER, LOG_ARCHIVE))).toBe('ImplicitlyDenied');
    expect(await evaluate(delivery(LOG_ARCHIVE, LOG_ARCHIVE))).toBe('Allowed');
    // an account of another organisation, even into its own prefix
    expect(await evaluate(delivery('999999999999', '999999999999', 'o-zzzzzzzzzz'))).toBe('ImplicitlyDenied');
    const outsider = { principal: 'arn:aws:iam::999999999999:role/x', action: 's3:GetObject', resource: objectOf(MEMBER), resourceAccount: LOG_ARCHIVE, resourcePolicy: archive.flowLogsBucket.policyJson };
    expect(await evaluate({ ...outsider, identityPolicies: [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }], context: { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3', 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false' } })).toBe('ExplicitlyDenied');
  });

  it('passes policy variables to Terraform escaped ($${aws:SourceAccount}), so AWS receives them literally', () => {
    const stack = testStack();
    new LogArchive(stack, 'log-archive', full);
    const policies = resourcesOfType(JSON.parse(Testing.synth(stack)), 'aws_s3_bucket_policy').map((p) => String(p.policy));
    const flowLogs = policies.find((p) => p.includes('FlowLogDeliveryWrite'));
    expect(flowLogs).toContain(`/AWSLogs/$\${aws:SourceAccount}/*`);
    const config = policies.find((p) => p.includes('ConfigRolesWriteOwnAccountPath'));
    expect(config).toContain(`/config/AWSLogs/$\${aws:PrincipalAccount}/Config/*`);
    expect(config).toContain(`/config/AWSLogs/$\${aws:SourceAccount}/Config/*`);
  });

  describe('the security-logs key', () => {
    const archive = new LogArchive(testStack(), 'log-archive', full);
    const key = archive.securityLogsKey;
    const keyArn = `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:key/0000`;
    const call = (principal: string, action: string, context: Record<string, string>) =>
      evaluate({ principal, action, resource: keyArn, resourcePolicy: key.policyJson, identityPolicies: [{ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }], context });
    const recorder = `arn:aws:iam::${MEMBER}:role/acme-config-recorder-us-east-1`;
    const inOrg = { 'aws:PrincipalOrgID': ORG, 'aws:PrincipalArn': recorder, 'kms:ViaService': 's3.us-east-1.amazonaws.com' };

    it('lets member Config recorder roles generate data keys through S3 only, and no member principal decrypt', async () => {
      expect(await call(recorder, 'kms:GenerateDataKey', inOrg)).toBe('Allowed');
      expect(await call(recorder, 'kms:GenerateDataKey', { ...inOrg, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' })).toBe('ImplicitlyDenied');
      expect(await call(recorder, 'kms:Decrypt', inOrg)).toBe('ImplicitlyDenied');
      const admin = `arn:aws:iam::${MEMBER}:role/admin`;
      expect(await call(admin, 'kms:GenerateDataKey', { ...inOrg, 'aws:PrincipalArn': admin })).toBe('ImplicitlyDenied');
      expect(await call(admin, 'kms:Decrypt', { ...inOrg, 'aws:PrincipalArn': admin })).toBe('ImplicitlyDenied');
    });

    it('lets log delivery and AWS Config use it only for accounts of the organisation, GuardDuty only for its administrator', async () => {
      const service = (principal: string, action: string, orgId: string, account = MEMBER) =>
        evaluate({ principal, action, resource: keyArn, resourcePolicy: key.policyJson, context: { 'aws:SourceOrgID': orgId, 'aws:SourceAccount': account } });
      expect(await service('delivery.logs.amazonaws.com', 'kms:GenerateDataKey', ORG)).toBe('Allowed');
      expect(await service('delivery.logs.amazonaws.com', 'kms:GenerateDataKey', 'o-zzzzzzzzzz')).toBe('ImplicitlyDenied');
      expect(await service('delivery.logs.amazonaws.com', 'kms:Encrypt', ORG)).toBe('ImplicitlyDenied');
      expect(await service('config.amazonaws.com', 'kms:GenerateDataKey', ORG)).toBe('Allowed');
      expect(await service('config.amazonaws.com', 'kms:GenerateDataKey', 'o-zzzzzzzzzz')).toBe('ImplicitlyDenied');
      expect(await service('guardduty.amazonaws.com', 'kms:Decrypt', ORG, '333333333333')).toBe('ImplicitlyDenied');
    });
  });

  it('passes terraform validate and plan', () => {
    const { outdir } = synthConstruct((scope) => new LogArchive(scope, 'log-archive', full), 'log-archive-module-test');
    expectValidAndPlannable(outdir);
  });
});
