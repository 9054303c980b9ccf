import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { ModuleDefinition } from './module-definition';
import { moduleElementNames, renameElements } from './addresses';
import { partitionServicePrincipals } from './service-principals';
import { MODULE_TAGS_KEY, ModuleStack, type Placeholder } from './module-stack';

type Json = Record<string, unknown>;

/**
 * Terraform version the modules need (validation blocks that refer to other variables, `optional()` object
 * attributes). Written to each module's `versions.tf` (HCL), never to the JSON files: `terraform.required_version`
 * in Terraform JSON makes Checkov 3.3.30's terraform_json parser give up on the whole file (it expects every
 * attribute of the terraform block to be an object), and the gate scans only the JSON files (see
 * scripts/lib/checkov/module-scan.ts), so `versions.tf` is never parsed by Checkov.
 */
export const MODULE_REQUIRED_VERSION = '>= 1.9.0';
/** The AWS provider the modules were generated against (@cdktf/provider-aws 20.1.0 = hashicorp/aws 5.100.0), or newer. */
export const MODULE_AWS_PROVIDER_CONSTRAINT = '>= 5.100.0';

/**
 * Synthesizes one module definition into standalone module JSON: a TerraformStack with no AwsProvider in an App
 * with `skipValidation` (which skips cdktf's "no provider" check), cdktf's local backend removed, only
 * `required_version` and `required_providers` in the terraform block (which the writer turns into `versions.tf`). The App writes to a temporary folder that is
 * removed again; the result is returned, never a path.
 */
export function synthModule(definition: ModuleDefinition): Json {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `export-${definition.name}-`));
  try {
    const app = new App({ outdir, skipValidation: true });
    const stack = new ModuleStack(app, definition.name);
    definition.build(stack);
    stack.addOverride('terraform.required_providers', { aws: { source: 'hashicorp/aws', version: MODULE_AWS_PROVIDER_CONSTRAINT } });
    stack.addOverride('terraform.required_version', MODULE_REQUIRED_VERSION);
    stack.addOverride('terraform.backend', undefined);
    app.synth();
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', definition.name, 'cdk.tf.json'), 'utf8')) as Json;
    const renamed = renameElements(synthesized, moduleElementNames(stack));
    return finishModuleJson(definition.name, renamed, stack.placeholders, stack.forbiddenSubstrings, stack.numberPlaceholders);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Turns cdktf's stack JSON into the module: drops cdktf's `//` metadata (it names cdktf's local backend and the stack,
 * neither of which exists for a module), replaces placeholders and the tags marker, then checks the result.
 */
export function finishModuleJson(
  name: string,
  synthesized: Json,
  placeholders: readonly Placeholder[],
  forbidden: readonly string[] = [],
  numbers: ReadonlyArray<{ readonly literal: number; readonly expression: string }> = [],
): Json {
  let json = stripMetadata(synthesized) as Json;
  json = mapNumbers(json, (n) => {
    const p = numbers.find((candidate) => candidate.literal === n);
    return p ? `\${${p.expression}}` : n;
  }) as Json;
  json = mapStrings(json, (value) => replacePlaceholders(value, placeholders)) as Json;
  json = partitionServicePrincipals(json);
  json = replaceModuleTags(json) as Json;
  const problems = moduleProblems(json, placeholders);
  for (const text of forbidden) if (JSON.stringify(json).includes(text)) problems.push(`still holds ${text}`);
  if (problems.length > 0) throw new Error(`exported module ${name}: ${problems.join('; ')}`);
  return json;
}

function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Json).filter(([key]) => key !== '//').map(([key, v]) => [key, stripMetadata(v)]));
  }
  return value;
}

function mapNumbers(value: unknown, map: (n: number) => unknown): unknown {
  if (typeof value === 'number') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapNumbers(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, mapNumbers(v, map)]));
  return value;
}

function mapStrings(value: unknown, map: (s: string) => unknown): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

function replacePlaceholders(value: string, placeholders: readonly Placeholder[]): string {
  let result = value;
  for (const p of placeholders) {
    if (p.match === 'value' && result === p.literal) result = `\${${p.expression}}`;
    else if (p.match === 'substring' && result.includes(p.literal)) result = result.split(p.literal).join(`\${${p.expression}}`);
  }
  return result;
}

/** `{ MODULE_TAGS_KEY: ..., Name: "x" }` -> `${merge(var.tags, {"Name" = "x"})}`; alone -> `${var.tags}`. */
function replaceModuleTags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(replaceModuleTags);
  if (value && typeof value === 'object') {
    const object = value as Json;
    if (MODULE_TAGS_KEY in object) {
      const rest = Object.entries(object).filter(([key]) => key !== MODULE_TAGS_KEY);
      if (rest.length === 0) return '${var.tags}';
      return `\${merge(var.tags, {${rest.map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`).join(', ')}})}`;
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, replaceModuleTags(v)]));
  }
  return value;
}

/** What must never be in an exported module. */
export function moduleProblems(json: Json, placeholders: readonly Placeholder[] = []): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(json);
  if ('provider' in json) problems.push('has a provider block (a module must inherit its provider)');
  const terraform = (json.terraform ?? {}) as Json;
  if ('backend' in terraform || 'cloud' in terraform) problems.push('has a backend (a module never has one)');
  const extra = Object.keys(terraform).filter((key) => key !== 'required_providers' && key !== 'required_version');
  if (extra.length > 0) problems.push(`has ${extra.join(', ')} in the terraform block (only required_version and required_providers belong there)`);
  if (terraform.required_version !== MODULE_REQUIRED_VERSION) problems.push(`does not require Terraform ${MODULE_REQUIRED_VERSION}`);
  const aws = ((terraform.required_providers ?? {}) as Json).aws as Json | undefined;
  if (!aws || aws.source !== 'hashicorp/aws') problems.push('does not declare required_providers.aws');
  if (text.includes(MODULE_TAGS_KEY)) problems.push('still holds the tags marker');
  if (/TfToken|Token\[/.test(text)) problems.push('holds an unresolved cdktf token');
  const tokenNumbers: number[] = [];
  const walkNumbers = (value: unknown): void => {
    if (typeof value === 'number' && Math.abs(value) > 1e300) tokenNumbers.push(value);
    else if (Array.isArray(value)) value.forEach(walkNumbers);
    else if (value && typeof value === 'object') Object.values(value).forEach(walkNumbers);
  };
  walkNumbers(json);
  if (tokenNumbers.length > 0) problems.push(`holds a number token that was computed with (${tokenNumbers[0]}): set that attribute with an HCL expression`);
  const strings: string[] = [];
  mapStrings(json, (s) => strings.push(s));
  for (const p of placeholders) {
    const left = p.match === 'value' ? strings.includes(p.literal) : text.includes(p.literal);
    if (left) problems.push(`still holds placeholder ${p.literal}`);
  }
  const absolute = [os.tmpdir(), process.cwd(), os.homedir()].find((dir) => dir.length > 1 && text.includes(dir));
  if (absolute) problems.push(`holds an absolute path (${absolute})`);
  return problems;
}
