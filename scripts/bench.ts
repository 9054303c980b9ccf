/**
 * `npm run bench`: synthesis time and peak memory side by side, in one run on one machine:
 * - organisations of 10 stacks (5 accounts × 2 Regions), 400 (100 × 4) and the size asked for (`--accounts N
 *   --regions N` or BENCH_ACCOUNTS / BENCH_REGIONS; `--accounts 1000 --regions 4` is 4,000 stacks), each as one App
 *   in one process and sharded over worker processes (one per core), every run in its own process;
 * - the largest again with the incremental cache: cold (writing the cache), then with one account changed, into the
 *   same output folder (a re-synth writes into the last output, as `cdktf synth` does into cdktf.out);
 * - `npx cdktf synth` of the example (5 runs after a warm-up; with the app's cache and without), the CLI's floor (the
 *   same command with an app that does nothing) and the app alone (without the CLI);
 * - `terraform init` / `validate` / `plan` of one home-Region stack and of one account's stacks of the largest.
 * Prints tables with PASS/FAIL per target and writes reports/bench.json and reports/bench.md. Exits non-zero only on
 * errors, never on a missed target. `--runs N` (default 3) and `--large-runs N` (default 1, above 1,000 stacks)
 * set the runs per row; `--no-terraform` and `--no-cli` skip those parts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchOptions } from './lib/bench-options';
import { runSynthChild, type SynthChildOptions } from './lib/bench-child';
import { timeApp, timeCdktfFloor, timeCdktfSynth, type CliTiming } from './lib/bench-cli';
import { benchReport, summarize, type SizeSummary } from './lib/bench-summary';
import { renderText, writeReports } from './lib/bench-report';
import { timeTerraform } from './lib/bench-terraform';
import { timeAccountPlan, type AccountPlanTiming } from './lib/bench-account-plan';
import { GENERATED_REGIONS } from './lib/generate-org';
import type { SynthMode, SynthRun, TerraformTiming } from './lib/bench-types';

const PROJECT_ROOT = path.resolve(__dirname, '..');
const SMALL = { accounts: 5, regions: 2 } as const;
const MEDIUM = { accounts: 100, regions: 4 } as const;
const CLI_RUNS = 5;
/** The stack whose Terraform phases are timed: the management account in the home Region. */
const TERRAFORM_STACK = `management-${GENERATED_REGIONS[0]!}`;
/** The account whose stacks are planned together: management, in every Region of the largest organisation. */
const PLANNED_ACCOUNT = 'management';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function measure(label: string, accounts: number, regions: number, runs: number, child: SynthChildOptions, inspect?: (outdir: string) => void): SizeSummary {
  const results: SynthRun[] = [];
  for (let i = 1; i <= runs; i++) {
    const run = runSynthChild(accounts, regions, i === 1 ? inspect : undefined, child);
    const workers = run.shards ? `, ${run.shards.length} shards, worker peaks ${run.shards.map((s) => s.peakRssMb.toFixed(0)).join('/')} MiB` : '';
    log(`  ${label} ${child.mode ?? 'single'} run ${i}/${runs}: ${run.stacks} stacks, ${(run.wallMs / 1000).toFixed(2)} s, ${(run.peakTotalRssMb ?? run.peakRssMb).toFixed(0)} MiB${workers}`);
    results.push(run);
  }
  return summarize(label, accounts, regions, results);
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2), process.env);
  const loadAverage1mStart = os.loadavg()[0] ?? 0;
  const sizes = [
    { label: 'small', ...SMALL },
    { label: 'medium', ...MEDIUM },
    { label: 'large', accounts: options.accounts, regions: options.regions },
  ].filter((s, i, all) => all.findIndex((o) => o.accounts * o.regions === s.accounts * s.regions) === i);
  const largest = sizes[sizes.length - 1]!;
  log(`synthesizing ${sizes.map((s) => `${s.accounts}×${s.regions}`).join(', ')} as one App and sharded (load ${loadAverage1mStart.toFixed(1)})`);

  let terraformStack: Record<string, unknown> | undefined;
  const accountStacks = GENERATED_REGIONS.slice(0, largest.regions).map((region) => `${PLANNED_ACCOUNT}-${region}`);
  const accountCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-account-'));
  const keepAccount = (outdir: string) => {
    terraformStack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', TERRAFORM_STACK, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    // keep the account's stacks (the child's output folder is removed after the run), with a manifest of only those
    // (the plan rewrite reads every stack the manifest names)
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    manifest.stacks = Object.fromEntries(Object.entries(manifest.stacks).filter(([name]) => accountStacks.includes(name)));
    fs.writeFileSync(path.join(accountCopy, 'manifest.json'), JSON.stringify(manifest, null, 2));
    for (const stack of accountStacks) {
      fs.mkdirSync(path.join(accountCopy, 'stacks', stack), { recursive: true });
      fs.copyFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), path.join(accountCopy, 'stacks', stack, 'cdk.tf.json'));
    }
  };

  const summaries: SizeSummary[] = [];
  for (const size of sizes) {
    const runs = size.accounts * size.regions > 1000 ? options.largeRuns : options.runs;
    for (const mode of ['single', 'sharded'] as const satisfies readonly SynthMode[]) {
      const inspect = size === largest && mode === 'sharded' ? keepAccount : undefined;
      summaries.push(measure(size.label, size.accounts, size.regions, runs, { mode }, inspect));
    }
  }

  log(`incremental: ${largest.accounts}×${largest.regions} sharded with the cache, cold, then one account changed`);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
  // one output folder for both runs: a re-synth writes into the last synth's output (cdktf.out), as `cdktf synth` does
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-incremental-'));
  let incremental: { cold: SizeSummary; changed: SizeSummary };
  try {
    const cold = measure(`${largest.label} cold+cache`, largest.accounts, largest.regions, 1, { mode: 'sharded', cacheDir, outdir });
    const changed = measure(`${largest.label} incremental`, largest.accounts, largest.regions, 1, { mode: 'sharded', cacheDir, changed: true, outdir });
    incremental = { cold, changed };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.rmSync(outdir, { recursive: true, force: true });
  }

  const cli: CliTiming[] = [];
  if (options.cli) {
    log(`npx cdktf synth of the example, ${CLI_RUNS} runs after a warm-up, with the app's cache and without`);
    const cliCache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-cache-'));
    try {
      cli.push(timeCdktfSynth(PROJECT_ROOT, 'cache on (default)', CLI_RUNS, { BASELINE_SYNTH_CACHE: cliCache }));
      cli.push(timeCdktfSynth(PROJECT_ROOT, 'cache off', CLI_RUNS, { BASELINE_SYNTH_CACHE: 'off' }));
      // where the time goes: the CLI with an app that does nothing, and the app without the CLI
      cli.push(timeCdktfFloor(PROJECT_ROOT, CLI_RUNS));
      cli.push(timeApp(PROJECT_ROOT, 'app alone, cache on', CLI_RUNS, { BASELINE_SYNTH_CACHE: cliCache }));
      cli.push(timeApp(PROJECT_ROOT, 'app alone, cache off', CLI_RUNS, { BASELINE_SYNTH_CACHE: 'off' }));
    } finally {
      fs.rmSync(cliCache, { recursive: true, force: true });
    }
  }

  let terraform: TerraformTiming | undefined;
  let accountPlan: AccountPlanTiming | undefined;
  try {
    if (options.terraform) {
      if (!terraformStack) throw new Error(`${TERRAFORM_STACK} was not synthesized`);
      log(`terraform init / validate / plan of ${TERRAFORM_STACK}`);
      terraform = timeTerraform(TERRAFORM_STACK, terraformStack, PROJECT_ROOT);
      log(`terraform init + plan of all ${accountStacks.length} ${PLANNED_ACCOUNT} stacks at once`);
      accountPlan = await timeAccountPlan(accountCopy, PLANNED_ACCOUNT, accountStacks, PROJECT_ROOT);
    }
  } finally {
    fs.rmSync(accountCopy, { recursive: true, force: true });
  }

  const report = { ...benchReport({ sizes: summaries, incremental, cli, terraform, loadAverage1mStart }), accountPlan };
  process.stdout.write(renderText(report));
  if (accountPlan) {
    process.stdout.write(
      `\nall stacks of one account (${accountPlan.account}: ${accountPlan.stacks.join(', ')}), init + plan concurrently:\n` +
        accountPlan.perStack.map((s) => `  ${s.stack.padEnd(28)} init ${s.initS.toFixed(2)} s  plan ${s.planS.toFixed(2)} s`).join('\n') +
        `\n  wall ${accountPlan.wallS.toFixed(2)} s   target <= 15 s   ${accountPlan.wallS <= 15 ? 'PASS' : 'FAIL'}\n`,
    );
  }
  const written = writeReports(report, path.join(PROJECT_ROOT, 'reports'));
  process.stdout.write(`\nwrote ${written.map((f) => path.relative(PROJECT_ROOT, f)).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
