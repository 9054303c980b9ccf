import * as path from 'path';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';

/**
 * Runs once before the `terraform` project: writes the project's Terraform CLI config (offline provider mirror) and
 * exports it to the workers. Provider installation is shared: each stack's `terraform init` links the provider
 * straight from an unpacked mirror, or from the plugin cache that `warmPluginCache` fills once for a packed one.
 */
export default function globalSetup(globalConfig: { selectProjects?: readonly string[]; testPathPattern?: string }): void {
  if (globalConfig.selectProjects === undefined && !globalConfig.testPathPattern) {
    // Both projects in one run would plan the stacks while the unit project is still recording them.
    throw new Error('run the unit project before the terraform project: `npm run jest` (or `npx jest --selectProjects unit`, then `--selectProjects terraform`)');
  }
  const root = path.resolve(__dirname, '..', '..');
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  Object.assign(process.env, setup.env);
}
