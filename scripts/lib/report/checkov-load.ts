import * as fs from 'fs';
import * as path from 'path';
import { loadAllowlistFile } from '../checkov/allowlist';
import { stackLookupsOf } from '../checkov/collect';
import { parseCheckovJson } from '../checkov/results';
import { CHECKOV_REPORT_FILES } from '../checkov/settings';
import { contentHash } from '../checkov/test-stacks';
import { freshnessOf, summarizeCheckov, type CheckovSummary, type Freshness } from './checkov';
import { readJson } from './json';

/** Where `npm run scan` leaves its output. */
export interface CheckovLocations {
  /** `reports/checkov`: `<config>/results_json.json` and `summary.md`. */
  readonly reportsDir: string;
  /** `.scan-out`: the JSON each config was scanned as, `<config>/stacks/<stack>/cdk.tf.json`. */
  readonly scanOutDir: string;
  /** The reviewed allowlist (`checkov-allowlist.yaml`). */
  readonly allowlistFile: string;
}

/** The Checkov part of the report. */
export type CheckovSection =
  | { readonly kind: 'not-run'; readonly config: string; readonly scannedConfigs: readonly string[] }
  | { readonly kind: 'error'; readonly config: string; readonly message: string }
  | {
      readonly kind: 'results';
      readonly config: string;
      /** Modification time of the JSON report. */
      readonly scannedAt: Date;
      /** The JSON report, as given. */
      readonly resultsFile: string;
      /** `summary.md` beside the per-config folders, when present. */
      readonly summaryFile?: string;
      readonly summary: CheckovSummary;
      readonly freshness: Freshness;
    };

/** Configs that have a JSON report under `reportsDir`. */
export function scannedConfigs(reportsDir: string): string[] {
  if (!fs.existsSync(reportsDir)) return [];
  return fs
    .readdirSync(reportsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(reportsDir, e.name, CHECKOV_REPORT_FILES.json)))
    .map((e) => e.name)
    .sort();
}

function hashes(stacksDir: string, stackNames: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stack of stackNames) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (fs.existsSync(file)) out.set(stack, contentHash(fs.readFileSync(file, 'utf8')));
  }
  return out;
}

/**
 * Reads the Checkov results `npm run scan` wrote for `config` and judges them against the current synth
 * (`stacksDir` holds its `<stack>/cdk.tf.json`) with the allowlist. Never throws: problems become an `error` section.
 */
export function loadCheckovSection(config: string, stacksDir: string, stackNames: readonly string[], where: CheckovLocations): CheckovSection {
  const resultsFile = path.join(where.reportsDir, config, CHECKOV_REPORT_FILES.json);
  if (!fs.existsSync(resultsFile)) return { kind: 'not-run', config, scannedConfigs: scannedConfigs(where.reportsDir) };
  try {
    const results = parseCheckovJson(readJson(resultsFile));
    const allowlist = loadAllowlistFile(where.allowlistFile, path.basename(where.allowlistFile)).entries;
    const summary = summarizeCheckov({ config, stackNames, results, stacks: stackLookupsOf(stacksDir, stackNames), allowlist });
    const scannedStacks = path.join(where.scanOutDir, config, 'stacks');
    const freshness = freshnessOf(hashes(stacksDir, stackNames), hashes(scannedStacks, stackNames), new Set(results.checks.map((c) => c.stack)));
    const summaryFile = path.join(where.reportsDir, 'summary.md');
    const base = { kind: 'results' as const, config, scannedAt: fs.statSync(resultsFile).mtime, resultsFile, summary, freshness };
    return fs.existsSync(summaryFile) ? { ...base, summaryFile } : base;
  } catch (error) {
    return { kind: 'error', config, message: error instanceof Error ? error.message : String(error) };
  }
}
