/**
 * Entry of the synth coordinator process: `pool.ts <pool file>`. Runs the worker of each job file, at most
 * `concurrency` at a time, and prints one JSON line: each worker's exit and the peak total resident memory of the
 * run (this process, its parent and the running workers, sampled); meanwhile it copies the reused accounts' files
 * out of the incremental cache. A separate process because the synth API is
 * synchronous: the caller waits for this one with `spawnSync` while the workers run in parallel.
 *
 * When a shard fails, shards after it are not started (the caller reports the first failed shard, as a
 * single-process synth would stop at the first error in build order); shards before it still finish.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { placeFileAsync } from './files';

export interface PoolInput {
  readonly jobFiles: readonly string[];
  readonly concurrency: number;
  /** node options for the workers (the TypeScript loader when running from source). */
  readonly execArgv: readonly string[];
  readonly workerFile: string;
  /** Files to copy (`[from, to]`) while the workers run: the reused accounts' stacks, out of the cache. */
  readonly copies: readonly (readonly [string, string])[];
}

export interface WorkerExit {
  readonly jobFile: string;
  readonly code: number | null;
  readonly signal: string | null;
  readonly ms: number;
}

export interface PoolOutput {
  readonly exits: readonly (WorkerExit | null)[];
  /** Sum of the resident memory of the whole run (caller, this process, running workers) at its sampled peak. */
  readonly peakTotalRssMiB: number;
  /** The first copy that failed, if any. */
  readonly copyError: string | undefined;
}

/** Places the files (hard links, see ./files.ts) with a few operations in flight, alongside the workers. */
async function copyAll(copies: PoolInput['copies']): Promise<string | undefined> {
  let next = 0;
  let failure: string | undefined;
  const lane = async () => {
    while (next < copies.length && failure === undefined) {
      const [from, to] = copies[next++]!;
      try {
        await fs.promises.mkdir(path.dirname(to), { recursive: true });
        await placeFileAsync(from, to);
      } catch (error) {
        failure = `${from} -> ${to}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return failure;
}

function rssMiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function run(input: PoolInput): Promise<PoolOutput> {
  const [workers, copyError] = await Promise.all([runWorkers(input), copyAll(input.copies)]);
  return { ...workers, copyError };
}

function runWorkers(input: PoolInput): Promise<Omit<PoolOutput, 'copyError'>> {
  return new Promise((resolve) => {
    const exits: (WorkerExit | null)[] = input.jobFiles.map(() => null);
    const running = new Map<number, number>();
    let next = 0;
    let firstFailed = Number.POSITIVE_INFINITY;
    let peakTotalRssMiB = 0;
    const sample = () => {
      const total = rssMiB(process.pid) + rssMiB(process.ppid) + [...running.keys()].reduce((sum, pid) => sum + rssMiB(pid), 0);
      peakTotalRssMiB = Math.max(peakTotalRssMiB, total);
    };
    const sampler = setInterval(sample, 100);
    const launch = () => {
      while (running.size < input.concurrency && next < input.jobFiles.length && next < firstFailed) {
        const index = next++;
        const jobFile = input.jobFiles[index]!;
        const start = Date.now();
        const child = spawn(process.execPath, [...input.execArgv, input.workerFile, jobFile], { stdio: ['ignore', 'ignore', 'inherit'] });
        if (child.pid !== undefined) running.set(child.pid, index);
        let done = false;
        const finish = (code: number | null, signal: string | null) => {
          if (done) return;
          done = true;
          sample();
          if (child.pid !== undefined) running.delete(child.pid);
          exits[index] = { jobFile, code, signal, ms: Date.now() - start };
          if (code !== 0) firstFailed = Math.min(firstFailed, index);
          launch();
          if (running.size === 0 && (next >= input.jobFiles.length || next >= firstFailed)) {
            clearInterval(sampler);
            resolve({ exits, peakTotalRssMiB });
          }
        };
        child.on('exit', finish);
        // a worker that cannot start counts as failed (no result file: the caller reports it)
        child.on('error', () => finish(-1, null));
      }
    };
    launch();
    if (input.jobFiles.length === 0) {
      clearInterval(sampler);
      resolve({ exits, peakTotalRssMiB });
    }
  });
}

if (require.main === module) {
  const input = JSON.parse(fs.readFileSync(process.argv[2] ?? '', 'utf8')) as PoolInput;
  void run(input).then((output) => process.stdout.write(`${JSON.stringify(output)}\n`));
}
