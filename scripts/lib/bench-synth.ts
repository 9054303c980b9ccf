/**
 * Child-process entry of `npm run bench`: `bench-synth.ts <accounts> <regions> <outdir>` generates an organisation,
 * parses it, builds and synthesizes every stack into `outdir`, and prints one JSON line (a {@link SynthRun}).
 * Run in its own process so each run's peak memory is its own.
 */
import { performance } from 'perf_hooks';
import { parseOrganization } from '../../config/organization';
import { synthOrganization } from '../../stacks/synth';
import { generateOrganization } from './generate-org';
import { countResources } from './bench-resources';
import { peakRssMiB } from './bench-memory';
import type { SynthRun } from './bench-types';

function wholeNumber(text: string | undefined, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${what} must be a positive whole number, got ${String(text)}`);
  return value;
}

function main(argv: readonly string[]): SynthRun {
  const [accountsArg, regionsArg, outdir] = argv;
  if (!outdir) throw new Error('usage: bench-synth.ts <accounts> <regions> <outdir>');
  const accounts = wholeNumber(accountsArg, 'accounts');
  const regions = wholeNumber(regionsArg, 'regions');

  const start = performance.now();
  const org = parseOrganization(generateOrganization(accounts, regions), 'bench');
  const result = synthOrganization(org, outdir);
  const end = performance.now();
  const peakRssMb = peakRssMiB();

  return {
    stacks: result.stackNames.length,
    resources: countResources(outdir),
    wallMs: end - start,
    // performance.now() counts from the process's time origin, so this includes startup and module loading.
    processMs: end,
    peakRssMb,
  };
}

try {
  process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
} catch (error) {
  process.stderr.write(`bench-synth: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
