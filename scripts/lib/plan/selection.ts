import type { Organization } from '../../../config/organization';
import { bootstrapStackName, regionalStackName } from '../../../stacks/naming';
import type { StackGraph } from './stack-graph';

/** Where one stack deploys: what a CI job needs to pick the account's credentials. */
export interface StackTarget {
  readonly stack: string;
  readonly account: string;
  readonly accountId: string;
  readonly role: string;
  /** The stack's Region (`global` for a state bootstrap, which is account-wide). */
  readonly region: string;
  /** Dependency wave within the selection (0 first). */
  readonly wave: number;
}

/** The machine-readable selection (`npm run plan -- --list-json`), shaped for GitHub Actions matrices. */
export interface SelectionList {
  /** Selected stacks in dependency order. */
  readonly stacks: readonly string[];
  /** `{ include: [...] }` with one entry per stack: use as `strategy.matrix: ${{ fromJSON(...) }}`. */
  readonly matrix: { readonly include: readonly StackTarget[] };
  /** Stack names per dependency wave: apply wave n only after wave n-1. */
  readonly waves: readonly (readonly string[])[];
  /** One `{ include: [...] }` matrix per wave, for one deploy job per wave. */
  readonly waveMatrices: readonly { readonly include: readonly StackTarget[] }[];
  /** Accounts that have at least one selected stack. */
  readonly accounts: readonly string[];
  /** Why stacks were selected (the ref, what changed, what only reads a changed stack's outputs). */
  readonly reason: { readonly changedSince?: string; readonly changed?: readonly string[]; readonly consumers?: readonly string[]; readonly removed?: readonly string[] };
}

/** Account, account id, role and Region of every stack the organisation synthesizes, by stack name. */
export function stackTargets(org: Organization): Map<string, Omit<StackTarget, 'wave'>> {
  const targets = new Map<string, Omit<StackTarget, 'wave'>>();
  for (const account of org.accounts) {
    const base = { account: account.name, accountId: account.id, role: account.role };
    targets.set(bootstrapStackName(account), { stack: bootstrapStackName(account), ...base, region: 'global' });
    for (const region of account.regions) targets.set(regionalStackName(account, region), { stack: regionalStackName(account, region), ...base, region });
  }
  return targets;
}

/** Builds the selection list from the waves; only account stacks (not `hcp-bootstrap`) are listed. */
export function selectionList(org: Organization, graph: StackGraph, waves: readonly (readonly string[])[], reason: SelectionList['reason']): SelectionList {
  const targets = stackTargets(org);
  // Stacks outside the accounts (hcp-bootstrap, applied with an HCP Terraform token) are left out; waves stay contiguous.
  const accountWaves = waves.map((wave) => wave.filter((stack) => targets.has(stack) && graph.stacks.has(stack))).filter((wave) => wave.length > 0);
  const waveMatrices = accountWaves.map((wave, n) => ({ include: wave.map((stack) => ({ ...targets.get(stack)!, wave: n })) }));
  const include = waveMatrices.flatMap((m) => m.include);
  return {
    stacks: include.map((t) => t.stack),
    matrix: { include },
    waves: accountWaves,
    waveMatrices,
    accounts: [...new Set(include.map((t) => t.account))],
    reason,
  };
}
