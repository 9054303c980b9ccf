import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { planDir, readManifest, validateDir } from '../../scripts/lib/terraform/output-copies';
export { planDir, stackNames, validateDir } from '../../scripts/lib/terraform/output-copies';
import { recordTestStack } from '../../scripts/lib/checkov/test-stacks';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Holds every stack in `outdir` to `terraform validate` and `terraform plan` (cdktf's matchers, which run the real
 * binary against the offline provider mirror). Call from a test: failures are jest assertion failures.
 */
export function expectValidAndPlannable(outdir: string, only?: readonly string[]): void {
  recordForCheckov(outdir, only);
  expect(validateDir(outdir, only)).toBeValidTerraform();
  expect(planDir(outdir, only)).toPlanSuccessfully();
}

/** Records the production JSON of the stacks for the Checkov gate (`npm run scan` scans them as `test-stacks`). */
function recordForCheckov(outdir: string, only?: readonly string[]): void {
  for (const [name, stack] of Object.entries(readManifest(outdir).stacks)) {
    if (only && !only.includes(name)) continue;
    recordTestStack(REPO_ROOT, name, fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
  }
}

/** A saved offline plan of one stack: `terraform show -json` of it, and the plan file's bytes. */
export interface SavedPlan {
  readonly showJson: string;
  readonly planFile: Buffer;
}

/**
 * Plans one stack offline (the `planDir` rewrite) into a saved plan, with the current environment (e.g. `TF_VAR_*`
 * values given at apply time), for tests that inspect what a plan would store.
 */
export function savedOfflinePlan(outdir: string, stackName: string): SavedPlan {
  const dir = path.join(planDir(outdir, [stackName]), 'stacks', stackName);
  const run = (...args: string[]): string => execFileSync('terraform', args, { cwd: dir, env: process.env, stdio: 'pipe' }).toString();
  run('init', '-input=false');
  run('plan', '-input=false', '-lock=false', '-out=tfplan');
  return { showJson: run('show', '-json', 'tfplan'), planFile: fs.readFileSync(path.join(dir, 'tfplan')) };
}
