import type { Finding } from './findings';
import type { AllowlistOutcome } from './matching';

/** Counts for one stack of one scanned config. */
export interface StackRow {
  readonly config: string;
  readonly stack: string;
  readonly passed: number;
  /** Failed and not allowlisted. */
  readonly failed: number;
  readonly allowlisted: number;
}

/** Sums of every row. */
export interface Totals {
  readonly stacks: number;
  readonly passed: number;
  readonly failed: number;
  readonly allowlisted: number;
}

/** One synthesized stack, named so that stacks without any result still get a row. */
export interface ScannedStack {
  readonly config: string;
  readonly stack: string;
}

const keyOf = (config: string, stack: string): string => `${config}\u0000${stack}`;

/**
 * One row per scanned stack in the given order (stacks Checkov reported but that were not listed are appended):
 * passed checks, failed checks not allowlisted, and allowlisted failures.
 */
export function summarizeByStack(stacks: readonly ScannedStack[], findings: readonly Finding[], outcome: AllowlistOutcome): StackRow[] {
  const counts = new Map<string, { config: string; stack: string; passed: number; failed: number; allowlisted: number }>();
  const row = (config: string, stack: string) => {
    const key = keyOf(config, stack);
    let current = counts.get(key);
    if (!current) {
      current = { config, stack, passed: 0, failed: 0, allowlisted: 0 };
      counts.set(key, current);
    }
    return current;
  };
  for (const s of stacks) row(s.config, s.stack);
  for (const f of findings) if (f.status === 'passed') row(f.config, f.stack).passed++;
  for (const f of outcome.failures) row(f.config, f.stack).failed++;
  for (const a of outcome.allowlisted) row(a.finding.config, a.finding.stack).allowlisted++;
  return [...counts.values()];
}

/** Adds up the rows. */
export function totalsOf(rows: readonly StackRow[]): Totals {
  return rows.reduce<Totals>(
    (t, r) => ({ stacks: t.stacks + 1, passed: t.passed + r.passed, failed: t.failed + r.failed, allowlisted: t.allowlisted + r.allowlisted }),
    { stacks: 0, passed: 0, failed: 0, allowlisted: 0 },
  );
}
