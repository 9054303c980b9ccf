import { Testing } from 'cdktf';
import { AthenaNamedQuery } from '@cdktf/provider-aws/lib/athena-named-query';
import { ConfigRemediationConfiguration } from '@cdktf/provider-aws/lib/config-remediation-configuration';
import { AccountBudget, CostAllocationTags, CostAnomalyDetection } from '../../modules/cost';
import { ConfigRemediation, GuardDutyContainment, containmentRunbook, remediationRunbook, runbookProblem } from '../../modules/detection/remediation';
import { CloudTrailTable, SAVED_QUERIES, SavedQueries } from '../../modules/investigation';
import { testStack } from '../support/synth';

/** The response and cost constructs on their own: what they build and what they refuse. */
const ctx = { partition: 'aws' as const, accountId: '123456789012', region: 'us-east-1' };
const ssh = remediationRunbook('AWS-DisableIncomingSSHOnPort22')!;
const stop = containmentRunbook('AWS-StopEC2Instance')!;

describe('ConfigRemediation', () => {
  it('is manual by default, without retry settings, and passes the resource and the role', () => {
    const stack = testStack();
    new ConfigRemediation(stack, 'r', { ruleName: 'restricted-ssh', runbook: ssh, executionRoleArn: 'arn:aws:iam::123456789012:role/x' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ConfigRemediationConfiguration, {
      automatic: false,
      target_type: 'SSM_DOCUMENT',
      target_id: 'AWS-DisableIncomingSSHOnPort22',
      resource_type: 'AWS::EC2::SecurityGroup',
      parameter: [
        { name: 'AutomationAssumeRole', static_value: 'arn:aws:iam::123456789012:role/x' },
        { name: 'SecurityGroupIds', resource_value: 'RESOURCE_ID' },
      ],
    });
  });

  it.each([
    ['maximumAutomaticAttempts', { maximumAutomaticAttempts: 26 }],
    ['retryAttemptSeconds', { retryAttemptSeconds: 0 }],
    ['ssmControls.concurrency', { ssmControls: { concurrency: 0, errorThreshold: 10 } }],
  ])('fails when %s is out of range', (prop, change) => {
    expect(() => new ConfigRemediation(testStack(), 'r', { ruleName: 'x', runbook: ssh, executionRoleArn: 'arn:aws:iam::123456789012:role/x', automatic: true, ...change })).toThrow(new RegExp(prop.replace('.', '\\.')));
  });

  it('explains why a runbook cannot remediate a rule', () => {
    expect(runbookProblem('AWSConfigRemediation-EnableEbsEncryptionByDefault', 'EC2_EBS_ENCRYPTION_BY_DEFAULT')).toMatch(/Terraform manages/);
    expect(runbookProblem('AWS-Nope', undefined)).toMatch(/not a pinned remediation runbook/);
    expect(runbookProblem('AWS-DisableIncomingSSHOnPort22', 'ENCRYPTED_VOLUMES')).toMatch(/none is pinned for this rule/);
    expect(runbookProblem('AWS-DisableIncomingSSHOnPort22', 'INCOMING_SSH_DISABLED')).toBeUndefined();
  });
});

describe('GuardDutyContainment', () => {
  const props = { ...ctx, ruleName: 'contain', runbook: stop, invokeRoleArn: 'arn:aws:iam::123456789012:role/s', automationRoleArn: 'arn:aws:iam::123456789012:role/a' };
  it('fails on a finding type the runbook does not contain', () => {
    expect(() => new GuardDutyContainment(testStack(), 'c', { ...props, findingTypes: ['Recon:EC2/PortProbeUnprotectedPort'] })).toThrow(/findingTypes .*is not contained by AWS-StopEC2Instance/);
  });
  it('fails on a severity outside GuardDuty\'s range', () => {
    expect(() => new GuardDutyContainment(testStack(), 'c', { ...props, findingTypes: ['Trojan:EC2/DropPoint'], minimumSeverity: 9 })).toThrow(/minimumSeverity/);
  });
});

describe('investigation', () => {
  const table = { databaseName: 'inv', bucketName: 'trail', organizationId: 'o-a1b2c3d4e5', accountIds: ['123456789012'], regions: ['us-east-1'], firstDate: '2025/01/01' };
  it.each([
    ['firstDate', { firstDate: '2025-01-01' }],
    ['databaseName', { databaseName: 'Inv-1' }],
    ['accountIds', { accountIds: [] }],
  ])('fails on a bad %s', (prop, change) => {
    expect(() => new CloudTrailTable(testStack(), 't', { ...table, ...change })).toThrow(new RegExp(prop));
  });

  it('saves every query with the table name filled in and Terraform template sequences escaped', () => {
    const stack = testStack();
    new SavedQueries(stack, 'q', { workgroupName: 'wg', databaseName: 'inv', tableName: 'cloudtrail' });
    const synthesized = Testing.synth(stack);
    for (const query of SAVED_QUERIES) {
      expect(synthesized).toHaveResourceWithProperties(AthenaNamedQuery, { name: query.name, workgroup: 'wg', database: 'inv', query: expect.stringContaining('FROM cloudtrail') });
    }
    expect(synthesized).not.toContain('{table}');
  });
});

describe('cost', () => {
  const budget = { budgetName: 'b', linkedAccountId: '123456789012', monthlyLimitUsd: 100, actualThresholdPercents: [80], forecastThresholdPercents: [100], topicArn: 'arn:aws:sns:us-east-1:123456789012:t' };
  it.each([
    ['actualThresholdPercents', { actualThresholdPercents: [0] }],
    ['forecastThresholdPercents', { forecastThresholdPercents: [1001] }],
    ['monthlyLimitUsd', { monthlyLimitUsd: 0 }],
    ['linkedAccountId', { linkedAccountId: '123' }],
  ])('fails on a bad %s', (prop, change) => {
    expect(() => new AccountBudget(testStack(), 'b', { ...budget, ...change })).toThrow(new RegExp(prop));
  });
  it('fails on a zero anomaly threshold and a repeated tag key', () => {
    expect(() => new CostAnomalyDetection(testStack(), 'a', { monitorName: 'm', impactThresholdUsd: 0, topicArn: budget.topicArn })).toThrow(/impactThresholdUsd/);
    expect(() => new CostAllocationTags(testStack(), 't', { tagKeys: ['owner', 'owner'] })).toThrow(/tagKeys .*is listed twice/);
  });
});
