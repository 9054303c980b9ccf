import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { planDir } from './terraform/output-copies';
import { writeTerraformCliConfig } from './terraform-cli-config';

/** Wall time of `terraform init` + `plan` over all stacks of one account, run at once. */
export interface AccountPlanTiming {
  readonly account: string;
  readonly stacks: readonly string[];
  /** Seconds from the first init to the last plan, all stacks concurrently. */
  readonly wallS: number;
  readonly perStack: ReadonlyArray<{ readonly stack: string; readonly initS: number; readonly planS: number }>;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', [...args], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - start) / 1000) : reject(new Error(`terraform ${args.join(' ')} in ${cwd} exited ${code}:\n${stderr}`))));
  });
}

/**
 * Copies the account's stacks from `outdir` with the offline plan rewrite (the test suite's `planDir`), then runs
 * `terraform init` and `terraform plan` for all of them concurrently: the way to deploy-check one account, where each
 * stack pays Terraform's fixed provider start-up but the stacks overlap on the cores.
 */
export async function timeAccountPlan(outdir: string, account: string, stacks: readonly string[], projectRoot: string): Promise<AccountPlanTiming> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...writeTerraformCliConfig(projectRoot).env };
  const dir = planDir(outdir, stacks);
  try {
    const start = performance.now();
    const perStack = await Promise.all(
      stacks.map(async (stack) => {
        const cwd = path.join(dir, 'stacks', stack);
        const initS = await run(['init', '-input=false', '-no-color'], cwd, env);
        const planS = await run(['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color'], cwd, env);
        return { stack, initS, planS };
      }),
    );
    return { account, stacks, wallS: (performance.now() - start) / 1000, perStack };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
