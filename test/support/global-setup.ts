import * as path from 'path';
import { clearTestStacks } from '../../scripts/lib/checkov/test-stacks';
import { claimJestRun } from './jest-projects';
import { clearRecordedStacks } from './terraform-queue';

/**
 * Runs once before the `unit` project: clears the stacks the previous run recorded for the `terraform` project and
 * for the Checkov gate. The unit project never runs Terraform.
 */
export default function globalSetup(): void {
  claimJestRun('unit');
  const root = path.resolve(__dirname, '..', '..');
  clearRecordedStacks(root);
  clearTestStacks(root);
}
