import * as fs from 'fs';
import * as path from 'path';
import { applyHclEstate } from './lib/emulator/hcl-modules';
import { emulatorPaths } from './lib/emulator/settings';

/**
 * `npm run apply:emulator:hcl`: applies examples/hcl-estate (the exported HCL modules composed) on moto on 127.0.0.1,
 * re-plans it, writes reports/emulator-hcl-estate.json and exits 1 unless the apply had no error, the re-plan shows
 * no change and the proxy refused nothing.
 */
async function main(): Promise<number> {
  const paths = emulatorPaths(path.resolve(__dirname, '..'));
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  let stop: (() => Promise<void>) | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the emulator and the proxy`);
    void (stop?.() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const start = Date.now();
  const report = await applyHclEstate(paths, log, (s) => (stop = s));
  const wall = Math.round((Date.now() - start) / 100) / 10;
  const file = path.join(path.dirname(paths.reportFile), 'emulator-hcl-estate.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...report, wallSeconds: wall }, null, 2));
  process.stdout.write(
    `${report.root}: ${report.status}, ${report.resources} resources in state, ${report.applyErrors.length} apply errors, ${report.replanChanges.length} re-plan changes, ${report.refusals} refused requests, ${report.excluded.length} excluded; init ${report.initSeconds} s, apply ${report.applySeconds} s, re-plan ${report.replanSeconds} s, wall ${wall} s\n`,
  );
  for (const error of report.applyErrors) process.stdout.write(`  error ${error.address ?? ''} ${error.summary}: ${(error.detail ?? '').split('\n')[0]}\n`);
  for (const change of report.replanChanges) process.stdout.write(`  change ${change.address} ${change.actions.join('/')} ${change.attributes.join(', ')}\n`);
  return report.status === 'passed' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
