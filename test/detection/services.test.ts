import { Testing } from 'cdktf';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { Inspector2Enabler } from '@cdktf/provider-aws/lib/inspector2-enabler';
import { Inspector2MemberAssociation } from '@cdktf/provider-aws/lib/inspector2-member-association';
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2ClassificationJob } from '@cdktf/provider-aws/lib/macie2-classification-job';
import { SecurityhubStandardsControlAssociation } from '@cdktf/provider-aws/lib/securityhub-standards-control-association';
import { ConfigRecorder, ConformancePack, ManagedRules, OrganizationAggregator, configBucketStatements, configDeliveryKeyGrant } from '../../modules/detection/aws-config';
import { SecurityContact } from '../../modules/detection/contact';
import { GuardDutyDetector, GuardDutyOrganizationConfiguration } from '../../modules/detection/guardduty';
import { InspectorOrganization } from '../../modules/detection/inspector';
import { organizationOnlyStatement } from '../../modules/log-archive';
import { MacieAccount, MacieClassificationJob } from '../../modules/detection/macie';
import { FindingAggregator, SecurityHub, securityHubStandardArn } from '../../modules/detection/securityhub';
import { EncryptionKey } from '../../modules/kms';
import { SecureBucket } from '../../modules/storage';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const MEMBER = '555555555555';
const OUTSIDER = '210987654321';
const ORG_ID = 'o-a1b2c3d4e5';
const BUCKET = 'example-config-222222222222';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const FSBP = 'aws-foundational-security-best-practices/v/1.0.0' as const;
const CIS3 = 'cis-aws-foundations-benchmark/v/3.0.0' as const;

const recorderProps = {
  partition: 'aws' as const,
  accountId: ACCOUNT,
  region: 'us-east-1',
  bucketName: BUCKET,
  bucketKey: { accountId: '222222222222', region: 'us-east-1', aliasName: 'example/security-logs' },
};

describe('detection service modules', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    const detector = new GuardDutyDetector(scope, 'detector', { protections: { s3DataEvents: true, runtimeMonitoring: true } });
    new GuardDutyOrganizationConfiguration(scope, 'guardduty-org', { detector, protections: { s3DataEvents: true } });
    const recorder = new ConfigRecorder(scope, 'recorder', recorderProps);
    new ManagedRules(scope, 'rules', { recorder, homeRegion: false });
    new ConformancePack(scope, 'pack', {
      packName: 'logging-essentials',
      recorder,
      templateBody: 'Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      Source:\n        Owner: AWS\n        SourceIdentifier: CLOUD_TRAIL_ENABLED\n',
    });
    new OrganizationAggregator(scope, 'aggregator', { aggregatorName: 'example-organization', partition: 'aws', accountId: ACCOUNT });
    const hub = new SecurityHub(scope, 'hub', {
      partition: 'aws',
      region: 'us-east-1',
      disabledControls: [{ standard: FSBP, controlId: 'Macie.1', reason: 'Macie is off by default (billed per object inspected)' }],
    });
    new FindingAggregator(scope, 'aggregation', { linkedRegions: ['eu-west-1'], dependsOn: [hub.account] });
    new InspectorOrganization(scope, 'inspector', { adminAccountId: ACCOUNT, memberAccountIds: [MEMBER] });
    const macie = new MacieAccount(scope, 'macie');
    new MacieClassificationJob(scope, 'macie-job', { jobName: 'example-job', accountId: ACCOUNT, bucketNames: ['example-data'], dependsOn: [macie.resource] });
    new SecurityContact(scope, 'contact', { name: 'Security Operations', email: 'secops@example.com', phone: '+1 555 010 0100' });
  }, 'detection-services-test');

  it('sets every protection plan explicitly on a detector that carries them, with runtime agents managed when on', () => {
    const names = resourcesOfType(stack, 'aws_guardduty_detector_feature').map((f) => f.name);
    expect(names.sort()).toEqual(['EBS_MALWARE_PROTECTION', 'EKS_AUDIT_LOGS', 'LAMBDA_NETWORK_LOGS', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING', 'S3_DATA_EVENTS']);
    const detectorId = expect.stringMatching(/^\$\{aws_guardduty_detector\.detector_[0-9A-F]{8}\.id\}$/);
    expect(synthesized).toHaveResourceWithProperties(GuarddutyDetectorFeature, { detector_id: detectorId, name: 'S3_DATA_EVENTS', status: 'ENABLED' });
    expect(synthesized).toHaveResourceWithProperties(GuarddutyDetectorFeature, { detector_id: detectorId, name: 'EKS_AUDIT_LOGS', status: 'DISABLED' });
    expect(synthesized).toHaveResourceWithProperties(GuarddutyDetectorFeature, { detector_id: detectorId, name: 'RUNTIME_MONITORING', status: 'ENABLED', additional_configuration: [
      { name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' },
      { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' },
      { name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' },
    ] });
  });

  it('gives the Config recorder role only the managed Config policy, its own bucket path and the bucket key by alias', () => {
    const policy = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy as string) as { Statement: unknown[] };
    expect(policy.Statement).toEqual([
      { Sid: 'CheckDeliveryBucket', Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: BUCKET_ARN },
      {
        Sid: 'WriteOwnAccountPath',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: `${BUCKET_ARN}/config/AWSLogs/${ACCOUNT}/Config/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
      {
        Sid: 'EncryptWithBucketKey',
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: 'arn:aws:kms:us-east-1:222222222222:key/*',
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/example/security-logs' } },
      },
    ]);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole' });
  });

  it('records all supported types, without global types outside the home Region, and turns the recorder on after the channel', () => {
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigurationRecorder, {
      recording_group: { all_supported: true, include_global_resource_types: true },
      recording_mode: { recording_frequency: 'CONTINUOUS' },
    });
    const elsewhereText = Testing.synthScope((scope) => {
      new ConfigRecorder(scope, 'recorder', { ...recorderProps, region: 'eu-west-1', includeGlobalResourceTypes: false });
    });
    expect(elsewhereText).toHaveResourceWithProperties(ConfigConfigurationRecorder, { recording_group: { all_supported: true, include_global_resource_types: false } });
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, { is_enabled: true, depends_on: [expect.stringMatching(/aws_config_delivery_channel/)] });
  });

  it('leaves account-wide rules out of a non-home Region', () => {
    const rules = resourcesOfType(stack, 'aws_config_config_rule').map((r) => r.name);
    expect(rules).not.toContain('root-account-mfa-enabled');
    expect(rules).not.toContain('iam-password-policy');
    expect(rules).toContain('restricted-ssh');
    expect(rules).toHaveLength(7);
  });

  it('aggregates every Region of the organisation (CKV_AWS_121)', () => {
    expect(synthesized).toHaveResourceWithProperties(ConfigConfigurationAggregator, {
      name: 'example-organization',
      organization_aggregation_source: { all_regions: true, role_arn: expect.stringMatching(/^\$\{aws_iam_role\.aggregator_Role_[0-9A-F]{8}\.arn\}$/) },
    });
  });

  it('subscribes to Region-specific standard ARNs and disables a control only with its reason', () => {
    expect(resourcesOfType(stack, 'aws_securityhub_standards_subscription')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(SecurityhubStandardsSubscription, { standards_arn: `arn:aws:securityhub:us-east-1::standards/${FSBP}` });
    expect(synthesized).toHaveResourceWithProperties(SecurityhubStandardsSubscription, { standards_arn: `arn:aws:securityhub:us-east-1::standards/${CIS3}` });
    expect(synthesized).toHaveResourceWithProperties(SecurityhubStandardsControlAssociation, {
      standards_arn: `arn:aws:securityhub:us-east-1::standards/${FSBP}`,
      security_control_id: 'Macie.1',
      association_status: 'DISABLED',
      updated_reason: 'Macie is off by default (billed per object inspected)',
    });
    expect(securityHubStandardArn('aws', 'eu-west-1', 'cis-aws-foundations-benchmark/v/1.2.0')).toBe('arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0');
  });

  it('associates and scans member accounts with Inspector', () => {
    expect(synthesized).toHaveResourceWithProperties(Inspector2MemberAssociation, { account_id: MEMBER });
    // The administrator's own account in one enabler, the members in another (the provider refuses a mix).
    expect(synthesized).toHaveResourceWithProperties(Inspector2Enabler, { account_ids: [ACCOUNT], resource_types: ['EC2', 'ECR', 'LAMBDA'] });
    expect(synthesized).toHaveResourceWithProperties(Inspector2Enabler, { account_ids: [MEMBER], resource_types: ['EC2', 'ECR', 'LAMBDA'] });
    expect(resourcesOfType(stack, 'aws_inspector2_enabler')).toHaveLength(2);
  });

  it('makes each member enabler wait for the associations of its own accounts only (100 per enabler)', () => {
    const members = Array.from({ length: 250 }, (_, i) => String(300000000000 + i));
    const { outdir, stack: large } = synthConstruct((scope) => new InspectorOrganization(scope, 'inspector', { adminAccountId: ACCOUNT, memberAccountIds: members }), 'inspector-250');
    const enablers = large.resource?.aws_inspector2_enabler ?? {};
    const associationOf = new Map(Object.entries(large.resource?.aws_inspector2_member_association ?? {}).map(([name, body]) => [String(body.account_id), `aws_inspector2_member_association.${name}`]));
    const memberEnablers = Object.values(enablers).filter((e) => !(e.account_ids as string[]).includes(ACCOUNT));
    expect(memberEnablers.map((e) => (e.account_ids as string[]).length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
    for (const enabler of memberEnablers) {
      const ownAssociations = (enabler.account_ids as string[]).map((account) => associationOf.get(account));
      expect(enabler.depends_on).toEqual([expect.stringMatching(/^aws_inspector2_enabler\..*AdminEnabler/), ...ownAssociations]);
    }
    expectValidAndPlannable(outdir);
  });

  it('enables Macie with a weekly job over the named buckets', () => {
    expect(synthesized).toHaveResourceWithProperties(Macie2Account, { status: 'ENABLED' });
    expect(synthesized).toHaveResourceWithProperties(Macie2ClassificationJob, {
      job_type: 'SCHEDULED',
      schedule_frequency: { weekly_schedule: 'MONDAY' },
      s3_job_definition: { bucket_definitions: [{ account_id: ACCOUNT, buckets: ['example-data'] }] },
    });
  });

  it('registers the SECURITY alternate contact', () => {
    expect(synthesized).toHaveResourceWithProperties(AccountAlternateContact, { alternate_contact_type: 'SECURITY', email_address: 'secops@example.com', title: 'Security' });
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  describe('validation', () => {
    it('fails when a Security Hub standard does not exist', () => {
      expect(() => new SecurityHub(testStack(), 'hub', { partition: 'aws', region: 'us-east-1', standards: ['cis-aws-foundations-benchmark/v/9.0.0' as typeof CIS3] })).toThrow(
        /standards must list Security Hub standards/,
      );
    });

    it('fails when a control is disabled without a reason', () => {
      expect(() => new SecurityHub(testStack(), 'hub', { partition: 'aws', region: 'us-east-1', disabledControls: [{ standard: FSBP, controlId: 'IAM.6', reason: ' ' }] })).toThrow(
        /disabledControls\[0\]\.reason must say why in at least 20 characters/,
      );
    });

    it('fails when a control is disabled in a standard that is not subscribed', () => {
      expect(
        () =>
          new SecurityHub(testStack(), 'hub', {
            partition: 'aws',
            region: 'us-east-1',
            standards: [CIS3],
            disabledControls: [{ standard: FSBP, controlId: 'IAM.6', reason: 'hardware MFA is enforced by the identity provider' }],
          }),
      ).toThrow(/disabledControls\[0\]\.standard must be one of the subscribed standards/);
    });

    it('fails when the finding aggregator links no Region', () => {
      expect(() => new FindingAggregator(testStack(), 'aggregator', { linkedRegions: [], dependsOn: [] })).toThrow(/linkedRegions must list at least one other Region/);
    });

    it('fails when a managed rule identifier is not one', () => {
      const stack = testStack();
      const recorder = new ConfigRecorder(stack, 'recorder', recorderProps);
      expect(() => new ManagedRules(stack, 'rules', { recorder, rules: [{ name: 'ssh', identifier: 'restricted ssh' }] })).toThrow(/rules\[\]\.identifier must be an AWS managed rule identifier/);
    });

    it('fails when a conformance pack template has no Resources section', () => {
      const stack = testStack();
      const recorder = new ConfigRecorder(stack, 'recorder', recorderProps);
      expect(() => new ConformancePack(stack, 'pack', { packName: 'pack', recorder, templateBody: 'Parameters: {}' })).toThrow(/templateBody must be a conformance pack template/);
    });

    it('fails when the Config snapshot frequency is not one AWS offers', () => {
      expect(() => new ConfigRecorder(testStack(), 'recorder', { ...recorderProps, snapshotFrequency: 'Daily' as 'One_Hour' })).toThrow(/snapshotFrequency must be one of One_Hour/);
    });

    it('fails when GuardDuty auto-enable is neither ALL nor NEW', () => {
      const stack = testStack();
      const detector = new GuardDutyDetector(stack, 'detector');
      expect(() => new GuardDutyOrganizationConfiguration(stack, 'org', { detector, autoEnableOrganizationMembers: 'NONE' as 'ALL' })).toThrow(/autoEnableOrganizationMembers must be "ALL" or "NEW"/);
    });

    it('fails when the finding publishing frequency is unknown', () => {
      expect(() => new GuardDutyDetector(testStack(), 'detector', { findingPublishingFrequency: 'HOURLY' as 'ONE_HOUR' })).toThrow(/findingPublishingFrequency must be one of FIFTEEN_MINUTES/);
    });

    it('fails when Inspector Lambda code scanning is on without Lambda scanning', () => {
      expect(
        () => new InspectorOrganization(testStack(), 'inspector', { adminAccountId: ACCOUNT, memberAccountIds: [], scans: { ec2: true, ecr: true, lambda: false, lambdaCode: true } }),
      ).toThrow(/scans\.lambdaCode needs scans\.lambda/);
    });

    it('fails when a Macie job samples 0 percent', () => {
      expect(() => new MacieClassificationJob(testStack(), 'job', { jobName: 'job', accountId: ACCOUNT, bucketNames: ['b-1-2'], samplingPercentage: 0, dependsOn: [] })).toThrow(
        /samplingPercentage must be a whole percentage/,
      );
    });

    it('fails when the security contact phone is not international', () => {
      expect(() => new SecurityContact(testStack(), 'contact', { name: 'Sec', email: 'secops@example.com', phone: '555 0100' })).toThrow(/phone must be an international phone number/);
    });
  });
});

describe('the central Config bucket and key, evaluated', () => {
  const sources = { partition: 'aws' as const, roleNamePattern: 'example-config-recorder-*', organizationId: ORG_ID };
  const bucketPolicy = (() => {
    const stack = testStack();
    const key = new EncryptionKey(stack, 'key', { accountId: '222222222222', partition: 'aws', region: 'us-east-1', aliasName: 'example/security-logs', description: 'k' });
    return new SecureBucket(stack, 'bucket', {
      bucketName: BUCKET,
      partition: 'aws',
      encryptionKey: key,
      accessLogging: { targetBucket: 'example-access-logs' },
      policyStatements: [...configBucketStatements(BUCKET_ARN, sources), organizationOnlyStatement(BUCKET_ARN, ORG_ID)],
    }).policyJson;
  })();
  const service = { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true' };
  const put = (key: string, context: Record<string, string>) =>
    evaluate({ principal: 'config.amazonaws.com', action: 's3:PutObject', resource: `${BUCKET_ARN}/${key}`, resourceAccount: '222222222222', resourcePolicy: bucketPolicy, context: { ...service, ...context } });

  const member = { 'aws:SourceAccount': MEMBER, 'aws:SourceOrgID': ORG_ID };
  it("lets AWS Config of the organisation's accounts deliver into their own prefix with bucket-owner-full-control", async () => {
    expect(await put(`config/AWSLogs/${MEMBER}/Config/us-east-1/x.json.gz`, { ...member, 's3:x-amz-acl': 'bucket-owner-full-control' })).toBe('Allowed');
  });

  it("refuses Config of another organisation, another account's prefix, a missing ACL, and paths outside the Config prefix", async () => {
    expect(await put(`config/AWSLogs/${OUTSIDER}/Config/x`, { 'aws:SourceAccount': OUTSIDER, 'aws:SourceOrgID': 'o-zzzzzzzzzz', 's3:x-amz-acl': 'bucket-owner-full-control' })).toBe('ImplicitlyDenied');
    expect(await put(`config/AWSLogs/${ACCOUNT}/Config/x`, { ...member, 's3:x-amz-acl': 'bucket-owner-full-control' })).toBe('ImplicitlyDenied');
    expect(await put(`config/AWSLogs/${MEMBER}/Config/x`, member)).toBe('ImplicitlyDenied');
    expect(await put(`other/${MEMBER}/x`, { ...member, 's3:x-amz-acl': 'bucket-owner-full-control' })).toBe('ImplicitlyDenied');
  });

  it('lets only the recorder roles of member accounts write, not other roles', async () => {
    const allowPut = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] };
    const request = (principal: string, prefixAccount = MEMBER) =>
      evaluate({
        principal,
        action: 's3:PutObject',
        resource: `${BUCKET_ARN}/config/AWSLogs/${prefixAccount}/Config/x`,
        resourceAccount: '222222222222',
        resourcePolicy: bucketPolicy,
        identityPolicies: [allowPut],
        context: {
          'aws:SecureTransport': 'true',
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': principal.split(':')[4]!,
          'aws:PrincipalOrgID': ORG_ID,
          'aws:PrincipalIsAWSService': 'false',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      });
    expect(await request(`arn:aws:iam::${MEMBER}:role/example-config-recorder-us-east-1`)).toBe('Allowed');
    expect(await request(`arn:aws:iam::${MEMBER}:role/developer`)).toBe('ImplicitlyDenied');
    // A recorder role writes only under its own account's prefix (`${aws:PrincipalAccount}`), never another's.
    expect(await request(`arn:aws:iam::${MEMBER}:role/example-config-recorder-us-east-1`, ACCOUNT)).toBe('ImplicitlyDenied');
    // A recorder-named role outside the organisation gets nothing.
    expect(
      await evaluate({
        principal: `arn:aws:iam::${OUTSIDER}:role/example-config-recorder-us-east-1`,
        action: 's3:PutObject',
        resource: `${BUCKET_ARN}/config/AWSLogs/${OUTSIDER}/Config/x`,
        resourceAccount: '222222222222',
        resourcePolicy: bucketPolicy,
        identityPolicies: [allowPut],
        context: {
          'aws:SecureTransport': 'true',
          'aws:PrincipalArn': `arn:aws:iam::${OUTSIDER}:role/example-config-recorder-us-east-1`,
          'aws:PrincipalOrgID': 'o-zzzzzzzzzz',
          'aws:PrincipalIsAWSService': 'false',
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      }),
    ).toBe('ExplicitlyDenied');
  });

  it("grants AWS Config data keys only for the organisation's accounts", () => {
    expect(configDeliveryKeyGrant(sources)).toEqual({
      sid: 'ConfigEncryptsDeliveries',
      principal: 'config.amazonaws.com',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      conditions: { StringEquals: { 'aws:SourceOrgID': ORG_ID } },
    });
  });
});
