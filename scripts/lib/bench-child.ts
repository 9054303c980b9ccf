import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isSynthRun, type SynthMode, type SynthRun } from './bench-types';

const CHILD_ENTRY = path.join(__dirname, 'bench-synth.ts');
/** The app's TypeScript loader (what cdktf.json runs); the sharded synth's workers inherit it. */
const LOADER = path.join(__dirname, '..', 'ts-register.js');

/** What one bench child run synthesizes. */
export interface SynthChildOptions {
  readonly mode?: SynthMode;
  /** Incremental cache folder (sharded mode). */
  readonly cacheDir?: string;
  /** Change one account's tags before the synth (the incremental run). */
  readonly changed?: boolean;
  /**
   * Output folder to synthesize into and keep (the caller removes it), instead of a new temp folder removed after
   * the run: the incremental runs re-synthesize into the cold run's output, as `cdktf synth` does into `cdktf.out`
   * (the cdktf CLI keeps the stack folders between runs).
   */
  readonly outdir?: string;
}

/**
 * Flushes the page cache's pending writes (`sync`) before a timed run, so that the write-back of the run before it
 * (up to 100 MB of stack files) does not stall this run's own file system calls: a user's next synth comes long
 * after the kernel has written the last one back. Skipped where there is no `sync` command.
 */
function flushWrites(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}

/**
 * Runs `bench-synth.ts` in a fresh node process (so peak memory is per run) into a temp folder (or `options.outdir`),
 * calls `inspect` on the synthesized folder if given, and removes the temp folder. Throws when the child fails or
 * prints no result.
 */
export function runSynthChild(accounts: number, regions: number, inspect?: (outdir: string) => void, options: SynthChildOptions = {}): SynthRun {
  flushWrites();
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const args = [String(accounts), String(regions), outdir, options.mode ?? 'single', options.cacheDir ?? '', options.changed ? 'changed' : ''];
    const child = spawnSync(process.execPath, ['-r', LOADER, CHILD_ENTRY, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.error) throw child.error;
    if (child.status !== 0) {
      throw new Error(`bench-synth ${accounts}x${regions} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
    }
    const line = child.stdout.trim().split('\n').pop() ?? '';
    const parsed: unknown = JSON.parse(line);
    if (!isSynthRun(parsed)) throw new Error(`bench-synth printed no result: ${line}`);
    inspect?.(outdir);
    return parsed;
  } finally {
    if (!options.outdir) fs.rmSync(outdir, { recursive: true, force: true });
  }
}
