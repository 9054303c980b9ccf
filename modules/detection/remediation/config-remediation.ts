import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { ConfigRemediationConfiguration } from '@cdktf/provider-aws/lib/config-remediation-configuration';
import { requireIntegerInRange } from '../../core/errors';
import type { RemediationRunbook } from './runbooks';

/** AWS Config's limits on automatic remediation retries. */
export const REMEDIATION_ATTEMPTS_RANGE = { min: 1, max: 25 } as const;
export const REMEDIATION_RETRY_SECONDS_RANGE = { min: 1, max: 2678000 } as const;

export interface ConfigRemediationProps {
  /** Name of the Config rule whose non-compliant resources are fixed. */
  readonly ruleName: string;
  /** The rule resource, so the remediation is created after it. @default - no ordering */
  readonly rule?: ITerraformDependable;
  /** The pinned runbook. */
  readonly runbook: RemediationRunbook;
  /** ARN of the runbook's execution role (`AutomationAssumeRole`). */
  readonly executionRoleArn: string;
  /**
   * Run the runbook as soon as a resource turns non-compliant (otherwise a responder starts it from the console).
   * @default false
   * Security: automatic fixes change resources without a human; opt in per control once its effect is understood.
   */
  readonly automatic?: boolean;
  /** Automatic attempts per resource before Config gives up (1-25). @default 3 */
  readonly maximumAutomaticAttempts?: number;
  /** Seconds in which those attempts are counted (1-2678000). @default 60 */
  readonly retryAttemptSeconds?: number;
  /**
   * Share of non-compliant resources remediated at once, and of failures after which the rest stop (percent).
   * @default { concurrency: 10, errorThreshold: 10 }
   * Security: a runbook that misbehaves stops after a few resources instead of changing all of them.
   */
  readonly ssmControls?: { readonly concurrency: number; readonly errorThreshold: number };
}

/** An AWS Config remediation configuration: a Config rule paired with its pinned SSM Automation runbook. */
export class ConfigRemediation extends Construct {
  readonly resource: ConfigRemediationConfiguration;

  constructor(scope: Construct, id: string, props: ConfigRemediationProps) {
    super(scope, id);
    const attempts = props.maximumAutomaticAttempts ?? 3;
    const retrySeconds = props.retryAttemptSeconds ?? 60;
    requireIntegerInRange(this, 'maximumAutomaticAttempts', attempts, REMEDIATION_ATTEMPTS_RANGE.min, REMEDIATION_ATTEMPTS_RANGE.max);
    requireIntegerInRange(this, 'retryAttemptSeconds', retrySeconds, REMEDIATION_RETRY_SECONDS_RANGE.min, REMEDIATION_RETRY_SECONDS_RANGE.max, 'seconds');
    const controls = props.ssmControls ?? { concurrency: 10, errorThreshold: 10 };
    requireIntegerInRange(this, 'ssmControls.concurrency', controls.concurrency, 1, 100, 'percent');
    requireIntegerInRange(this, 'ssmControls.errorThreshold', controls.errorThreshold, 1, 100, 'percent');
    const automatic = props.automatic ?? false;
    this.resource = new ConfigRemediationConfiguration(this, 'Resource', {
      configRuleName: props.ruleName,
      targetType: 'SSM_DOCUMENT',
      targetId: props.runbook.name,
      resourceType: props.runbook.resourceType,
      automatic,
      maximumAutomaticAttempts: automatic ? attempts : undefined,
      retryAttemptSeconds: automatic ? retrySeconds : undefined,
      executionControls: { ssmControls: { concurrentExecutionRatePercentage: controls.concurrency, errorPercentage: controls.errorThreshold } },
      parameter: [
        { name: 'AutomationAssumeRole', staticValue: props.executionRoleArn },
        { name: props.runbook.resourceParameter, resourceValue: 'RESOURCE_ID' },
        ...Object.entries(props.runbook.staticParameters ?? {}).map(([name, value]) => ({ name, staticValue: value })),
      ],
      dependsOn: props.rule ? [props.rule] : undefined,
    });
  }
}
