import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * One temp folder per jest run, set as TMPDIR for the workers and every process they start: what a test cannot
 * remove itself goes away with it. cdktf's `Testing.app()` and `Testing.synthScope()` (the matchers' synth) make a
 * `cdktf.outdir.*` folder per call and never remove it; the emulator harness writes `<outdir>-emulator` beside a
 * test's outdir. Before this folder, every unit run left 7 such folders in /tmp, and every terraform run 2.
 */
const RUN_TEMP_PREFIX = 'baseline-jest-';
/** The run's folder, for the global teardown (TMPDIR itself may have been changed by then). */
const RUN_TEMP_ENV = 'BASELINE_TEST_RUN_TEMP';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates this run's temp folder under the system one, removes those of runs that are gone, and sets TMPDIR to it. */
export function useRunTempDir(): string {
  const current = process.env[RUN_TEMP_ENV];
  if (current && fs.existsSync(current)) return current; // both projects in one jest process
  const base = os.tmpdir();
  for (const entry of fs.readdirSync(base)) {
    const pid = Number(entry.slice(RUN_TEMP_PREFIX.length));
    if (entry.startsWith(RUN_TEMP_PREFIX) && Number.isInteger(pid) && !alive(pid)) fs.rmSync(path.join(base, entry), { recursive: true, force: true });
  }
  const dir = path.join(base, `${RUN_TEMP_PREFIX}${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  process.env[RUN_TEMP_ENV] = dir;
  process.env.TMPDIR = dir;
  return dir;
}

/** Removes this run's temp folder (the global teardown). */
export function removeRunTempDir(): void {
  const dir = process.env[RUN_TEMP_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
