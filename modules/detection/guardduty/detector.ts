import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { ValidationError } from '../../core/errors';
import {
  FINDING_PUBLISHING_FREQUENCIES,
  GUARDDUTY_FEATURES,
  RUNTIME_MONITORING_AGENT_SETTINGS,
  type FindingPublishingFrequency,
  type GuardDutyProtection,
  type GuardDutyProtections,
} from './features';

/** What other constructs need from a detector. */
export interface IGuardDutyDetector {
  /** The detector id (known after apply). */
  readonly detectorId: string;
}

export interface GuardDutyDetectorProps {
  /**
   * How often updates of existing findings are published to EventBridge (new findings are always published at once).
   * @default "FIFTEEN_MINUTES"
   * Security: the shortest interval gets escalating findings to people soonest.
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
  /**
   * Protection plans set on this detector. Leave it out in member accounts: their plans are set by the delegated
   * administrator (`GuardDutyOrganizationConfiguration`), and a member cannot change them itself.
   * @default - no plans set here (managed by the administrator)
   * Security: S3, EKS, EBS malware, RDS and Lambda protection extend detection beyond CloudTrail, VPC and DNS logs.
   */
  readonly protections?: Partial<GuardDutyProtections>;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An enabled GuardDuty detector (one per account and Region), optionally with its protection plans. */
export class GuardDutyDetector extends Construct implements IGuardDutyDetector {
  readonly resource: GuarddutyDetector;
  readonly detectorId: string;
  /** Feature resources by protection, when protections are set here. */
  readonly features: Partial<Record<GuardDutyProtection, GuarddutyDetectorFeature>> = {};

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);
    const frequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    if (!Token.isUnresolved(frequency) && !(FINDING_PUBLISHING_FREQUENCIES as readonly string[]).includes(frequency)) {
      throw new ValidationError(this, 'findingPublishingFrequency', frequency, `must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}`);
    }
    this.resource = new GuarddutyDetector(this, 'Resource', {
      enable: true,
      findingPublishingFrequency: frequency,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.detectorId = this.resource.id;

    if (props.protections) {
      for (const protection of Object.keys(props.protections)) {
        if (!(protection in GUARDDUTY_FEATURES)) {
          throw new ValidationError(this, 'protections', protection, `must name protection plans: ${Object.keys(GUARDDUTY_FEATURES).join(', ')}`);
        }
      }
      for (const [protection, name] of Object.entries(GUARDDUTY_FEATURES) as Array<[GuardDutyProtection, string]>) {
        const enabled = props.protections[protection] ?? false;
        this.features[protection] = new GuarddutyDetectorFeature(this, protection, {
          detectorId: this.detectorId,
          name,
          status: enabled ? 'ENABLED' : 'DISABLED',
          additionalConfiguration:
            protection === 'runtimeMonitoring'
              ? RUNTIME_MONITORING_AGENT_SETTINGS.map((setting) => ({ name: setting, status: enabled ? 'ENABLED' : 'DISABLED' }))
              : undefined,
        });
      }
    }
  }
}
