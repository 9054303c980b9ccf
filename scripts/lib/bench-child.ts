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
}

/**
 * Runs `bench-synth.ts` in a fresh node process (so peak memory is per run) into a temp folder, calls `inspect` on
 * the synthesized folder if given, and removes the folder. Throws when the child fails or prints no result.
 */
export function runSynthChild(accounts: number, regions: number, inspect?: (outdir: string) => void, options: SynthChildOptions = {}): SynthRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
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
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
