import type { Account, Organization } from '../config/organization';
import type { AccountRole } from '../config/schema';
import type { AwsRegion } from '../config/regions';
import type { AccountBaselineStack } from './baseline-stack';

/**
 * The stacks built so far, for composition that needs another account's stack (the network hub's Transit Gateway,
 * the log-archive buckets, the security account's alert topic). Accounts are built in dependency order
 * (`ROLE_BUILD_ORDER`), so a stack only ever looks up stacks built before it and the graph has no cycle.
 */
export class StackRegistry {
  private readonly stacks: AccountBaselineStack[] = [];

  register(stack: AccountBaselineStack): void {
    this.stacks.push(stack);
  }

  /** The stack of the (single) account with `role` in `region`, if that account runs there and was built already. */
  regional(role: Exclude<AccountRole, 'workload'>, region: AwsRegion): AccountBaselineStack | undefined {
    return this.stacks.find((s) => s.account.role === role && s.region === region);
  }

  /** The home-Region stack of the (single) account with `role`, if built already. */
  home(role: Exclude<AccountRole, 'workload'>): AccountBaselineStack | undefined {
    return this.stacks.find((s) => s.account.role === role && s.isHomeRegion);
  }

  all(): readonly AccountBaselineStack[] {
    return this.stacks;
  }
}

/** Producers before consumers: log archive (buckets), security (alert topics), network (hub), management, workloads. */
export const ROLE_BUILD_ORDER: readonly AccountRole[] = ['log-archive', 'security', 'network', 'management', 'workload'];

/** The organisation's accounts in build order ({@link ROLE_BUILD_ORDER}; config order within a role). */
export function accountsInBuildOrder(org: Organization): Account[] {
  return [...org.accounts].sort((a, b) => ROLE_BUILD_ORDER.indexOf(a.role) - ROLE_BUILD_ORDER.indexOf(b.role));
}
