import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeTerraformCliConfig } from '../../scripts/lib/terraform-cli-config';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for terraform: the project's CLI config (offline provider mirror), no prompts, no checkpoint calls. */
function terraformEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...writeTerraformCliConfig(REPO_ROOT).env };
}

/** Runs terraform in `cwd`; never throws on a non-zero exit (callers assert on `status`). */
export function terraform(cwd: string, args: readonly string[]): TerraformResult {
  const result = spawnSync('terraform', [...args], { cwd, env: terraformEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs terraform and fails with its output when it exits non-zero. */
export function terraformOk(cwd: string, args: readonly string[]): string {
  const result = terraform(cwd, args);
  if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Copies a folder (files and subfolders), skipping Terraform working files. */
export function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '.terraform' || entry.name === '.terraform.lock.hcl' || entry.name.endsWith('.tfstate')) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyDir(source, target);
    else fs.copyFileSync(source, target);
  }
}

/** One diagnostic of `terraform validate -json`. */
export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  readonly snippet?: { readonly context?: string };
}

/**
 * The diagnostics of `terraform plan -json` in `cwd` (machine-readable UI lines of type "diagnostic"). Plan, not
 * validate: `terraform validate` skips validation rules that refer to other variables.
 */
export function planDiagnostics(cwd: string, args: readonly string[] = []): { status: number; diagnostics: Diagnostic[] } {
  const result = terraform(cwd, ['plan', '-json', '-input=false', '-no-color', '-lock=false', ...args]);
  const diagnostics = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type: string; diagnostic?: Diagnostic })
    .filter((line) => line.type === 'diagnostic' && line.diagnostic)
    .map((line) => line.diagnostic!);
  return { status: result.status, diagnostics };
}

/** Provider settings for an offline plan (test copies only): fake static keys and the provider's skip flags. */
export const OFFLINE_PROVIDER_HCL = `provider "aws" {
  access_key                  = "AKIAOFFLINEPLAN00000"
  secret_key                  = "offline-plan-not-a-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}
`;
