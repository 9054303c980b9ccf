import { GuardDutyAlertRule, guardDutyFindingPattern } from '../modules/detection/alerts';
import { GuardDutyDetector } from '../modules/detection/guardduty';
import {
  DEFAULT_GUARDDUTY_PROTECTIONS,
  FINDING_PUBLISHING_FREQUENCIES,
  GUARDDUTY_FEATURES,
  GUARDDUTY_SEVERITY_RANGE,
  RUNTIME_MONITORING_AGENT_SETTINGS,
  type GuardDutyProtection,
} from '../modules/detection/guardduty/features';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable, hclList } from './common';
import { buildTopic, declareTopicVariables } from './alert-topic';

/** `s3DataEvents` -> `enable_s3_data_events`. */
export function protectionVariable(protection: GuardDutyProtection): string {
  return `enable_${protection.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`;
}

export const PROTECTION_TEXT: Readonly<Record<GuardDutyProtection, string>> = {
  s3DataEvents: 'S3 Protection (S3 data events: object-level API activity)',
  eksAuditLogs: 'EKS Protection (Kubernetes audit logs)',
  ebsMalwareProtection: 'Malware Protection for EC2 (scans EBS volumes of instances with suspicious findings)',
  rdsLoginEvents: 'RDS Protection (Aurora login activity)',
  lambdaNetworkLogs: 'Lambda Protection (network activity of functions)',
  runtimeMonitoring: 'Runtime Monitoring with agent management on EKS, ECS Fargate and EC2 (deploys the GuardDuty agent: a workload change teams opt into)',
};


function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  const frequency = stack.variable('finding_publishing_frequency', {
    type: 'string',
    description: `How often updates of existing findings are published to EventBridge (new findings are always published at once): ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}. Default "FIFTEEN_MINUTES": the shortest interval gets escalating findings to people soonest.`,
    default: 'FIFTEEN_MINUTES',
    validation: [{ condition: `contains(${hclList(FINDING_PUBLISHING_FREQUENCIES)}, var.finding_publishing_frequency)`, errorMessage: `finding_publishing_frequency must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}.` }],
  });
  for (const protection of Object.keys(GUARDDUTY_FEATURES) as GuardDutyProtection[]) {
    const on = DEFAULT_GUARDDUTY_PROTECTIONS[protection];
    stack.variable(protectionVariable(protection), {
      type: 'bool',
      description: `Turn on ${PROTECTION_TEXT[protection]}. Default ${on}${on ? ': extends detection beyond CloudTrail, VPC flow and DNS logs' : ''}.`,
      default: on,
    });
  }
  const severity = stack.variable('minimum_severity', {
    type: 'number',
    description: `Lowest GuardDuty severity sent to the topic, ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max} (low 1.0-3.9, medium 4.0-6.9, high 7.0-8.9). Default 7: high findings page someone; lower ones stay in GuardDuty and Security Hub for triage. Matched numerically, as GuardDuty findings carry a number, not a label.`,
    default: 7,
    validation: [
      {
        condition: `var.minimum_severity >= ${GUARDDUTY_SEVERITY_RANGE.min} && var.minimum_severity <= ${GUARDDUTY_SEVERITY_RANGE.max}`,
        errorMessage: `minimum_severity must be a GuardDuty severity from ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max} (above ${GUARDDUTY_SEVERITY_RANGE.max} nothing would ever match).`,
      },
    ],
  });
  declareTopicVariables(stack);

  // All protection plans are built (so every feature resource exists); each one's status follows its variable.
  const detector = new GuardDutyDetector(stack, 'this', {
    findingPublishingFrequency: frequency.stringValue as 'FIFTEEN_MINUTES',
    protections: Object.fromEntries(Object.keys(GUARDDUTY_FEATURES).map((p) => [p, true])),
    tags: stack.moduleTags,
  });
  for (const [protection, feature] of Object.entries(detector.features) as Array<[GuardDutyProtection, NonNullable<(typeof detector.features)[GuardDutyProtection]>]>) {
    const status = `\${var.${protectionVariable(protection)} ? "ENABLED" : "DISABLED"}`;
    feature.status = status;
    if (protection === 'runtimeMonitoring') {
      feature.putAdditionalConfiguration(RUNTIME_MONITORING_AGENT_SETTINGS.map((name) => ({ name, status })));
    }
  }

  const topic = buildTopic(stack, 'Topic');

  const rule = new GuardDutyAlertRule(stack, 'FindingsRule', { topic, minimumSeverity: severity.numberValue, tags: stack.moduleTags });
  // The construct renders its pattern with JSON.stringify, which cannot hold a Terraform number; the module renders
  // the same pattern (from the same function) with jsonencode, so the severity stays a number.
  stack.local('guardduty_finding_pattern', guardDutyFindingPattern(severity.numberValue));
  rule.rule.rule.eventPattern = '${jsonencode(local.guardduty_finding_pattern)}';
  rule.rule.rule.description = '${format("GuardDuty findings with severity %g or higher, to the %s topic", var.minimum_severity, var.topic_name)}';

  stack.output('detector_id', detector.detectorId, 'Id of the GuardDuty detector.');
  stack.output('detector_arn', detector.resource.arn, 'ARN of the GuardDuty detector.');
  stack.output('topic_arn', topic.resource.arn, 'ARN of the alert topic (CloudWatch alarms and EventBridge rules of this account may publish to it).');
  stack.output('topic_name', topic.resource.name, 'Name of the alert topic.');
  stack.output('topic_kms_key_arn', topic.key.keyArn, 'ARN of the KMS key that encrypts the topic.');
  stack.output('event_rule_arn', rule.rule.ruleArn, 'ARN of the EventBridge rule that sends GuardDuty findings to the topic.');
  stack.output('event_rule_name', rule.rule.rule.name, 'Name of the EventBridge rule.');
}

export const guardDutyAlertsModule: ModuleDefinition = {
  name: 'guardduty-alerts',
  title: 'GuardDuty detector with protection plans and severity-based alerts',
  summary: `
An enabled GuardDuty detector with its protection plans (\`GuardDutyDetector\`), an encrypted SNS alert topic
(\`AlertTopic\`: its own customer-managed key, a topic policy that lets only EventBridge rules and CloudWatch alarms of
this account publish, and only over TLS) with email and HTTPS subscriptions, and an EventBridge rule
(\`GuardDutyAlertRule\`) that sends findings at or above a numeric severity to the topic.
`,
  example: `
module "guardduty_alerts" {
  source = "../.."

  account_id       = "123456789012"
  minimum_severity = 7
  email_endpoints  = ["security@example.com"]
}

output "topic_arn" {
  value = module.guardduty_alerts.topic_arn
}
`,
  notes: [
    'One detector per account and Region: call the module once per Region. In accounts whose protection plans are set by a GuardDuty delegated administrator, use the CDKTF constructs instead (a member cannot change its plans).',
    'The topic key and its alias `alias/alerts/<topic_name>` have `prevent_destroy`.',
    'Only the owning account may publish to the topic (the construct\'s `publisherAccountIds` is not exported).',
    'Email subscriptions stay pending until the recipient confirms them; Terraform shows them as created.',
  ],
  build,
};
