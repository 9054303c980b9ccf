import type { Exclusion } from './exclusions';
import type { FirstPlanReport } from './first-plan';
import type { Refusal } from './proxy';
import type { ReplanChange, TerraformError } from './terraform';

/** One stack's result on the emulator. */
export interface StackReport {
  readonly stack: string;
  /** Resources in the production JSON. */
  readonly resources: number;
  /** Resources in the stack's state after apply. */
  readonly applied: number;
  /** Dropped from the copy: by an exclusion (`root`) and because they depend on one (`dependents`), per type. */
  readonly excluded: { readonly total: number; readonly root: Record<string, number>; readonly dependents: Record<string, number>; readonly addresses: readonly string[] };
  readonly applyErrors: readonly TerraformError[];
  /** Re-plan changes not accepted by an attribute exclusion (must be empty). */
  readonly replanChanges: readonly ReplanChange[];
  /** Re-plan changes accepted by an attribute exclusion (listed, not failures). */
  readonly acceptedChanges: readonly ReplanChange[];
  /** `plan -detailed-exitcode`: 0 no changes, 2 changes, 1 error; null when not run. */
  readonly replanExitCode: number | null;
  readonly applySeconds: number;
  readonly replanSeconds: number;
  /** ok: applied with no error and re-planned clean; failed; skipped (a dependency failed). */
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly note?: string;
  /** Stacks with `import` blocks (adoption): the plan before apply, held to import every target (see first-plan.ts). */
  readonly firstPlan?: FirstPlanReport;
}

export interface StaleExclusion {
  readonly exclusion: Exclusion;
  readonly why: string;
}

export interface EmulatorReport {
  readonly motoVersion: string;
  readonly config: string;
  readonly startedAt: string;
  readonly wallSeconds: number;
  readonly parallel: number;
  readonly stacks: readonly StackReport[];
  readonly exclusions: { readonly wholesaleTypes: readonly Exclusion[]; readonly partial: readonly Exclusion[]; readonly stale: readonly StaleExclusion[] };
  readonly proxy: { readonly forwarded: number; readonly refusals: readonly Refusal[] };
  readonly totals: { readonly stacks: number; readonly ok: number; readonly applied: number; readonly excluded: number; readonly applyErrors: number; readonly replanChanges: number };
}

/** True when the run meets the bar: every stack ok, no refusals, no stale exclusion. */
export function passed(report: EmulatorReport): boolean {
  return report.stacks.every((s) => s.status === 'ok') && report.proxy.refusals.length === 0 && report.exclusions.stale.length === 0;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The printed table: one row per stack, then the exclusions and anything failing. */
export function renderTable(report: EmulatorReport): string {
  const header = ['stack', 'status', 'resources', 'applied', 'excluded', 'errors', 'replan chg', 'apply s', 'replan s'];
  const rows = report.stacks.map((s) => [s.stack, s.status, String(s.resources), String(s.applied), String(s.excluded.total), String(s.applyErrors.length), String(s.replanChanges.length), s.applySeconds.toFixed(1), s.replanSeconds.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const t = report.totals;
  out.push('', `${t.ok}/${t.stacks} stacks ok; ${t.applied} resources applied, ${t.excluded} excluded; ${t.applyErrors} apply errors; ${t.replanChanges} re-plan changes; wall ${report.wallSeconds.toFixed(0)} s (moto ${report.motoVersion}, ${report.parallel} in parallel)`);
  out.push(`proxy: ${report.proxy.forwarded} requests forwarded to the emulator, ${report.proxy.refusals.length} refused`);
  for (const r of report.proxy.refusals.slice(0, 20)) out.push(`  refused ${r.method} ${r.target} (${r.reason})`);
  out.push(`excluded wholesale (${report.exclusions.wholesaleTypes.length} root types): ${report.exclusions.wholesaleTypes.map((e) => e.type).join(', ') || 'none'}`);
  for (const e of report.exclusions.partial) out.push(`  partial: ${e.type}${e.address ? `.${e.address}` : ''}${e.attribute ? ` [${e.attribute}]` : ''}${e.stacks ? ` in ${e.stacks}` : ''}: ${e.reason}`);
  for (const s of report.exclusions.stale) out.push(`  STALE exclusion ${s.exclusion.type}${s.exclusion.address ? `.${s.exclusion.address}` : ''}${s.exclusion.attribute ? ` [${s.exclusion.attribute}]` : ''}: ${s.why}`);
  for (const s of report.stacks) {
    for (const e of s.applyErrors) out.push(`  ${s.stack}: ERROR ${e.address ?? ''} ${e.summary}${e.detail ? `: ${e.detail.split('\n')[0]}` : ''}`);
    for (const c of s.replanChanges) out.push(`  ${s.stack}: CHANGE ${c.address} (${c.actions.join('/')}) ${c.attributes.join(', ')}`);
    if (s.note) out.push(`  ${s.stack}: ${s.note}`);
    if (s.firstPlan) {
      const f = s.firstPlan;
      const types = Object.entries(f.importedTypes).map(([t, n]) => (n > 1 ? `${t} x${n}` : t)).join(', ');
      out.push(`  ${s.stack}: first plan imports ${f.imported.length}/${f.targets.length} adopted resources (${types || 'none'}), ${f.problems.length} created or replaced instead; ${f.creates} other creates (${f.seconds.toFixed(1)} s)`);
      for (const p of f.problems) out.push(`  ${s.stack}: NOT IMPORTED ${p}`);
    }
  }
  return out.join('\n');
}
