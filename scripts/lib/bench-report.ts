import * as fs from 'fs';
import * as path from 'path';
import type { BenchReport, SizeSummary } from './bench-summary';

const SIZE_HEADER = ['size', 'mode', 'stacks', 'resources', 'wall (s)', 'ms/stack', 'ratio to 10', 'cpu (s)', 'peak RSS (MiB)', 'worker peak (MiB)', 'process (s)'];

function modeText(s: SizeSummary): string {
  if (s.mode === 'single') return 'one App';
  const where = s.workers ? `${s.shards} shards / ${s.workers} workers` : `${s.shards} shard${s.shards === 1 ? '' : 's'} in-process`;
  const cache = s.freshAccounts === undefined || (s.reusedAccounts === 0 && s.freshAccounts === 0) ? '' : `, ${s.freshAccounts} synthesized / ${s.reusedAccounts} reused`;
  return `sharded (${where}${cache})`;
}

function sizeRow(s: SizeSummary, baseMsPerStack: number): string[] {
  return [
    `${s.label} (${s.accounts}×${s.regions})`,
    modeText(s),
    String(s.stacks),
    String(s.resources),
    (s.wallMs / 1000).toFixed(2),
    s.msPerStack.toFixed(2),
    (s.msPerStack / baseMsPerStack).toFixed(2),
    s.cpuS === undefined ? '-' : s.cpuS.toFixed(2),
    s.peakRssMb.toFixed(0),
    s.workerPeakRssMb === undefined ? '-' : s.workerPeakRssMb.toFixed(0),
    (s.processMs / 1000).toFixed(2),
  ];
}

function textTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) => row.map((cell, col) => (col <= 1 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ')).join('\n');
}

function markdownTable(rows: readonly (readonly string[])[]): string {
  const [header, ...body] = rows;
  return [header!, header!.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function tables(report: BenchReport) {
  const tf = report.terraform;
  const sizes = [...report.sizes, ...(report.incremental ? [report.incremental.cold, report.incremental.changed] : [])];
  return {
    sizes: [SIZE_HEADER, ...sizes.map((s) => sizeRow(s, report.baseMsPerStack))],
    cli: [
      ['npx cdktf synth of the example', 'runs', 'min (s)', 'median (s)', 'max (s)', 'median cpu (s)'],
      ...report.cli.map((c) => [c.label, String(c.runsS.length), c.minS.toFixed(2), c.medianS.toFixed(2), c.maxS.toFixed(2), Number.isNaN(c.medianCpuS) ? '-' : c.medianCpuS.toFixed(2)]),
    ],
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

function machineLine(report: BenchReport): string {
  const m = report.machine;
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryMiB} MiB, node ${m.node}, 1-min load average ${m.loadAverage1mStart.toFixed(1)} at the start, ${m.loadAverage1m.toFixed(1)} at the end`;
}

/** Human-readable report for the terminal (median of the runs per row). */
export function renderText(report: BenchReport): string {
  const t = tables(report);
  const parts = [`synth benchmark (median of each row's runs; ${machineLine(report)})`, '', textTable(t.sizes), '', textTable(t.cli), '', textTable(t.targets)];
  if (t.terraform) parts.push('', `terraform on ${report.terraform!.stack} (offline plan rewrite):`, textTable(t.terraform));
  return `${parts.join('\n')}\n`;
}

/** The same report as Markdown. */
export function renderMarkdown(report: BenchReport): string {
  const t = tables(report);
  const parts = [
    '# Synth benchmark',
    '',
    `${report.date}; ${machineLine(report)}. Each row is the median of its runs, each run in its own process; "ratio to 10" is ms/stack over the 10-stack one-App synth.`,
    '',
    markdownTable(t.sizes),
    '',
    markdownTable(t.cli),
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
