import * as fs from 'fs';
import * as path from 'path';
import { ConfigError } from '../../config/errors';
import { parseOrganization } from '../../config';
import { exampleInput } from '../support/orgs';
import { expectValidAndPlannable } from '../support/terraform';
import { POLICY_VARIABLES, synthPolicyVariablesOrg } from './policy-variables-org';

/**
 * Config text never becomes live Terraform. Terraform's JSON syntax evaluates `${...}` and `%{...}` in every string
 * and object key, so the schema refuses both in every key and value of the config (config/input-rules.ts), except IAM
 * policy variables in policy statement resources, which reach the JSON escaped (`$${...}`) and the plan as literals.
 */

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIVE = ['${timestamp()}', '${file("/etc/hostname")}', '%{ if true }x%{ endif }'];

function problemsOf(input: unknown) {
  try {
    parseOrganization(input, 'templates.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

/** Every output file's text, for scanning. */
function outputTexts(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.push({ file, text: fs.readFileSync(file, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

/** `${` / `%{` occurrences of `marker` not escaped as `$${` / `%%{`. */
function unescapedCount(text: string, marker: string): number {
  let count = 0;
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) if (at === 0 || text[at - 1] !== marker[0]) count++;
  return count;
}

describe('Terraform template syntax in the config', () => {
  test.each<[string, (c: Raw) => void, string]>([
    ['a default tag value', (c) => (c.defaultTags = { owner: '${timestamp()}' }), 'defaultTags.owner'],
    ['a default tag key', (c) => (c.defaultTags = { '${timestamp()}': 'x' }), 'defaultTags["${timestamp()}"]'],
    ['an account tag value (a file read at plan time)', (c) => (c.accounts[4].tags = { cost: '${file("~/.aws/credentials")}' }), 'accounts[4].tags.cost'],
    ['a template directive in a contact name', (c) => (c.accounts[0].securityContact.name = '%{ if true }x%{ endif }'), 'accounts[0].securityContact.name'],
    ['the break-glass tag value', (c) => (c.identity.breakGlass = { tagValue: '${timestamp()}' }), 'identity.breakGlass.tagValue'],
    ['a role description', (c) => (c.accounts[4].identity.githubDeployRoles[0].description = 'deploys ${var.x}'), 'accounts[4].identity.githubDeployRoles[0].description'],
    ['a deploy-role tag', (c) => (c.accounts[4].identity.githubDeployRoles[0].tags = { project: '${timestamp()}' }), 'accounts[4].identity.githubDeployRoles[0].tags.project'],
    [
      'a String parameter value',
      (c) => (c.accounts[4].dataProtection.parameters = [{ type: 'String', application: 'orders', name: 'db/endpoint', value: '${timestamp()}' }]),
      'accounts[4].dataProtection.parameters[0].value',
    ],
    ['an unknown key (still refused first as template text)', (c) => (c['${x}'] = 1), '["${x}"]'],
    ['a policy resource with a function call (not a policy variable)', (c) => (c.accounts[4].identity.githubDeployRoles[0].statements[0].resources = ['arn:aws:s3:::b/${timestamp()}']), 'accounts[4].identity.githubDeployRoles[0].statements[0].resources[0]'],
  ])('is refused in %s, naming the path once', (_what, change, expectedPath) => {
    const input = exampleInput() as Raw;
    change(input);
    const problems = problemsOf(input);
    const here = problems.filter((p) => p.path === expectedPath);
    expect(here).toHaveLength(1);
    expect(here[0]!.message).toMatch(/contains Terraform template syntax \("\$\{" or "%\{"\)/);
    expect(here[0]!.message).toMatch(/remove it|policy variable/);
  });

  test('one run lists every string that carries template syntax', () => {
    const input = exampleInput() as Raw;
    input.defaultTags = { a: LIVE[0], b: LIVE[1], c: LIVE[2] };
    input.accounts[1].tags = { [LIVE[0]!]: 'x' };
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['defaultTags.a', 'defaultTags.b', 'defaultTags.c', `accounts[1].tags[${JSON.stringify(LIVE[0])}]`]));
  });

  describe('IAM policy variables in statement resources (the one place a literal "${" is meant)', () => {
    const variables = POLICY_VARIABLES;
    let outdir: string;

    beforeAll(() => {
      outdir = synthPolicyVariablesOrg();
    });

    test('reach every output file escaped ($${...}), never live', () => {
      const files = outputTexts(outdir);
      expect(files.length).toBeGreaterThan(10);
      const all = files.map((f) => f.text).join('\n');
      for (const v of [...variables, '${aws:userid}']) {
        expect(all).toContain(`$${v}`);
        for (const { file, text } of files) expect({ file, marker: v, live: unescapedCount(text, v) }).toEqual({ file, marker: v, live: 0 });
      }
    });

    test('pass terraform validate and plan (the planned policy values: templates-plan.tf.test.ts)', () => {
      expectValidAndPlannable(outdir, ['workload-prod-us-east-1']);
    });
  });
});
