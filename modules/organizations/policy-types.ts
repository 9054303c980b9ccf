import { Lazy } from 'cdktf';
import type { IConstruct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';

/** The Organizations policy types the baseline creates. */
export const BASELINE_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'DECLARATIVE_POLICY_EC2'] as const;
export type BaselinePolicyType = (typeof BASELINE_POLICY_TYPES)[number];

/**
 * The policy types of every `aws_organizations_policy` under `scope` (pass the app or the management stack), sorted.
 * Each must be enabled on the organisation root before the policies apply: the organisation adoption sets
 * `enabled_policy_types` from this list, or an operator runs `aws organizations enable-policy-type` once per type.
 */
export function organizationPolicyTypes(scope: IConstruct): BaselinePolicyType[] {
  const types = new Set<BaselinePolicyType>();
  for (const node of scope.node.findAll()) {
    if (!(node instanceof OrganizationsPolicy)) continue;
    const type = node.typeInput ?? 'SERVICE_CONTROL_POLICY'; // the configured value (`type` is a token); the provider's default
    if (!(BASELINE_POLICY_TYPES as readonly string[]).includes(type)) {
      throw new Error(`${node.node.path}: policy type ${JSON.stringify(type)} is not one the baseline knows (${BASELINE_POLICY_TYPES.join(', ')})`);
    }
    types.add(type as BaselinePolicyType);
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
