import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { AlertTopic, GuardDutyAlertRule, SecurityHubAlertRule, type AlertTopicProps } from '../../modules/detection/alerts';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = TEST_ACCOUNT_ID;
const OTHER_ACCOUNT = '210987654321';
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:security-alerts`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const props: AlertTopicProps = {
  topicName: 'security-alerts',
  partition: 'aws',
  accountId: ACCOUNT,
  region: 'us-east-1',
  emailEndpoints: ['secops@example.com'],
  httpsEndpoints: ['https://hooks.example.com/aws/alerts'],
};

interface Statement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

describe('AlertTopic', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    const topic = new AlertTopic(scope, 'alerts', props);
    new GuardDutyAlertRule(scope, 'guardduty-alerts', { topic, minimumSeverity: 7 });
    new SecurityHubAlertRule(scope, 'securityhub-alerts', { topic, excludeProducts: ['GuardDuty'] });
  }, 'detection-alerts-test');

  it('is encrypted with its own customer-managed key and has a deterministic ARN', () => {
    expect(resourcesOfType(stack, 'aws_sns_topic')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: 'security-alerts', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.alerts_Key_[0-9A-F]{8}\.arn\}$/) });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/alerts/security-alerts', target_key_id: expect.stringMatching(/^\$\{aws_kms_key\.alerts_Key_[0-9A-F]{8}\.key_id\}$/) });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
  });

  it('subscribes the configured email address and HTTPS endpoint', () => {
    const topicArn = expect.stringMatching(/^\$\{aws_sns_topic\.alerts_[0-9A-F]{8}\.arn\}$/);
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, { topic_arn: topicArn, protocol: 'email', endpoint: 'secops@example.com' });
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, { topic_arn: topicArn, protocol: 'https', endpoint: 'https://hooks.example.com/aws/alerts' });
    expect(resourcesOfType(stack, 'aws_sns_topic_subscription')).toHaveLength(2);
  });

  it("has a key policy whose only service principals are EventBridge and CloudWatch, each bound to the account", () => {
    const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Statement[] };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['AccountRootAdministers', 'EventBridgePublishesEncrypted', 'CloudWatchAlarmsPublishEncrypted']);
    expect(policy.Statement[0]!.Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    for (const statement of policy.Statement.slice(1)) {
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      });
    }
    expect(policy.Statement.slice(1).map((s) => s.Principal)).toEqual([{ Service: 'events.amazonaws.com' }, { Service: 'cloudwatch.amazonaws.com' }]);
  });

  describe('key policy, evaluated', () => {
    const keyPolicy = () => onlyResource(stack, 'aws_kms_key').policy as string;

    it.each(['events.amazonaws.com', 'cloudwatch.amazonaws.com'])('lets %s encrypt for this account', async (principal) => {
      const request = { principal, action: 'kms:GenerateDataKey', resource: KEY_ARN, resourcePolicy: keyPolicy() };
      expect(await evaluate({ ...request, context: { 'aws:SourceAccount': ACCOUNT } })).toBe('Allowed');
      expect(await evaluate({ ...request, action: 'kms:Decrypt', context: { 'aws:SourceAccount': ACCOUNT } })).toBe('Allowed');
      expect(await evaluate({ ...request, context: { 'aws:SourceAccount': OTHER_ACCOUNT } })).toBe('ImplicitlyDenied');
      expect(await evaluate(request)).toBe('ImplicitlyDenied');
    });

    it.each(['sns.amazonaws.com', 's3.amazonaws.com', 'lambda.amazonaws.com', 'guardduty.amazonaws.com', 'logs.us-east-1.amazonaws.com'])(
      'admits no other service: %s is denied',
      async (principal) => {
        expect(await evaluate({ principal, action: 'kms:GenerateDataKey', resource: KEY_ARN, resourcePolicy: keyPolicy(), context: { 'aws:SourceAccount': ACCOUNT } })).toBe(
          'ImplicitlyDenied',
        );
      },
    );

    it('admits no other account, even one whose IAM policy allows kms:*', async () => {
      const outsider = `arn:aws:iam::${OTHER_ACCOUNT}:role/Admin`;
      const allowEverything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };
      expect(await evaluate({ principal: outsider, action: 'kms:Decrypt', resource: KEY_ARN, resourcePolicy: keyPolicy(), identityPolicies: [allowEverything] })).toBe(
        'ImplicitlyDenied',
      );
    });
  });

  describe('topic policy, evaluated', () => {
    const topicPolicy = () => onlyResource(stack, 'aws_sns_topic_policy').policy as string;
    const rule = `arn:aws:events:us-east-1:${ACCOUNT}:rule/guardduty-findings-to-alerts`;
    const alarm = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:cis-4-3-root-usage`;

    it('lets EventBridge rules and CloudWatch alarms of the account publish over TLS', async () => {
      const tls = { 'aws:SecureTransport': 'true' };
      expect(
        await evaluate({ principal: 'events.amazonaws.com', action: 'sns:Publish', resource: TOPIC_ARN, resourcePolicy: topicPolicy(), context: { ...tls, 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': rule } }),
      ).toBe('Allowed');
      expect(
        await evaluate({ principal: 'cloudwatch.amazonaws.com', action: 'sns:Publish', resource: TOPIC_ARN, resourcePolicy: topicPolicy(), context: { ...tls, 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': alarm } }),
      ).toBe('Allowed');
    });

    it("refuses another account's rules, the wrong resource type, other services and anonymous callers", async () => {
      const base = { action: 'sns:Publish', resource: TOPIC_ARN, resourcePolicy: topicPolicy() };
      const otherRule = `arn:aws:events:us-east-1:${OTHER_ACCOUNT}:rule/x`;
      expect(await evaluate({ ...base, principal: 'events.amazonaws.com', context: { 'aws:SourceAccount': OTHER_ACCOUNT, 'aws:SourceArn': otherRule } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ ...base, principal: 'events.amazonaws.com', context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': alarm } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ ...base, principal: 's3.amazonaws.com', context: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': rule } })).toBe('ImplicitlyDenied');
      expect(await evaluate({ ...base, principal: 'anonymous' })).toBe('ImplicitlyDenied');
    });

    it('refuses publishing without TLS', async () => {
      expect(
        await evaluate({
          principal: 'events.amazonaws.com',
          action: 'sns:Publish',
          resource: TOPIC_ARN,
          resourcePolicy: topicPolicy(),
          context: { 'aws:SecureTransport': 'false', 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': rule },
        }),
      ).toBe('ExplicitlyDenied');
    });
  });

  describe('finding rules', () => {
    const rules = () => resourcesOfType(stack, 'aws_cloudwatch_event_rule');

    it('matches GuardDuty findings by numeric severity, not by labels', () => {
      const rule = rules().find((r) => r.name === 'guardduty-findings-to-alerts')!;
      expect(JSON.parse(rule.event_pattern as string)).toEqual({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }] },
      });
    });

    it('matches new, active CRITICAL and HIGH Security Hub findings, leaving out GuardDuty (routed by its own rule)', () => {
      const rule = rules().find((r) => r.name === 'securityhub-findings-to-alerts')!;
      expect(JSON.parse(rule.event_pattern as string)).toEqual({
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
            ProductName: [{ 'anything-but': ['GuardDuty'] }],
          },
        },
      });
    });

    it('targets the alert topic from both rules', () => {
      expect(resourcesOfType(stack, 'aws_cloudwatch_event_target')).toHaveLength(2);
      for (const rule of ['guardduty-alerts', 'securityhub-alerts']) {
        expect(synthesized).toHaveResourceWithProperties(CloudwatchEventTarget, {
          arn: TOPIC_ARN,
          rule: expect.stringMatching(new RegExp(`^\\$\\{aws_cloudwatch_event_rule\\.${rule}_Rule_[0-9A-F]{8}\\.name\\}$`)),
        });
      }
    });
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  describe('validation', () => {
    it.each([0, 0.5, 9, 10, Number.NaN])('fails when minimumSeverity is %p (outside 1-8.9)', (minimumSeverity) => {
      const stack = testStack();
      const topic = new AlertTopic(stack, 'alerts', props);
      expect(() => new GuardDutyAlertRule(stack, 'rule', { topic, minimumSeverity })).toThrow(/minimumSeverity must be a GuardDuty severity from 1 to 8.9/);
    });

    it.each(['http://hooks.example.com/alerts', 'hooks.example.com/alerts', 'ftp://example.com', 'mailto:secops@example.com'])(
      'fails when an HTTPS endpoint is %p',
      (url) => {
        expect(() => new AlertTopic(testStack(), 'alerts', { ...props, httpsEndpoints: [url] })).toThrow(/httpsEndpoints must list https:\/\/ URLs/);
      },
    );

    it.each(['secops', 'secops@', 'https://example.com', 'sec ops@example.com'])('fails when an email endpoint is %p', (email) => {
      expect(() => new AlertTopic(testStack(), 'alerts', { ...props, emailEndpoints: [email] })).toThrow(/emailEndpoints must list email addresses/);
    });

    it('fails when the topic name has characters SNS refuses', () => {
      expect(() => new AlertTopic(testStack(), 'alerts', { ...props, topicName: 'security alerts' })).toThrow(/topicName must be 1-256 letters/);
    });

    it('fails when a publisher account is not an account id', () => {
      expect(() => new AlertTopic(testStack(), 'alerts', { ...props, publisherAccountIds: ['12345'] })).toThrow(/publisherAccountIds must be a 12-digit/);
    });

    it('fails when a Security Hub severity is not a label', () => {
      const stack = testStack();
      const topic = new AlertTopic(stack, 'alerts', props);
      expect(() => new SecurityHubAlertRule(stack, 'rule', { topic, severities: ['SEVERE' as 'HIGH'] })).toThrow(/severities must list Security Hub severity labels/);
    });
  });
});
