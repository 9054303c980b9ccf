import * as fs from 'fs';
import * as path from 'path';
import { stripUnparsedMetaBlocks } from './meta-blocks';
import { runProcess } from './process';
import { CHECKOV_REPORT_FILES } from './settings';

/** Variables that keep Checkov offline: no Prisma Cloud mapping download, no SCA scan, no version checkpoint. */
export const CHECKOV_OFFLINE_ENV: Readonly<Record<string, string>> = {
  BC_SKIP_MAPPING: 'TRUE',
  CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false',
  CHECKPOINT_DISABLE: '1',
};

/** `base` plus {@link CHECKOV_OFFLINE_ENV} (the offline values win). */
export function checkovEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, ...CHECKOV_OFFLINE_ENV };
}

/**
 * Checkov's two passes: `terraform_json` over the synthesized `cdk.tf.json` files, and `terraform_plan` over the
 * offline plans' `terraform show -json` (Checkov 3.3.30 runs its IAM policy checks, CKV_AWS_286-290, 355 and
 * others, only on a plan).
 */
export type CheckovFramework = 'terraform_json' | 'terraform_plan';

/**
 * Checkov's arguments for one folder of stacks (`<stack>/cdk.tf.json`, or `<stack>/tfplan.json` for the plan
 * pass). `--quiet` is deliberately absent: it drops `passed_checks` from the JSON report, and the per-stack table
 * needs them (the console output goes to a log file).
 */
export function checkovArgs(stacksDir: string, reportDir: string, framework: CheckovFramework = 'terraform_json'): string[] {
  return [
    '--directory', stacksDir,
    '--framework', framework,
    '--skip-download',
    '--compact',
    '-o', 'json',
    '-o', 'junitxml',
    '-o', 'sarif',
    '--output-file-path', reportDir,
  ];
}

/** Where one Checkov run left its output. */
export interface CheckovRun {
  readonly exitCode: number | null;
  /** `results_json.json` in the report folder. */
  readonly jsonFile: string;
  /** Checkov's console output (stdout + stderr). */
  readonly logFile: string;
}

/**
 * Runs Checkov (`framework`, default the JSON pass) over `stacksDir`, writing JSON, JUnit XML and SARIF into `reportDir` and the console output into
 * `reportDir/checkov.log`. Checkov exits 1 when checks fail; the caller judges the JSON, not the exit code.
 */
export async function runCheckov(checkov: string, stacksDir: string, reportDir: string, env: NodeJS.ProcessEnv, framework: CheckovFramework = 'terraform_json'): Promise<CheckovRun> {
  fs.mkdirSync(reportDir, { recursive: true });
  if (framework === 'terraform_json') stripUnparsedMetaBlocks(stacksDir);
  const result = await runProcess(checkov, checkovArgs(stacksDir, reportDir, framework), checkovEnv(env));
  const logFile = path.join(reportDir, 'checkov.log');
  const startError = result.startError ? `could not start ${checkov}: ${result.startError.message}\n` : '';
  fs.writeFileSync(logFile, `${startError}${result.stdout}${result.stderr ? `\n--- stderr ---\n${result.stderr}` : ''}`);
  return { exitCode: result.code, jsonFile: path.join(reportDir, CHECKOV_REPORT_FILES.json), logFile };
}
