import * as path from 'path';

/** The one pinned Checkov version; the venv is (re)built when `checkov --version` prints anything else. */
export const CHECKOV_VERSION = '3.3.30';

/** Repository root (this file lives in `scripts/lib/checkov/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Project-local virtualenv that holds Checkov (gitignored). */
export const DEFAULT_VENV_DIR = '.venv-checkov';
/** Where each scanned organisation is synthesized: `.scan-out/<config>/stacks/<stack>/cdk.tf.json`. */
export const SCAN_OUT_DIR = '.scan-out';
/** Where Checkov's reports and the Markdown summary go: `reports/checkov/<config>/...`. */
export const REPORTS_DIR = path.join('reports', 'checkov');
/** The reviewed allowlist, at the repository root. */
export const ALLOWLIST_FILE = 'checkov-allowlist.yaml';
/** Sample organisation configs that are scanned besides the built-in example. */
export const EXAMPLE_CONFIGS_DIR = path.join('examples', 'configs');
/** Scan name of the built-in example organisation. */
export const EXAMPLE_CONFIG_NAME = 'example';

/** Environment overrides understood by `npm run scan`. */
export const ENV = {
  /** Python used to create the venv (default `python3`). */
  python: 'PYTHON',
  /** Venv folder (default `.venv-checkov`, relative to the repository root). */
  venv: 'CHECKOV_VENV',
  /** Comma-separated config files to scan instead of the example + `examples/configs/*.yaml`. */
  configs: 'SCAN_CONFIGS',
} as const;

/** File names Checkov 3.3.30 writes into `--output-file-path` for `-o json -o junitxml -o sarif`. */
export const CHECKOV_REPORT_FILES = {
  json: 'results_json.json',
  junitxml: 'results_junitxml.xml',
  sarif: 'results_sarif.sarif',
} as const;
