import * as fs from 'fs';
import * as path from 'path';

/**
 * The offline plans of the stacks the test suite planned, for the Checkov gate's plan pass
 * (`--framework terraform_plan`, which runs the IAM checks the `terraform_json` pass skips). The `terraform` jest
 * project plans every recorded stack into a saved plan and records `terraform show -json` of it here, beside the
 * stack's production JSON (which names each resource's construct path and the stack's account role for the
 * allowlist), so the gate runs no plan of its own. A recorded plan is named `t<recorded stack key>-<stack>`, so
 * allowlist stack globs such as `*-state-bootstrap` keep matching.
 */
export const TEST_PLANS_DIR = path.join('.test-out', 'scan-plans');
/** Scan name of the plan pass's stacks in the report and in allowlist `config` globs. */
export const TEST_PLANS_CONFIG_NAME = 'test-plans';
/** File name of a recorded plan (`terraform show -json`) in its stack folder. */
export const PLAN_JSON_FILE = 'tfplan.json';
/** File name of the stack's production JSON in the same folder. */
export const STACK_JSON_FILE = 'cdk.tf.json';

/** Folder name of one recorded plan. */
export function testPlanName(key: string, stack: string): string {
  return `t${key}-${stack}`;
}

/** Records the plan JSON of one stack (recorded stack `key`) with its production JSON text. */
export function recordTestPlan(repoRoot: string, key: string, stack: string, planJsonText: string, stackJsonText: string): void {
  const dir = path.join(repoRoot, TEST_PLANS_DIR, 'stacks', testPlanName(key, stack));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, STACK_JSON_FILE), stackJsonText);
  fs.writeFileSync(path.join(dir, PLAN_JSON_FILE), planJsonText);
}

/** Clears the recorded plans (at the start of a unit run, with the recorded stacks they belong to). */
export function clearTestPlans(repoRoot: string): void {
  fs.rmSync(path.join(repoRoot, TEST_PLANS_DIR), { recursive: true, force: true });
}

/** Folder names of the recorded plans under `<TEST_PLANS_DIR>/stacks`, sorted (only folders holding both files). */
export function recordedTestPlans(repoRoot: string): string[] {
  const stacksDir = path.join(repoRoot, TEST_PLANS_DIR, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .filter((name) => [PLAN_JSON_FILE, STACK_JSON_FILE].every((file) => fs.existsSync(path.join(stacksDir, name, file))))
    .sort();
}
