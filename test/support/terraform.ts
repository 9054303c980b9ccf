import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { planDir, readManifest } from '../../scripts/lib/terraform/output-copies';
export { planDir, stackNames, validateDir } from '../../scripts/lib/terraform/output-copies';
import { recordTestStack } from '../../scripts/lib/checkov/test-stacks';
import { currentJestProject } from './jest-projects';
import { SAVED_PLAN_FILE, savedPlanFile, showSavedPlan } from './saved-plan';
import { recordedStacks, recordForTerraform, type PlanChecks } from './terraform-queue';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Holds every stack in `outdir` (or those in `only`) to `terraform validate` and `terraform plan`. The unit project
 * never runs Terraform: this records each stack (its validate copy and its offline-plan copy, keyed by content hash)
 * and the `terraform` jest project (test/terraform/) runs cdktf's `toBeValidTerraform` and `toPlanSuccessfully` with
 * the real binary once per distinct stack, one jest test per stack named after it and the test that recorded it.
 * `TF_VAR_*` values set when this is called are given to that plan; `checks` are held to its saved plan (a
 * secret given at apply time must not reach it). Also records the stacks for the Checkov gate.
 *
 * Called from a test of the `terraform` project itself (a slow process-spawning file run there, see
 * jest.config.js), the recorded-stack tests have already been collected: a stack the unit project did not record
 * as well is validated and planned right here, with the same matchers.
 */
export function expectValidAndPlannable(outdir: string, only?: readonly string[], checks?: PlanChecks): void {
  recordForCheckov(outdir, only);
  const { testPath, currentTestName } = expect.getState();
  const recordedBefore = new Set(recordedStacks(REPO_ROOT).map((s) => s.key));
  const keys = recordForTerraform(REPO_ROOT, outdir, { testFile: path.relative(REPO_ROOT, testPath ?? 'unknown'), testName: currentTestName ?? 'unknown' }, only, checks);
  if (only) expect(keys).toHaveLength(only.length); // a name in `only` that is not a stack of outdir
  else expect(keys.length).toBeGreaterThan(0);
  if (currentJestProject() !== 'terraform') return;
  if (checks?.planContains?.length || checks?.planOmits?.length) throw new Error('plan checks in a terraform-project test: read the plan with savedOfflinePlan instead');
  for (const stack of recordedStacks(REPO_ROOT).filter((s) => keys.includes(s.key) && !recordedBefore.has(s.key))) {
    expect(path.join(stack.dir, 'validate')).toBeValidTerraform();
    expect(path.join(stack.dir, 'plan')).toPlanSuccessfully();
  }
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
 * values given at apply time), for tests that inspect what a plan would store. Runs Terraform: only for test files of
 * the `terraform` jest project (`*.tf.test.ts`); a unit test gives `expectValidAndPlannable` plan checks instead.
 */
export function savedOfflinePlan(outdir: string, stackName: string): SavedPlan {
  const dir = path.join(planDir(outdir, [stackName]), 'stacks', stackName);
  const run = (...args: string[]): string => execFileSync('terraform', args, { cwd: dir, env: process.env, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 }).toString();
  run('init', '-input=false');
  run('plan', '-input=false', '-lock=false', `-out=${SAVED_PLAN_FILE}`);
  return { showJson: showSavedPlan(dir), planFile: fs.readFileSync(savedPlanFile(dir)) };
}
