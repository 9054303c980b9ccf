import { type ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EmulatorSetupError } from './venv';

/** A running moto launcher (scripts/emulator/launcher.py), bound to 127.0.0.1. */
export interface MotoServer {
  readonly pid: number;
  readonly port: number;
  readonly endpoint: string;
  /** SIGTERM by pid, SIGKILL after a grace period; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  readonly python: string;
  readonly launcher: string;
  readonly seedFile: string;
  readonly workDir: string;
  readonly timeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Stops a child by its own pid: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Starts the launcher and waits until it has seeded and written its port. */
export async function startMoto(options: StartMotoOptions): Promise<MotoServer> {
  const readyFile = path.join(options.workDir, 'moto.port');
  fs.rmSync(readyFile, { force: true });
  const log = fs.openSync(path.join(options.workDir, 'moto.log'), 'w');
  const child = spawn(
    options.python,
    [options.launcher, '--seed', options.seedFile, '--ready-file', readyFile, '--request-log', path.join(options.workDir, 'moto-requests.jsonl'), '--parent-pid', String(process.pid)],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  try {
    while (!fs.existsSync(readyFile)) {
      if (child.exitCode !== null) throw new EmulatorSetupError(`moto launcher exited with ${child.exitCode}; see ${path.join(options.workDir, 'moto.log')}`);
      if (Date.now() > deadline) throw new EmulatorSetupError(`moto launcher not ready after ${options.timeoutMs ?? 120_000} ms; see ${path.join(options.workDir, 'moto.log')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const port = Number(fs.readFileSync(readyFile, 'utf8'));
  return { pid: child.pid!, port, endpoint: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}
