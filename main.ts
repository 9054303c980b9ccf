import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadOrganization } from './config';
import { configPathFrom } from './config/load';
import { ValidationError } from './modules/core/errors';
import { SynthError } from './stacks/synth/synth-error';
import { synthOptionsFrom, synthOrganization } from './stacks/synth';
import { printSynthReport } from './stacks/synth-report';

/**
 * Entry point (cdktf.json's app): loads the organisation config named by `--config` or BASELINE_CONFIG (or the
 * built-in example), builds one stack per account and Region, and synthesizes. Bad input stops here, before
 * anything is written, with every problem listed once.
 */
function main(): void {
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const createdHere = [outdir, path.join(outdir, 'stacks')].filter((dir) => !fs.existsSync(dir));
  try {
    printSynthReport(synthOrganization(loadOrganization(), undefined, synthOptionsFrom(process.env)), configPathFrom(process.argv.slice(2), process.env));
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof ValidationError || error instanceof SynthError)) throw error;
    // The App creates its output folders when it is constructed: a rejected config leaves none of them behind.
    for (const dir of createdHere) fs.rmSync(dir, { recursive: true, force: true });
    reportBadInput(error.message);
  }
}

/**
 * Prints the problems once and ends the app with nothing written. Run directly (`node -r ts-node/register main.ts`)
 * the list goes to stderr with exit code 1. Under `cdktf synth` (which sets SYNTH_HCL_OUTPUT for the app) the CLI prints an app's
 * stderr twice (as it streams, then again in its frame "Command output on stderr"), and its stdout twice when the app
 * fails; so there the list goes to stdout only, the app ends without a manifest, and the CLI stops with exit code 1
 * and its own one-line "no manifest" error. No process.exit: the process ends once the output is flushed.
 */
function reportBadInput(message: string): void {
  if (process.env.SYNTH_HCL_OUTPUT !== undefined) {
    process.stdout.write(`${message}\nsynth stopped before writing anything: fix the problems above and run it again\n`);
    return;
  }
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

main();
