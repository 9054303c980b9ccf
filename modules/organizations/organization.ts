import { Construct } from 'constructs';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { ValidationError } from '../core/errors';
import { ORGANIZATION_POLICY_TYPES, type OrganizationPolicyType } from '../core/policy-quotas';

/** Policy types an organisation root can enable (AWS Organizations `EnablePolicyType`): the quota table's keys. */
export { ORGANIZATION_POLICY_TYPES, type OrganizationPolicyType } from '../core/policy-quotas';

export interface AdoptedOrganizationProps {
  /** Id of the existing organisation (`o-` and 10-32 lower-case letters or digits); the import id. */
  readonly organizationId: string;
  /**
   * Service principals with trusted access: the ones the baseline's delegated administrators and organisation-wide
   * services need, plus every one enabled today that must stay (the list is the whole set: a principal left out
   * loses trusted access on apply).
   */
  readonly servicePrincipals: readonly string[];
  /**
   * Policy types enabled on the root.
   * @default ["SERVICE_CONTROL_POLICY"]
   * Security: SCPs are the guardrails' mechanism; further types (RCPs, tag and declarative policies) come with the
   * policies that use them.
   */
  readonly enabledPolicyTypes?: readonly OrganizationPolicyType[];
}

/**
 * An existing AWS Organizations organisation, imported (never created: the accounts already belong to it) into the
 * management account's stack. The baseline owns two things on it: trusted access for the service principals it
 * needs (`aws_service_access_principals`) and the enabled policy types. Feature set stays `ALL` (the baseline needs
 * SCPs and delegated administrators). It never touches accounts, OUs or policies, and the organisation cannot be
 * destroyed through Terraform (`prevent_destroy`): removing this construct must be a `removed` block, not a destroy.
 */
export class AdoptedOrganization extends Construct {
  readonly resource: OrganizationsOrganization;

  constructor(scope: Construct, id: string, props: AdoptedOrganizationProps) {
    super(scope, id);
    if (!/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
      throw new ValidationError(this, 'organizationId', props.organizationId, 'must be an AWS Organizations id such as "o-a1b2c3d4e5"');
    }
    for (const principal of props.servicePrincipals) {
      if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/.test(principal)) {
        throw new ValidationError(this, 'servicePrincipals[]', principal, 'must be a service principal such as "guardduty.amazonaws.com"');
      }
    }
    const policyTypes = props.enabledPolicyTypes ?? ['SERVICE_CONTROL_POLICY'];
    for (const type of policyTypes) {
      if (!(ORGANIZATION_POLICY_TYPES as readonly string[]).includes(type)) {
        throw new ValidationError(this, 'enabledPolicyTypes[]', type, `must be one of ${ORGANIZATION_POLICY_TYPES.join(', ')}`);
      }
    }
    this.resource = new OrganizationsOrganization(this, 'Resource', {
      featureSet: 'ALL',
      awsServiceAccessPrincipals: [...new Set(props.servicePrincipals)].sort(),
      enabledPolicyTypes: [...new Set(policyTypes)].sort(),
      lifecycle: { preventDestroy: true },
    });
    this.resource.importFrom(props.organizationId);
  }
}
