import * as path from 'path';
import { clearTestStacks } from '../../scripts/lib/checkov/test-stacks';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';
import { claimJestRun } from './jest-projects';
import { clearRecordedStacks } from './terraform-queue';

/**
 * Runs once before the `unit` project: clears the stacks the previous run recorded for the `terraform` project and
 * for the Checkov gate. The unit project's stacks are validated and planned by the terraform project; the CLI config
 * (offline provider mirror) is still exported for the few unit tests that run Terraform themselves
 * (test/scripts/plan.test.ts, the `npm run plan` harness), which belong in a `*.tf.test.ts` file.
 */
export default function globalSetup(): void {
  claimJestRun('unit');
  const root = path.resolve(__dirname, '..', '..');
  clearRecordedStacks(root);
  clearTestStacks(root);
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  Object.assign(process.env, setup.env);
}
