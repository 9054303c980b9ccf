/**
 * `npm run report`: synthesizes the organisation (the config named by `--config` or BASELINE_CONFIG, else the
 * example) into a temp folder, and writes a Markdown summary of it to `reports/organisation.md`: accounts x Regions
 * x module areas, resources per stack, the CIS v3.0 controls with their tests (from `docs/cis-controls.md`), the
 * Checkov results of the last `npm run scan`, and the stack dependency graph with a deploy order. Prints the
 * report's path.
 *
 * Exit codes: 0 written; 1 written, but with errors (a dependency cycle, an unreadable CIS table or Checkov report);
 * 2 not written (bad config, synth failure).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, configPathFrom, EXAMPLE_CONFIG_PATH, loadOrganization } from '../config';
import { ValidationError } from '../modules/core/errors';
import { synthOrganization } from '../stacks/synth';
import { scanNameOf } from './lib/checkov/configs';
import { EXAMPLE_CONFIG_NAME, REPO_ROOT } from './lib/checkov/settings';
import { buildReport } from './lib/report/build';
import { ReportError } from './lib/report/errors';
import { reportProblems } from './lib/report/problems';
import { renderReport } from './lib/report/render';
import { checkovLocations, CIS_DOC, REPORT_FILE } from './lib/report/settings';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function main(): number {
  const argv = process.argv.slice(2);
  const named = configPathFrom(argv, process.env);
  const configFile = named === undefined ? EXAMPLE_CONFIG_PATH : path.resolve(named);
  const org = loadOrganization(argv, process.env);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-report-'));
  try {
    const synth = synthOrganization(org, outdir);
    const data = buildReport({
      org,
      configFile,
      configName: scanNameOf(configFile, EXAMPLE_CONFIG_PATH, EXAMPLE_CONFIG_NAME),
      synth,
      projectRoot: REPO_ROOT,
      cisDoc: path.join(REPO_ROOT, CIS_DOC),
      checkov: checkovLocations(REPO_ROOT),
    });
    const file = path.join(REPO_ROOT, REPORT_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, renderReport(data));
    const { errors, warnings } = reportProblems(data);
    for (const w of warnings) log(`warning: ${w}`);
    for (const e of errors) log(`error: ${e}`);
    process.stdout.write(`${path.relative(process.cwd(), file) || file}\n`);
    return errors.length > 0 ? 1 : 0;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (error) {
  const known = error instanceof ConfigError || error instanceof ValidationError || error instanceof ReportError;
  log(known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 2;
}
