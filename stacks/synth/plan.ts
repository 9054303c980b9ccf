import type { Account, Organization } from '../../config/organization';
import { stateHolder } from '../backend';
import { accountsInBuildOrder } from '../registry';

/**
 * How an organisation splits for a sharded synth:
 * - `shared`: the accounts whose stacks other accounts take values from or depend on (management, log archive,
 *   security, network, and a central state holder). Every shard builds them, so every cross-stack reference resolves
 *   inside one process; their files are merged across shards (each shard adds the outputs its consumers read).
 * - `sharded`: every other account (the workloads), in build order. Nothing refers to a workload's stacks, so any
 *   split of them gives the same files.
 */
export interface SynthPlan {
  readonly shared: readonly Account[];
  readonly sharded: readonly Account[];
}

export function planSynth(org: Organization): SynthPlan {
  const foreignHolders = new Set<string>();
  if (org.state.mode === 's3') {
    for (const account of org.accounts) {
      const holder = stateHolder(org, account);
      if (holder.id !== account.id) foreignHolders.add(holder.id);
    }
  }
  const isShared = (account: Account) => account.role !== 'workload' || foreignHolders.has(account.id);
  const ordered = accountsInBuildOrder(org);
  return { shared: ordered.filter(isShared), sharded: ordered.filter((a) => !isShared(a)) };
}

/** Stacks an account gets (one per Region; a bootstrap in s3 mode adds one): the unit shards are cut by. */
export function stackCount(account: Account): number {
  return account.regions.length;
}

/**
 * Cuts `accounts` (in order) into runs of about `stacksPerShard` stacks each, never splitting an account. Contiguous
 * runs keep the build order: shard 0 holds the first accounts, and so on.
 */
export function cutShards(accounts: readonly Account[], stacksPerShard: number): Account[][] {
  const shards: Account[][] = [];
  let current: Account[] = [];
  let size = 0;
  for (const account of accounts) {
    if (current.length > 0 && size + stackCount(account) > stacksPerShard) {
      shards.push(current);
      current = [];
      size = 0;
    }
    current.push(account);
    size += stackCount(account);
  }
  if (current.length > 0) shards.push(current);
  return shards;
}
