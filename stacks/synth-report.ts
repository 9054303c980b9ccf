import * as path from 'path';
import type { SynthResult } from './synth';

/**
 * The line the app prints after a successful synth: how many stacks, where they were written, and from which config,
 * so a config that was not picked up (e.g. a `--config` the cdktf CLI did not pass on) is visible at once.
 */
export function synthReport(result: SynthResult, configFile: string | undefined, cwd: string = process.cwd()): string {
  const where = path.relative(cwd, path.join(result.outdir, 'stacks')) || path.join(result.outdir, 'stacks');
  const from = configFile ? path.relative(cwd, path.resolve(cwd, configFile)) || configFile : 'the built-in example (config/example-organization.yaml)';
  return `synthesized ${result.stackNames.length} stacks into ${where}/<stack>/cdk.tf.json from ${from}`;
}

/** Prints {@link synthReport} on stderr (stdout stays free for tools that read it). */
export function printSynthReport(result: SynthResult, configFile: string | undefined): void {
  process.stderr.write(`${synthReport(result, configFile)}\n`);
}
