import * as fs from 'fs';
import * as path from 'path';
import { emulatorEndpoints, EMULATOR_CREDENTIALS } from '../terraform/emulator-rewrite';
import type { EmulatorSeed } from './seed';
import { startEmulatorSession } from './session';
import type { EmulatorPaths } from './settings';
import { errorsInJsonLines, replanChanges, terraform, type ReplanChange, type TerraformError } from './terraform';

/**
 * The HCL side on the emulator: examples/hcl-estate (which composes the exported modules of terraform-modules/ with
 * for_each, two aliased providers, outputs fed across modules and an input unknown until apply) applied on moto
 * through the same session as the stacks (moto and the proxy on 127.0.0.1, stopped by pid), then re-planned: the
 * run passes when the apply has no error, the re-plan shows no change and the proxy refused nothing.
 *
 * Only a copy is changed: each provider block of the estate gets the emulator's endpoints and test credentials
 * (the rewrite the stacks get in scripts/lib/terraform/emulator-rewrite.ts, written as HCL). What moto cannot
 * serve is listed in HCL_ESTATE_EXCLUSIONS with its reason.
 */

/** An estate resource moto cannot serve: removed from the copy's module (by address inside the module) with the reason. */
export interface HclExclusion {
  /** `<module folder>/<resource type>.<name>` in terraform-modules/. */
  readonly resource: string;
  readonly reason: string;
}

/** Reviewed: each entry says what moto lacks. Empty when the estate applies as it is. */
export const HCL_ESTATE_EXCLUSIONS: readonly HclExclusion[] = [];

export interface HclEstateReport {
  readonly root: string;
  readonly resources: number;
  readonly applyErrors: readonly TerraformError[];
  readonly replanChanges: readonly ReplanChange[];
  readonly refusals: number;
  readonly excluded: readonly HclExclusion[];
  readonly initSeconds: number;
  readonly applySeconds: number;
  readonly replanSeconds: number;
  readonly status: 'passed' | 'failed';
}

const ESTATE = path.join('examples', 'hcl-estate');
const MODULES = 'terraform-modules';
const ACCOUNT = '123456789012';

/** The estate's seed: an organisation with the estate's account (the modules read nothing else from AWS). */
export function hclEstateSeed(regions: readonly string[]): EmulatorSeed {
  return {
    partition: 'aws',
    organization: { id: 'o-a1b2c3d4e5', rootId: 'r-ab12', managementAccountId: ACCOUNT, accounts: [{ id: ACCOUNT, name: 'estate', email: 'estate@example.com' }] },
    loadBalancers: [],
    lambdaFunctions: [],
    regions,
  };
}

/** Every resource and data source type of the modules the estate calls and of its root, as a stack-shaped object. */
function typesOfTree(modulesDir: string, estateMain: string): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = { resource: {}, data: {} };
  const called = [...fs.readFileSync(estateMain, 'utf8').matchAll(new RegExp(`source\\s*=\\s*"\\.\\./\\.\\./${MODULES}/([a-z0-9-]+)"`, 'g'))].map((m) => m[1]!);
  for (const name of [...new Set(called)]) {
    const file = path.join(modulesDir, name, 'main.tf.json');
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    for (const kind of ['resource', 'data'] as const) for (const type of Object.keys(json[kind] ?? {})) out[kind]![type] = {};
  }
  for (const match of fs.readFileSync(estateMain, 'utf8').matchAll(/^(resource|data) "(aws_[a-z0-9_]+)"/gm)) out[match[1]!]![match[2]!] = {};
  return out;
}

/** The HCL of the emulator settings inserted at the top of every `provider "aws"` block of the copy. */
export function emulatorProviderHcl(endpoints: Readonly<Record<string, string>>): string {
  const lines = [
    `  access_key                  = "${EMULATOR_CREDENTIALS.access_key}"`,
    `  secret_key                  = "${EMULATOR_CREDENTIALS.secret_key}"`,
    '  skip_credentials_validation = true',
    '  skip_metadata_api_check     = true',
    '  skip_requesting_account_id  = true',
    '  s3_use_path_style           = true',
    '  max_retries                 = 2',
    '  endpoints {',
    ...Object.entries(endpoints).map(([service, url]) => `    ${service} = "${url}"`),
    '  }',
  ];
  return `${lines.join('\n')}\n`;
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !/(^|\/)\.terraform(\.lock\.hcl)?$|\.tfstate$/.test(source) });
}

/** Removes an excluded resource from the copy's module JSON (and fails when it is not there: a stale exclusion). */
function applyExclusion(modulesDir: string, exclusion: HclExclusion): void {
  const [moduleName, address] = exclusion.resource.split('/') as [string, string];
  const [type, name] = address.split('.') as [string, string];
  const file = path.join(modulesDir, moduleName, 'main.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
  if (!json.resource?.[type]?.[name]) throw new Error(`stale HCL exclusion ${exclusion.resource}: no such resource`);
  delete json.resource[type]![name];
  if (Object.keys(json.resource[type]!).length === 0) delete json.resource[type];
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

const seconds = (start: number): number => Math.round((Date.now() - start) / 100) / 10;

/** Applies examples/hcl-estate on moto and re-plans it; the working copy is under `<workDir>/hcl-estate`. */
export async function applyHclEstate(paths: EmulatorPaths, log: (message: string) => void, onServers?: (stop: () => Promise<void>) => void): Promise<HclEstateReport> {
  const work = path.join(paths.workDir, 'hcl-estate');
  fs.rmSync(work, { recursive: true, force: true });
  const root = path.join(work, ESTATE);
  copyTree(path.join(paths.repoRoot, ESTATE), root);
  copyTree(path.join(paths.repoRoot, MODULES), path.join(work, MODULES));
  for (const exclusion of HCL_ESTATE_EXCLUSIONS) applyExclusion(path.join(work, MODULES), exclusion);

  const session = await startEmulatorSession(paths, hclEstateSeed(['us-east-1', 'eu-west-1']), path.join(work, 'moto'), log);
  onServers?.(() => session.stop());
  try {
    log(`moto on ${session.moto.endpoint} (pid ${session.moto.pid}), proxy on ${session.proxy.url}`);
    const endpoints = emulatorEndpoints(typesOfTree(path.join(work, MODULES), path.join(root, 'main.tf')), session.moto.endpoint);
    const versions = path.join(root, 'versions.tf');
    const text = fs.readFileSync(versions, 'utf8');
    const rewritten = text.replace(/^provider "aws" \{\n/gm, (block) => `${block}${emulatorProviderHcl(endpoints)}`);
    if (rewritten === text) throw new Error(`${versions} has no provider "aws" block to point at the emulator`);
    fs.writeFileSync(versions, rewritten);

    let start = Date.now();
    const init = await terraform(root, ['init', '-input=false', '-no-color'], session.env);
    if (init.code !== 0) throw new Error(`terraform init failed in ${root}:\n${init.stdout}\n${init.stderr}`);
    const initSeconds = seconds(start);

    start = Date.now();
    const apply = await terraform(root, ['apply', '-auto-approve', '-input=false', '-no-color', '-json', '-lock=false'], session.env);
    const applySeconds = seconds(start);
    const applyErrors = errorsInJsonLines(apply.stdout);
    if (apply.code !== 0 && applyErrors.length === 0) applyErrors.push({ summary: `terraform apply exited ${apply.code}`, detail: apply.stderr.slice(-2000) });
    log(`apply  ${applySeconds} s, ${applyErrors.length} errors`);

    start = Date.now();
    const plan = await terraform(root, ['plan', '-input=false', '-no-color', '-lock=false', '-out=replan.tfplan'], session.env);
    let changes: ReplanChange[] = [];
    if (plan.code === 0) {
      const shown = await terraform(root, ['show', '-json', '-no-color', 'replan.tfplan'], session.env);
      changes = replanChanges(shown.stdout);
    } else {
      applyErrors.push({ summary: 'terraform plan (re-plan) failed', detail: (plan.stderr || plan.stdout).slice(-2000) });
    }
    const replanSeconds = seconds(start);
    const state = await terraform(root, ['state', 'list'], session.env);
    const resources = state.stdout.split('\n').filter((line) => line.trim().length > 0 && !line.includes('.data.') && !line.startsWith('data.')).length;
    const refusals = session.proxy.refusals.length;
    const status = applyErrors.length === 0 && changes.length === 0 && refusals === 0 ? 'passed' : 'failed';
    return { root: ESTATE, resources, applyErrors, replanChanges: changes, refusals, excluded: HCL_ESTATE_EXCLUSIONS, initSeconds, applySeconds, replanSeconds, status };
  } finally {
    await session.stop();
  }
}
