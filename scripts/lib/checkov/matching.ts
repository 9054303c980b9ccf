import type { AllowlistEntry } from './allowlist';
import type { Finding } from './findings';
import { matchesGlob } from '../../../modules/core/glob';

/**
 * True when `entry` covers `finding`: same check id; config, stack and resource (address or construct path) globs
 * match; and, when the entry names them, the stack's account role (glob) and Region kind (`home`/`other`), which only
 * baseline stacks have (a role or Region condition never matches a module test stack).
 */
export function entryMatches(entry: AllowlistEntry, finding: Finding): boolean {
  if (entry.check !== finding.checkId) return false;
  if (!matchesGlob(entry.config, finding.config)) return false;
  if (!matchesGlob(entry.stack, finding.stack)) return false;
  const role = entry.role ?? '*';
  if (role !== '*' && (finding.role === undefined || !matchesGlob(role, finding.role))) return false;
  const region = entry.region ?? 'any';
  if (region !== 'any' && (finding.homeRegion === undefined || finding.homeRegion !== (region === 'home'))) return false;
  if (matchesGlob(entry.resource, finding.resource)) return true;
  return finding.constructPath !== undefined && matchesGlob(entry.resource, finding.constructPath);
}

/** A failed finding that one or more allowlist entries accept. */
export interface AllowlistedFinding {
  readonly finding: Finding;
  /** Indexes into the allowlist's entries. */
  readonly entryIndexes: readonly number[];
}

/** An allowlist entry that accepted no failure in any scanned config. */
export interface StaleEntry {
  readonly index: number;
  readonly entry: AllowlistEntry;
}

/** How the allowlist split the failed findings. */
export interface AllowlistOutcome {
  /** Failed findings that no entry accepts: these fail the gate. */
  readonly failures: readonly Finding[];
  readonly allowlisted: readonly AllowlistedFinding[];
  /** Entries that matched nothing: these fail the gate too, so the list never outlives its reasons. */
  readonly stale: readonly StaleEntry[];
  /** Entries not judged because this scan is partial (an explicit config list) and they matched nothing in it. */
  readonly notApplicable: readonly StaleEntry[];
}

/** Options for {@link applyAllowlist}. */
export interface ApplyAllowlistOptions {
  /** Names of every config this scan covered. */
  readonly scannedConfigs: readonly string[];
  /**
   * True when only some configs were scanned (an explicit config list): entries that matched nothing are then set
   * aside as not applicable instead of stale (a user's config need not have every case the samples have).
   */
  readonly partialScan: boolean;
}

/** Splits failed findings into allowlisted and not, and finds stale entries; passed and skipped findings are ignored. */
export function applyAllowlist(findings: readonly Finding[], entries: readonly AllowlistEntry[], options: ApplyAllowlistOptions): AllowlistOutcome {
  const used = new Set<number>();
  const failures: Finding[] = [];
  const allowlisted: AllowlistedFinding[] = [];
  for (const finding of findings) {
    if (finding.status !== 'failed') continue;
    const entryIndexes = entries.flatMap((entry, i) => (entryMatches(entry, finding) ? [i] : []));
    entryIndexes.forEach((i) => used.add(i));
    if (entryIndexes.length > 0) allowlisted.push({ finding, entryIndexes });
    else failures.push(finding);
  }
  const stale: StaleEntry[] = [];
  const notApplicable: StaleEntry[] = [];
  entries.forEach((entry, index) => {
    if (used.has(index)) return;
    // A partial scan (one user's config) cannot tell a stale entry from one for what that config lacks (no s3 state,
    // no second Region): only the full scan over every sample and the test stacks judges staleness.
    if (options.partialScan) notApplicable.push({ index, entry });
    else stale.push({ index, entry });
  });
  return { failures, allowlisted, stale, notApplicable };
}
