import { spawn } from 'child_process';
import { performance } from 'perf_hooks';

/** What one `terraform plan` proposes. */
export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

/** The outcome of planning one stack. */
export interface StackPlanResult {
  readonly stack: string;
  readonly ok: boolean;
  /** Counts from the plan's summary line; undefined when the plan failed. */
  readonly counts: PlanCounts | undefined;
  readonly seconds: number;
  /** `terraform init` + `plan` output (no colour), for the plan file and the failure message. */
  readonly output: string;
  /** The first error line, when the plan failed. */
  readonly error: string | undefined;
}

/** Reads `Plan: 3 to add, 1 to change, 0 to destroy.` (or `No changes.`) from plan output. */
export function parsePlanCounts(output: string): PlanCounts | undefined {
  const plan = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(output);
  if (plan) return { add: Number(plan[1]), change: Number(plan[2]), destroy: Number(plan[3]) };
  if (/No changes\./.test(output)) return { add: 0, change: 0, destroy: 0 };
  return undefined;
}

/** The first `Error: ...` line of Terraform's output, or its last non-empty line. */
export function firstError(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
  return lines.find((l) => l.startsWith('Error:')) ?? lines.filter((l) => l !== '').pop() ?? '(no output)';
}

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** `terraform init` then `terraform plan` in one stack's working folder. */
export async function planStack(stack: string, dir: string, env: NodeJS.ProcessEnv): Promise<StackPlanResult> {
  const start = performance.now();
  const done = (ok: boolean, output: string): StackPlanResult => ({
    stack,
    ok,
    counts: ok ? parsePlanCounts(output) : undefined,
    seconds: (performance.now() - start) / 1000,
    output,
    error: ok ? undefined : firstError(output),
  });
  const init = await run(['init', '-input=false', '-no-color'], dir, env);
  if (init.code !== 0) return done(false, init.output);
  const plan = await run(['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan'], dir, env);
  return done(plan.code === 0, `${init.output}\n${plan.output}`);
}
