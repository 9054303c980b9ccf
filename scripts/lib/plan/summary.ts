import type { StackPlanResult } from './terraform-run';

/** One row of the summary, in plan order. */
export interface SummaryRow {
  readonly result: StackPlanResult;
  readonly wave: number;
}

function cells(row: SummaryRow): string[] {
  const { result } = row;
  const c = result.counts;
  return [
    result.stack,
    String(row.wave),
    result.ok ? (c ? String(c.add) : '?') : '-',
    result.ok ? (c ? String(c.change) : '?') : '-',
    result.ok ? (c ? String(c.destroy) : '?') : '-',
    `${result.seconds.toFixed(1)}s`,
    result.ok ? 'ok' : `FAILED: ${result.error ?? ''}`,
  ];
}

const HEADER = ['stack', 'wave', 'add', 'change', 'destroy', 'time', 'result'];

/** A fixed-width text table of every planned stack, with a totals line. */
export function formatSummaryTable(rows: readonly SummaryRow[], wallSeconds: number): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => Math.min(r[i]!.length, i === 6 ? 100 : 1000))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i >= 2 && i <= 5 ? cell.padStart(widths[i]!) : i === 6 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const failed = rows.filter((r) => !r.result.ok).length;
  const sum = (key: 'add' | 'change' | 'destroy') => rows.reduce((n, r) => n + (r.result.counts?.[key] ?? 0), 0);
  return [
    line(HEADER),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    `${rows.length} stacks planned in ${wallSeconds.toFixed(1)}s: ${sum('add')} to add, ${sum('change')} to change, ${sum('destroy')} to destroy; ${failed} failed`,
  ].join('\n');
}

/** The same summary as Markdown (GitHub job summary or PR comment), with each stack's plan in a folded block. */
export function formatSummaryMarkdown(rows: readonly SummaryRow[], wallSeconds: number, title: string): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`## ${title}`, '', `| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_h, i) => (i >= 1 && i <= 5 ? '---:' : '---')).join(' | ')} |`];
  for (const row of rows) out.push(`| ${cells(row).map(esc).join(' | ')} |`);
  out.push('', `${rows.length} stacks, ${wallSeconds.toFixed(1)}s wall time.`, '');
  for (const { result } of rows) {
    const planPart = result.output.slice(Math.max(0, result.output.indexOf('Terraform used the selected providers') >= 0 ? result.output.indexOf('Terraform used the selected providers') : 0));
    const text = planPart.length > 60_000 ? `${planPart.slice(0, 60_000)}\n... (truncated; the full plan is in the artifact)` : planPart;
    out.push(`<details><summary>${result.stack}: ${result.ok ? 'plan' : 'FAILED'}</summary>`, '', '```', text.trimEnd(), '```', '', '</details>', '');
  }
  return out.join('\n');
}
