import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ValidationError } from '../../core/errors';
import { GUARDDUTY_SEVERITY_RANGE } from '../guardduty/features';
import { AlertRule } from './alert-rule';
import type { IAlertTopic } from './alert-topic';
import { guardDutyFindingPattern } from './finding-patterns';

export interface GuardDutyAlertRuleProps {
  /** The topic findings go to (same account and Region). */
  readonly topic: IAlertTopic;
  /**
   * Lowest GuardDuty severity sent (1 to 8.9; GuardDuty's high band starts at 7, medium at 4).
   * @default 7
   * Security: high findings page someone; lower ones stay in GuardDuty and Security Hub for triage.
   */
  readonly minimumSeverity?: number;
  /** Rule name. @default "guardduty-findings-to-alerts" */
  readonly ruleName?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Routes GuardDuty findings at or above a numeric severity to an alert topic. In the delegated administrator account
 * it sees every member account's findings for its Region, so one rule per Region covers the organisation.
 */
export class GuardDutyAlertRule extends Construct {
  readonly rule: AlertRule;
  readonly minimumSeverity: number;

  constructor(scope: Construct, id: string, props: GuardDutyAlertRuleProps) {
    super(scope, id);
    const severity = props.minimumSeverity ?? 7;
    if (!Token.isUnresolved(severity) && (typeof severity !== 'number' || Number.isNaN(severity) || severity < GUARDDUTY_SEVERITY_RANGE.min || severity > GUARDDUTY_SEVERITY_RANGE.max)) {
      throw new ValidationError(
        this,
        'minimumSeverity',
        severity,
        `must be a GuardDuty severity from ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max} (above ${GUARDDUTY_SEVERITY_RANGE.max} nothing would ever match)`,
      );
    }
    this.minimumSeverity = severity;
    this.rule = new AlertRule(this, 'Rule', {
      ruleName: props.ruleName ?? 'guardduty-findings-to-alerts',
      description: `GuardDuty findings with severity ${severity} or higher, to the ${props.topic.topicName} topic`,
      eventPattern: guardDutyFindingPattern(severity),
      topic: props.topic,
      tags: props.tags,
    });
  }
}
