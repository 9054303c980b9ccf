import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import type { Account, Organization } from '../../config/organization';
import { writeHcpWorkspacesFile, type StackIdentity } from '../hcp-workspaces';
import { accountsInBuildOrder } from '../registry';
import type { SynthCache } from './cache';
import { rebuildError } from './errors';
import { sharedRecords, writeManifest, writeSharedStacks } from './merge';
import { cutShards, planSynth } from './plan';
import type { PoolInput, PoolOutput } from './pool';
import type { ShardJob, ShardResult } from './shard';
import { resultFileOf, type CacheEntryContent, type StackRecord } from './types';
import type { WorkerInput, WorkerOutput } from './worker';
import type * as ShardSynth from './shard';
import { SynthError } from './synth-error';

/** The in-process shard synth, loaded on first use: a run whose shards all go to workers never loads the modules here. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load on purpose; the type import is erased
const inProcess = (): typeof ShardSynth => require('./shard') as typeof ShardSynth;

export interface ShardedSynthOptions {
  /** Worker processes running shards in parallel; 1 runs the shards in this process, one after the other. */
  readonly workers: number;
  /** About how many stacks of sharded accounts go into one shard (a process holds one shard's constructs at a time). */
  readonly stacksPerShard: number;
  /** The incremental cache, or undefined for none. */
  readonly cache: SynthCache | undefined;
  /** node options of the worker processes (they must be able to load this folder's modules). */
  readonly workerExecArgv: readonly string[];
}

/** One shard as it ran. */
export interface ShardStats {
  readonly index: number;
  readonly accounts: number;
  /** Stacks of its own accounts (it also built the shared stacks). */
  readonly stacks: number;
  readonly ms: number;
  /** CPU time (user + system) of the process that ran it, in ms (cumulative when shards share a process). */
  readonly cpuMs: number;
  /** Peak resident memory of the process that ran it (this process when not in a worker). */
  readonly peakRssMiB: number;
}

export interface ShardedSynthStats {
  readonly inWorkers: boolean;
  /** Nothing changed: the whole output came from the cache (no shard ran). */
  readonly wholeOutputReused: boolean;
  readonly shards: readonly ShardStats[];
  readonly freshAccounts: number;
  readonly reusedAccounts: number;
  /** Sampled peak of the whole run's resident memory (this process, the coordinator, the running workers). */
  readonly peakTotalRssMiB: number | undefined;
}

/**
 * Synthesizes the organisation in shards (see {@link planSynth}) into `outdir`, reusing cached accounts, and writes
 * `manifest.json` (and `hcp-workspaces.json` in cloud mode) for the whole organisation, byte-identical to what one
 * App writes. Returns the stack names in build order.
 */
export function synthSharded(org: Organization, outdir: string, options: ShardedSynthOptions): { stackNames: string[]; stats: ShardedSynthStats } {
  fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
  const plan = planSynth(org);
  const shared = new Set(plan.shared.map((a) => a.name));
  const cache = options.cache;
  const reused = new Map<Account, CacheEntryContent>();
  const fresh: Account[] = [];
  for (const account of plan.sharded) {
    const entry = cache?.read(account);
    if (entry) reused.set(account, entry);
    else fresh.push(account);
  }
  const groups = cutShards(fresh, options.stacksPerShard);
  if (groups.length === 0) groups.push([]);

  const scratchRoot = fs.mkdtempSync(path.join(outdir, '.synth-shards-'));
  try {
    const replay = [...reused.values()].flatMap((entry) => entry.references);
    const jobs: ShardJob[] = groups.map((accounts, index) => ({
      index,
      shared: [...shared],
      accounts: accounts.map((a) => a.name),
      outdir,
      scratch: path.join(scratchRoot, String(index)),
      replay: index === 0 ? replay : [],
      cacheEntries: cache ? Object.fromEntries(accounts.map((a) => [a.name, cache.entryDir(a)])) : undefined,
    }));
    const copies = [...reused].flatMap(([account, entry]) => cache!.restoreCopies(account, entry, outdir));
    // workers pay a process start each: worth it for several shards (reused stacks are links, placed here in no time)
    const inWorkers = options.workers > 1 && jobs.length > 1 && canLoadWorkers(options.workerExecArgv);
    const run = inWorkers ? runInWorkers(org, jobs, options, scratchRoot, copies) : { results: jobs.map((job) => inProcess().synthShard(org, job)), peakTotalRssMiB: undefined };

    const sharedStacks = sharedRecords(run.results, shared);
    writeSharedStacks(outdir, sharedStacks.map((r) => r.name), jobs.map((j) => j.scratch));
    if (!inWorkers) for (const [account, entry] of reused) cache!.restore(account, entry, outdir);
    const records = inBuildOrder(org, [
      ...sharedStacks,
      ...run.results.flatMap((r) => r.stacks.filter((s) => !shared.has(s.account))),
      ...[...reused.values()].flatMap((entry) => entry.stacks),
    ]);
    writeManifest(outdir, run.results[0]!.cdktfVersion, records);
    if (org.state.mode === 'cloud') {
      const references = [...run.results.flatMap((r) => r.references), ...replay];
      writeHcpWorkspacesFile(outdir, org, identities(org, records), remoteStateReads(records, references));
    }
    const stackNames = records.map((r) => r.name);
    cache?.writeWhole(outdir, stackNames, sharedStacks.map((r) => r.name));
    cache?.prune();
    return {
      stackNames,
      stats: {
        inWorkers,
        wholeOutputReused: false,
        shards: run.results.map((r, i) => ({ index: r.index, accounts: jobs[i]!.accounts.length, stacks: r.ownStacks, ms: r.ms, cpuMs: r.cpuMs, peakRssMiB: r.peakRssMiB })),
        freshAccounts: fresh.length,
        reusedAccounts: reused.size,
        peakTotalRssMiB: run.peakTotalRssMiB,
      },
    };
  } finally {
    fs.rmSync(scratchRoot, { recursive: true, force: true });
  }
}

/** One App's order: the state bootstraps (holders in config order), then each account's Regions in build order. */
function inBuildOrder(org: Organization, records: readonly StackRecord[]): StackRecord[] {
  const configIndex = new Map(org.accounts.map((a, i) => [a.name, i]));
  const buildIndex = new Map(accountsInBuildOrder(org).map((a, i) => [a.name, i]));
  const regionIndex = (record: StackRecord) => (org.accounts[configIndex.get(record.account)!]!.regions as readonly string[]).indexOf(record.region);
  const rank = (r: StackRecord): [number, number, number] =>
    r.bootstrap ? [0, configIndex.get(r.account)!, 0] : [1, buildIndex.get(r.account)!, regionIndex(r)];
  return [...records].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

function identities(org: Organization, records: readonly StackRecord[]): StackIdentity[] {
  const byName = new Map(org.accounts.map((a) => [a.name, a]));
  return records.map((r) => ({ stackName: r.name, account: byName.get(r.account)!, region: r.region as StackIdentity['region'] }));
}

function remoteStateReads(records: readonly StackRecord[], references: readonly { producer: string; consumer: string }[]): Map<string, string[]> {
  const reads = new Map<string, string[]>(records.map((r) => [r.name, []]));
  for (const { producer, consumer } of references) {
    const list = reads.get(consumer);
    if (list && !list.includes(producer)) list.push(producer);
  }
  return reads;
}

/** Workers load this folder's modules: compiled JavaScript loads anywhere, TypeScript needs a loader in the options. */
function canLoadWorkers(execArgv: readonly string[]): boolean {
  return path.extname(__filename) === '.js' || execArgv.some((arg) => /^(-r|--require|--import|--loader|--experimental-loader)(=|$)/.test(arg));
}

/**
 * A larger young generation for the workers: fewer scavenges of a synth's short-lived objects (7-13% less CPU in
 * `npm run bench`, about 40 MiB more per worker).
 */
const WORKER_HEAP_OPTIONS = ['--max-semi-space-size=32'];

function runInWorkers(
  org: Organization,
  jobs: readonly ShardJob[],
  options: ShardedSynthOptions,
  scratchRoot: string,
  copies: PoolInput['copies'],
): { results: ShardResult[]; peakTotalRssMiB: number } {
  const extension = path.extname(__filename);
  const jobFiles = jobs.map((job) => {
    const file = path.join(scratchRoot, `job-${job.index}.bin`);
    const input: WorkerInput = { org, job };
    fs.writeFileSync(file, v8.serialize(input));
    return file;
  });
  const poolFile = path.join(scratchRoot, 'pool.json');
  const poolInput: PoolInput = {
    jobFiles,
    concurrency: options.workers,
    execArgv: [...options.workerExecArgv, ...WORKER_HEAP_OPTIONS],
    workerFile: path.join(__dirname, `worker${extension}`),
    copies,
  };
  fs.writeFileSync(poolFile, JSON.stringify(poolInput));
  const pool = spawnSync(process.execPath, [...options.workerExecArgv, path.join(__dirname, `pool${extension}`), poolFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (pool.error) throw pool.error;
  if (pool.status !== 0) throw new SynthError(`sharded synth: the coordinator exited with ${pool.status ?? pool.signal}`);
  const output = JSON.parse(pool.stdout.trim().split('\n').pop() ?? '') as PoolOutput;
  if (output.copyError) throw new SynthError(`sharded synth: restoring a reused stack failed: ${output.copyError}`);
  const results = jobFiles.map((file, index) => {
    const resultFile = resultFileOf(file);
    if (!fs.existsSync(resultFile)) {
      const exit = output.exits[index];
      throw new SynthError(`sharded synth: the worker of shard ${index} ${exit ? `exited with ${exit.code ?? exit.signal} and wrote no result` : 'did not run'}`);
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as WorkerOutput;
    if (!result.ok) throw rebuildError(result.error);
    return result.result;
  });
  return { results, peakTotalRssMiB: output.peakTotalRssMiB };
}
