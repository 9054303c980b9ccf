import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { median } from './bench-stats';

/** Wall seconds (and CPU seconds of the command and its children) of several runs of one command. */
export interface CliTiming {
  readonly label: string;
  readonly runsS: readonly number[];
  readonly minS: number;
  readonly medianS: number;
  readonly maxS: number;
  /** Median CPU seconds (user + system) of the command and every process it waited for. */
  readonly medianCpuS: number;
  /** Judged against the 2-second target (the floor and the app alone are there to explain it). */
  readonly judged: boolean;
}

/** An app that writes an empty manifest and nothing else: `cdktf synth` with it costs only the CLI itself. */
const NO_OP_APP = path.join(__dirname, 'bench-no-op-app.js');

/** CPU seconds of the children this process has waited for (cutime + cstime of /proc/self/stat; NaN off Linux). */
function childCpuS(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return ticks / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ (the unit of /proc CPU times) on every architecture node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function timeRuns(label: string, runs: number, judged: boolean, run: () => { status: number | null; signal: string | null; error?: Error; output: string }): CliTiming {
  const once = (): [number, number] => {
    const cpuBefore = childCpuS();
    const start = performance.now();
    const result = run();
    const seconds = (performance.now() - start) / 1000;
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${label} failed (${result.status ?? result.signal}):\n${result.output}`);
    return [seconds, childCpuS() - cpuBefore];
  };
  once();
  const measured = Array.from({ length: runs }, once);
  const runsS = measured.map(([wall]) => wall);
  return { label, runsS, minS: Math.min(...runsS), medianS: median(runsS), maxS: Math.max(...runsS), medianCpuS: median(measured.map(([, cpu]) => cpu)), judged };
}

function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', ...env };
  delete childEnv.BASELINE_CONFIG;
  delete childEnv.CDKTF_OUTDIR;
  return childEnv;
}

function inTempOutput<T>(fn: (outdir: string) => T): T {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  try {
    return fn(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Times `npx cdktf synth` of the built-in example in the project (into a temp output folder), `runs` times after one
 * uncounted warm-up run, with the app's environment plus `env` (e.g. `BASELINE_SYNTH_CACHE=off`).
 */
export function timeCdktfSynth(projectRoot: string, label: string, runs: number, env: NodeJS.ProcessEnv): CliTiming {
  return inTempOutput((outdir) =>
    timeRuns(label, runs, true, () => {
      const run = spawnSync('npx', ['cdktf', 'synth', '--output', outdir], { cwd: projectRoot, env: cliEnv(env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: run.status, signal: run.signal, error: run.error, output: `${run.stderr}${run.stdout}` };
    }),
  );
}

/**
 * The CLI's floor: `npx cdktf synth --app <no-op>` (an app that writes an empty manifest). What is left of a synth's
 * wall time with an app that takes no time at all: cdktf-cli 0.21 loading its bundle (the HCL converter, jsii-rosetta,
 * TypeScript, ink), `terraform version` four times and `node --version`, then reading the output.
 */
export function timeCdktfFloor(projectRoot: string, runs: number): CliTiming {
  return inTempOutput((outdir) =>
    timeRuns('CLI floor (no-op app)', runs, false, () => {
      const run = spawnSync('npx', ['cdktf', 'synth', '--app', `node ${NO_OP_APP}`, '--output', outdir], { cwd: projectRoot, env: cliEnv({}), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: run.status, signal: run.signal, error: run.error, output: `${run.stderr}${run.stdout}` };
    }),
  );
}

/** The app alone (what cdktf.json runs, `node -r ./scripts/ts-register.js main.ts`), without the CLI. */
export function timeApp(projectRoot: string, label: string, runs: number, env: NodeJS.ProcessEnv): CliTiming {
  const app = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'cdktf.json'), 'utf8')) as { app: string }).app;
  return inTempOutput((outdir) =>
    timeRuns(label, runs, false, () => {
      const run = spawnSync(app, { shell: true, cwd: projectRoot, env: { ...cliEnv(env), CDKTF_OUTDIR: outdir }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: run.status, signal: run.signal, error: run.error, output: `${run.stderr}${run.stdout}` };
    }),
  );
}
