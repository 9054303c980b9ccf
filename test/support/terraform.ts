import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { toOfflinePlan, withLocalBackend } from './offline-plan';
import { EMPTY_STATE, EMPTY_STATE_FILE, offlineRemoteState } from './remote-state-placeholders';
import { recordTestStack } from '../../scripts/lib/checkov/test-stacks';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface Manifest {
  readonly stacks: Record<string, { readonly workingDirectory: string; readonly synthesizedStackPath: string }>;
}

function readManifest(outdir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Copies a synthesized output folder, rewriting each stack with `rewrite`, and returns the copy. Only
 * `manifest.json` and each `cdk.tf.json` are copied (assets are not used by this project).
 */
function rewrittenCopy(outdir: string, suffix: string, rewrite: (stack: Record<string, unknown>) => Record<string, unknown>, only?: readonly string[]): string {
  const copy = `${outdir.replace(/\/$/, '')}-${suffix}`;
  fs.rmSync(copy, { recursive: true, force: true });
  const manifest = readManifest(outdir);
  const stacks = Object.fromEntries(Object.entries(manifest.stacks).filter(([name]) => !only || only.includes(name)));
  for (const stack of Object.values(stacks)) {
    const source = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as Record<string, unknown>;
    fs.mkdirSync(path.join(copy, stack.workingDirectory), { recursive: true });
    fs.writeFileSync(path.join(copy, stack.synthesizedStackPath), JSON.stringify(rewrite(source), null, 2));
  }
  fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify({ ...manifest, stacks }, null, 2));
  return copy;
}

/**
 * The folder `toBeValidTerraform()` runs on: the production JSON with only the backend made local, so
 * `terraform init` needs no S3 bucket or HCP Terraform (validate never reads the backend or calls AWS).
 */
export function validateDir(outdir: string, only?: readonly string[]): string {
  return rewrittenCopy(outdir, 'validate', withLocalBackend, only);
}

/** The folder `toPlanSuccessfully()` runs on: the offline rewrite (fake credentials, skip flags, local backend). */
export function planDir(outdir: string, only?: readonly string[]): string {
  const manifest = readManifest(outdir);
  // cdktf names a cross-stack remote state `cross-stack-reference-input-<producer stack>`.
  const producerOutputs = (dataSourceName: string): Record<string, unknown> | undefined => {
    const producer = manifest.stacks[dataSourceName.replace(/^cross-stack-reference-input-/, '')];
    if (!producer) return undefined;
    const json = JSON.parse(fs.readFileSync(path.join(outdir, producer.synthesizedStackPath), 'utf8')) as { output?: Record<string, unknown> };
    return json.output;
  };
  const dir = rewrittenCopy(outdir, 'plan', (stack) => offlineRemoteState(toOfflinePlan(stack), producerOutputs), only);
  for (const stack of Object.values(readManifest(dir).stacks)) {
    fs.writeFileSync(path.join(dir, stack.workingDirectory, EMPTY_STATE_FILE), JSON.stringify(EMPTY_STATE));
  }
  return dir;
}

/** Stack names in a synthesized output folder. */
export function stackNames(outdir: string): string[] {
  return Object.keys(readManifest(outdir).stacks);
}

/**
 * Holds every stack in `outdir` to `terraform validate` and `terraform plan` (cdktf's matchers, which run the real
 * binary against the offline provider mirror). Call from a test: failures are jest assertion failures.
 */
export function expectValidAndPlannable(outdir: string, only?: readonly string[]): void {
  recordForCheckov(outdir, only);
  expect(validateDir(outdir, only)).toBeValidTerraform();
  expect(planDir(outdir, only)).toPlanSuccessfully();
}

/** Records the production JSON of the stacks for the Checkov gate (`npm run scan` scans them as `test-stacks`). */
function recordForCheckov(outdir: string, only?: readonly string[]): void {
  for (const [name, stack] of Object.entries(readManifest(outdir).stacks)) {
    if (only && !only.includes(name)) continue;
    recordTestStack(REPO_ROOT, name, fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
  }
}

/** A saved offline plan of one stack: `terraform show -json` of it, and the plan file's bytes. */
export interface SavedPlan {
  readonly showJson: string;
  readonly planFile: Buffer;
}

/**
 * Plans one stack offline (the `planDir` rewrite) into a saved plan, with the current environment (e.g. `TF_VAR_*`
 * values given at apply time), for tests that inspect what a plan would store.
 */
export function savedOfflinePlan(outdir: string, stackName: string): SavedPlan {
  const dir = path.join(planDir(outdir, [stackName]), 'stacks', stackName);
  const run = (...args: string[]): string => execFileSync('terraform', args, { cwd: dir, env: process.env, stdio: 'pipe' }).toString();
  run('init', '-input=false');
  run('plan', '-input=false', '-lock=false', '-out=tfplan');
  return { showJson: run('show', '-json', 'tfplan'), planFile: fs.readFileSync(path.join(dir, 'tfplan')) };
}
