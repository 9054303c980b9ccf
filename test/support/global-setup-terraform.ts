import * as path from 'path';
import { claimJestRun } from './jest-projects';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';

/**
 * Runs once before the `terraform` project: writes the project's Terraform CLI config (offline provider mirror) and
 * exports it to the workers. Provider installation is shared: each stack's `terraform init` links the provider
 * straight from an unpacked mirror, or from the plugin cache that `warmPluginCache` fills once for a packed one.
 */
export default function globalSetup(): void {
  claimJestRun('terraform');
  const root = path.resolve(__dirname, '..', '..');
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  Object.assign(process.env, setup.env);
}
