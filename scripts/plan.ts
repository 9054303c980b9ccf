/**
 * `npm run plan -- [stack|glob ...] [--offline] [--changed-since REF] [--list-json] [--config FILE] [--parallelism N] [--outdir DIR]`
 *
 * The user-facing plan: writes the Terraform CLI config (offline provider mirror) itself, synthesizes the organisation
 * into `cdktf.out`, selects stacks (names or globs, `--changed-since`), and runs `terraform init` + `plan` per stack
 * in dependency order, at most `--parallelism` at once (default: the number of cores), then prints a summary table.
 * `--offline` plans a rewritten copy (`cdktf.out-plan`: fake credentials, local state; the shared rewrite in
 * scripts/lib/terraform/) instead of the production JSON, so no AWS account or backend is needed. Each stack's plan
 * output goes to `.plan-out/<stack>.txt`, the Markdown summary to `.plan-out/summary.md` (and to
 * `$GITHUB_STEP_SUMMARY` when set). `--list-json` prints the selection (stacks, dependency waves, CI matrices) and
 * plans nothing.
 *
 * Exit codes: 0 every plan succeeded; 1 a plan failed; 2 bad usage, config or selection.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ConfigError, loadOrganization } from '../config';
import { configPathFrom } from '../config/load';
import { ValidationError } from '../modules/core/errors';
import { synthOrganization } from '../stacks/synth';
import { warmPluginCache, writeTerraformCliConfig } from './lib/terraform-cli-config';
import { planDir } from './lib/terraform/output-copies';
import { changedSince, ChangedSinceError } from './lib/plan/changed-since';
import { parsePlanOptions, PlanUsageError } from './lib/plan/options';
import { runInDependencyOrder } from './lib/plan/scheduler';
import { selectionList, type SelectionList } from './lib/plan/selection';
import { ancestorsOf, dependencyWaves, readStackGraph, selectStacks, SelectionError, withConsumers } from './lib/plan/stack-graph';
import { formatSummaryMarkdown, formatSummaryTable, type SummaryRow } from './lib/plan/summary';
import { planStack } from './lib/plan/terraform-run';

const REPO_ROOT = path.resolve(__dirname, '..');

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

async function main(): Promise<number> {
  const options = parsePlanOptions(process.argv.slice(2), Math.max(1, os.cpus().length));
  const OUTDIR = options.outdir ? path.resolve(options.outdir) : path.join(REPO_ROOT, 'cdktf.out');
  const PLAN_OUT = options.outdir ? `${OUTDIR}-plan-out` : path.join(REPO_ROOT, '.plan-out');
  const argvConfig = options.config ? ['--config', options.config] : [];
  const configFile = configPathFrom(argvConfig, process.env);
  const org = loadOrganization(argvConfig, process.env);

  const setup = writeTerraformCliConfig(REPO_ROOT);
  const env: NodeJS.ProcessEnv = { ...process.env, ...setup.env };
  const started = performance.now();
  if (!options.skipSynth) {
    const synthStart = performance.now();
    fs.mkdirSync(OUTDIR, { recursive: true });
    const { stackNames } = synthOrganization(org, OUTDIR);
    log(`synth: ${stackNames.length} stacks in ${((performance.now() - synthStart) / 1000).toFixed(1)}s (config: ${configFile ?? 'built-in example'})`);
  }
  const graph = readStackGraph(OUTDIR);
  let selected = selectStacks(graph, options.selectors);
  let reason: SelectionList['reason'] = {};
  if (options.changedSince) {
    const refStart = performance.now();
    const changes = changedSince({ repoRoot: REPO_ROOT, ref: options.changedSince, configFile: configFile ? path.resolve(configFile) : undefined, currentOutdir: OUTDIR, log });
    const changed = new Set(changes.changed);
    const affected = withConsumers(graph, changed);
    const consumers = [...affected].filter((s) => !changed.has(s));
    selected = new Set([...selected].filter((s) => affected.has(s)));
    reason = { changedSince: `${options.changedSince} (${changes.commit.slice(0, 12)})`, changed: changes.changed, consumers, removed: changes.removed };
    log(
      `changed-since ${options.changedSince}: ${changes.changed.length} changed, ${consumers.length} consumers of their outputs, ${changes.removed.length} removed` +
        ` (${((performance.now() - refStart) / 1000).toFixed(1)}s)`,
    );
    if (changes.removed.length > 0) log(`  removed stacks (not planned; destroy their resources with the old code): ${changes.removed.join(', ')}`);
  }
  const waves = dependencyWaves(graph, selected);
  const list = selectionList(org, graph, waves, reason);
  if (options.listJson) {
    process.stdout.write(`${JSON.stringify(list)}\n`);
    return 0;
  }
  if (list.stacks.length === 0) {
    log('nothing to plan: no stack selected');
    return 0;
  }

  warmPluginCache(setup);
  const root = options.offline ? planDir(OUTDIR, list.stacks) : OUTDIR;
  const waveOf = new Map(list.waves.flatMap((wave, n) => wave.map((s) => [s, n] as const)));
  const planned = new Set(list.stacks);
  const after = new Map(list.stacks.map((s) => [s, [...ancestorsOf(graph, s)].filter((a) => planned.has(a))]));
  const skipped = [...selected].filter((s) => !planned.has(s));
  if (skipped.length > 0) log(`not planned here (no account; plan with its own credentials, e.g. npm run diff -- ${skipped[0]}): ${skipped.join(', ')}`);
  log(`planning ${list.stacks.length} stacks in ${list.waves.length} waves, ${options.parallelism} at a time${options.offline ? ' (offline: fake credentials, local state)' : ''}`);
  fs.rmSync(PLAN_OUT, { recursive: true, force: true });
  fs.mkdirSync(PLAN_OUT, { recursive: true });
  let done = 0;
  const planStart = performance.now();
  const results = await runInDependencyOrder(list.stacks, after, options.parallelism, async (stack) => {
    const result = await planStack(stack, path.join(root, 'stacks', stack), env);
    fs.writeFileSync(path.join(PLAN_OUT, `${stack}.txt`), result.output);
    done++;
    const c = result.counts;
    log(`[${done}/${list.stacks.length}] ${stack}: ${result.ok ? (c ? `+${c.add} ~${c.change} -${c.destroy}` : 'planned') : `FAILED (${result.error})`} in ${result.seconds.toFixed(1)}s`);
    return result;
  });
  const rows: SummaryRow[] = list.stacks.map((s) => ({ result: results.get(s)!, wave: waveOf.get(s) ?? 0 }));
  const wall = (performance.now() - planStart) / 1000;
  process.stdout.write(`\n${formatSummaryTable(rows, wall)}\n`);
  log(`total (synth + selection + plans): ${((performance.now() - started) / 1000).toFixed(1)}s; plan output: ${path.relative(process.cwd(), PLAN_OUT)}/<stack>.txt`);
  const markdown = formatSummaryMarkdown(rows, wall, `Terraform plan${options.offline ? ' (offline)' : ''}`);
  fs.writeFileSync(path.join(PLAN_OUT, 'summary.md'), markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  return rows.every((r) => r.result.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = [ConfigError, ValidationError, PlanUsageError, SelectionError, ChangedSinceError].some((kind) => error instanceof kind);
    log(known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
