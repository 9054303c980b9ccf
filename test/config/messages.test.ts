import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stringify as toYaml } from 'yaml';
import { ConfigError, type ConfigProblem } from '../../config/errors';
import { parseOrganization } from '../../config';
import { exampleInput } from '../support/orgs';
import { tempDir } from '../support/synth';
import { APP_LOADER_ARGS } from '../support/app-loader';

/**
 * Every message names the config path, the value (redacted where it could be a secret) and the fix, in the project's
 * words: never zod's defaults, `undefined` or `[object Object]`. The CLI prints each problem once and writes nothing.
 */

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const SECRET = 'hunter2-Very-Secret-Value';
const ZOD_DEFAULTS = /Too big|Too small|Invalid input|Invalid option|Unrecognized key|\bexpected\b/;

function problemsOf(change: (c: Raw) => void): readonly ConfigProblem[] {
  const input = exampleInput() as Raw;
  change(input);
  try {
    parseOrganization(input, 'messages.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('messages', () => {
  test.each<[string, (c: Raw) => void, string, RegExp]>([
    ['a port over 65535', (c) => (c.accounts[3].network.vpcs['us-east-1'].publicIngressPorts = [70000]), 'accounts[3].network.vpcs.us-east-1.publicIngressPorts[0]', /^must be at most 65535; use a smaller value$/],
    ['a version over its bound', (c) => (c.accounts[4].dataProtection.secrets[0].valueVersion = 1e21), 'accounts[4].dataProtection.secrets[0].valueVersion', /from 1 to/],
    ['a description over its length', (c) => (c.accounts[4].identity.githubDeployRoles[0].description = 'x'.repeat(1001)), 'accounts[4].identity.githubDeployRoles[0].description', /^must have at most 1000 characters; shorten it$/],
    ['a number where a string is wanted', (c) => (c.accounts[4].identity.githubDeployRoles[0].description = 5), 'accounts[4].identity.githubDeployRoles[0].description', /^must be a string \(text\)$/],
    ['a bad IAM role name pattern', (c) => (c.identity.permissionsBoundary = { policyName: 'has space' }), 'identity.permissionsBoundary.policyName', /^must be a policy name$/],
  ])('%s: path, plain words, no zod default', (_what, change, expectedPath, message) => {
    const problems = problemsOf(change);
    const p = problems.find((x) => x.path === expectedPath);
    expect(p).toBeDefined();
    expect(p!.message).toMatch(message);
    for (const x of problems) {
      expect(x.message).not.toMatch(ZOD_DEFAULTS);
      expect(x.message).not.toMatch(/\bundefined\b|\[object Object\]/);
    }
  });

  test.each<[string, (c: Raw) => void, string]>([
    ['a literal secret in the list of secrets', (c) => (c.accounts[4].dataProtection.secrets = [SECRET]), 'accounts[4].dataProtection.secrets[0]'],
    ['a literal secret in the list of parameters', (c) => (c.accounts[4].dataProtection.parameters = [SECRET]), 'accounts[4].dataProtection.parameters[0]'],
    ['a password key on a String parameter', (c) => (c.accounts[4].dataProtection.parameters = [{ type: 'String', application: 'a', name: 'b', value: 'c', password: SECRET }]), 'accounts[4].dataProtection.parameters[0].password'],
    ['an apiKey key on a String parameter', (c) => (c.accounts[4].dataProtection.parameters = [{ type: 'String', application: 'a', name: 'b', value: 'c', apiKey: SECRET }]), 'accounts[4].dataProtection.parameters[0].apiKey'],
    ['a token under an unknown key', (c) => (c.alerts.slackToken = SECRET), 'alerts.slackToken'],
  ])('%s is never echoed', (_what, change, expectedPath) => {
    const problems = problemsOf(change);
    const p = problems.find((x) => x.path === expectedPath);
    expect(p).toBeDefined();
    expect(p!.value).toBe('(redacted)');
    expect(JSON.stringify(problems)).not.toContain(SECRET);
  });
});

describe('the CLI', () => {
  const dir = tempDir('messages-cli-');

  function run(command: string[], configFile: string, env: Record<string, string> = {}) {
    return spawnSync(command[0]!, command.slice(1), {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BASELINE_CONFIG: configFile, ...env },
      encoding: 'utf8',
      timeout: 240_000,
    });
  }

  function badConfigFile(): string {
    const input = exampleInput() as Raw;
    input.defaultTags = { owner: '${timestamp()}' };
    input.accounts[2].id = '12345';
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, toYaml(input));
    return file;
  }

  test('main.ts with a config rejected at load: exit 1, each problem once on stderr, no output folder', () => {
    const outdir = path.join(dir, 'out-main');
    const result = run([process.execPath, ...APP_LOADER_ARGS, 'main.ts'], badConfigFile(), { CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr.match(/defaultTags\.owner: contains Terraform template syntax/g)).toHaveLength(1);
    expect(result.stderr.match(/accounts\[2\]\.id: must be exactly 12 digits/g)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('main.ts with a config rejected at build time (a module rule): exit 1, the config path, no output folder', () => {
    const input = exampleInput() as Raw;
    const resources = Array.from({ length: 40 }, (_v, i) => `arn:aws:s3:::example-prod-website/some/long/prefix/for/objects/number-${i}/*`);
    const statements = Array.from({ length: 10 }, (_v, i) => ({ sid: `Read${i}`, actions: ['s3:GetObject'], resources }));
    input.identity.identityCenter = { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef', permissionSets: [{ name: 'large', statements }] };
    const file = path.join(dir, 'too-large.yaml');
    fs.writeFileSync(file, toYaml(input));
    const outdir = path.join(dir, 'out-build');
    const result = run([process.execPath, ...APP_LOADER_ARGS, 'main.ts'], file, { CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^config identity\.identityCenter\.permissionSets\[0\]: .*over the 10240-character limit/s);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('cdktf synth: exit 1, each problem printed once, no output folder', () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cli-'));
    const outdir = path.join(cwd, 'cdktf.out');
    const result = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'cdktf'), ['synth', '--output', outdir], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BASELINE_CONFIG: badConfigFile(), CI: 'true', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    const all = `${result.stdout}\n${result.stderr}`;
    expect(result.status).toBe(1);
    expect(all.match(/defaultTags\.owner: contains Terraform template syntax/g)).toHaveLength(1);
    expect(all.match(/accounts\[2\]\.id: must be exactly 12 digits/g)).toHaveLength(1);
    expect(fs.existsSync(path.join(outdir, 'stacks'))).toBe(false);
  });
});
