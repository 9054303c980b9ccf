import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ValidationError } from '../../core/errors';
import type { IAlertTopic } from '../alerts/alert-topic';
import { CIS_4_1_CORRECTED_PATTERN, CIS_4_2_IAM_USERS_PATTERN, CIS_V3_METRIC_FILTERS } from './patterns';

export interface CisAlarmsProps {
  /** The trail's CloudWatch log group (a multi-Region trail with all management events). */
  readonly logGroupName: string;
  /** Where alarms are sent (same account and Region as the log group). */
  readonly topic: IAlertTopic;
  /**
   * Metric namespace.
   * @default "CISBenchmark"
   * Security: none; the benchmark's suggestion, which groups the metrics together.
   */
  readonly namespace?: string;
  /**
   * Prefix of metric, filter and alarm names.
   * @default "cis"
   * Security: none; naming only.
   */
  readonly namePrefix?: string;
  /**
   * CIS 4.2 pattern: `iam-users` (successful IAM-user sign-ins without MFA, the benchmark's choice when people sign
   * in through SSO) or `all-sign-ins` (every console sign-in without MFA).
   * @default "iam-users"
   * Security: with SSO, `all-sign-ins` alarms on every federated login, and an alarm that is always on is ignored.
   */
  readonly consoleSignInWithoutMfa?: 'iam-users' | 'all-sign-ins';
  /**
   * CIS 4.1 pattern: `corrected` (denied calls except S3 log delivery and HeadBucket) or `benchmark-text` (the v3.0
   * text verbatim, which matches nearly every event; see `CIS_4_1_CORRECTED_PATTERN`).
   * @default "corrected"
   * Security: the verbatim text leaves the alarm permanently in ALARM, so a real burst of denied calls goes unseen.
   */
  readonly unauthorizedApiCalls?: 'corrected' | 'benchmark-text';
  /**
   * Controls left out, by number (e.g. `["4.6"]`).
   * @default [] - all of 4.1 to 4.15
   * Security: each omission is a change nobody is told about.
   */
  readonly omitControls?: readonly string[];
  /** Tags for the alarms. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One control as deployed. */
export interface CisAlarm {
  readonly control: string;
  readonly metricFilter: CloudwatchLogMetricFilter;
  readonly alarm: CloudwatchMetricAlarm;
  /** The pattern actually used. */
  readonly pattern: string;
}

/**
 * CIS AWS Foundations v3.0 controls 4.1-4.15: for each, a metric filter with the benchmark's pattern on the trail's
 * log group and an alarm (Sum >= 1 over 5 minutes, as the benchmark prescribes) that notifies the alert topic.
 */
export class CisAlarms extends Construct {
  readonly alarms: readonly CisAlarm[];

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'CISBenchmark';
    const prefix = props.namePrefix ?? 'cis';
    if (!/^[^:$]{1,255}$/.test(namespace) || namespace.startsWith('AWS/')) {
      throw new ValidationError(this, 'namespace', namespace, 'must be 1-255 characters without ":" or "$", and not start with "AWS/" (reserved)');
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(prefix)) throw new ValidationError(this, 'namePrefix', prefix, 'must be 1-64 letters, digits, "-" or "_"');
    const omitted = props.omitControls ?? [];
    for (const control of omitted) {
      if (!CIS_V3_METRIC_FILTERS.some((f) => f.control === control)) {
        throw new ValidationError(this, 'omitControls', control, 'must list CIS monitoring controls 4.1 to 4.15');
      }
    }
    const signIn = props.consoleSignInWithoutMfa ?? 'iam-users';
    if (signIn !== 'iam-users' && signIn !== 'all-sign-ins') {
      throw new ValidationError(this, 'consoleSignInWithoutMfa', signIn, 'must be "iam-users" or "all-sign-ins"');
    }
    const unauthorized = props.unauthorizedApiCalls ?? 'corrected';
    if (unauthorized !== 'corrected' && unauthorized !== 'benchmark-text') {
      throw new ValidationError(this, 'unauthorizedApiCalls', unauthorized, 'must be "corrected" or "benchmark-text"');
    }

    this.alarms = CIS_V3_METRIC_FILTERS.filter((f) => !omitted.includes(f.control)).map((filter) => {
      let pattern = filter.pattern;
      if (filter.control === '4.1' && unauthorized === 'corrected') pattern = CIS_4_1_CORRECTED_PATTERN;
      if (filter.control === '4.2' && signIn === 'iam-users') pattern = CIS_4_2_IAM_USERS_PATTERN;
      const name = `${prefix}-${filter.control.replace('.', '-')}-${filter.name}`;
      // Ids from the control number: stable whatever else is omitted.
      const group = new Construct(this, `control-${filter.control.replace('.', '-')}`);
      const metricFilter = new CloudwatchLogMetricFilter(group, 'MetricFilter', {
        name,
        logGroupName: props.logGroupName,
        pattern,
        metricTransformation: { name, namespace, value: '1', defaultValue: '0' },
      });
      const alarm = new CloudwatchMetricAlarm(group, 'Alarm', {
        alarmName: name,
        alarmDescription: `CIS ${filter.control}: ${filter.title}`,
        namespace,
        metricName: name,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        actionsEnabled: true,
        alarmActions: [props.topic.topicArn],
        tags: props.tags ? { ...props.tags } : undefined,
        dependsOn: [metricFilter],
      });
      return { control: filter.control, metricFilter, alarm, pattern };
    });
  }
}
