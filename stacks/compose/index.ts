import type { AccountBaselineStack } from '../baseline-stack';
import { composeDataProtection } from './data-protection';
import { composeDetection } from './detection';
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
  composeWaf(stack);
  composeDetection(stack);
  composeResponse(stack);
  composeHcpTerraform(stack);
}
