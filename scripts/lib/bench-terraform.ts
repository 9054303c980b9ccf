import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { toOfflinePlan } from './terraform/offline-rewrite';
import { writeTerraformCliConfig } from './terraform-cli-config';
import type { TerraformTiming } from './bench-types';

interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{ readonly change?: { readonly actions?: readonly string[] } }>;
}

function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync('terraform', [...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`terraform ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stderr}${run.stdout}`);
  return { seconds, stdout: run.stdout };
}

/** Resource changes that do something (create, update, replace, delete) in `terraform show -json` output. */
export function countPlannedResources(showJson: string): number {
  const plan = JSON.parse(showJson) as PlanJson;
  return (plan.resource_changes ?? []).filter((rc) => !(rc.change?.actions ?? []).every((a) => a === 'no-op' || a === 'read')).length;
}

/**
 * Times `terraform init`, `validate` and `plan` of one synthesized stack after the offline rewrite (fake
 * credentials, local backend), in a temp folder removed afterwards, using the project's Terraform CLI config
 * (offline provider mirror). `stackJson` is the parsed `cdk.tf.json`.
 */
export function timeTerraform(stackName: string, stackJson: Record<string, unknown>, projectRoot: string): TerraformTiming {
  const setup = writeTerraformCliConfig(projectRoot);
  const env: NodeJS.ProcessEnv = { ...process.env, ...setup.env };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-terraform-'));
  try {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(toOfflinePlan(stackJson), null, 2));
    const init = terraform(['init', '-input=false', '-no-color'], dir, env);
    const validate = terraform(['validate', '-no-color'], dir, env);
    const plan = terraform(['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan'], dir, env);
    const show = terraform(['show', '-json', 'tfplan'], dir, env);
    return {
      stack: stackName,
      initS: init.seconds,
      validateS: validate.seconds,
      planS: plan.seconds,
      plannedResources: countPlannedResources(show.stdout),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
