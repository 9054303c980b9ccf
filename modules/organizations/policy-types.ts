import { Lazy } from 'cdktf';
import type { IConstruct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { ORGANIZATION_POLICY_TYPES, type OrganizationPolicyType } from './organization';

/**
 * The policy types of every `aws_organizations_policy` under `scope` (pass the app or the management stack), sorted.
 * Each must be enabled on the organisation root before the policies apply: an adopted organisation
 * (`AdoptedOrganization`) takes them as `enabledPolicyTypes`, or an operator runs `aws organizations enable-policy-type`
 * once per type (README "Organisation policies").
 */
export function organizationPolicyTypes(scope: IConstruct): OrganizationPolicyType[] {
  const types = new Set<OrganizationPolicyType>();
  for (const node of scope.node.findAll()) {
    if (!(node instanceof OrganizationsPolicy)) continue;
    const type = node.typeInput ?? 'SERVICE_CONTROL_POLICY'; // the configured value (`type` is a token); the provider's default
    if (!(ORGANIZATION_POLICY_TYPES as readonly string[]).includes(type)) {
      throw new Error(`${node.node.path}: policy type ${JSON.stringify(type)} is not an Organizations policy type (${ORGANIZATION_POLICY_TYPES.join(', ')})`);
    }
    types.add(type as OrganizationPolicyType);
  }
  return [...types].sort();
}

/**
 * The same list as a value resolved at synth, after every construct exists (for `enabled_policy_types` of a resource
 * created before the policies are).
 */
export function lazyOrganizationPolicyTypes(scope: IConstruct): string[] {
  return Lazy.listValue({ produce: () => organizationPolicyTypes(scope) });
}
