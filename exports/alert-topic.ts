import { TerraformIterator } from 'cdktf';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { AlertTopic } from '../modules/detection/alerts';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';

const EMAIL_REGEX = String.raw`^[^\s@]+@[^\s@]+\.[^\s@]+$`;

/** `topic_name`, `email_endpoints`, `https_endpoints`, `key_deletion_window_days`: shared with guardduty-alerts. */
export function declareTopicVariables(stack: ModuleStack): void {
  stack.variable('topic_name', {
    type: 'string',
    description: 'Name of the alert topic, 1-256 letters, digits, "-" or "_"; the topic key is "alias/alerts/<topic_name>". Default "security-alerts".',
    default: 'security-alerts',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,256}$", var.topic_name))', errorMessage: 'topic_name must be 1-256 letters, digits, "-" or "_".' }],
  });
  stack.variable('email_endpoints', {
    type: 'list(string)',
    description: 'Email addresses subscribed to the topic (each recipient confirms once). Default []. Alerts nobody receives are the failure this module exists to prevent: subscribe a team address or an HTTPS endpoint.',
    default: [],
    validation: [{ condition: `alltrue([for e in var.email_endpoints : can(regex(${JSON.stringify(EMAIL_REGEX)}, e))])`, errorMessage: 'email_endpoints must list email addresses such as "security@example.com".' }],
  });
  stack.variable('https_endpoints', {
    type: 'list(string)',
    description: 'HTTPS endpoints subscribed to the topic (chat webhooks, incident tools). Default []. Plain HTTP is refused: findings name resources and principals and must not travel in clear text.',
    default: [],
    validation: [
      {
        condition: 'alltrue([for u in var.https_endpoints : can(regex("^https://[^/\\\\s:@]+(:[0-9]+)?(/\\\\S*)?$", u))])',
        errorMessage: 'https_endpoints must list https:// URLs such as "https://hooks.example.com/alerts" (plain HTTP would send findings in clear text).',
      },
    ],
  });
  stack.variable('key_deletion_window_days', {
    type: 'number',
    description: 'Days before a scheduled deletion of the topic key takes effect, 7-30. Default 30: a deleted key silences the topic; the longest window leaves the most time to notice.',
    default: 30,
    validation: [integerInRange('key_deletion_window_days', 7, 30, 'days')],
  });
}

/** The topic (built from the variables) and its subscriptions, for_each over the list inputs. */
export function buildTopic(stack: ModuleStack, id: string): AlertTopic {
  const { partition, region } = providerContext(stack);
  const accountId = declareAccountId(stack, 'the topic policy lets only this account\'s EventBridge rules and CloudWatch alarms publish.');
  const topic = new AlertTopic(stack, id, {
    topicName: stack.var('topic_name').stringValue,
    partition,
    accountId,
    region,
    keyDeletionWindowDays: stack.var('key_deletion_window_days').numberValue,
    tags: stack.moduleTags,
  });
  const emails = TerraformIterator.fromList(stack.var('email_endpoints').listValue);
  new SnsTopicSubscription(stack, 'EmailSubscription', { forEach: emails, topicArn: topic.resource.arn, protocol: 'email', endpoint: emails.value });
  const urls = TerraformIterator.fromList(stack.var('https_endpoints').listValue);
  new SnsTopicSubscription(stack, 'HttpsSubscription', { forEach: urls, topicArn: topic.resource.arn, protocol: 'https', endpoint: urls.value, endpointAutoConfirms: false });
  return topic;
}

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  declareTopicVariables(stack);
  const topic = buildTopic(stack, 'this');
  stack.output('topic_arn', topic.resource.arn, 'ARN of the alert topic (CloudWatch alarms and EventBridge rules of this account may publish to it).');
  stack.output('topic_name', topic.resource.name, 'Name of the alert topic.');
  stack.output('topic_kms_key_arn', topic.key.keyArn, 'ARN of the KMS key that encrypts the topic.');
}

export const alertTopicModule: ModuleDefinition = {
  name: 'alert-topic',
  title: 'encrypted SNS alert topic with email and HTTPS routing',
  summary: `
The alert topic of \`modules/detection/alerts\` (\`AlertTopic\`): an SNS topic encrypted with its own customer-managed
key, a topic policy that lets only EventBridge rules and CloudWatch alarms of this account publish, and only over TLS,
and email and HTTPS subscriptions (plain HTTP refused). The target of the cis-alarms module and of EventBridge rules.
`,
  example: `
module "alert_topic" {
  source = "../.."

  account_id      = "123456789012"
  topic_name      = "security-alerts"
  email_endpoints = ["security@example.com"]
}

output "topic_arn" {
  value = module.alert_topic.topic_arn
}
`,
  notes: ['The topic key and its alias have `prevent_destroy`. Only the owning account may publish (the construct\'s `publisherAccountIds` is not exported).', 'Email subscriptions stay pending until the recipient confirms them.'],
  build,
};
