import { CONFIG_ENV_VAR, CONFIG_FLAG } from '../../config/load';

/** cdktf 0.21 commands that run `terraform init` (and, without the flag, `terraform providers lock`). */
export const COMMANDS_THAT_INIT: readonly string[] = ['diff', 'plan', 'deploy', 'apply', 'destroy', 'output', 'outputs', 'watch'];

/** The cdktf command line and environment the wrapper runs. */
export interface CdktfInvocation {
  readonly args: readonly string[];
  /** Extra environment: BASELINE_CONFIG when `--config` was given. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Rewrites a `npm run cdktf -- <command> ...` command line for the cdktf CLI:
 * - `--config FILE` / `--config=FILE` is taken out and passed as BASELINE_CONFIG (the cdktf CLI accepts unknown flags
 *   silently and never hands them to the app, so a `--config` given to `npx cdktf` would be ignored);
 * - commands that run `terraform init` get `--skip-provider-lock`: cdktf would otherwise run `terraform providers lock`,
 *   which asks the registry for every platform's checksums and fails offline. `terraform init` still writes a lock
 *   file from the provider it installs from the mirror.
 */
export function cdktfInvocation(argv: readonly string[]): CdktfInvocation {
  const args: string[] = [];
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === CONFIG_FLAG || arg.startsWith(`${CONFIG_FLAG}=`)) {
      const file = arg === CONFIG_FLAG ? argv[++i] : arg.slice(CONFIG_FLAG.length + 1);
      if (file === undefined || file.trim() === '' || file.startsWith('--')) throw new Error(`${CONFIG_FLAG} needs a file path, e.g. ${CONFIG_FLAG} path/to/organization.yaml`);
      env[CONFIG_ENV_VAR] = file;
      continue;
    }
    args.push(arg);
  }
  const command = args.find((a) => !a.startsWith('-'));
  if (command && COMMANDS_THAT_INIT.includes(command) && !args.includes('--skip-provider-lock')) args.push('--skip-provider-lock');
  return { args, env };
}
