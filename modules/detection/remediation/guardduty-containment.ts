import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AccountContext } from '../../core/account-context';
import { ValidationError } from '../../core/errors';
import { GUARDDUTY_SEVERITY_RANGE } from '../guardduty/features';
import type { ContainmentRunbook } from './containment-runbooks';

export interface GuardDutyContainmentProps extends AccountContext {
  /** Rule name (letters, digits, `.-_`, up to 64). */
  readonly ruleName: string;
  /** The pinned runbook. */
  readonly runbook: ContainmentRunbook;
  /** Finding types routed to it; each must be one the runbook contains. */
  readonly findingTypes: readonly string[];
  /**
   * Only findings of this severity and above start the runbook.
   * @default 7 (high)
   * Security: containment stops workloads; low-confidence findings page people instead.
   */
  readonly minimumSeverity?: number;
  /** ARN of the role EventBridge uses to start the automation (`ssm:StartAutomationExecution` + pass the automation role). */
  readonly invokeRoleArn: string;
  /** ARN of the runbook's execution role (`AutomationAssumeRole`). */
  readonly automationRoleArn: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The SSM Automation definition ARN EventBridge targets for an AWS-owned runbook (its default version). */
export function automationDefinitionArn(ctx: AccountContext, runbookName: string): string {
  return `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:automation-definition/${runbookName}:$DEFAULT`;
}

/**
 * An EventBridge rule from GuardDuty findings of the listed types (this account, this Region) to an SSM Automation
 * runbook that contains the resource the finding names, run with its own role.
 */
export class GuardDutyContainment extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: GuardDutyContainmentProps) {
    super(scope, id);
    if (props.findingTypes.length === 0) throw new ValidationError(this, 'findingTypes', [], 'must list at least one finding type');
    for (const type of props.findingTypes) {
      if (!props.runbook.findingTypes.includes(type)) throw new ValidationError(this, 'findingTypes', type, `is not contained by ${props.runbook.name}`);
    }
    const severity = props.minimumSeverity ?? 7;
    if (severity < GUARDDUTY_SEVERITY_RANGE.min || severity > GUARDDUTY_SEVERITY_RANGE.max) {
      throw new ValidationError(this, 'minimumSeverity', severity, `must be from ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max}`);
    }
    this.rule = new CloudwatchEventRule(this, 'Resource', {
      name: props.ruleName,
      description: `GuardDuty findings to ${props.runbook.name}: ${props.runbook.summary}`,
      eventPattern: JSON.stringify({
        source: ['aws.guardduty'],
        // Only this account's own findings: the administrator account also receives its members' findings.
        account: [props.accountId],
        'detail-type': ['GuardDuty Finding'],
        detail: { type: [...props.findingTypes], severity: [{ numeric: ['>=', severity] }] },
      }),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    const parameter = props.runbook.resourceParameter;
    new CloudwatchEventTarget(this, 'Target', {
      rule: this.rule.name,
      targetId: props.runbook.id,
      arn: automationDefinitionArn(props, props.runbook.name),
      roleArn: props.invokeRoleArn,
      inputTransformer: {
        inputPaths: { resource: parameter.findingPath },
        // Automation parameters are lists of strings; the role ARN is config, written as a JSON literal.
        inputTemplate: `{"${parameter.name}":[<resource>],"AutomationAssumeRole":[${JSON.stringify(props.automationRoleArn)}]}`,
      },
    });
  }
}
