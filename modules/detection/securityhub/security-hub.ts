import { Construct } from 'constructs';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubStandardsControlAssociation } from '@cdktf/provider-aws/lib/securityhub-standards-control-association';
import { SecurityhubStandardsSubscription } from '@cdktf/provider-aws/lib/securityhub-standards-subscription';
import type { AwsPartition } from '../../core/regions';
import { ValidationError } from '../../core/errors';
import {
  DEFAULT_SECURITY_HUB_STANDARDS,
  SECURITY_CONTROL_ID,
  SECURITY_HUB_STANDARD_IDS,
  isSecurityHubStandardId,
  securityHubStandardArn,
  type SecurityHubStandardId,
} from './standards';

/** A control turned off in one standard, with the reason Security Hub records. */
export interface DisabledControl {
  /** The standard (must be one of `standards`). */
  readonly standard: SecurityHubStandardId;
  /** Security control id, e.g. `Macie.1`. */
  readonly controlId: string;
  /** Why (at least 20 characters): who decided, and what covers the risk instead. */
  readonly reason: string;
}

export interface SecurityHubProps {
  readonly partition: AwsPartition;
  /** The Region (standard ARNs are Regional). */
  readonly region: string;
  /**
   * Standards to subscribe to.
   * @default AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0.0
   * Security: FSBP covers AWS's own recommendations; CIS v3.0 is the benchmark this baseline implements.
   */
  readonly standards?: readonly SecurityHubStandardId[];
  /**
   * Controls turned off, each with a reason.
   * @default []
   * Security: a disabled control stops reporting for good; the reason is kept with it in Security Hub.
   */
  readonly disabledControls?: readonly DisabledControl[];
}

/**
 * Security Hub in one account and Region (CIS 4.16): consolidated control findings, no implicit default standards,
 * the chosen standards subscribed, and controls disabled only with a reason.
 */
export class SecurityHub extends Construct {
  readonly account: SecurityhubAccount;
  readonly subscriptions: ReadonlyMap<SecurityHubStandardId, SecurityhubStandardsSubscription>;

  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    const standards = props.standards ?? DEFAULT_SECURITY_HUB_STANDARDS;
    if (standards.length === 0) throw new ValidationError(this, 'standards', standards, 'must list at least one standard');
    for (const standard of standards) {
      if (!isSecurityHubStandardId(standard)) {
        throw new ValidationError(this, 'standards', standard, `must list Security Hub standards: ${SECURITY_HUB_STANDARD_IDS.join(', ')}`);
      }
    }
    if (new Set(standards).size !== standards.length) throw new ValidationError(this, 'standards', standards, 'must list each standard once');
    const disabled = props.disabledControls ?? [];
    disabled.forEach((control, i) => {
      const where = `disabledControls[${i}]`;
      if (!standards.includes(control.standard)) {
        throw new ValidationError(this, `${where}.standard`, control.standard, `must be one of the subscribed standards (${standards.join(', ')})`);
      }
      if (!SECURITY_CONTROL_ID.test(control.controlId)) {
        throw new ValidationError(this, `${where}.controlId`, control.controlId, 'must be a Security Hub control id such as "IAM.6" or "CloudTrail.1"');
      }
      if (typeof control.reason !== 'string' || control.reason.trim().length < 20) {
        throw new ValidationError(this, `${where}.reason`, control.reason, 'must say why in at least 20 characters: a control is never disabled without a reason');
      }
    });

    this.account = new SecurityhubAccount(this, 'Resource', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    const subscriptions = new Map<SecurityHubStandardId, SecurityhubStandardsSubscription>();
    for (const standard of standards) {
      subscriptions.set(
        standard,
        new SecurityhubStandardsSubscription(this, standardId(standard), {
          standardsArn: securityHubStandardArn(props.partition, props.region, standard),
          dependsOn: [this.account],
        }),
      );
    }
    this.subscriptions = subscriptions;
    for (const control of disabled) {
      new SecurityhubStandardsControlAssociation(this, `disabled-${standardId(control.standard)}-${control.controlId}`, {
        standardsArn: securityHubStandardArn(props.partition, props.region, control.standard),
        securityControlId: control.controlId,
        associationStatus: 'DISABLED',
        updatedReason: control.reason.trim(),
        dependsOn: [subscriptions.get(control.standard)!],
      });
    }
  }
}

/** A construct id from a standard id (`cis-aws-foundations-benchmark/v/3.0.0` -> `cis-aws-foundations-benchmark-v3.0.0`). */
function standardId(standard: SecurityHubStandardId): string {
  return standard.replace('/v/', '-v');
}
