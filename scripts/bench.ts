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
import { timeAccountPlan, type AccountPlanTiming } from './lib/bench-account-plan';
import * as os from 'os';
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

/** The account whose stacks are planned together: management, in every Region of the large organisation. */
const PLANNED_ACCOUNT = 'management';

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2), process.env);
  log(`synthesizing ${SMALL.accounts}×${SMALL.regions} and ${options.accounts}×${options.regions}, ${RUNS} runs each`);
  const small = measure('small', SMALL.accounts, SMALL.regions);

  let terraformStack: Record<string, unknown> | undefined;
  const accountStacks = GENERATED_REGIONS.slice(0, options.regions).map((region) => `${PLANNED_ACCOUNT}-${region}`);
  const accountCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-account-'));
  const large = measure('large', options.accounts, options.regions, (outdir) => {
    const file = path.join(outdir, 'stacks', TERRAFORM_STACK, 'cdk.tf.json');
    terraformStack = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    // keep the account's stacks (the child's output folder is removed after the run)
    fs.copyFileSync(path.join(outdir, 'manifest.json'), path.join(accountCopy, 'manifest.json'));
    for (const stack of accountStacks) {
      fs.mkdirSync(path.join(accountCopy, 'stacks', stack), { recursive: true });
      fs.copyFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), path.join(accountCopy, 'stacks', stack, 'cdk.tf.json'));
    }
  });
  if (!terraformStack) throw new Error(`${TERRAFORM_STACK} was not synthesized`);

  log(`terraform init / validate / plan of ${TERRAFORM_STACK}`);
  const terraform = timeTerraform(TERRAFORM_STACK, terraformStack, PROJECT_ROOT);

  log(`terraform init + plan of all ${accountStacks.length} ${PLANNED_ACCOUNT} stacks at once`);
  let accountPlan: AccountPlanTiming;
  try {
    accountPlan = await timeAccountPlan(accountCopy, PLANNED_ACCOUNT, accountStacks, PROJECT_ROOT);
  } finally {
    fs.rmSync(accountCopy, { recursive: true, force: true });
  }

  const report = { ...benchReport(small, large, terraform), accountPlan };
  process.stdout.write(renderText(report));
  process.stdout.write(
    `\nall stacks of one account (${accountPlan.account}: ${accountPlan.stacks.join(', ')}), init + plan concurrently:\n` +
      accountPlan.perStack.map((s) => `  ${s.stack.padEnd(28)} init ${s.initS.toFixed(2)} s  plan ${s.planS.toFixed(2)} s`).join('\n') +
      `\n  wall ${accountPlan.wallS.toFixed(2)} s   target <= 15 s   ${accountPlan.wallS <= 15 ? 'PASS' : 'FAIL'}\n`,
  );
  const written = writeReports(report, path.join(PROJECT_ROOT, 'reports'));
  process.stdout.write(`\nwrote ${written.map((f) => path.relative(PROJECT_ROOT, f)).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
