import { execFileSync } from 'child_process';
import * as path from 'path';

/** File name of the saved plans the test harness writes and reads back. */
export const SAVED_PLAN_FILE = 'tfplan';

/** Environment under which the `terraform plan` of cdktf's `toPlanSuccessfully` saves its plan to {@link SAVED_PLAN_FILE}. */
export const SAVE_PLAN_ENV: Readonly<Record<string, string>> = { TF_CLI_ARGS_plan: `-out=${SAVED_PLAN_FILE}` };

/** `terraform show -json` of the saved plan in working directory `cwd`. */
export function showSavedPlan(cwd: string): string {
  return execFileSync('terraform', ['show', '-json', SAVED_PLAN_FILE], { cwd, env: process.env, stdio: 'pipe', maxBuffer: 512 * 1024 * 1024 }).toString();
}

/** Path of the saved plan file in working directory `cwd`. */
export function savedPlanFile(cwd: string): string {
  return path.join(cwd, SAVED_PLAN_FILE);
}
