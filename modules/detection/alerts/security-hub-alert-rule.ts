import { Construct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { AlertRule } from './alert-rule';
import type { IAlertTopic } from './alert-topic';
import { SECURITY_HUB_SEVERITY_LABELS, securityHubFindingPattern, type SecurityHubSeverityLabel } from './finding-patterns';

export interface SecurityHubAlertRuleProps {
  /** The topic findings go to (same account and Region). */
  readonly topic: IAlertTopic;
  /**
   * Severity labels sent.
   * @default ["CRITICAL", "HIGH"]
   * Security: what needs a person now; the rest is triaged in Security Hub.
   */
  readonly severities?: readonly SecurityHubSeverityLabel[];
  /**
   * Products whose findings are left out because they alert through their own rule (e.g. `GuardDuty`).
   * @default []
   * Security: a finding that pages twice trains people to ignore pages.
   */
  readonly excludeProducts?: readonly string[];
  /** Rule name. @default "securityhub-findings-to-alerts" */
  readonly ruleName?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Routes new, active Security Hub findings of the chosen severities to an alert topic. In the aggregation Region of
 * the administrator account it sees the findings of every linked Region and member account.
 */
export class SecurityHubAlertRule extends Construct {
  readonly rule: AlertRule;

  constructor(scope: Construct, id: string, props: SecurityHubAlertRuleProps) {
    super(scope, id);
    const severities = props.severities ?? ['CRITICAL', 'HIGH'];
    if (severities.length === 0) throw new ValidationError(this, 'severities', severities, 'must list at least one severity label');
    for (const label of severities) {
      if (!(SECURITY_HUB_SEVERITY_LABELS as readonly string[]).includes(label)) {
        throw new ValidationError(this, 'severities', label, `must list Security Hub severity labels: ${SECURITY_HUB_SEVERITY_LABELS.join(', ')}`);
      }
    }
    this.rule = new AlertRule(this, 'Rule', {
      ruleName: props.ruleName ?? 'securityhub-findings-to-alerts',
      description: `New ${severities.join('/')} Security Hub findings, to the ${props.topic.topicName} topic`,
      eventPattern: securityHubFindingPattern(severities, props.excludeProducts),
      topic: props.topic,
      tags: props.tags,
    });
  }
}
