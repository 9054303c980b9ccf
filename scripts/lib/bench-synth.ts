/**
 * Child-process entry of `npm run bench`: `bench-synth.ts <accounts> <regions> <outdir> [single|sharded] [cache dir]
 * [changed]` generates an organisation, parses it, builds and synthesizes every stack into `outdir` (one App, or
 * sharded over worker processes, optionally with the incremental cache; `changed` gives the last account a new tag,
 * the one-account change an incremental run measures), and prints one JSON line (a {@link SynthRun}). Run in its
 * own process so each run's peak memory is its own.
 */
import * as os from 'os';
import { performance } from 'perf_hooks';
import { parseOrganization } from '../../config/organization';
import { synthOrganization } from '../../stacks/synth';
import { generateOrganization } from './generate-org';
import { countResources } from './bench-resources';
import { peakRssMiB } from '../../stacks/synth/memory';
import type { SynthMode, SynthRun } from './bench-types';

function wholeNumber(text: string | undefined, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${what} must be a positive whole number, got ${String(text)}`);
  return value;
}

function main(argv: readonly string[]): SynthRun {
  const [accountsArg, regionsArg, outdir, modeArg = 'single', cacheArg = '', changedArg = ''] = argv;
  if (!outdir) throw new Error('usage: bench-synth.ts <accounts> <regions> <outdir> [single|sharded] [cache dir] [changed]');
  const accounts = wholeNumber(accountsArg, 'accounts');
  const regions = wholeNumber(regionsArg, 'regions');
  if (modeArg !== 'single' && modeArg !== 'sharded') throw new Error(`mode must be single or sharded, got ${modeArg}`);
  const mode: SynthMode = modeArg;
  const workers = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

  const start = performance.now();
  const input = generateOrganization(accounts, regions);
  if (changedArg === 'changed') input.accounts[input.accounts.length - 1]!.tags = { bench: 'one-account-change' };
  const org = parseOrganization(input, 'bench');
  const result = mode === 'single' ? synthOrganization(org, outdir) : synthOrganization(org, outdir, { workers, cacheDir: cacheArg || undefined });
  const end = performance.now();
  const stats = result.stats;
  const own = process.cpuUsage();
  const workerCpuMs = stats?.inWorkers ? stats.shards.reduce((sum, s) => sum + s.cpuMs, 0) : 0;
  return {
    mode,
    stacks: result.stackNames.length,
    resources: countResources(outdir),
    wallMs: end - start,
    // performance.now() counts from the process's time origin, so this includes startup and module loading.
    processMs: end,
    cpuS: ((own.user + own.system) / 1000 + workerCpuMs) / 1000,
    peakRssMb: peakRssMiB(),
    ...(stats && {
      peakTotalRssMb: stats.peakTotalRssMiB ?? peakRssMiB(),
      workers: stats.inWorkers ? workers : 0,
      shards: stats.shards.map((s) => ({ stacks: s.stacks, ms: s.ms, peakRssMb: s.peakRssMiB })),
      freshAccounts: stats.freshAccounts,
      reusedAccounts: stats.reusedAccounts,
    }),
  };
}

try {
  process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
} catch (error) {
  process.stderr.write(`bench-synth: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
