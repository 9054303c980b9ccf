import * as fs from 'fs';
import * as path from 'path';
import { toEmulator } from './emulator-rewrite';
import { toOfflinePlan, withLocalBackend } from './offline-rewrite';
import { EMPTY_STATE, EMPTY_STATE_FILE, offlineRemoteState } from './remote-state-placeholders';

/**
 * Rewritten copies of a synthesized output folder, for the harnesses that run Terraform on it (tests, bench,
 * plan, emulator). The production output is never touched: each rewrite writes a sibling folder.
 */

export interface Manifest {
  readonly stacks: Record<string, { readonly workingDirectory: string; readonly synthesizedStackPath: string }>;
}

export function readManifest(outdir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * Copies a synthesized output folder, rewriting each stack with `rewrite`, and returns the copy. Only
 * `manifest.json` and each `cdk.tf.json` are copied (assets are not used by this project).
 */
function rewrittenCopy(outdir: string, suffix: string, rewrite: (stack: Record<string, unknown>, name: string) => Record<string, unknown>, only?: readonly string[]): string {
  const copy = `${outdir.replace(/\/$/, '')}-${suffix}`;
  fs.rmSync(copy, { recursive: true, force: true });
  const manifest = readManifest(outdir);
  const missing = new Set(stacksNeedingUnmirroredProviders(outdir));
  const asked = (only ?? []).filter((name) => missing.has(name));
  if (asked.length > 0) {
    throw new Error(`${asked.join(', ')} need${asked.length === 1 ? 's' : ''} providers the offline mirror does not hold (only ${OFFLINE_MIRROR_PROVIDERS.join(', ')}); test ${asked.length === 1 ? 'it' : 'them'} structurally instead`);
  }
  const stacks = Object.fromEntries(Object.entries(manifest.stacks).filter(([name]) => (!only || only.includes(name)) && !missing.has(name)));
  for (const [name, stack] of Object.entries(stacks)) {
    const source = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as Record<string, unknown>;
    fs.mkdirSync(path.join(copy, stack.workingDirectory), { recursive: true });
    fs.writeFileSync(path.join(copy, stack.synthesizedStackPath), JSON.stringify(rewrite(source, name), null, 2));
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

/** Providers (required_providers keys) the offline mirror holds; only stacks limited to these can be validated and planned here. */
export const OFFLINE_MIRROR_PROVIDERS: readonly string[] = ['aws'];

/**
 * Stacks that need a provider the offline mirror does not hold (the `hcp-bootstrap` stack's `tfe`): the validate and
 * plan copies leave them out, and asking for one by name is an error.
 */
export function stacksNeedingUnmirroredProviders(outdir: string): string[] {
  return Object.entries(readManifest(outdir).stacks)
    .filter(([, stack]) => {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as { terraform?: { required_providers?: Record<string, unknown> } };
      return Object.keys(json.terraform?.required_providers ?? {}).some((provider) => !OFFLINE_MIRROR_PROVIDERS.includes(provider));
    })
    .map(([name]) => name);
}

/** Options of {@link emulatorDir}. */
export interface EmulatorDirOptions {
  /** Emulator base URL (`http://127.0.0.1:<port>`). */
  readonly endpoint: string;
  /** Absolute folder for the local state files of the copy (one `<stack>.tfstate` each). */
  readonly stateDir: string;
  /** Stacks to copy (default: all). */
  readonly only?: readonly string[];
}

/**
 * The folder the emulator harness applies: `<outdir>-emulator`, every stack through the emulator rewrite
 * (endpoints, test credentials, role assumption and account pin kept; local or emulated-s3 state; remote state read
 * from the producers' emulator state).
 */
export function emulatorDir(outdir: string, options: EmulatorDirOptions): string {
  const stateFile = (stack: string): string => path.join(options.stateDir, `${stack}.tfstate`);
  return rewrittenCopy(
    outdir,
    'emulator',
    (stack, name) => toEmulator(stack, { endpoint: options.endpoint, stateFile: stateFile(name), producerStateFile: stateFile }),
    options.only,
  );
}

/** Stack names in a synthesized output folder. */
export function stackNames(outdir: string): string[] {
  return Object.keys(readManifest(outdir).stacks);
}

