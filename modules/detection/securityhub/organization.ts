import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationAdminAccount } from '@cdktf/provider-aws/lib/securityhub-organization-admin-account';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import { ValidationError } from '../../core/errors';

export interface SecurityHubDelegatedAdminProps {
  /** The account that administers Security Hub for the organisation (the security account). */
  readonly adminAccountId: string;
  /** Resources created first: this (management) account's own Security Hub, which delegation requires. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Makes an account Security Hub's delegated administrator in one Region (from the management account). */
export class SecurityHubDelegatedAdmin extends Construct {
  readonly resource: SecurityhubOrganizationAdminAccount;
  readonly adminAccountId: string;

  constructor(scope: Construct, id: string, props: SecurityHubDelegatedAdminProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.adminAccountId)) throw new ValidationError(this, 'adminAccountId', props.adminAccountId, 'must be a 12-digit AWS account id');
    this.adminAccountId = props.adminAccountId;
    this.resource = new SecurityhubOrganizationAdminAccount(this, 'Resource', { adminAccountId: props.adminAccountId, dependsOn: [...props.dependsOn] });
  }
}

export interface SecurityHubOrganizationConfigurationProps {
  /** This (administrator) account's Security Hub, which must exist first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The administrator's organisation configuration in one Region: Security Hub is turned on for every new member
 * account; standards are subscribed by each account's own stack (so no implicit defaults are added).
 */
export class SecurityHubOrganizationConfiguration extends Construct {
  readonly resource: SecurityhubOrganizationConfiguration;

  constructor(scope: Construct, id: string, props: SecurityHubOrganizationConfigurationProps) {
    super(scope, id);
    this.resource = new SecurityhubOrganizationConfiguration(this, 'Resource', {
      autoEnable: true,
      autoEnableStandards: 'NONE',
      organizationConfiguration: { configurationType: 'LOCAL' },
      dependsOn: [...props.dependsOn],
    });
  }
}

export interface FindingAggregatorProps {
  /** Regions whose findings are brought into this one (the others the organisation uses). */
  readonly linkedRegions: readonly string[];
  /** This account's Security Hub, which must exist first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Cross-Region aggregation into this (home) Region: one place to see, and one rule to route, every finding. */
export class FindingAggregator extends Construct {
  readonly resource: SecurityhubFindingAggregator;

  constructor(scope: Construct, id: string, props: FindingAggregatorProps) {
    super(scope, id);
    if (props.linkedRegions.length === 0) {
      throw new ValidationError(this, 'linkedRegions', props.linkedRegions, 'must list at least one other Region (with a single Region there is nothing to aggregate)');
    }
    this.resource = new SecurityhubFindingAggregator(this, 'Resource', {
      linkingMode: 'SPECIFIED_REGIONS',
      specifiedRegions: [...props.linkedRegions],
      dependsOn: [...props.dependsOn],
    });
  }
}
