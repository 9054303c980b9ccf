/**
 * `node -r ./scripts/ts-register.js scripts/run-parallel.ts <script> ["<script> -- args"]...`: runs npm scripts at
 * the same time and prints each one's whole output as one block, labelled, when it ends (never interleaved). Exits
 * with the exit code of the first script (in the order given) that failed, else 0.
 *
 * For `npm test`: the type-check, the lint and the fuzzer are each one single-threaded process that depends on no
 * other step, so on two cores they finish in about the time of the longest instead of their sum (`npm run checks`).
 * After jest, the Checkov gate and the emulator run side by side (`npm run gates`): each leaves part of the two
 * cores idle (Checkov's report writing and start-up, the emulator's waits on moto and on the AWS provider's
 * polling), and neither reads what the other writes (`.scan-out/` and `reports/checkov/` against `.emulator-out/`
 * and `reports/emulator.json`).
 */
import { spawn } from 'child_process';

interface Outcome {
  readonly label: string;
  readonly code: number;
}

function runScript(label: string): Promise<Outcome> {
  const [script, ...args] = label.split(/\s+/).filter(Boolean);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script!, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    let done = false;
    const finish = (code: number, note = ''): void => {
      if (done) return;
      done = true;
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n--- npm run ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}, ${seconds} s${note}\n${text ? `${text}\n` : ''}`);
      resolve({ label, code });
    };
    child.on('error', (error) => finish(127, `: ${error.message}`));
    child.on('close', (code, signal) => finish(code ?? 1, signal ? ` (signal ${signal})` : ''));
  });
}

async function main(labels: readonly string[]): Promise<number> {
  if (labels.length === 0) {
    process.stderr.write('usage: run-parallel.ts <npm script> ["<npm script> -- args"]...\n');
    return 2;
  }
  const outcomes = await Promise.all(labels.map(runScript));
  const failed = outcomes.filter((o) => o.code !== 0);
  if (failed.length > 0) process.stdout.write(`\nfailed: ${failed.map((o) => `npm run ${o.label}`).join(', ')}\n`);
  return failed[0]?.code ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
