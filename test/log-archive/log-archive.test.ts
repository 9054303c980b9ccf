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
  organizationAccountIds: [LOG_ARCHIVE, MEMBER],
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

  it('lets log delivery write flow logs for the organisation\'s accounts only, and denies principals outside it', async () => {
    const archive = new LogArchive(testStack(), 'log-archive', minimal);
    const object = `${archive.flowLogsBucket.bucketArn}/AWSLogs/${MEMBER}/vpcflowlogs/x.log.gz`;
    const delivery = (account: string) => ({
      principal: 'delivery.logs.amazonaws.com',
      action: 's3:PutObject',
      resource: object,
      resourceAccount: LOG_ARCHIVE,
      resourcePolicy: archive.flowLogsBucket.policyJson,
      context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3', 'aws:SourceAccount': account, 'aws:SourceArn': `arn:aws:logs:us-east-1:${account}:*`, 's3:x-amz-acl': 'bucket-owner-full-control' },
    });
    expect(await evaluate(delivery(MEMBER))).toBe('Allowed');
    expect(await evaluate(delivery('999999999999'))).toBe('ImplicitlyDenied');
    const outsider = { principal: 'arn:aws:iam::999999999999:role/x', action: 's3:GetObject', resource: object, resourceAccount: LOG_ARCHIVE, resourcePolicy: archive.flowLogsBucket.policyJson };
    expect(await evaluate({ ...outsider, identityPolicies: [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }], context: { 'aws:SecureTransport': 'true', 's3:TlsVersion': '1.3', 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false' } })).toBe('ExplicitlyDenied');
  });

  it('passes terraform validate and plan', () => {
    const { outdir } = synthConstruct((scope) => new LogArchive(scope, 'log-archive', full), 'log-archive-module-test');
    expectValidAndPlannable(outdir);
  });
});
