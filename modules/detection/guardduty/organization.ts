import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { GuarddutyOrganizationAdminAccount } from '@cdktf/provider-aws/lib/guardduty-organization-admin-account';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { GuarddutyOrganizationConfigurationFeature } from '@cdktf/provider-aws/lib/guardduty-organization-configuration-feature';
import { ValidationError } from '../../core/errors';
import type { IGuardDutyDetector } from './detector';
import { GUARDDUTY_FEATURES, RUNTIME_MONITORING_AGENT_SETTINGS, type GuardDutyProtection, type GuardDutyProtections } from './features';

export interface GuardDutyDelegatedAdminProps {
  /** The account that administers GuardDuty for the organisation (the security account). */
  readonly adminAccountId: string;
  /**
   * Resources created first, such as this account's own detector (delegation creates a detector in the management
   * account if it has none, which Terraform would then fail to create).
   * @default []
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Makes an account GuardDuty's delegated administrator in one Region (created in the management account; GuardDuty
 * administration is Regional, so once per Region).
 */
export class GuardDutyDelegatedAdmin extends Construct {
  readonly resource: GuarddutyOrganizationAdminAccount;
  readonly adminAccountId: string;

  constructor(scope: Construct, id: string, props: GuardDutyDelegatedAdminProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.adminAccountId)) throw new ValidationError(this, 'adminAccountId', props.adminAccountId, 'must be a 12-digit AWS account id');
    this.adminAccountId = props.adminAccountId;
    this.resource = new GuarddutyOrganizationAdminAccount(this, 'Resource', {
      adminAccountId: props.adminAccountId,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
  }
}

export interface GuardDutyOrganizationConfigurationProps {
  /** The administrator account's detector in this Region. */
  readonly detector: IGuardDutyDetector;
  /**
   * Which member accounts GuardDuty is enabled for: `ALL` (existing and new) or `NEW` (accounts that join later).
   * @default "ALL"
   * Security: `ALL` leaves no member account without a detector.
   */
  readonly autoEnableOrganizationMembers?: 'ALL' | 'NEW';
  /**
   * Protection plans turned on for the member accounts (for the same accounts as `autoEnableOrganizationMembers`).
   * @default - none
   * Security: members get the same protection as the administrator.
   */
  readonly protections?: Partial<GuardDutyProtections>;
}

/**
 * The organisation-wide GuardDuty settings, set by the delegated administrator in one Region: auto-enable for member
 * accounts and the protection plans they get.
 */
export class GuardDutyOrganizationConfiguration extends Construct {
  readonly resource: GuarddutyOrganizationConfiguration;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationConfigurationProps) {
    super(scope, id);
    const members = props.autoEnableOrganizationMembers ?? 'ALL';
    if (members !== 'ALL' && members !== 'NEW') {
      throw new ValidationError(this, 'autoEnableOrganizationMembers', members, 'must be "ALL" or "NEW" (anything else leaves accounts without GuardDuty)');
    }
    this.resource = new GuarddutyOrganizationConfiguration(this, 'Resource', {
      detectorId: props.detector.detectorId,
      autoEnableOrganizationMembers: members,
    });
    const protections = props.protections ?? {};
    for (const [protection, name] of Object.entries(GUARDDUTY_FEATURES) as Array<[GuardDutyProtection, string]>) {
      const autoEnable = protections[protection] ? members : 'NONE';
      new GuarddutyOrganizationConfigurationFeature(this, protection, {
        detectorId: props.detector.detectorId,
        name,
        autoEnable,
        additionalConfiguration:
          protection === 'runtimeMonitoring' ? RUNTIME_MONITORING_AGENT_SETTINGS.map((setting) => ({ name: setting, autoEnable })) : undefined,
        dependsOn: [this.resource],
      });
    }
  }
}
