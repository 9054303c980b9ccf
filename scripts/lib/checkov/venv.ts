import * as path from 'path';
import { ScanError } from './errors';
import { outputTail, runProcess } from './process';

/** Executables inside a virtualenv. */
export interface VenvPaths {
  readonly python: string;
  readonly pip: string;
  readonly checkov: string;
}

/** Paths of python, pip and checkov inside `venvDir` (`bin/` on POSIX, `Scripts/` on Windows). */
export function venvPaths(venvDir: string, platform: NodeJS.Platform = process.platform): VenvPaths {
  const bin = platform === 'win32' ? path.join(venvDir, 'Scripts') : path.join(venvDir, 'bin');
  const exe = platform === 'win32' ? '.exe' : '';
  return { python: path.join(bin, `python${exe}`), pip: path.join(bin, `pip${exe}`), checkov: path.join(bin, platform === 'win32' ? 'checkov.cmd' : 'checkov') };
}

/** True when `checkov --version` output names exactly `version` (Checkov prints the bare version). */
export function reportsVersion(versionOutput: string, version: string): boolean {
  return versionOutput.trim().split(/\s+/).includes(version);
}

/** Options for {@link ensureCheckov}. */
export interface EnsureCheckovOptions {
  /** Absolute venv folder. */
  readonly venvDir: string;
  /** Python used to create the venv. */
  readonly python: string;
  /** Pinned Checkov version. */
  readonly version: string;
  /** Environment for the child processes (Checkov's offline variables should already be set). */
  readonly env: NodeJS.ProcessEnv;
  /** Progress messages. */
  readonly log: (message: string) => void;
}

/** The Checkov executable that is ready to run. */
export interface CheckovInstall {
  readonly checkov: string;
  /** True when the venv was created or repaired in this run. */
  readonly installed: boolean;
}

/**
 * Reuses the venv when its `checkov --version` prints the pinned version; otherwise creates it with
 * `<python> -m venv <dir>` and installs `checkov==<version>` into it. Rejects with the tail of the failing
 * command's output.
 */
export async function ensureCheckov(options: EnsureCheckovOptions): Promise<CheckovInstall> {
  const paths = venvPaths(options.venvDir);
  const current = await runProcess(paths.checkov, ['--version'], options.env);
  if (current.code === 0 && reportsVersion(current.stdout, options.version)) {
    return { checkov: paths.checkov, installed: false };
  }
  const found = current.startError ? 'not installed' : `found ${JSON.stringify(current.stdout.trim() || outputTail(current, 1))}`;
  options.log(`Checkov ${options.version} not in ${options.venvDir} (${found}); installing...`);

  const venv = await runProcess(options.python, ['-m', 'venv', options.venvDir], options.env);
  if (venv.code !== 0) {
    const why = venv.startError ? venv.startError.message : outputTail(venv);
    throw new ScanError(`"${options.python} -m venv ${options.venvDir}" failed (set PYTHON to another python3; on Debian install python3-venv):\n${why}`);
  }
  const pip = await runProcess(paths.pip, ['install', '--quiet', `checkov==${options.version}`], options.env);
  if (pip.code !== 0) {
    throw new ScanError(`"pip install checkov==${options.version}" into ${options.venvDir} failed:\n${pip.startError?.message ?? outputTail(pip)}`);
  }
  const check = await runProcess(paths.checkov, ['--version'], options.env);
  if (check.code !== 0 || !reportsVersion(check.stdout, options.version)) {
    throw new ScanError(`Checkov in ${options.venvDir} still does not report ${options.version} after install:\n${check.startError?.message ?? outputTail(check)}`);
  }
  return { checkov: paths.checkov, installed: true };
}
