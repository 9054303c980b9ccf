import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { ValidationError } from '../../core/errors';
import type { IAlertTopic } from './alert-topic';

/** An EventBridge event pattern (see the EventBridge content-filtering syntax). */
export type EventPattern = Readonly<Record<string, unknown>>;

export interface AlertRuleProps {
  /** Rule name (letters, digits, `.`, `-`, `_`; up to 64). */
  readonly ruleName: string;
  /** What the rule sends and why. */
  readonly description: string;
  /** The events to send. */
  readonly eventPattern: EventPattern;
  /** The topic the matching events go to (in the rule's account and Region). */
  readonly topic: IAlertTopic;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An EventBridge rule on the default bus that sends matching events, unchanged, to an alert topic. */
export class AlertRule extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly ruleArn: string;
  /** The rendered event pattern. */
  readonly eventPatternJson: string;

  constructor(scope: Construct, id: string, props: AlertRuleProps) {
    super(scope, id);
    if (!/^[\w.-]{1,64}$/.test(props.ruleName)) {
      throw new ValidationError(this, 'ruleName', props.ruleName, 'must be 1-64 letters, digits, ".", "-" or "_"');
    }
    if (Object.keys(props.eventPattern).length === 0) {
      throw new ValidationError(this, 'eventPattern', props.eventPattern, 'must not be empty (an empty pattern is refused by EventBridge)');
    }
    this.eventPatternJson = JSON.stringify(props.eventPattern);
    this.rule = new CloudwatchEventRule(this, 'Resource', {
      name: props.ruleName,
      description: props.description,
      eventPattern: this.eventPatternJson,
      state: 'ENABLED',
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.ruleArn = this.rule.arn;
    new CloudwatchEventTarget(this, 'Target', { rule: this.rule.name, targetId: 'alert-topic', arn: props.topic.topicArn });
  }
}
