/**
 * `npm run bench`: synthesis time and peak memory of a small (5 accounts × 2 Regions) and a large organisation
 * (default 100 × 4; `--accounts N --regions N` or BENCH_ACCOUNTS / BENCH_REGIONS), each synthesized 3 times in
 * its own process, then `terraform init` / `validate` / `plan` of one home-Region stack of the large organisation.
 * Prints a table with PASS/FAIL per target and writes reports/bench.json and reports/bench.md. Exits non-zero only
 * on errors, never on a missed target.
 */
import * as fs from 'fs';
import * as path from 'path';
import { benchOptions } from './lib/bench-options';
import { runSynthChild } from './lib/bench-child';
import { benchReport, summarize, type SizeSummary } from './lib/bench-summary';
import { renderText, writeReports } from './lib/bench-report';
import { timeTerraform } from './lib/bench-terraform';
import { GENERATED_REGIONS } from './lib/generate-org';
import type { SynthRun } from './lib/bench-types';

const PROJECT_ROOT = path.resolve(__dirname, '..');
const RUNS = 3;
const SMALL = { accounts: 5, regions: 2 } as const;
/** The stack whose Terraform phases are timed: the management account in the home Region. */
const TERRAFORM_STACK = `management-${GENERATED_REGIONS[0]!}`;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function measure(label: string, accounts: number, regions: number, inspect?: (outdir: string) => void): SizeSummary {
  const runs: SynthRun[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const run = runSynthChild(accounts, regions, i === 1 ? inspect : undefined);
    log(`  ${label} run ${i}/${RUNS}: ${run.stacks} stacks, ${(run.wallMs / 1000).toFixed(2)} s, ${run.peakRssMb.toFixed(0)} MiB`);
    runs.push(run);
  }
  return summarize(label, accounts, regions, runs);
}

function main(): void {
  const options = benchOptions(process.argv.slice(2), process.env);
  log(`synthesizing ${SMALL.accounts}×${SMALL.regions} and ${options.accounts}×${options.regions}, ${RUNS} runs each`);
  const small = measure('small', SMALL.accounts, SMALL.regions);

  let terraformStack: Record<string, unknown> | undefined;
  const large = measure('large', options.accounts, options.regions, (outdir) => {
    const file = path.join(outdir, 'stacks', TERRAFORM_STACK, 'cdk.tf.json');
    terraformStack = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  });
  if (!terraformStack) throw new Error(`${TERRAFORM_STACK} was not synthesized`);

  log(`terraform init / validate / plan of ${TERRAFORM_STACK}`);
  const terraform = timeTerraform(TERRAFORM_STACK, terraformStack, PROJECT_ROOT);

  const report = benchReport(small, large, terraform);
  process.stdout.write(renderText(report));
  const written = writeReports(report, path.join(PROJECT_ROOT, 'reports'));
  process.stdout.write(`\nwrote ${written.map((f) => path.relative(PROJECT_ROOT, f)).join(', ')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
