import * as path from 'path';
import { clearTestPlans } from '../../scripts/lib/checkov/test-plans';
import { clearTestStacks } from '../../scripts/lib/checkov/test-stacks';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';
import { claimJestRun } from './jest-projects';
import { useRunTempDir } from './run-temp';
import { freshSynthCache, SYNTH_CACHE_ENV } from './synth-cache';
import { clearRecordedStacks } from './terraform-queue';

/**
 * Runs once before the `unit` project: clears the stacks the previous run recorded for the `terraform` project and
 * for the Checkov gate, and the plans the `terraform` project saved for the gate's plan pass. The unit project's
 * stacks are validated and planned by the terraform project; the CLI config (offline provider mirror) is still
 * exported, so that no child process a unit test starts (the cdktf CLI, `main.ts`) reaches for the network. A test
 * that runs Terraform belongs in a `*.tf.test.ts` file (e.g. test/scripts/plan.tf.test.ts, the `npm run plan`
 * harness). Each organisation the tests synthesize is synthesized once per run (test/support/synth-cache.ts). Temp
 * folders go under one folder per run, removed by the global teardown (test/support/run-temp.ts).
 */
export default function globalSetup(): void {
  claimJestRun('unit');
  useRunTempDir();
  const root = path.resolve(__dirname, '..', '..');
  clearRecordedStacks(root);
  clearTestStacks(root);
  clearTestPlans(root);
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  Object.assign(process.env, setup.env);
  process.env[SYNTH_CACHE_ENV] = freshSynthCache(root);
}
