import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Testing } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Trail, cloudTrailBucketStatements, type TrailProps } from '../../modules/detection/cloudtrail';
import { organizationOnlyStatement } from '../../modules/log-archive';
import { SecureBucket } from '../../modules/storage';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const ORG_ID = 'o-a1b2c3d4e5';
const MEMBER = '555555555555';
const OUTSIDER = '210987654321';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const READER = 'arn:aws:iam::333333333333:role/security-auditor';
const BUCKET = 'example-cloudtrail-222222222222';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

const props: TrailProps = {
  trailName: 'org-trail',
  partition: 'aws',
  accountId: ACCOUNT,
  region: 'us-east-1',
  bucketName: BUCKET,
  logReaderArns: [READER],
};

interface Statement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

describe('Trail', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    new Trail(scope, 'trail', props);
  }, 'detection-trail-test');
  const trail = () => onlyResource(stack, 'aws_cloudtrail');
  const keyPolicy = () => onlyResource(stack, 'aws_kms_key').policy as string;

  it('is one organisation-wide, multi-Region trail with global events, log file validation and logging on', () => {
    expect(resourcesOfType(stack, 'aws_cloudtrail')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(Cloudtrail, {
      name: 'org-trail',
      s3_bucket_name: BUCKET,
      is_organization_trail: true,
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail_Key_[0-9A-F]{8}\.arn\}$/),
    });
  });

  it('delivers to an encrypted CloudWatch log group kept a year, through its own role', () => {
    expect(synthesized).toHaveResourceWithProperties(Cloudtrail, {
      cloud_watch_logs_group_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.trail_LogGroup_[0-9A-F]{8}\.arn\}:\*$/),
      cloud_watch_logs_role_arn: expect.stringMatching(/^\$\{aws_iam_role\.trail_LogsRole_[0-9A-F]{8}\.arn\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/cloudtrail/org-trail',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail_Key_[0-9A-F]{8}\.arn\}$/),
    });
  });

  it("gives the log role only CreateLogStream and PutLogEvents on the trail group's streams, trusted by CloudTrail of this account", () => {
    const role = onlyResource(stack, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
    const policy = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy as string) as { Statement: Statement[] };
    expect(policy.Statement).toEqual([
      {
        Sid: 'WriteTrailLogStreams',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-trail:log-stream:*`,
      },
    ]);
  });

  it('records every management event and S3 object reads and writes, except on its own bucket (CIS 3.8, 3.9)', () => {
    expect(synthesized).toHaveResourceWithProperties(Cloudtrail, { advanced_event_selector: [
      { name: 'All management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
      {
        name: 'S3 object-level read and write events',
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::S3::Object'] },
          { field: 'resources.ARN', not_starts_with: [`${BUCKET_ARN}/`] },
        ],
      },
    ] });
    expect(trail().insight_selector).toBeUndefined();
  });

  it('notifies an SNS topic, encrypted with the trail key, of each log file delivered', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: 'org-trail-log-delivery', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.trail_Key_[0-9A-F]{8}\.arn\}$/) });
    expect(synthesized).toHaveResourceWithProperties(Cloudtrail, { sns_topic_name: expect.stringMatching(/^\$\{aws_sns_topic\.trail_DeliveryTopic_[0-9A-F]{8}\.name\}$/) });
    const policy = JSON.parse(onlyResource(stack, 'aws_sns_topic_policy').policy as string) as { Statement: Statement[] };
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } } }),
    ]);
  });

  it('has a key policy whose every CloudTrail statement is bound to this trail by aws:SourceArn', () => {
    const statements = (JSON.parse(keyPolicy()) as { Statement: Statement[] }).Statement;
    const cloudTrail = statements.filter((s) => JSON.stringify(s.Principal).includes('cloudtrail'));
    expect(cloudTrail.map((s) => s.Sid)).toEqual(['CloudTrailEncryptsThisTrail', 'CloudTrailDescribesKey', 'CloudTrailPublishesDeliveryNotices']);
    for (const statement of cloudTrail) expect(statement.Condition?.StringEquals).toEqual({ 'aws:SourceArn': TRAIL_ARN });
    expect(cloudTrail[0]!.Condition!.StringLike).toEqual({ 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/org-trail` });
    expect(statements.find((s) => s.Sid === 'KeyUsersEncryptDecrypt')!.Principal).toEqual({ AWS: [READER] });
  });

  describe('key policy, evaluated', () => {
    // The simulator does not model kms:EncryptionContext keys; their conditions are asserted on the policy text above.
    it('lets CloudTrail use the key for this trail only', async () => {
      const request = { principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: KEY_ARN, resourcePolicy: keyPolicy() };
      expect(await evaluate({ ...request, context: { 'aws:SourceArn': TRAIL_ARN } })).toBe('Allowed');
      expect(await evaluate({ ...request, action: 'kms:DescribeKey', context: { 'aws:SourceArn': TRAIL_ARN } })).toBe('Allowed');
      expect(await evaluate({ ...request, context: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OUTSIDER}:trail/x` } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ ...request, context: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/another` } })).toBe('ImplicitlyDenied');
      expect(await evaluate(request)).toBe('ImplicitlyDenied');
    });

    it('lets the named reader (another account) decrypt when its own IAM policy agrees, and no other outsider', async () => {
      const allowDecrypt = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] };
      expect(await evaluate({ principal: READER, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy: keyPolicy(), identityPolicies: [allowDecrypt] })).toBe('Allowed');
      expect(
        await evaluate({ principal: `arn:aws:iam::${OUTSIDER}:role/Admin`, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy: keyPolicy(), identityPolicies: [allowDecrypt] }),
      ).toBe('ImplicitlyDenied');
    });

    it('lets CloudWatch Logs use the key only for the trail log group', () => {
      const statement = (JSON.parse(keyPolicy()) as { Statement: Statement[] }).Statement.find((s) => s.Sid === 'CloudWatchLogsForThisAccount')!;
      expect(statement.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
      expect(statement.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail/org-trail` } });
    });
  });

  it('turns on Insights and narrows data events when asked', () => {
    const custom = Testing.synthScope((scope) => {
      new Trail(scope, 'trail', { ...props, insights: true, s3DataEvents: 'write', deliveryNotifications: false });
    });
    expect(custom).toHaveResourceWithProperties(Cloudtrail, {
      insight_selector: [{ insight_type: 'ApiCallRateInsight' }, { insight_type: 'ApiErrorRateInsight' }],
      advanced_event_selector: [
        expect.objectContaining({ name: 'All management events' }),
        expect.objectContaining({ field_selector: expect.arrayContaining([{ field: 'readOnly', equals: ['false'] }]) }),
      ],
    });
    expect(custom).not.toHaveResourceWithProperties(Cloudtrail, { sns_topic_name: expect.any(String) });
    expect(custom).not.toHaveResource(SnsTopic);
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  describe('validation', () => {
    it.each([0, 30, 180, 366, 500, 3650])('fails when cloudWatchLogsRetentionDays is %p (not a CloudWatch value of a year or more)', (days) => {
      expect(() => new Trail(testStack(), 'trail', { ...props, cloudWatchLogsRetentionDays: days })).toThrow(/cloudWatchLogsRetentionDays must be a retention CloudWatch Logs accepts/);
    });

    it.each(['ab', 'my trail', '-trail'])('fails when trailName is %p', (trailName) => {
      expect(() => new Trail(testStack(), 'trail', { ...props, trailName })).toThrow(/trailName must be 3-128/);
    });

    it('fails when s3DataEvents is not a known choice', () => {
      expect(() => new Trail(testStack(), 'trail', { ...props, s3DataEvents: 'some' as 'all' })).toThrow(/s3DataEvents must be "all", "write", "read" or "none"/);
    });
  });
});

describe('the CloudTrail bucket policy', () => {
  const bucketPolicy = (() => {
    const stack = testStack();
    const bucket = new SecureBucket(stack, 'bucket', {
      bucketName: BUCKET,
      partition: 'aws',
      s3ManagedEncryptionReason: 'CloudTrail writes digest files with SSE-S3',
      accessLogging: { targetBucket: 'example-access-logs' },
      objectLock: { mode: 'GOVERNANCE', retentionDays: 365 },
      policyStatements: [
        ...cloudTrailBucketStatements(BUCKET_ARN, { trailArn: TRAIL_ARN, trailAccountId: ACCOUNT, organizationId: ORG_ID }),
        organizationOnlyStatement(BUCKET_ARN, ORG_ID),
      ],
    });
    return bucket.policyJson;
  })();
  const statements = (JSON.parse(bucketPolicy) as { Statement: Statement[] }).Statement;
  const base = { resourcePolicy: bucketPolicy, resourceAccount: '222222222222' };
  const put = (key: string, context: Record<string, string>) =>
    evaluate({ ...base, principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: `${BUCKET_ARN}/${key}`, context: { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true', ...context } });
  const ownerFullControl = { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN };

  it('has the ACL check and the write statement, both for this trail', () => {
    expect(statements.find((s) => s.Sid === 'CloudTrailAclCheck')).toEqual({
      Sid: 'CloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: BUCKET_ARN,
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(statements.find((s) => s.Sid === 'CloudTrailWrite')).toEqual({
      Sid: 'CloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: [`${BUCKET_ARN}/AWSLogs/${ACCOUNT}/*`, `${BUCKET_ARN}/AWSLogs/${ORG_ID}/*`],
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
    });
  });

  it('lets the trail write log files of the management and member accounts with bucket-owner-full-control', async () => {
    expect(await put(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/01/01/f.json.gz`, ownerFullControl)).toBe('Allowed');
    expect(await put(`AWSLogs/${ORG_ID}/${MEMBER}/CloudTrail/eu-west-1/2026/01/01/f.json.gz`, ownerFullControl)).toBe('Allowed');
    expect(
      await evaluate({ ...base, principal: 'cloudtrail.amazonaws.com', action: 's3:GetBucketAcl', resource: BUCKET_ARN, context: { 'aws:SourceArn': TRAIL_ARN, 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true' } }),
    ).toBe('Allowed');
  });

  it('refuses writes without the ACL, from another trail, or outside the trail paths', async () => {
    expect(await put(`AWSLogs/${ACCOUNT}/x.json.gz`, { 'aws:SourceArn': TRAIL_ARN })).toBe('ImplicitlyDenied');
    expect(await put(`AWSLogs/${ACCOUNT}/x.json.gz`, { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${OUTSIDER}:trail/t` })).toBe(
      'ImplicitlyDenied',
    );
    expect(await put('elsewhere/x.json.gz', ownerFullControl)).toBe('ImplicitlyDenied');
  });

  it('refuses principals outside the organisation even with an allowing IAM policy, and requests without TLS', async () => {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(
      await evaluate({
        ...base,
        principal: `arn:aws:iam::${OUTSIDER}:role/Reader`,
        action: 's3:GetObject',
        resource: `${BUCKET_ARN}/AWSLogs/x`,
        identityPolicies: [allowAll],
        context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'false' },
      }),
    ).toBe('ExplicitlyDenied');
    expect(await put(`AWSLogs/${ACCOUNT}/x.json.gz`, { ...ownerFullControl, 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
  });
});
