import type { AccountBaselineStack } from '../baseline-stack';
import { organizationPolicyTypes } from '../../modules/organizations';
import { composeAdoption } from './adoption';
import { composeDataProtection } from './data-protection';
import { composeDefaultVpc } from './default-vpc';
import { composeDetection } from './detection';
import { composeEdgeProtection } from './edge-protection';
import { composeHcpTerraform } from './hcp-terraform';
import { composeIdentity } from './identity';
import { composeNetwork } from './network';
import { composeResponse } from './response';
import { composeWaf } from './waf';

/** Adds every concern's modules to an account's baseline stack, in a fixed order (construct order is synth order). */
export function composeBaseline(stack: AccountBaselineStack): void {
  composeDataProtection(stack);
  composeIdentity(stack);
  composeNetwork(stack);
  composeDefaultVpc(stack);
  composeWaf(stack);
  composeEdgeProtection(stack);
  composeDetection(stack);
  composeResponse(stack);
  composeHcpTerraform(stack);
  // Last: it marks resources the others built as imported (accounts[].adopt, adoption.organization).
  // An adopted organisation enables every policy type the management stack's policies use (SCPs always).
  composeAdoption(stack, { enabledPolicyTypes: [...new Set(['SERVICE_CONTROL_POLICY' as const, ...organizationPolicyTypes(stack)])] });
}
