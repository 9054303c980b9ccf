import * as path from 'path';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';
import { clearTestStacks } from '../../scripts/lib/checkov/test-stacks';

/**
 * Runs once before all test files: writes the project's Terraform CLI config and exports it to the workers, and
 * clears the stacks recorded for the Checkov gate by the previous run.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..', '..');
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  clearTestStacks(root);
  Object.assign(process.env, setup.env);
}
