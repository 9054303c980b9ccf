import * as path from 'path';
import { claimJestRun } from './jest-projects';
import { useRunTempDir } from './run-temp';
import { warmPluginCache, writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';

/**
 * Go runtime settings for the Terraform and provider processes of this project's tests, where the machine's cores are
 * already shared by the jest workers (one Terraform run each): no collection until a process nears 1.5 GiB (the AWS
 * provider's schema build allocates about 700 MB and then exits) and one OS thread for Go code. Measured on one stack
 * (security-us-east-1), CPU-s against the project-wide GOGC=400: validate 5.9 -> 4.9, plan 7.1 -> 6.5, show -json
 * 4.8 -> 4.0; peak memory per process about 660 -> 740 MB. Values already set in the environment are kept. Kept
 * out of the user-facing runs (`npm run plan`, the emulator): there, a stack with many providers would hold 1.5 GiB
 * per provider process, and Terraform's graph walk can use every core.
 */
export const TEST_GO_RUNTIME: Readonly<Record<string, string>> = { GOGC: 'off', GOMEMLIMIT: '1536MiB', GOMAXPROCS: '1' };

/**
 * Runs once before the `terraform` project: writes the project's Terraform CLI config (offline provider mirror) and
 * exports it to the workers. Provider installation is shared: each stack's `terraform init` links the provider
 * straight from an unpacked mirror, or from the plugin cache that `warmPluginCache` fills once for a packed one.
 */
export default function globalSetup(): void {
  claimJestRun('terraform');
  useRunTempDir();
  const root = path.resolve(__dirname, '..', '..');
  const preset = Object.fromEntries(Object.keys(TEST_GO_RUNTIME).map((name) => [name, process.env[name]]));
  const setup = writeTerraformCliConfig(root);
  warmPluginCache(setup);
  Object.assign(process.env, setup.env);
  for (const [name, value] of Object.entries(TEST_GO_RUNTIME)) process.env[name] = preset[name] || value;
}
