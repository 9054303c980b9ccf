import type { Organization } from '../../../config/organization';
import { bootstrapStackName, regionalStackName } from '../../../stacks/naming';
import type { ModuleArea } from './modules';
import type { StackContents } from './stack-contents';

/** One account in one Region (or its state bootstrap), with what its stack holds. */
export interface AccountRegionRow {
  readonly account: string;
  readonly accountId: string;
  readonly role: string;
  readonly region: string;
  readonly homeRegion: boolean;
  readonly kind: 'regional' | 'state-bootstrap';
  readonly stack: string;
  /** False when the synth produced no such stack (a regional row is still listed). */
  readonly synthesized: boolean;
  readonly modules: readonly ModuleArea[];
}

/** Rows of the accounts x Regions x modules table, and synthesized stacks that belong to no account row. */
export interface AccountMatrix {
  readonly rows: readonly AccountRegionRow[];
  readonly unassigned: readonly string[];
}

/**
 * One row per account and Region it runs in (config order, home Region first), plus a row for each account's state
 * bootstrap stack when the synth has one. `stacks` maps synthesized stack names to their contents.
 */
export function accountMatrix(org: Organization, stacks: ReadonlyMap<string, StackContents>): AccountMatrix {
  const rows: AccountRegionRow[] = [];
  for (const account of org.accounts) {
    const common = { account: account.name, accountId: account.id, role: account.role };
    const bootstrap = bootstrapStackName(account);
    const bootstrapContents = stacks.get(bootstrap);
    if (bootstrapContents) {
      const region = bootstrapContents.region ?? org.homeRegion;
      rows.push({ ...common, region, homeRegion: region === org.homeRegion, kind: 'state-bootstrap', stack: bootstrap, synthesized: true, modules: bootstrapContents.modules });
    }
    for (const region of account.regions) {
      const stack = regionalStackName(account, region);
      const contents = stacks.get(stack);
      rows.push({ ...common, region, homeRegion: region === org.homeRegion, kind: 'regional', stack, synthesized: contents !== undefined, modules: contents?.modules ?? [] });
    }
  }
  const assigned = new Set(rows.map((r) => r.stack));
  return { rows, unassigned: [...stacks.keys()].filter((s) => !assigned.has(s)) };
}
