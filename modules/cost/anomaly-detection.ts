import { Construct } from 'constructs';
import { CeAnomalyMonitor } from '@cdktf/provider-aws/lib/ce-anomaly-monitor';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { ValidationError } from '../core/errors';

export interface CostAnomalyDetectionProps {
  /** Monitor name; the subscription is `<name>-alerts`. */
  readonly monitorName: string;
  /** Alert when an anomaly's total impact reaches this many USD. */
  readonly impactThresholdUsd: number;
  /** Topic the alerts go to (it must let costalerts.amazonaws.com publish). */
  readonly topicArn: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Cost Anomaly Detection in the management account: a monitor per AWS service across the organisation, and an
 * immediate subscription to the topic for anomalies with at least the given total impact (a sudden spend spike is
 * often the first sign of stolen credentials mining or of a runaway deployment).
 */
export class CostAnomalyDetection extends Construct {
  readonly monitor: CeAnomalyMonitor;
  readonly subscription: CeAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyDetectionProps) {
    super(scope, id);
    if (!(props.impactThresholdUsd > 0)) throw new ValidationError(this, 'impactThresholdUsd', props.impactThresholdUsd, 'must be more than 0');
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    this.monitor = new CeAnomalyMonitor(this, 'Monitor', { name: props.monitorName, monitorType: 'DIMENSIONAL', monitorDimension: 'SERVICE', tags });
    this.subscription = new CeAnomalySubscription(this, 'Subscription', {
      name: `${props.monitorName}-alerts`,
      frequency: 'IMMEDIATE',
      monitorArnList: [this.monitor.arn],
      subscriber: [{ type: 'SNS', address: props.topicArn }],
      thresholdExpression: {
        dimension: { key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', matchOptions: ['GREATER_THAN_OR_EQUAL'], values: [String(props.impactThresholdUsd)] },
      },
      tags,
    });
  }
}
