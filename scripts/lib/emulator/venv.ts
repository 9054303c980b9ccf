import * as path from 'path';
import { outputTail, runProcess } from '../checkov/process';

/** Thrown when the moto virtualenv cannot be made ready. */
export class EmulatorSetupError extends Error {}

function venvPython(venvDir: string): string {
  return process.platform === 'win32' ? path.join(venvDir, 'Scripts', 'python.exe') : path.join(venvDir, 'bin', 'python');
}

/**
 * Creates the venv and installs the requirements (settings.ts) in ONE child process (python's own `venv` and `pip`), so
 * the install goes on while the caller's event loop is busy (the harness synthesizes the stacks meanwhile).
 * `--no-compile`: pip's byte-compilation of every installed module (botocore, moto, cfn-lint, sympy...) was about 23
 * of its 60 CPU-seconds; the launcher compiles only what it imports (measured: +2.7 CPU-s at start).
 * Exit code 3: the venv could not be created.
 */
const INSTALL_SCRIPT = [
  'import subprocess, sys, venv',
  'try:',
  '    venv.create(sys.argv[1], with_pip=True)',
  'except Exception as error:',
  '    print(error, file=sys.stderr)',
  '    sys.exit(3)',
  'sys.exit(subprocess.call([sys.argv[2], "-m", "pip", "install", "--quiet", "--no-compile", *sys.argv[3:]]))',
].join('\n');

/**
 * Reuses `venvDir` when its moto reports `version`; otherwise creates the venv with `<python>`'s `venv` module and
 * installs `requirements` (pip specifiers; the first pins moto to `version`) into it. Returns the venv's python.
 */
export async function ensureMoto(venvDir: string, python: string, version: string, requirements: readonly string[], log: (message: string) => void): Promise<string> {
  const py = venvPython(venvDir);
  const probe = await runProcess(py, ['-c', 'import moto, werkzeug; print(moto.__version__)']);
  if (probe.code === 0 && probe.stdout.trim() === version) return py;
  log(`moto ${version} not in ${venvDir} (${probe.code === 0 ? `found ${probe.stdout.trim()}` : 'not installed'}); installing...`);
  const install = await runProcess(python, ['-c', INSTALL_SCRIPT, venvDir, py, ...requirements]);
  if (install.code === 3 || install.startError) {
    throw new EmulatorSetupError(`"${python} -m venv ${venvDir}" failed (set PYTHON to another python3; on Debian install python3-venv):\n${install.startError?.message ?? outputTail(install)}`);
  }
  if (install.code !== 0) throw new EmulatorSetupError(`pip install ${requirements.join(' ')} into ${venvDir} failed:\n${outputTail(install)}`);
  const check = await runProcess(py, ['-c', 'import moto; print(moto.__version__)']);
  if (check.stdout.trim() !== version) throw new EmulatorSetupError(`moto in ${venvDir} reports ${check.stdout.trim() || 'nothing'} after installing ${version}`);
  return py;
}
