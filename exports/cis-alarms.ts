import { CisAlarms } from '../modules/detection/cis';
import { CIS_4_2_IAM_USERS_PATTERN, cisMetricFilter } from '../modules/detection/cis/patterns';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { SNS_TOPIC_ARN_REGEX, declareTagsVariable } from './common';

const LOG_GROUP_PLACEHOLDER = 'exported-cis-log-group';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('log_group_name', {
    type: 'string',
    description: 'CloudWatch Logs group that receives the CloudTrail trail of this account (the cloudtrail module\'s log group): the metric filters read it. 1-512 letters, digits, "_", "-", "/", "." or "#".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_./#-]{1,512}$", var.log_group_name))', errorMessage: 'log_group_name must be a log group name of 1-512 letters, digits, "_", "-", "/", "." or "#".' }],
  });
  const topicArn = stack.variable('alarm_topic_arn', {
    type: 'string',
    description: 'SNS topic the alarms notify (the alert-topic module\'s topic_arn; its policy must let CloudWatch alarms of this account publish). Alarms nobody receives do not help: CIS 4.x asks for a subscribed topic.',
    validation: [{ condition: `can(regex(${JSON.stringify(SNS_TOPIC_ARN_REGEX)}, var.alarm_topic_arn))`, errorMessage: 'alarm_topic_arn must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:security-alerts".' }],
  });
  const signIn = stack.variable('console_sign_in_without_mfa', {
    type: 'string',
    description: 'What CIS 4.2 alarms on: "iam-users" (IAM users signing in without MFA; people sign in through SSO) or "all-sign-ins". Default "iam-users": with SSO, every federated login would alarm, and an alarm that is always on is ignored.',
    default: 'iam-users',
    validation: [{ condition: 'contains(["iam-users", "all-sign-ins"], var.console_sign_in_without_mfa)', errorMessage: 'console_sign_in_without_mfa must be "iam-users" or "all-sign-ins".' }],
  });

  const alarms = new CisAlarms(stack, 'this', {
    logGroupName: LOG_GROUP_PLACEHOLDER,
    topic: { topicArn: topicArn.stringValue, topicName: 'alerts' },
    consoleSignInWithoutMfa: 'iam-users',
    tags: stack.moduleTags,
  });
  stack.replaceLiteral(LOG_GROUP_PLACEHOLDER, 'var.log_group_name');
  // The construct picks the 4.2 pattern in TypeScript; the module picks it in Terraform from the same two patterns.
  const mfa = alarms.alarms.find((a) => a.control === '4.2')!;
  const allSignIns = cisMetricFilter('4.2').pattern;
  mfa.metricFilter.pattern = `\${var.console_sign_in_without_mfa == "iam-users" ? ${JSON.stringify(CIS_4_2_IAM_USERS_PATTERN)} : ${JSON.stringify(allSignIns)}}`;
  void signIn;

  stack.output('alarm_arns', Object.fromEntries(alarms.alarms.map((a) => [a.control, a.alarm.arn])), 'ARNs of the CIS 4.1-4.15 alarms, by control number.');
}

export const cisAlarmsModule: ModuleDefinition = {
  name: 'cis-alarms',
  title: 'CIS 4.1-4.15 metric filters and alarms on the CloudTrail log group',
  summary: `
The CIS AWS Foundations Benchmark monitoring controls 4.1 to 4.15 (\`CisAlarms\` of \`modules/detection/cis\`): a metric
filter on the trail's CloudWatch Logs group and an alarm to the alert topic for each (unauthorized API calls, console
sign-in without MFA, root use, IAM, CloudTrail, KMS, S3 policy, Config, security group, NACL, gateway, route table,
VPC and Organizations changes).
`,
  example: `
module "cis_alarms" {
  source = "../.."

  log_group_name  = "/cloudtrail/organization"
  alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:security-alerts"
}

output "alarm_arns" {
  value = module.cis_alarms.alarm_arns
}
`,
  notes: ['Control 4.1 uses the corrected pattern (the benchmark text matches nearly every event and would alarm forever). Omitting controls stays with the CDKTF construct.'],
  build,
};
