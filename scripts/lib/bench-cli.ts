import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { median } from './bench-stats';

/** Wall seconds of several `npx cdktf synth` runs of the example, as a user types it. */
export interface CliTiming {
  readonly label: string;
  readonly runsS: readonly number[];
  readonly minS: number;
  readonly medianS: number;
  readonly maxS: number;
}

/**
 * Times `npx cdktf synth` of the built-in example in the project (into a temp output folder), `runs` times after one
 * uncounted warm-up run, with the app's environment plus `env` (e.g. `BASELINE_SYNTH_CACHE=off`).
 */
export function timeCdktfSynth(projectRoot: string, label: string, runs: number, env: NodeJS.ProcessEnv): CliTiming {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', ...env };
  delete childEnv.BASELINE_CONFIG;
  delete childEnv.CDKTF_OUTDIR;
  try {
    const once = (): number => {
      const start = performance.now();
      const run = spawnSync('npx', ['cdktf', 'synth', '--output', outdir], { cwd: projectRoot, env: childEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const seconds = (performance.now() - start) / 1000;
      if (run.error) throw run.error;
      if (run.status !== 0) throw new Error(`npx cdktf synth failed (${run.status ?? run.signal}):\n${run.stderr}${run.stdout}`);
      return seconds;
    };
    once();
    const runsS = Array.from({ length: runs }, once);
    return { label, runsS, minS: Math.min(...runsS), medianS: median(runsS), maxS: Math.max(...runsS) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
