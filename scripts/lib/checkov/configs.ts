import * as path from 'path';
import { ScanError } from './errors';

/** One organisation config to synthesize and scan. */
export interface ScanConfig {
  /** Scan name: folder under `.scan-out/` and `reports/checkov/`, and what an allowlist entry's `config` glob matches. */
  readonly name: string;
  /** Absolute path of the config file. */
  readonly file: string;
}

/** Inputs for {@link scanConfigs}. */
export interface ScanConfigInputs {
  /** The built-in example config (scanned as {@link ScanConfigInputs.exampleName}). */
  readonly exampleFile: string;
  readonly exampleName: string;
  /** Files found in `examples/configs/` (any names; only `.yaml`/`.yml` are used). */
  readonly sampleFiles: readonly string[];
  /** Comma-separated override list (SCAN_CONFIGS); when non-empty it replaces the example and the samples. */
  readonly override?: string;
  /** Folder relative override paths resolve against. */
  readonly cwd: string;
}

const YAML_EXT = /\.ya?ml$/i;

/** Scan name of a config file: the example's fixed name, or the file's basename without `.yaml`/`.yml`. */
export function scanNameOf(file: string, exampleFile: string, exampleName: string): string {
  if (path.resolve(file) === path.resolve(exampleFile)) return exampleName;
  return path.basename(file).replace(YAML_EXT, '');
}

/**
 * The configs to scan: the override list when given, else the example plus every `*.yaml`/`*.yml` sample in name
 * order. Throws when two configs would share a scan name (their reports would overwrite each other).
 */
export function scanConfigs(inputs: ScanConfigInputs): ScanConfig[] {
  const overrides = (inputs.override ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const files = overrides.length > 0 ? overrides.map((f) => path.resolve(inputs.cwd, f)) : [inputs.exampleFile, ...inputs.sampleFiles.filter((f) => YAML_EXT.test(f)).sort()];
  const configs = files.map((file) => ({ name: scanNameOf(file, inputs.exampleFile, inputs.exampleName), file: path.resolve(file) }));
  const byName = new Map<string, string>();
  for (const c of configs) {
    const other = byName.get(c.name);
    if (other !== undefined) throw new ScanError(`Configs ${other} and ${c.file} would both be scanned as "${c.name}"; rename one`);
    byName.set(c.name, c.file);
  }
  return configs;
}

/** True when the scan covers an explicit subset (SCAN_CONFIGS) rather than the full default set. */
export function isPartialScan(override: string | undefined): boolean {
  return (override ?? '').split(',').some((s) => s.trim() !== '');
}

/**
 * The explicit config list of a scan, as SCAN_CONFIGS text: every `--config FILE` / `--config=FILE` of the command
 * line, else SCAN_CONFIGS, else BASELINE_CONFIG (the config the app itself would synthesize); undefined for the full
 * default set (the example, the samples and the recorded test stacks).
 */
export function configOverride(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const file = arg === '--config' ? argv[++i] : arg.startsWith('--config=') ? arg.slice('--config='.length) : null;
    if (file === null) throw new ScanError(`unknown argument ${JSON.stringify(arg)}; usage: npm run scan [-- --config FILE ...]`);
    if (file === undefined || file.trim() === '' || file.startsWith('--')) throw new ScanError('--config needs a file path, e.g. --config config/organisation.yaml');
    files.push(file);
  }
  if (files.length > 0) return files.join(',');
  for (const name of ['SCAN_CONFIGS', 'BASELINE_CONFIG']) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}
