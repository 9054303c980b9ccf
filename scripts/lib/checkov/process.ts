import { spawn } from 'child_process';

/** What a finished child process left behind. */
export interface ProcessResult {
  /** Exit code; null when the process could not be started or was killed by a signal. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not be started (e.g. ENOENT for a missing binary). */
  readonly startError?: Error;
}

/** Runs a command without a shell, capturing stdout and stderr; never rejects. */
export function runProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let startError: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      startError = error;
    });
    child.on('close', (code) => {
      const result = { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      resolve(startError ? { ...result, code: null, startError } : result);
    });
  });
}

/** The last `lines` lines of a process's combined output, for error messages. */
export function outputTail(result: ProcessResult, lines = 20): string {
  const all = `${result.stdout}\n${result.stderr}`.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
