import * as fs from 'fs';
import * as path from 'path';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { planDir, validateDir } from '../support/terraform';

/**
 * `expectValidAndPlannable` for stacks that read other stacks' outputs. The shared harness points each
 * `terraform_remote_state` at a missing local file with `defaults`; Terraform 1.11 only applies `defaults` to a state
 * that exists (a missing one fails with "Unable to find remote state"), so an empty state file is written at that
 * path in each stack of the plan copy. To be folded into test/support/terraform.ts (see the network hand-over note).
 */
export function expectValidAndPlannableWithRemoteState(outdir: string, only: readonly string[]): void {
  expect(validateDir(outdir, only)).toBeValidTerraform();
  const plan = planDir(outdir, only);
  for (const stack of only) {
    const stackDir = path.join(plan, 'stacks', stack);
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
      data?: { terraform_remote_state?: Record<string, { config?: { path?: string } }> };
    };
    for (const source of Object.values(json.data?.terraform_remote_state ?? {})) {
      const file = source.config?.path;
      if (file === undefined || path.isAbsolute(file)) continue;
      fs.writeFileSync(
        path.join(stackDir, file),
        JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: '00000000-0000-4000-8000-000000000000', outputs: {}, resources: [] }),
      );
    }
  }
  expect(plan).toPlanSuccessfully();
}
