import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadOrganizationFile } from '../config';
import { EXAMPLE_CONFIG_PATH } from '../config/load';
import { exclusionsForConfig, loadExclusions } from './lib/emulator/exclusions';
import { type EmulatorReport, passed, renderTable } from './lib/emulator/report';
import { runEmulator } from './lib/emulator/run';
import { emulatorPaths } from './lib/emulator/settings';

/**
 * `npm run apply:emulator [-- [--config FILE]... [--parallel N] [--report FILE] [stack...]]`: applies the stacks of the example
 * organisation (or each --config) in deploy order against moto on 127.0.0.1, re-plans each, writes
 * reports/emulator.json and prints a table. Exits 1 unless every stack applied with no error and re-planned clean,
 * the proxy refused nothing and no exclusion is stale.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const configs: string[] = [];
  const only: string[] = [];
  let parallel = 3;
  let reportFile: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--config') configs.push(args[(i += 1)]!);
    else if (arg === '--parallel') parallel = Number(args[(i += 1)]);
    else if (arg === '--report') reportFile = path.resolve(args[(i += 1)]!);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}; usage: apply:emulator [--config FILE]... [--parallel N] [--report FILE] [stack...]`);
    else only.push(arg);
  }
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel must be a positive integer');
  const repoRoot = path.resolve(__dirname, '..');
  const paths = emulatorPaths(repoRoot);
  const exclusions = loadExclusions(paths.exclusionsFile);
  const log = (message: string): void => void process.stderr.write(`${message}\n`);

  let stopServers: (() => Promise<void>) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the emulator and the proxy`);
    void (stopServers?.() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const reports: EmulatorReport[] = [];
  for (const config of configs.length ? configs : [EXAMPLE_CONFIG_PATH]) {
    const label = path.relative(repoRoot, config);
    const org = loadOrganizationFile(path.resolve(config));
    const runName = path.basename(config).replace(/\.[^.]+$/, '');
    log(`== ${label}`);
    const checkUnusedExclusions = path.resolve(config) === EXAMPLE_CONFIG_PATH && only.length === 0;
    const report = await runEmulator({ paths, org, configLabel: label, only, exclusions: exclusionsForConfig(exclusions, label), parallel, runName, log, checkUnusedExclusions, onServers: (stop) => (stopServers = stop) });
    reports.push(report);
    process.stdout.write(`\n${label}\n${renderTable(report)}\n`);
  }
  const file = reportFile ?? paths.reportFile;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(reports.length === 1 ? reports[0] : { runs: reports }, null, 2));
  process.stdout.write(`\nreport: ${path.relative(repoRoot, file)}\n`);
  return reports.every(passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
