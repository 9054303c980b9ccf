import { TerraformVariable, type TerraformStack } from 'cdktf';
import { requireIntegerInRange } from '../../modules/core/errors';
import { AlertTopic, GuardDutyAlertRule } from '../../modules/detection/alerts';
import { GuardDutyDetector } from '../../modules/detection/guardduty';
import { EncryptionKey } from '../../modules/kms';
import { FlowLogDestination, VpcFlowLog } from '../../modules/network';
import { SecureBucket } from '../../modules/storage';
import { testStack } from '../support/synth';

/**
 * The constructs skip their TypeScript checks for values that are unresolved tokens (Terraform variables of an
 * exported module, checked by the module's validation blocks instead), and still refuse the same values when they
 * are concrete.
 */

const ACCOUNT = '123456789012';
const KEY = { keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, aliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/x` };

let stack: TerraformStack;
const str = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
const num = (name: string) => new TerraformVariable(stack, name, { type: 'number' }).numberValue;

beforeEach(() => {
  stack = testStack('token-skips-test');
});

describe('requireIntegerInRange', () => {
  it('skips a number token', () => {
    expect(() => requireIntegerInRange(stack, 'days', num('days'), 7, 30)).not.toThrow();
  });

  it('fails for a concrete value out of range', () => {
    expect(() => requireIntegerInRange(stack, 'days', 31, 7, 30)).toThrow(/days must be a whole number from 7 to 30/);
  });
});

describe('EncryptionKey', () => {
  const props = { accountId: ACCOUNT, partition: 'aws' as const, region: 'us-east-1', aliasName: 'test/key', description: 'test' };

  it('accepts tokens for aliasName, rotationPeriodDays and deletionWindowDays', () => {
    expect(() => new EncryptionKey(stack, 'K', { ...props, aliasName: str('alias'), rotationPeriodDays: num('rotation'), deletionWindowDays: num('window') })).not.toThrow();
  });

  it.each([
    ['aliasName', { aliasName: 'aws/s3' }],
    ['rotationPeriodDays', { rotationPeriodDays: 30 }],
    ['deletionWindowDays', { deletionWindowDays: 5 }],
  ])('fails when %s is concrete and bad', (prop, bad) => {
    expect(() => new EncryptionKey(stack, 'K', { ...props, ...bad })).toThrow(new RegExp(prop));
  });
});

describe('SecureBucket', () => {
  const props = { partition: 'aws' as const, encryptionKey: KEY, accessLogging: { targetBucket: 'test-logs' } };

  it('accepts a token bucket name and retention days', () => {
    expect(() => new SecureBucket(stack, 'B', { ...props, bucketName: str('bucket'), noncurrentVersionExpirationDays: num('days') })).not.toThrow();
  });

  it('fails for a concrete bad bucket name', () => {
    expect(() => new SecureBucket(stack, 'B', { ...props, bucketName: 'Bad_Name' })).toThrow(/bucketName/);
  });
});

describe('VpcFlowLog', () => {
  const props = { vpcId: 'vpc-123', partition: 'aws' as const, accountId: ACCOUNT, region: 'us-east-1' };

  it('accepts token retention days and aggregation interval', () => {
    expect(
      () =>
        new VpcFlowLog(stack, 'F', {
          ...props,
          destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: KEY, retentionDays: num('retention') }),
          maxAggregationIntervalSeconds: num('interval') as 60,
        }),
    ).not.toThrow();
  });

  it.each([
    ['destination.retentionDays', { destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: KEY, retentionDays: 30 }) }],
    ['maxAggregationIntervalSeconds', { destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: KEY }), maxAggregationIntervalSeconds: 120 as 60 }],
  ])('fails when %s is concrete and bad', (prop, bad) => {
    expect(() => new VpcFlowLog(stack, 'F', { ...props, ...bad })).toThrow(new RegExp(prop.replace('.', '\\.')));
  });
});

describe('AlertTopic and GuardDutyAlertRule', () => {
  const props = { partition: 'aws' as const, region: 'us-east-1' };

  it('accept tokens for the topic name, account id and minimum severity', () => {
    const topic = new AlertTopic(stack, 'T', { ...props, topicName: str('topic'), accountId: str('account') });
    expect(() => new GuardDutyAlertRule(stack, 'R', { topic, minimumSeverity: num('severity') })).not.toThrow();
  });

  it('fail for concrete bad values', () => {
    expect(() => new AlertTopic(stack, 'T1', { ...props, topicName: 'bad name', accountId: ACCOUNT })).toThrow(/topicName/);
    expect(() => new AlertTopic(stack, 'T2', { ...props, topicName: 'alerts', accountId: '123' })).toThrow(/accountId/);
    const topic = new AlertTopic(stack, 'T3', { ...props, topicName: 'alerts', accountId: ACCOUNT });
    expect(() => new GuardDutyAlertRule(stack, 'R', { topic, minimumSeverity: 9 })).toThrow(/minimumSeverity/);
  });
});

describe('GuardDutyDetector', () => {
  it('accepts a token finding publishing frequency', () => {
    expect(() => new GuardDutyDetector(stack, 'D', { findingPublishingFrequency: str('frequency') as 'ONE_HOUR' })).not.toThrow();
  });

  it('fails for a concrete bad frequency', () => {
    expect(() => new GuardDutyDetector(stack, 'D', { findingPublishingFrequency: 'DAILY' as 'ONE_HOUR' })).toThrow(/findingPublishingFrequency/);
  });
});
