import type { AllowlistEntry } from '../checkov/allowlist';
import { toFindings, type Finding, type StackLookups } from '../checkov/findings';
import { applyAllowlist } from '../checkov/matching';
import type { CheckovResults } from '../checkov/results';
import { summarizeByStack, totalsOf, type StackRow, type Totals } from '../checkov/summary';

/** A check id with the number of findings for it. */
export interface CheckCount {
  readonly checkId: string;
  readonly checkName: string;
  readonly count: number;
}

/** Whether the scanned JSON is the JSON synthesized now. */
export interface Freshness {
  /** Stacks whose scanned `cdk.tf.json` differs from the current synth. */
  readonly changed: readonly string[];
  /** Current stacks with no scanned copy to compare against (`.scan-out/` was cleaned). */
  readonly unverified: readonly string[];
  /** Current stacks Checkov reported nothing for. */
  readonly notScanned: readonly string[];
  /** Stacks Checkov reported that the current synth does not have. */
  readonly extra: readonly string[];
}

/** The Checkov results of one config, judged with the allowlist. */
export interface CheckovSummary {
  /** One row per current stack (then any extra stacks Checkov reported). */
  readonly rows: readonly StackRow[];
  readonly totals: Totals;
  /** Failed checks no allowlist entry accepts. */
  readonly failures: readonly Finding[];
  /** Allowlisted failures per check, most first. */
  readonly allowlisted: readonly CheckCount[];
  readonly parsingErrors: readonly string[];
}

/** Inputs for {@link summarizeCheckov}. */
export interface CheckovInputs {
  /** Scan name of the config (`example`, or the config file's basename). */
  readonly config: string;
  /** Stacks of the current synth, in order. */
  readonly stackNames: readonly string[];
  readonly results: CheckovResults;
  /**
   * Resource indexes and facts of the current synth's stacks: Checkov's resource names resolve to construct paths,
   * and allowlist entries with a role or Region condition match as in the gate.
   */
  readonly stacks: StackLookups;
  readonly allowlist: readonly AllowlistEntry[];
}

function countByCheck(findings: readonly Finding[]): CheckCount[] {
  const counts = new Map<string, CheckCount>();
  for (const f of findings) {
    const current = counts.get(f.checkId);
    counts.set(f.checkId, { checkId: f.checkId, checkName: current?.checkName || f.checkName, count: (current?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.checkId.localeCompare(b.checkId));
}

/** Applies the allowlist to one config's Checkov results, the way `npm run scan` does, and counts per stack. */
export function summarizeCheckov(inputs: CheckovInputs): CheckovSummary {
  const findings = toFindings(inputs.config, inputs.results.checks, inputs.stacks);
  const outcome = applyAllowlist(findings, inputs.allowlist, { scannedConfigs: [inputs.config], partialScan: true });
  const rows = summarizeByStack(
    inputs.stackNames.map((stack) => ({ config: inputs.config, stack })),
    findings,
    outcome,
  );
  return {
    rows,
    totals: totalsOf(rows),
    failures: outcome.failures,
    allowlisted: countByCheck(outcome.allowlisted.map((a) => a.finding)),
    parsingErrors: inputs.results.parsingErrors,
  };
}

/**
 * Compares the scanned stacks with the current synth. `currentHashes` and `scannedHashes` map stack name to a
 * content hash of its `cdk.tf.json`; `reportedStacks` are the stacks Checkov reported any check for.
 */
export function freshnessOf(currentHashes: ReadonlyMap<string, string>, scannedHashes: ReadonlyMap<string, string>, reportedStacks: ReadonlySet<string>): Freshness {
  const current = [...currentHashes.keys()];
  return {
    changed: current.filter((s) => scannedHashes.has(s) && scannedHashes.get(s) !== currentHashes.get(s)),
    unverified: current.filter((s) => !scannedHashes.has(s)),
    notScanned: current.filter((s) => !reportedStacks.has(s)),
    extra: [...reportedStacks].filter((s) => !currentHashes.has(s)).sort(),
  };
}

/** True when the scan is known to cover exactly the current synth. */
export function isFresh(f: Freshness): boolean {
  return f.changed.length === 0 && f.unverified.length === 0 && f.notScanned.length === 0 && f.extra.length === 0;
}
