import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlertTopic } from '../../modules/detection/alerts';
import { CisAlarms } from '../../modules/detection/cis';
import { TEST_ACCOUNT_ID, resourcesOfType, synthConstruct, testStack, type SynthesizedConstruct, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The CIS AWS Foundations Benchmark v3.0.0 section 4 filter patterns, transcribed here independently of the module
 * from the benchmark's remediation text: each synthesized filter must equal its control's pattern character for
 * character.
 */
const BENCHMARK: Record<string, string> = {
  '4.1': '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }',
  '4.2': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  '4.3': '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  '4.4':
    '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  '4.5': '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  '4.6': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  '4.7': '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  '4.8':
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  '4.9':
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  '4.10':
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  '4.11':
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  '4.12':
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  '4.13':
    '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
  '4.14':
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  '4.15':
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
};

/** The benchmark's second 4.2 pattern (IAM users' successful sign-ins, for organisations using SSO). */
const BENCHMARK_4_2_SSO =
  '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';

/** 4.1 with the benchmark's four terms grouped as the control intends (the v3.0 text ORs the exclusions). */
const CORRECTED_4_1 =
  '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }';

const TOPIC_ARN = `arn:aws:sns:us-east-1:${TEST_ACCOUNT_ID}:security-alerts`;
const LOG_GROUP = '/aws/cloudtrail/org-trail';

function synthAlarms(options: Partial<ConstructorParameters<typeof CisAlarms>[2]> = {}): SynthesizedConstruct {
  return synthConstruct((scope) => {
    const topic = new AlertTopic(scope, 'alerts', { topicName: 'security-alerts', partition: 'aws', accountId: TEST_ACCOUNT_ID, region: 'us-east-1' });
    new CisAlarms(scope, 'cis', { logGroupName: LOG_GROUP, topic, ...options });
  }, 'detection-cis-test');
}

/** control number -> filter pattern, read from the synthesized filters (named cis-4-N-...). */
function patternsByControl(stack: SynthesizedStack): Record<string, string> {
  return Object.fromEntries(
    resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter').map((f) => {
      const control = /^cis-4-(\d+)-/.exec(f.name as string)![1]!;
      return [`4.${control}`, f.pattern as string];
    }),
  );
}

describe('CisAlarms', () => {
  const { outdir, stack, synthesized } = synthAlarms();
  const patterns = patternsByControl(stack);
  /** The metric filter of one control (named cis-4-N-...) with `pattern`. */
  const filterOf = (control: string, pattern: string) => ({ name: expect.stringMatching(new RegExp(`^cis-4-${control.slice(2)}-`)), log_group_name: LOG_GROUP, pattern });

  it('has one metric filter and one alarm for each of CIS 4.1 to 4.15', () => {
    expect(Object.keys(patterns).sort()).toEqual(Object.keys(BENCHMARK).sort());
    expect(resourcesOfType(stack, 'aws_cloudwatch_metric_alarm')).toHaveLength(15);
  });

  it.each(Object.keys(BENCHMARK).filter((c) => c !== '4.1' && c !== '4.2'))('uses the benchmark pattern for CIS %s exactly', (control) => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, filterOf(control, BENCHMARK[control]!));
  });

  it("uses the benchmark's SSO pattern for CIS 4.2 by default, and its first pattern when asked", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, filterOf('4.2', BENCHMARK_4_2_SSO));
    expect(synthAlarms({ consoleSignInWithoutMfa: 'all-sign-ins' }).synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, filterOf('4.2', BENCHMARK['4.2']!));
  });

  it('uses the corrected CIS 4.1 pattern by default, and the v3.0 text verbatim when asked', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, filterOf('4.1', CORRECTED_4_1));
    expect(synthAlarms({ unauthorizedApiCalls: 'benchmark-text' }).synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, filterOf('4.1', BENCHMARK['4.1']!));
  });

  it('puts every filter on the trail log group, counting 1 per match in the CISBenchmark namespace', () => {
    for (const filter of resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter')) {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
        name: filter.name,
        log_group_name: LOG_GROUP,
        metric_transformation: { name: filter.name, namespace: 'CISBenchmark', value: '1', default_value: '0' },
      });
    }
  });

  it('alarms on Sum >= 1 over 5 minutes and notifies the alert topic, with actions enabled', () => {
    for (const alarm of resourcesOfType(stack, 'aws_cloudwatch_metric_alarm')) {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: alarm.alarm_name,
        alarm_description: expect.stringMatching(/^CIS 4\.\d+: Ensure /),
        namespace: 'CISBenchmark',
        metric_name: alarm.alarm_name,
        statistic: 'Sum',
        period: 300,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
        actions_enabled: true,
        alarm_actions: [TOPIC_ARN],
      });
    }
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  describe('validation', () => {
    const topic = () => ({ topicArn: TOPIC_ARN, topicName: 'security-alerts' });

    it('fails when a control to omit is not a CIS monitoring control', () => {
      expect(() => new CisAlarms(testStack(), 'cis', { logGroupName: LOG_GROUP, topic: topic(), omitControls: ['4.16'] })).toThrow(/omitControls must list CIS monitoring controls/);
    });

    it('fails when the namespace is reserved by AWS', () => {
      expect(() => new CisAlarms(testStack(), 'cis', { logGroupName: LOG_GROUP, topic: topic(), namespace: 'AWS/CloudTrail' })).toThrow(/namespace must be/);
    });

    it('fails when the 4.2 choice is unknown', () => {
      expect(() => new CisAlarms(testStack(), 'cis', { logGroupName: LOG_GROUP, topic: topic(), consoleSignInWithoutMfa: 'sso' as 'iam-users' })).toThrow(
        /consoleSignInWithoutMfa must be "iam-users" or "all-sign-ins"/,
      );
    });
  });
});
