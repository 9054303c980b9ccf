import * as path from 'path';

/** moto version the harness and its extension (scripts/emulator/) are written against; pinned exactly. */
export const MOTO_VERSION = '5.2.5';

/** Where things live, relative to the repository root. */
export interface EmulatorPaths {
  readonly repoRoot: string;
  /** The moto virtualenv (like .venv-checkov/). */
  readonly venvDir: string;
  /** The Python launcher that starts moto in-process with the extension and the seed. */
  readonly launcher: string;
  /** The reviewed exclusion file. */
  readonly exclusionsFile: string;
  /** Working folder of a run (seed, logs, state files). */
  readonly workDir: string;
  /** reports/emulator.json */
  readonly reportFile: string;
}

export function emulatorPaths(repoRoot: string): EmulatorPaths {
  return {
    repoRoot,
    venvDir: path.join(repoRoot, '.venv-moto'),
    launcher: path.join(repoRoot, 'scripts', 'emulator', 'launcher.py'),
    exclusionsFile: path.join(repoRoot, 'emulator-exclusions.yaml'),
    workDir: path.join(repoRoot, '.emulator-out'),
    reportFile: path.join(repoRoot, 'reports', 'emulator.json'),
  };
}
