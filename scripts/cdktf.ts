/**
 * `npm run cdktf -- <command> [args]` (and `npm run synth|diff|deploy -- ...`): the cdktf CLI with this project's
 * setup done first, so it works on a fresh machine: the Terraform CLI config for the offline provider mirror
 * (TF_CLI_CONFIG_FILE), `--config FILE` passed to the app as BASELINE_CONFIG, and `--skip-provider-lock` for commands
 * that init (see scripts/lib/cdktf-args.ts). Exits with cdktf's exit code.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { cdktfInvocation, COMMANDS_THAT_INIT } from './lib/cdktf-args';
import { warmPluginCache, writeTerraformCliConfig } from './lib/terraform-cli-config';

const root = path.resolve(__dirname, '..');
try {
  const invocation = cdktfInvocation(process.argv.slice(2));
  // synth and list never run Terraform: they need no provider mirror (and work on a machine without one).
  const command = invocation.args.find((a) => !a.startsWith('-'));
  let terraformEnv: Record<string, string> = {};
  if (command !== undefined && COMMANDS_THAT_INIT.includes(command)) {
    const setup = writeTerraformCliConfig(root);
    warmPluginCache(setup);
    terraformEnv = setup.env;
  }
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'cdktf.cmd' : 'cdktf');
  const run = spawnSync(bin, [...invocation.args], { stdio: 'inherit', env: { ...process.env, ...terraformEnv, ...invocation.env } });
  if (run.error) throw run.error;
  process.exitCode = run.status ?? 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
