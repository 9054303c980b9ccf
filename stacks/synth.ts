import * as os from 'os';
import * as path from 'path';
import type { Organization } from '../config/organization';
import { SynthCache } from './synth/cache';
import { planSynth } from './synth/plan';
import type { ShardedSynthStats } from './synth/sharded';
import { withPlainStackTraces } from './synth/stack-traces';
import type * as OneAppSynth from './synth/one-app';
import type * as ShardedSynth from './synth/sharded';
import { SynthError } from './synth/synth-error';

/*
 * The synth paths are loaded on first use: when nothing changed, the incremental cache restores the whole output
 * without loading cdktf's App, the modules or the provider classes (most of the app's start-up).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load on purpose (see above); the type import is erased
const oneApp = (): typeof OneAppSynth => require('./synth/one-app') as typeof OneAppSynth;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load on purpose (see above); the type import is erased
const sharded = (): typeof ShardedSynth => require('./synth/sharded') as typeof ShardedSynth;

export { withPlainStackTraces };
export type { ShardedSynthStats };

export interface SynthResult {
  /** Output folder; each stack is in `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly outdir: string;
  /** Stack names in build order. */
  readonly stackNames: readonly string[];
  /** How a sharded or incremental synth ran (undefined for the one-App synth). */
  readonly stats?: ShardedSynthStats;
}

/** How to synthesize. With none of them set, one App builds every stack in this process. */
export interface SynthOptions {
  /**
   * Worker processes that synthesize shards in parallel (up to the core count is useful).
   * @default 1 - the shards run in this process, one after the other
   */
  readonly workers?: number;
  /**
   * About how many workload stacks go into one shard. A process holds one shard's construct tree at a time (plus the
   * management, log-archive, security and network stacks every shard builds), so this bounds memory.
   * @default - {@link defaultStacksPerShard}
   */
  readonly stacksPerShard?: number;
  /**
   * Incremental synth: the folder where each workload account's output is kept under a hash of everything it is
   * made from; an account whose hash is unchanged is reused from there (hard links) instead of synthesized.
   * @default - no cache
   */
  readonly cacheDir?: string;
  /**
   * node options of the worker processes; when running from TypeScript they must load a TypeScript loader.
   * @default process.execArgv
   */
  readonly workerExecArgv?: readonly string[];
}

/**
 * Shard size when not given: the workload stacks split evenly across the workers (one shard each: every shard pays
 * a process start and builds the shared stacks again), 200 to 2,000 stacks a shard (about 450 MiB per worker at
 * 2,000, measured by `npm run bench`).
 */
export function defaultStacksPerShard(org: Organization, workers: number): number {
  const workloadStacks = org.accounts.filter((a) => a.role === 'workload').reduce((sum, a) => sum + a.regions.length, 0);
  return Math.min(2000, Math.max(200, Math.ceil(workloadStacks / Math.max(1, workers))));
}

/**
 * Synthesizes the whole organisation (what `cdktf synth` does, callable from scripts and tests). Without `outdir`
 * cdktf's default applies (`CDKTF_OUTDIR`, set by the cdktf CLI, else `cdktf.out`). With `options` (workers, shards,
 * cache) the output is byte-identical to the one-App synth (test/stacks/sharded-synth.test.ts); an organisation in
 * cloud state mode always synthesizes as one App.
 */
export function synthOrganization(org: Organization, outdir?: string, options: SynthOptions = {}): SynthResult {
  return withPlainStackTraces(() => {
    const workers = options.workers ?? 1;
    // cloud mode: the hcp-bootstrap stack is built from every stack (their workspaces), so no shard could build it
    const oneAppOnly = org.state.mode === 'cloud' || (workers <= 1 && options.stacksPerShard === undefined && options.cacheDir === undefined);
    if (oneAppOnly) return oneApp().synthOneApp(org, outdir);
    const out = outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out';
    const cache = options.cacheDir ? new SynthCache(options.cacheDir, org, planSynth(org)) : undefined;
    const restored = cache?.restoreWhole(out);
    if (restored) {
      cache!.prune();
      const stats: ShardedSynthStats = { inWorkers: false, wholeOutputReused: true, shards: [], freshAccounts: 0, reusedAccounts: restored.accounts, peakTotalRssMiB: undefined };
      return { outdir: out, stackNames: restored.stackNames, stats };
    }
    const { stackNames, stats } = sharded().synthSharded(org, out, {
      workers,
      stacksPerShard: options.stacksPerShard ?? defaultStacksPerShard(org, workers),
      cache,
      workerExecArgv: options.workerExecArgv ?? process.execArgv,
    });
    return { outdir: out, stackNames, stats };
  });
}

function wholeNumberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new SynthError(`${name} must be a whole number of at least 1, got "${text}"`);
  return value;
}

/** Default incremental cache folder of the app, relative to the working folder (the project root under cdktf). */
export const DEFAULT_SYNTH_CACHE_DIR = '.synth-cache';

/**
 * The app's synth options (main.ts), from the environment:
 * - `BASELINE_SYNTH_WORKERS`: worker processes (default: the core count);
 * - `BASELINE_SYNTH_SHARD_STACKS`: workload stacks per shard (default: {@link defaultStacksPerShard});
 * - `BASELINE_SYNTH_CACHE`: the incremental cache folder (default `.synth-cache`), or `off`.
 */
export function synthOptionsFrom(env: NodeJS.ProcessEnv, cwd = process.cwd()): SynthOptions {
  const cache = env.BASELINE_SYNTH_CACHE;
  return {
    workers: wholeNumberFrom(env, 'BASELINE_SYNTH_WORKERS') ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    stacksPerShard: wholeNumberFrom(env, 'BASELINE_SYNTH_SHARD_STACKS'),
    cacheDir: cache === 'off' ? undefined : path.resolve(cwd, cache || DEFAULT_SYNTH_CACHE_DIR),
  };
}
