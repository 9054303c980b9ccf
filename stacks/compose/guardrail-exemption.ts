import type { Organization } from '../../config/organization';
import type { ServiceControlPolicySettings } from '../../config/settings/identity';
import type { GuardrailExemption } from '../../modules/organizations';
import { HCP_APPLY_ROLE_PATTERN } from './hcp-terraform';

/**
 * The exemption every guardrail SCP of the organisation carries: the break-glass tag, and the deploy role (the HCP
 * Terraform apply roles in cloud state mode) unless `exemptDeployRole` is off. One place, so the baseline SCPs and the
 * organisation policies (stacks/compose/organization-policies.ts) exempt exactly the same principals.
 */
export function guardrailExemption(org: Organization, settings: ServiceControlPolicySettings): GuardrailExemption {
  return {
    breakGlassTag: { key: org.identity.breakGlass.tagKey, value: org.identity.breakGlass.tagValue },
    // cloud state: the HCP Terraform apply run roles deploy the baseline instead of the deploy role.
    exemptPrincipalArns: settings.exemptDeployRole
      ? [`arn:${org.partition}:iam::*:role/${org.deployRoleName}`, ...(org.state.mode === 'cloud' ? [`arn:${org.partition}:iam::*:role/${HCP_APPLY_ROLE_PATTERN}`] : [])]
      : [],
  };
}
