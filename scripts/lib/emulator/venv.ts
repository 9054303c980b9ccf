import * as path from 'path';
import { outputTail, runProcess } from '../checkov/process';

/** Thrown when the moto virtualenv cannot be made ready. */
export class EmulatorSetupError extends Error {}

function venvPython(venvDir: string): string {
  return process.platform === 'win32' ? path.join(venvDir, 'Scripts', 'python.exe') : path.join(venvDir, 'bin', 'python');
}

/**
 * Reuses `venvDir` when its moto reports `version`; otherwise creates the venv with `<python> -m venv` and installs
 * `moto[server]==<version>` into it. Returns the venv's python.
 */
export async function ensureMoto(venvDir: string, python: string, version: string, log: (message: string) => void): Promise<string> {
  const py = venvPython(venvDir);
  const probe = await runProcess(py, ['-c', 'import moto, werkzeug; print(moto.__version__)']);
  if (probe.code === 0 && probe.stdout.trim() === version) return py;
  log(`moto ${version} not in ${venvDir} (${probe.code === 0 ? `found ${probe.stdout.trim()}` : 'not installed'}); installing...`);
  const venv = await runProcess(python, ['-m', 'venv', venvDir]);
  if (venv.code !== 0) {
    throw new EmulatorSetupError(`"${python} -m venv ${venvDir}" failed (set PYTHON to another python3; on Debian install python3-venv):\n${venv.startError?.message ?? outputTail(venv)}`);
  }
  const pip = await runProcess(py, ['-m', 'pip', 'install', '--quiet', `moto[server]==${version}`]);
  if (pip.code !== 0) throw new EmulatorSetupError(`pip install moto[server]==${version} into ${venvDir} failed:\n${pip.startError?.message ?? outputTail(pip)}`);
  const check = await runProcess(py, ['-c', 'import moto; print(moto.__version__)']);
  if (check.stdout.trim() !== version) throw new EmulatorSetupError(`moto in ${venvDir} reports ${check.stdout.trim() || 'nothing'} after installing ${version}`);
  return py;
}
