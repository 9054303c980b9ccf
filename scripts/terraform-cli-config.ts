import * as path from 'path';
import { warmPluginCache, writeTerraformCliConfig } from './lib/terraform-cli-config';

/** Writes the project's Terraform CLI config and prints the `export` line for a shell. */
const setup = writeTerraformCliConfig(path.resolve(__dirname, '..'));
warmPluginCache(setup);
process.stderr.write(`provider mirror: ${setup.mirror}\nCLI config: ${setup.configFile}\n`);
// GOGC stays with the project's own Terraform runs (tests, emulator, plan): it is not exported into the user's shell
process.stdout.write(`export TF_CLI_CONFIG_FILE=${setup.configFile} CHECKPOINT_DISABLE=1\n`);
