import { Construct } from 'constructs';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { ValidationError } from '../core/errors';

/** Budget alert thresholds are percentages of the limit; AWS accepts up to 1000 % (ten times the budget). */
export const BUDGET_THRESHOLD_RANGE = { min: 1, max: 1000 } as const;

export interface AccountBudgetProps {
  /** Budget name (unique in the paying account). */
  readonly budgetName: string;
  /** The member account whose costs the budget tracks (`LinkedAccount` filter, from the management account). */
  readonly linkedAccountId: string;
  /** Monthly limit in USD. */
  readonly monthlyLimitUsd: number;
  /** Percentages of the limit at which actual spend alerts. */
  readonly actualThresholdPercents: readonly number[];
  /** Percentages of the limit at which forecast spend alerts. */
  readonly forecastThresholdPercents: readonly number[];
  /** Topic the alerts go to (it must let budgets.amazonaws.com publish). */
  readonly topicArn: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A monthly cost budget for one account, alerting the topic on actual and forecast spend thresholds. */
export class AccountBudget extends Construct {
  readonly resource: BudgetsBudget;

  constructor(scope: Construct, id: string, props: AccountBudgetProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.linkedAccountId)) throw new ValidationError(this, 'linkedAccountId', props.linkedAccountId, 'must be a 12-digit account id');
    if (!(props.monthlyLimitUsd > 0)) throw new ValidationError(this, 'monthlyLimitUsd', props.monthlyLimitUsd, 'must be more than 0');
    const thresholds = [...props.actualThresholdPercents.map((t) => ['actualThresholdPercents', t] as const), ...props.forecastThresholdPercents.map((t) => ['forecastThresholdPercents', t] as const)];
    if (thresholds.length === 0) throw new ValidationError(this, 'actualThresholdPercents', [], 'and forecastThresholdPercents must list at least one threshold');
    for (const [prop, t] of thresholds) {
      if (!(t >= BUDGET_THRESHOLD_RANGE.min && t <= BUDGET_THRESHOLD_RANGE.max)) {
        throw new ValidationError(this, prop, t, `must be percentages from ${BUDGET_THRESHOLD_RANGE.min} to ${BUDGET_THRESHOLD_RANGE.max}`);
      }
    }
    const notification = (type: 'ACTUAL' | 'FORECASTED') => (threshold: number) => ({
      comparisonOperator: 'GREATER_THAN',
      notificationType: type,
      threshold,
      thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [props.topicArn],
    });
    this.resource = new BudgetsBudget(this, 'Resource', {
      name: props.budgetName,
      budgetType: 'COST',
      limitAmount: props.monthlyLimitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'LinkedAccount', values: [props.linkedAccountId] }],
      notification: [...props.actualThresholdPercents.map(notification('ACTUAL')), ...props.forecastThresholdPercents.map(notification('FORECASTED'))],
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
  }
}
