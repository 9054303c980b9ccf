import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { AwsPartition } from '../../core/regions';
import { ValidationError } from '../../core/errors';
import { renderPolicy, type PolicyStatement } from '../../iam/policy-document';
import { EncryptionKey, type KeyServiceGrant } from '../../kms';
import { oneOrList } from '../../core/lists';
import type { AccountContext } from '../../core/account-context';

/** What an alarm or an EventBridge rule needs to send to an alert topic. */
export interface IAlertTopic {
  /** ARN of the topic, known at synth from its name. */
  readonly topicArn: string;
  /** Name of the topic. */
  readonly topicName: string;
}

/** The AWS services allowed to publish to an alert topic (and to use its key). */
export const ALERT_PUBLISHERS = ['events', 'cloudwatch'] as const;

/** Cost services that may also publish when `costPublishers` is set: AWS Budgets and Cost Anomaly Detection. */
export const COST_ALERT_PUBLISHERS = ['budgets', 'costalerts'] as const;

export interface AlertTopicProps extends AccountContext {
  /** Topic name (letters, digits, `-` and `_`, up to 256). Also the key alias, under `aliasPrefix`. */
  readonly topicName: string;
  /**
   * Email addresses subscribed to the topic (each recipient must confirm the subscription once).
   * @default []
   * Security: alerts nobody receives are the failure case this topic exists to prevent; subscribe a team address.
   */
  readonly emailEndpoints?: readonly string[];
  /**
   * HTTPS endpoints subscribed to the topic (chat webhooks, incident tools). Plain HTTP is refused.
   * @default []
   * Security: HTTPS keeps findings, which name resources and principals, out of clear text.
   */
  readonly httpsEndpoints?: readonly string[];
  /**
   * Accounts whose EventBridge rules and CloudWatch alarms may publish (`aws:SourceAccount`).
   * @default - only `accountId`
   * Security: no other account can make the topic page people.
   */
  readonly publisherAccountIds?: readonly string[];
  /**
   * Prefix of the key alias: the key is `alias/<aliasPrefix>/<topicName>`.
   * @default "alerts"
   * Security: none; naming only.
   */
  readonly aliasPrefix?: string;
  /**
   * Days before a scheduled deletion of the topic key takes effect (7-30).
   * @default 30
   * Security: a deleted key silences the topic; the longest window leaves the most time to notice.
   */
  readonly keyDeletionWindowDays?: number;
  /**
   * Also let AWS Budgets and Cost Anomaly Detection of the publisher accounts publish (and use the key).
   * @default false
   * Security: each service is tied to the publisher accounts by `aws:SourceAccount`.
   */
  readonly costPublishers?: boolean;
  /** Tags for the topic and its key. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * An SNS topic for security alerts: encrypted with its own customer-managed key, whose policy lets only EventBridge
 * and CloudWatch (alarms) of the named accounts use it besides the owning account; a topic policy that lets only
 * those two services publish, only for those accounts' rules and alarms, and only over TLS; email and HTTPS
 * subscriptions.
 */
export class AlertTopic extends Construct implements IAlertTopic {
  readonly resource: SnsTopic;
  readonly key: EncryptionKey;
  readonly topicArn: string;
  readonly topicName: string;
  /** The rendered topic policy. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.topicName) && !TOPIC_NAME.test(props.topicName)) {
      throw new ValidationError(this, 'topicName', props.topicName, 'must be 1-256 letters, digits, "-" or "_"');
    }
    const publishers = props.publisherAccountIds ?? [props.accountId];
    if (publishers.length === 0) {
      throw new ValidationError(this, 'publisherAccountIds', publishers, 'must list at least one account, or be omitted to mean the topic owner');
    }
    for (const account of [props.accountId, ...publishers]) {
      if (!Token.isUnresolved(account) && !/^\d{12}$/.test(account)) {
        throw new ValidationError(this, account === props.accountId ? 'accountId' : 'publisherAccountIds', account, 'must be a 12-digit AWS account id');
      }
    }
    const emails = props.emailEndpoints ?? [];
    const https = props.httpsEndpoints ?? [];
    for (const email of emails) {
      if (!EMAIL.test(email)) throw new ValidationError(this, 'emailEndpoints', email, 'must list email addresses such as "security@example.com"');
    }
    for (const url of https) {
      if (!isHttpsUrl(url)) {
        throw new ValidationError(this, 'httpsEndpoints', url, 'must list https:// URLs such as "https://hooks.example.com/alerts" (plain HTTP would send findings in clear text)');
      }
    }
    const sourceAccount = oneOrList(publishers);

    this.topicName = props.topicName;
    this.topicArn = `arn:${props.partition}:sns:${props.region}:${props.accountId}:${props.topicName}`;

    this.key = new EncryptionKey(this, 'Key', {
      accountId: props.accountId,
      partition: props.partition,
      region: props.region,
      aliasName: `${props.aliasPrefix ?? 'alerts'}/${props.topicName}`,
      description: `Encrypts the ${props.topicName} alert topic; only EventBridge and CloudWatch alarms may use it`,
      deletionWindowDays: props.keyDeletionWindowDays,
      serviceGrants: ALERT_PUBLISHERS.map((service): KeyServiceGrant => ({
        sid: service === 'events' ? 'EventBridgePublishesEncrypted' : 'CloudWatchAlarmsPublishEncrypted',
        principal: `${service}.amazonaws.com`,
        // Publishing to an encrypted topic needs a data key; SNS decrypts it to deliver.
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        conditions: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
      })).concat(
        (props.costPublishers ? COST_ALERT_PUBLISHERS : []).map((service): KeyServiceGrant => ({
          sid: service === 'budgets' ? 'BudgetsPublishEncrypted' : 'CostAnomalyDetectionPublishesEncrypted',
          principal: `${service}.amazonaws.com`,
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          conditions: { StringEquals: { 'aws:SourceAccount': sourceAccount } },
        })),
      ),
      tags: props.tags,
    });

    this.resource = new SnsTopic(this, 'Resource', {
      name: props.topicName,
      displayName: 'Security alerts',
      kmsMasterKeyId: this.key.keyArn,
      tags: props.tags ? { ...props.tags } : undefined,
    });

    this.policyJson = renderPolicy([
      ...alertTopicPolicyStatements(props.partition, this.topicArn, publishers),
      ...(props.costPublishers ? costPublisherStatements(this.topicArn, publishers) : []),
    ]);
    new SnsTopicPolicy(this, 'Policy', { arn: this.resource.arn, policy: this.policyJson });

    for (const email of emails) {
      new SnsTopicSubscription(this, `email-${subscriptionId(email)}`, { topicArn: this.resource.arn, protocol: 'email', endpoint: email });
    }
    for (const url of https) {
      new SnsTopicSubscription(this, `https-${subscriptionId(url)}`, {
        topicArn: this.resource.arn,
        protocol: 'https',
        endpoint: url,
        endpointAutoConfirms: false,
      });
    }
  }
}

/**
 * The topic policy: EventBridge rules and CloudWatch alarms of the publisher accounts may publish (each tied to its
 * own resource type by `aws:SourceArn`); nobody may publish without TLS.
 */
export function alertTopicPolicyStatements(partition: AwsPartition, topicArn: string, publisherAccountIds: readonly string[]): PolicyStatement[] {
  const region = topicArn.split(':')[3]!;
  const accounts = oneOrList(publisherAccountIds);
  const sources = (service: string, resource: string) => {
    return oneOrList(publisherAccountIds.map((account) => `arn:${partition}:${service}:${region}:${account}:${resource}`));
  };
  return [
    {
      Sid: 'EventBridgeRulesPublish',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': accounts }, ArnLike: { 'aws:SourceArn': sources('events', 'rule/*') } },
    },
    {
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { StringEquals: { 'aws:SourceAccount': accounts }, ArnLike: { 'aws:SourceArn': sources('cloudwatch', 'alarm:*') } },
    },
    {
      Sid: 'DenyPublishWithoutTls',
      Effect: 'Deny',
      Principal: '*',
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
}

/** Topic policy statements letting AWS Budgets and Cost Anomaly Detection of the publisher accounts publish. */
export function costPublisherStatements(topicArn: string, publisherAccountIds: readonly string[]): PolicyStatement[] {
  return COST_ALERT_PUBLISHERS.map((service) => ({
    Sid: service === 'budgets' ? 'BudgetsPublish' : 'CostAnomalyDetectionPublishes',
    Effect: 'Allow',
    Principal: { Service: `${service}.amazonaws.com` },
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { StringEquals: { 'aws:SourceAccount': oneOrList(publisherAccountIds) } },
  }));
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A construct id from an endpoint: stable (derived from the endpoint, never its position) and free of `/`. */
function subscriptionId(endpoint: string): string {
  return endpoint.replace(/^https:\/\//, '').replace(/[^A-Za-z0-9@._-]+/g, '-');
}
