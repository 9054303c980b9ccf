import type { Construct } from 'constructs';
import type { Account, Organization } from '../config/organization';
import { AccountBaselineStack } from './baseline-stack';
import { StateBootstrapStack } from './state-bootstrap-stack';
import { stateHolder, stateHolders } from './backend';
import type { AccountStack } from './account-stack';
import { accountsInBuildOrder, StackRegistry } from './registry';

/**
 * Builds every stack of the organisation: the state bootstraps the s3 mode needs, then one stack per account and
 * Region, accounts in dependency order (producers of cross-account values before their consumers).
 *
 * @param include - builds only the stacks of the accounts it accepts (and the bootstraps of the state holders it
 *   accepts), for a sharded synth; the caller must include every account an included one takes values from
 * @default every account
 */
export function buildOrganization(scope: Construct, org: Organization, include: (account: Account) => boolean = () => true): AccountStack[] {
  const stacks: AccountStack[] = [];
  const bootstraps = new Map(stateHolders(org).filter(include).map((holder) => [holder.id, new StateBootstrapStack(scope, org, holder)]));
  stacks.push(...bootstraps.values());
  const registry = new StackRegistry();
  for (const account of accountsInBuildOrder(org)) {
    if (!include(account)) continue;
    for (const region of account.regions) {
      const stack = new AccountBaselineStack(scope, org, account, region, registry);
      // s3 state: the bucket must exist before the stack can store state in it, so cdktf deploys the bootstrap first.
      const bootstrap = org.state.mode === 's3' ? bootstraps.get(stateHolder(org, account).id) : undefined;
      if (bootstrap) stack.addDependency(bootstrap);
      registry.register(stack);
      stacks.push(stack);
    }
  }
  return stacks;
}
