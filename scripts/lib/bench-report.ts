import * as fs from 'fs';
import * as path from 'path';
import type { BenchReport, SizeSummary } from './bench-summary';

function sizeRow(s: SizeSummary): string[] {
  return [
    `${s.label} (${s.accounts}×${s.regions})`,
    String(s.stacks),
    String(s.resources),
    (s.wallMs / 1000).toFixed(2),
    s.msPerStack.toFixed(2),
    s.peakRssMb.toFixed(0),
    (s.processMs / 1000).toFixed(2),
  ];
}

const SIZE_HEADER = ['size', 'stacks', 'resources', 'wall (s)', 'ms/stack', 'peak RSS (MiB)', 'process (s)'];

function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ')).join('\n');
}

function markdownTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  return [header!, header!.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function tables(report: BenchReport): { sizes: string[][]; targets: string[][]; terraform: string[][] | undefined } {
  const tf = report.terraform;
  return {
    sizes: [SIZE_HEADER, sizeRow(report.small), sizeRow(report.large)],
    targets: [['target', 'limit', 'actual', 'result'], ...report.targets.map((t) => [t.name, t.target, t.actual, t.pass ? 'PASS' : 'FAIL'])],
    terraform: tf && [
      ['phase', 'seconds'],
      ['init', tf.initS.toFixed(2)],
      ['validate', tf.validateS.toFixed(2)],
      ['plan', tf.planS.toFixed(2)],
      ['resources planned', String(tf.plannedResources)],
    ],
  };
}

/** Human-readable report for the terminal (median of the runs per size). */
export function renderText(report: BenchReport): string {
  const t = tables(report);
  const m = report.machine;
  const parts = [
    `synth benchmark (median of ${report.large.runs.length} runs each; ${m.cpus} × ${m.cpuModel}, node ${m.node}, load ${m.loadAverage1m.toFixed(1)})`,
    '',
    textTable(t.sizes),
    '',
    textTable(t.targets),
  ];
  if (t.terraform) parts.push('', `terraform on ${report.terraform!.stack} (offline plan rewrite):`, textTable(t.terraform));
  return `${parts.join('\n')}\n`;
}

/** The same report as Markdown. */
export function renderMarkdown(report: BenchReport): string {
  const t = tables(report);
  const m = report.machine;
  const parts = [
    '# Synth benchmark',
    '',
    `${report.date}; ${m.cpus} × ${m.cpuModel}, ${m.memoryMiB} MiB, node ${m.node}, 1-min load average ${m.loadAverage1m.toFixed(1)}. Median of ${report.large.runs.length} runs per size, each in its own process.`,
    '',
    markdownTable(t.sizes),
    '',
    '## Targets',
    '',
    markdownTable(t.targets),
  ];
  if (t.terraform) parts.push('', `## Terraform on \`${report.terraform!.stack}\` (offline plan rewrite)`, '', markdownTable(t.terraform));
  return `${parts.join('\n')}\n`;
}

/** Writes `<dir>/bench.json` and `<dir>/bench.md`; returns their paths. */
export function writeReports(report: BenchReport, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'bench.json');
  const md = path.join(dir, 'bench.md');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, renderMarkdown(report));
  return [json, md];
}
