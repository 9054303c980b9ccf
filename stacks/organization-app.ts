import type { Construct } from 'constructs';
import type { Organization } from '../config/organization';
import { AccountBaselineStack } from './baseline-stack';
import { StateBootstrapStack } from './state-bootstrap-stack';
import { stateHolders } from './backend';
import type { AccountStack } from './account-stack';
import { ROLE_BUILD_ORDER, StackRegistry } from './registry';

/**
 * Builds every stack of the organisation: the state bootstraps the s3 mode needs, then one stack per account and
 * Region, accounts in dependency order (producers of cross-account values before their consumers).
 */
export function buildOrganization(scope: Construct, org: Organization): AccountStack[] {
  const stacks: AccountStack[] = [];
  for (const holder of stateHolders(org)) stacks.push(new StateBootstrapStack(scope, org, holder));
  const registry = new StackRegistry();
  const accounts = [...org.accounts].sort((a, b) => ROLE_BUILD_ORDER.indexOf(a.role) - ROLE_BUILD_ORDER.indexOf(b.role));
  for (const account of accounts) {
    for (const region of account.regions) {
      const stack = new AccountBaselineStack(scope, org, account, region, registry);
      registry.register(stack);
      stacks.push(stack);
    }
  }
  return stacks;
}
