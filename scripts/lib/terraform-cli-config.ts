import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Provider the offline mirror must hold (the version @cdktf/provider-aws 20.1.0 was built for). */
export const AWS_PROVIDER_SOURCE = 'registry.terraform.io/hashicorp/aws';
export const AWS_PROVIDER_VERSION = '5.100.0';

/** Environment variable that names the provider mirror folder. */
export const MIRROR_ENV_VAR = 'TF_PROVIDER_MIRROR';

/** Places a filesystem mirror usually lives, searched in order when TF_PROVIDER_MIRROR is not set. */
export const DEFAULT_MIRROR_CANDIDATES: readonly string[] = [
  '/opt/tf-plugins',
  path.join(os.homedir(), '.terraform.d', 'plugins'),
  path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
];

/** Unpacked layout: `<mirror>/registry.terraform.io/hashicorp/aws/5.100.0/<os_arch>/`. */
function isUnpackedMirror(dir: string): boolean {
  return fs.existsSync(path.join(dir, AWS_PROVIDER_SOURCE, AWS_PROVIDER_VERSION));
}

/** Packed layout: `<mirror>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_<os_arch>.zip`. */
function isPackedMirror(dir: string): boolean {
  const folder = path.join(dir, AWS_PROVIDER_SOURCE);
  return fs.existsSync(folder) && fs.readdirSync(folder).some((f) => f.startsWith(`terraform-provider-aws_${AWS_PROVIDER_VERSION}_`) && f.endsWith('.zip'));
}

function holdsAwsProvider(dir: string): boolean {
  return isUnpackedMirror(dir) || isPackedMirror(dir);
}

/** The mirror folder: TF_PROVIDER_MIRROR if set, else the first default location that holds the AWS provider. */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[MIRROR_ENV_VAR];
  if (configured) {
    if (!holdsAwsProvider(configured)) {
      throw new Error(`${MIRROR_ENV_VAR}=${configured} holds no ${AWS_PROVIDER_SOURCE} ${AWS_PROVIDER_VERSION}; point it at a filesystem mirror (packed or unpacked layout)`);
    }
    return configured;
  }
  const found = DEFAULT_MIRROR_CANDIDATES.find(holdsAwsProvider);
  if (!found) {
    throw new Error(`no offline mirror of ${AWS_PROVIDER_SOURCE} ${AWS_PROVIDER_VERSION} found in ${DEFAULT_MIRROR_CANDIDATES.join(', ')}; set ${MIRROR_ENV_VAR}`);
  }
  return found;
}

export interface TerraformCliSetup {
  /** Path of the written CLI config (what TF_CLI_CONFIG_FILE must name). */
  readonly configFile: string;
  readonly mirror: string;
  /** Shared plugin cache, for a packed mirror only (undefined for an unpacked mirror). */
  readonly pluginCacheDir: string | undefined;
  /** Environment for terraform processes: CLI config, no phoning home, automation mode, garbage-collector pace. */
  readonly env: Record<string, string>;
}

/**
 * Go garbage-collector target for Terraform and the provider processes it starts (they inherit its environment).
 * Most of a test plan's CPU is the AWS provider starting and building its schema (validate starts it twice, plan
 * three times, show once), which allocates heavily: at GOGC=400 instead of Go's 100 a `terraform show -json`
 * measured 2.57 instead of 3.26 CPU-seconds (-21%), for about 120 MB more peak memory per provider process.
 * A GOGC already set in the environment is kept.
 */
export const TERRAFORM_GOGC = '400';

/**
 * The CLI config text: the AWS provider from the mirror only, nothing fetched from the network. A plugin cache is
 * added only for a packed (zip) mirror, where each `terraform init` would otherwise unpack 700 MB. An unpacked mirror
 * needs none: init links the provider folder straight from the mirror (measured: 28 KB per stack), and a cache in
 * front of it only adds a race, since concurrent inits re-create the cache's link and one can find it missing.
 */
export function renderCliConfig(mirror: string, pluginCacheDir: string | undefined): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER_SOURCE)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(AWS_PROVIDER_SOURCE)}]`,
    '  }',
    '}',
    ...(pluginCacheDir ? [`plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`] : []),
    'disable_checkpoint = true',
    '',
  ].join('\n');
}

/**
 * Writes `<projectRoot>/.terraform-cli/terraform.rc` and returns the environment that uses it. Each extra stack's
 * `terraform init` costs a link, not a 700 MB copy: straight from an unpacked mirror, or through a shared plugin
 * cache in front of a packed one.
 */
export function writeTerraformCliConfig(projectRoot: string, env: NodeJS.ProcessEnv = process.env): TerraformCliSetup {
  const mirror = findProviderMirror(env);
  const dir = path.join(projectRoot, '.terraform-cli');
  const pluginCacheDir = isUnpackedMirror(mirror) ? undefined : path.join(dir, 'plugin-cache');
  fs.mkdirSync(pluginCacheDir ?? dir, { recursive: true });
  const configFile = path.join(dir, 'terraform.rc');
  const text = renderCliConfig(mirror, pluginCacheDir);
  if (!fs.existsSync(configFile) || fs.readFileSync(configFile, 'utf8') !== text) fs.writeFileSync(configFile, text);
  return {
    configFile,
    mirror,
    pluginCacheDir,
    env: { TF_CLI_CONFIG_FILE: configFile, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', GOGC: env.GOGC || TERRAFORM_GOGC },
  };
}

/**
 * Fills the shared plugin cache once, from one process. Terraform's plugin cache is not safe for concurrent
 * first-time fills: two `terraform init` runs racing to populate it can leave one with "no package cached".
 * Later inits (any number at once) only link the cached provider.
 */
export function warmPluginCache(setup: TerraformCliSetup): void {
  if (!setup.pluginCacheDir) return;
  const marker = path.join(setup.pluginCacheDir, AWS_PROVIDER_SOURCE, AWS_PROVIDER_VERSION);
  if (fs.existsSync(marker)) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-warm-'));
  try {
    const config = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } };
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
    execFileSync('terraform', ['init', '-backend=false', '-input=false'], { cwd: dir, env: { ...process.env, ...setup.env }, stdio: 'pipe' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
