import type { Construct } from 'constructs';
import type { Organization } from '../config/organization';
import { AccountBaselineStack } from './baseline-stack';
import { StateBootstrapStack } from './state-bootstrap-stack';
import { stateHolder, stateHolders } from './backend';
import type { AccountStack } from './account-stack';
import { ROLE_BUILD_ORDER, StackRegistry } from './registry';
import { applyMovedResources } from './id-stability/apply-moves';
import { HcpBootstrapStack } from './hcp-bootstrap-stack';

/**
 * Builds every stack of the organisation: the state bootstraps the s3 mode needs, then one stack per account and
 * Region, accounts in dependency order (producers of cross-account values before their consumers).
 */
export function buildOrganization(scope: Construct, org: Organization): AccountStack[] {
  const stacks: AccountStack[] = [];
  const bootstraps = new Map(stateHolders(org).map((holder) => [holder.id, new StateBootstrapStack(scope, org, holder)]));
  stacks.push(...bootstraps.values());
  const registry = new StackRegistry();
  const accounts = [...org.accounts].sort((a, b) => ROLE_BUILD_ORDER.indexOf(a.role) - ROLE_BUILD_ORDER.indexOf(b.role));
  for (const account of accounts) {
    for (const region of account.regions) {
      const stack = new AccountBaselineStack(scope, org, account, region, registry);
      // s3 state: the bucket must exist before the stack can store state in it, so cdktf deploys the bootstrap first.
      const bootstrap = org.state.mode === 's3' ? bootstraps.get(stateHolder(org, account).id) : undefined;
      if (bootstrap) stack.addDependency(bootstrap);
      registry.register(stack);
      stacks.push(stack);
    }
  }
  // Renamed construct ids: `moved` blocks from the id-stability file, so deployed state follows the rename.
  for (const stack of stacks) applyMovedResources(stack);
  // cloud state: the workspaces must exist (with credentials and state sharing) before any stack runs in one.
  if (org.state.mode === 'cloud') {
    const hcp = new HcpBootstrapStack(scope, org, stacks);
    for (const stack of stacks) stack.addDependency(hcp);
  }
  return stacks;
}
