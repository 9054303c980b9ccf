import * as path from 'path';
import { writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';

/** Runs once before all test files: writes the project's Terraform CLI config and exports it to the workers. */
export default function globalSetup(): void {
  const setup = writeTerraformCliConfig(path.resolve(__dirname, '..', '..'));
  Object.assign(process.env, setup.env);
}
