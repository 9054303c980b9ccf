import { ConfigError, loadOrganization } from './config';
import { configPathFrom } from './config/load';
import { ValidationError } from './modules/core/errors';
import { synthOrganization } from './stacks/synth';
import { printSynthReport } from './stacks/synth-report';

/**
 * Entry point (cdktf.json's app): loads the organisation config named by `--config` or BASELINE_CONFIG (or the
 * built-in example), builds one stack per account and Region, and synthesizes. Bad input stops here, before
 * anything is written, with every problem listed.
 */
function main(): void {
  try {
    printSynthReport(synthOrganization(loadOrganization()), configPathFrom(process.argv.slice(2), process.env));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main();
