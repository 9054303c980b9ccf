import type { Finding } from './findings';
import type { AllowlistOutcome, StaleEntry } from './matching';
import type { CheckovFramework } from './run-checkov';
import { totalsOf, type StackRow, type Totals } from './summary';
import { formatMarkdownTable, formatTextTable, type Table } from './table';

/** A file Checkov could not parse in one scanned config. */
export interface ParsingError {
  readonly config: string;
  readonly file: string;
}

/** One Checkov pass of the gate and the scanned configs (report rows) it produced. */
export interface ScanPass {
  readonly framework: CheckovFramework;
  readonly configs: readonly string[];
}

/** Everything the gate decided, ready to print. */
export interface ScanReport {
  readonly checkovVersion: string;
  /** Scan names of the configs, in scan order. */
  readonly configs: readonly string[];
  /** The passes and their configs (default: one `terraform_json` pass over every config). */
  readonly passes?: readonly ScanPass[];
  readonly rows: readonly StackRow[];
  readonly outcome: AllowlistOutcome;
  readonly parsingErrors: readonly ParsingError[];
}

/** The gate passes when no failure is left unallowlisted, no entry is stale and Checkov parsed every file. */
export function gatePasses(report: ScanReport): boolean {
  return report.outcome.failures.length === 0 && report.outcome.stale.length === 0 && report.parsingErrors.length === 0;
}

/** The per-stack table with a totals footer. */
export function stackTable(rows: readonly StackRow[]): Table {
  const t = totalsOf(rows);
  return {
    headers: ['config', 'stack', 'passed', 'failed', 'allowlisted'],
    rows: rows.map((r) => [r.config, r.stack, String(r.passed), String(r.failed), String(r.allowlisted)]),
    numeric: [2, 3, 4],
    footer: [['total', `${t.stacks} stacks`, String(t.passed), String(t.failed), String(t.allowlisted)]],
  };
}

/** The report's passes: as given, or one `terraform_json` pass over every config. */
export function passesOf(report: ScanReport): readonly ScanPass[] {
  return report.passes ?? [{ framework: 'terraform_json', configs: report.configs }];
}

/** Totals of one pass's rows. */
export function passTotals(report: ScanReport, pass: ScanPass): Totals {
  return totalsOf(report.rows.filter((r) => pass.configs.includes(r.config)));
}

function passLine(report: ScanReport, pass: ScanPass): string {
  const t = passTotals(report, pass);
  return `${pass.framework} pass: ${t.stacks} stacks, ${t.passed} passed, ${t.failed} failed (not allowlisted), ${t.allowlisted} allowlisted`;
}

function failureTable(failures: readonly Finding[]): Table {
  return {
    headers: ['config', 'stack', 'check', 'name', 'resource', 'construct path'],
    rows: failures.map((f) => [f.config, f.stack, f.checkId, f.checkName, f.resource, f.constructPath ?? '-']),
  };
}

/** Failures in table order: by the rows' (config, stack) order, then check id, then resource. */
export function orderedFailures(report: ScanReport): Finding[] {
  const rank = new Map(report.rows.map((r, i) => [`${r.config}\u0000${r.stack}`, i]));
  const rankOf = (f: Finding): number => rank.get(`${f.config}\u0000${f.stack}`) ?? Number.MAX_SAFE_INTEGER;
  return [...report.outcome.failures].sort(
    (a, b) => rankOf(a) - rankOf(b) || a.checkId.localeCompare(b.checkId, 'en', { numeric: true }) || a.resource.localeCompare(b.resource),
  );
}

function staleText(s: StaleEntry): string {
  const e = s.entry;
  const role = e.role && e.role !== '*' ? `, role ${e.role}` : '';
  const region = e.region && e.region !== 'any' ? `, region ${e.region}` : '';
  return `entries[${s.index}]: check ${e.check}, config ${e.config}, stack ${e.stack}${role}${region}, resource ${e.resource}`;
}

function verdict(report: ScanReport): string {
  const { failures, stale } = report.outcome;
  if (gatePasses(report)) return 'PASS';
  const why = [
    failures.length > 0 ? `${failures.length} failure(s) not in the allowlist` : '',
    stale.length > 0 ? `${stale.length} stale allowlist entr${stale.length === 1 ? 'y' : 'ies'}` : '',
    report.parsingErrors.length > 0 ? `${report.parsingErrors.length} file(s) Checkov could not parse` : '',
  ].filter((s) => s !== '');
  return `FAIL: ${why.join(', ')}`;
}

/** Console report: the stack table, then each failure, stale entry and parsing error, then the verdict. */
export function formatTextReport(report: ScanReport): string {
  const { stale, notApplicable } = report.outcome;
  const failures = orderedFailures(report);
  const passes = passesOf(report);
  const out = [
    `Checkov ${report.checkovVersion} (${passes.map((p) => p.framework).join(' and ')}) over ${report.configs.length} config(s): ${report.configs.join(', ')}`,
    '',
    formatTextTable(stackTable(report.rows)),
    '',
    ...passes.map((p) => passLine(report, p)),
  ];
  if (failures.length > 0) {
    out.push('', `Failures not in the allowlist (${failures.length}):`);
    for (const f of failures) {
      out.push(`  - [${f.config}] ${f.stack}  ${f.checkId}  ${f.checkName}`, `      resource:  ${f.resource}`, `      construct: ${f.constructPath ?? '-'}`);
    }
  }
  if (stale.length > 0) {
    out.push('', `Stale allowlist entries, matched nothing in any scanned config (${stale.length}); remove or fix them:`);
    for (const s of stale) out.push(`  - ${staleText(s)}`);
  }
  if (notApplicable.length > 0) {
    out.push('', `Allowlist entries not used by this partial scan, not judged for staleness (${notApplicable.length}):`);
    for (const s of notApplicable) out.push(`  - ${staleText(s)}`);
  }
  if (report.parsingErrors.length > 0) {
    out.push('', `Files Checkov could not parse (${report.parsingErrors.length}):`);
    for (const p of report.parsingErrors) out.push(`  - [${p.config}] ${p.file}`);
  }
  out.push('', verdict(report));
  return out.join('\n');
}

/** Markdown report (`reports/checkov/summary.md`) with the same content as {@link formatTextReport}. */
export function formatMarkdownReport(report: ScanReport): string {
  const { stale, notApplicable } = report.outcome;
  const failures = orderedFailures(report);
  const out = [
    '# Checkov scan',
    '',
    `Checkov ${report.checkovVersion} (${passesOf(report).map((p) => `\`${p.framework}\``).join(' and ')}) over ${report.configs.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    `**Result: ${verdict(report)}**`,
    '',
    ...passesOf(report).map((p) => `- ${passLine(report, p)}`),
    '',
    formatMarkdownTable(stackTable(report.rows)),
  ];
  if (failures.length > 0) out.push('', `## Failures not in the allowlist (${failures.length})`, '', formatMarkdownTable(failureTable(failures)));
  if (stale.length > 0) out.push('', `## Stale allowlist entries (${stale.length})`, '', ...stale.map((s) => `- ${staleText(s)}`));
  if (notApplicable.length > 0) out.push('', `## Allowlist entries for configs not in this scan (${notApplicable.length})`, '', ...notApplicable.map((s) => `- ${staleText(s)}`));
  if (report.parsingErrors.length > 0) out.push('', `## Files Checkov could not parse (${report.parsingErrors.length})`, '', ...report.parsingErrors.map((p) => `- \`${p.config}\`: \`${p.file}\``));
  return `${out.join('\n')}\n`;
}
