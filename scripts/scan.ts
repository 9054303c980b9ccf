/**
 * `npm run scan [-- --config FILE ...]`: the Checkov gate. Synthesizes the example organisation and every
 * `examples/configs/*.yaml` (or only the configs named by `--config`, else the comma-separated SCAN_CONFIGS list,
 * else BASELINE_CONFIG) into `.scan-out/<config>/`, adds the stacks the test suite recorded in
 * `.test-out/scan-stacks/` (config `test-stacks`; skipped with SCAN_CONFIGS), runs the pinned Checkov from the
 * project venv over each (`--framework terraform_json`), then a second pass over the offline plans the test suite's
 * terraform project saved in `.test-out/scan-plans/` (config `test-plans`, `--framework terraform_plan`: Checkov's
 * IAM checks run only there), writes JSON, JUnit XML and SARIF to `reports/checkov/<config>/` and a Markdown summary
 * to `reports/checkov/summary.md`, and applies `checkov-allowlist.yaml` to both passes.
 *
 * Exit codes: 0 pass; 1 a failed check not in the allowlist, a stale allowlist entry, or a file Checkov could not
 * parse; 2 the scan itself could not run (bad allowlist or config, Checkov install or run failure).
 *
 * Environment: PYTHON (default python3), CHECKOV_VENV (default .venv-checkov), SCAN_CONFIGS, BASELINE_CONFIG.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, EXAMPLE_CONFIG_PATH, loadOrganizationFile } from '../config';
import { ValidationError } from '../modules/core/errors';
import { synthOrganization } from '../stacks/synth';
import { AllowlistError, loadAllowlistFile } from './lib/checkov/allowlist';
import { collectFindings, stackLookupsOf } from './lib/checkov/collect';
import { configOverride, isPartialScan, scanConfigs, type ScanConfig } from './lib/checkov/configs';
import { ScanError } from './lib/checkov/errors';
import type { Finding } from './lib/checkov/findings';
import { applyAllowlist } from './lib/checkov/matching';
import { mapLimit } from './lib/checkov/pool';
import { formatMarkdownReport, formatTextReport, gatePasses, type ParsingError, type ScanReport } from './lib/checkov/report';
import { checkovEnv, runCheckov, type CheckovFramework } from './lib/checkov/run-checkov';
import { ALLOWLIST_FILE, CHECKOV_VERSION, DEFAULT_VENV_DIR, ENV, EXAMPLE_CONFIG_NAME, EXAMPLE_CONFIGS_DIR, REPO_ROOT, REPORTS_DIR, SCAN_OUT_DIR } from './lib/checkov/settings';
import { summarizeByStack, type ScannedStack } from './lib/checkov/summary';
import { ensureCheckov } from './lib/checkov/venv';
import { renamedExampleText } from './lib/checkov/renamed-example';
import { contentHash, recordedTestStacks, TEST_STACKS_CONFIG_NAME, TEST_STACKS_DIR } from './lib/checkov/test-stacks';
import { PLAN_JSON_FILE, recordedTestPlans, TEST_PLANS_CONFIG_NAME, TEST_PLANS_DIR } from './lib/checkov/test-plans';
import { MODULES_SCAN_NAME, copyModulesForScan } from './lib/checkov/module-scan';

/** Scan name of the renamed copy of the example, and the folder under `.scan-out/` its config file is written to. */
const RENAMED_EXAMPLE_CONFIG_NAME = 'my-organisation';
const RENAMED_EXAMPLE_SOURCE_DIR = 'renamed-example-config';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function sampleConfigFiles(): string[] {
  const dir = path.join(REPO_ROOT, EXAMPLE_CONFIGS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => path.join(dir, f));
}

/** Writes the renamed copy of the example (see renamedExampleText) and returns it as a scan config. */
function writeRenamedExample(): ScanConfig {
  const file = path.join(REPO_ROOT, SCAN_OUT_DIR, RENAMED_EXAMPLE_SOURCE_DIR, `${RENAMED_EXAMPLE_CONFIG_NAME}.yaml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renamedExampleText(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')));
  return { name: RENAMED_EXAMPLE_CONFIG_NAME, file };
}

interface SynthesizedConfig extends ScanConfig {
  readonly stacksDir: string;
  readonly stackNames: readonly string[];
  /** Checkov pass (default `terraform_json`). */
  readonly framework?: CheckovFramework;
  /** Folder holding each stack's `cdk.tf.json` (resource index, account role), when not `stacksDir` (the plan pass). */
  readonly sourcesDir?: string;
}

/**
 * The plan pass: the saved offline plans of the stacks the terraform jest project planned, copied into
 * `.scan-out/test-plans/stacks/<stack>/tfplan.json` (Checkov scans a whole folder: the production JSON beside each
 * plan stays in `.test-out/scan-plans/`, where it names the resources' construct paths and the stack's role).
 */
function planPassConfig(): SynthesizedConfig | undefined {
  const names = recordedTestPlans(REPO_ROOT);
  if (names.length === 0) return undefined;
  const stacksDir = path.join(REPO_ROOT, SCAN_OUT_DIR, TEST_PLANS_CONFIG_NAME, 'stacks');
  const recorded = path.join(REPO_ROOT, TEST_PLANS_DIR, 'stacks');
  for (const name of names) {
    fs.mkdirSync(path.join(stacksDir, name), { recursive: true });
    fs.copyFileSync(path.join(recorded, name, PLAN_JSON_FILE), path.join(stacksDir, name, PLAN_JSON_FILE));
  }
  return { name: TEST_PLANS_CONFIG_NAME, file: TEST_PLANS_DIR, stacksDir, stackNames: names, framework: 'terraform_plan', sourcesDir: recorded };
}

function synthConfig(config: ScanConfig): SynthesizedConfig {
  const outdir = path.join(REPO_ROOT, SCAN_OUT_DIR, config.name);
  fs.mkdirSync(outdir, { recursive: true }); // cdktf's App creates only the last folder level
  const { stackNames } = synthOrganization(loadOrganizationFile(config.file), outdir);
  return { ...config, stacksDir: path.join(outdir, 'stacks'), stackNames };
}

async function main(): Promise<number> {
  const env = process.env;
  const allowlist = loadAllowlistFile(path.join(REPO_ROOT, ALLOWLIST_FILE), ALLOWLIST_FILE);

  // Checking (or building) the venv takes seconds; let it run while the organisations synthesize.
  const install = ensureCheckov({
    venvDir: path.resolve(REPO_ROOT, env[ENV.venv] || DEFAULT_VENV_DIR),
    python: env[ENV.python] || 'python3',
    version: CHECKOV_VERSION,
    env: checkovEnv(env),
    log,
  });
  install.catch(() => undefined);

  const override = configOverride(process.argv.slice(2), env);
  const configs = scanConfigs({ exampleFile: EXAMPLE_CONFIG_PATH, exampleName: EXAMPLE_CONFIG_NAME, sampleFiles: sampleConfigFiles(), override, cwd: process.cwd() });
  fs.rmSync(path.join(REPO_ROOT, SCAN_OUT_DIR), { recursive: true, force: true });
  // The full scan also holds a user's copy of the example (other file and account names) to 0 failed checks, so no
  // allowlist entry can lean on the sample configs' names.
  if (!isPartialScan(override)) configs.push(writeRenamedExample());
  const synthesized = configs.map((config) => {
    const shown = path.relative(REPO_ROOT, config.file);
    log(`synth ${config.name} (${shown.startsWith('..') ? config.file : shown})`);
    return synthConfig(config);
  });

  // Stacks the jest suite validated and planned, unless a scanned config already produced the same JSON.
  if (!isPartialScan(override)) {
    const scannedHashes = new Set(
      synthesized.flatMap((c) => c.stackNames.map((stack) => contentHash(fs.readFileSync(path.join(c.stacksDir, stack, 'cdk.tf.json'), 'utf8')))),
    );
    const testStacks = recordedTestStacks(REPO_ROOT, scannedHashes);
    if (testStacks.length > 0) {
      log(`${TEST_STACKS_CONFIG_NAME}: ${testStacks.length} further stacks recorded by the test suite`);
      // Checkov scans a whole folder: copy only these stacks, so the duplicates are not scanned twice.
      const stacksDir = path.join(REPO_ROOT, SCAN_OUT_DIR, TEST_STACKS_CONFIG_NAME, 'stacks');
      for (const stack of testStacks) {
        fs.mkdirSync(path.join(stacksDir, stack), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, TEST_STACKS_DIR, 'stacks', stack, 'cdk.tf.json'), path.join(stacksDir, stack, 'cdk.tf.json'));
      }
      synthesized.push({ name: TEST_STACKS_CONFIG_NAME, file: TEST_STACKS_DIR, stacksDir, stackNames: testStacks });
    }
    // The committed HCL modules (issue 15), one "stack" per module.
    const modulesStacksDir = path.join(REPO_ROOT, SCAN_OUT_DIR, MODULES_SCAN_NAME, 'stacks');
    const modules = copyModulesForScan(path.join(REPO_ROOT, MODULES_SCAN_NAME), modulesStacksDir);
    if (modules.length > 0) synthesized.push({ name: MODULES_SCAN_NAME, file: MODULES_SCAN_NAME, stacksDir: modulesStacksDir, stackNames: modules });
    const plans = planPassConfig();
    if (plans) {
      log(`${TEST_PLANS_CONFIG_NAME}: ${plans.stackNames.length} offline plans saved by the terraform test project (terraform_plan pass)`);
      synthesized.push(plans);
    } else {
      log(`${TEST_PLANS_CONFIG_NAME}: no saved plans in ${TEST_PLANS_DIR} (run the jest terraform project first): terraform_plan pass skipped`);
    }
  }

  const { checkov } = await install;
  const reportsRoot = path.join(REPO_ROOT, REPORTS_DIR);
  fs.rmSync(reportsRoot, { recursive: true, force: true });
  const perConfig = await mapLimit(synthesized, Math.max(1, Math.min(2, os.cpus().length)), async (config) => {
    const framework = config.framework ?? 'terraform_json';
    log(`checkov ${config.name}: ${config.stackNames.length} stacks (${framework})`);
    const run = await runCheckov(checkov, config.stacksDir, path.join(reportsRoot, config.name), env, framework);
    const sources = config.sourcesDir ?? config.stacksDir;
    return collectFindings(config.name, run, stackLookupsOf(sources, config.stackNames));
  });

  const findings: Finding[] = perConfig.flatMap((c) => c.findings);
  const parsingErrors: ParsingError[] = perConfig.flatMap((c) => c.parsingErrors);
  // Without recorded test stacks or plans (scan run before jest), entries for them cannot be judged: not stale.
  const scannedConfigs = synthesized.map((c) => c.name);
  const partialScan = isPartialScan(override) || !scannedConfigs.includes(TEST_STACKS_CONFIG_NAME) || !scannedConfigs.includes(TEST_PLANS_CONFIG_NAME);
  const outcome = applyAllowlist(findings, allowlist.entries, { scannedConfigs, partialScan });
  const stacks: ScannedStack[] = synthesized.flatMap((c) => c.stackNames.map((stack) => ({ config: c.name, stack })));
  const passes = (['terraform_json', 'terraform_plan'] as const)
    .map((framework) => ({ framework, configs: synthesized.filter((c) => (c.framework ?? 'terraform_json') === framework).map((c) => c.name) }))
    .filter((pass) => pass.configs.length > 0);
  const report: ScanReport = { checkovVersion: CHECKOV_VERSION, configs: scannedConfigs, passes, rows: summarizeByStack(stacks, findings, outcome), outcome, parsingErrors };

  process.stdout.write(`${formatTextReport(report)}\n`);
  const summaryFile = path.join(reportsRoot, 'summary.md');
  fs.writeFileSync(summaryFile, formatMarkdownReport(report));
  log(`reports: ${path.relative(process.cwd(), reportsRoot) || reportsRoot}/<config>/results_{json.json,junitxml.xml,sarif.sarif}, ${path.relative(process.cwd(), summaryFile)}`);
  return gatePasses(report) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof AllowlistError || error instanceof ScanError || error instanceof ConfigError || error instanceof ValidationError;
    log(known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
