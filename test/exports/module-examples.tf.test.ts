import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { EXPORTED_MODULES } from '../../exports';
import { Trust } from '../../modules/iam/trust';
import { DEFAULT_EXPORT_DIR } from '../../exports/lib/export-modules';
import { EXAMPLE_REGION } from '../../exports/lib/module-files';
import { OFFLINE_PROVIDER_HCL, REPO_ROOT, copyDir, tempDir, terraform, terraformOk } from './terraform-cli';

/**
 * Every module's examples/complete, planned offline in ONE working directory (one init, one validate, one plan for
 * all modules: CI time). The root calls each example as a module; in the copy, each example's provider block is
 * removed so that the examples inherit the root's offline provider (same Region). `terraform fmt -check` runs over
 * the whole committed tree.
 */

interface PlanJson {
  readonly resource_changes: Array<{
    readonly module_address?: string;
    readonly mode: string;
    readonly type: string;
    readonly change: { readonly actions: string[]; readonly after?: Record<string, unknown> };
  }>;
}

/** The offline attributes of OFFLINE_PROVIDER_HCL, for provider blocks inside the copied examples. */
const OFFLINE_PROVIDER_SETTINGS = OFFLINE_PROVIDER_HCL.split('\n').slice(1, -2).join('\n') + '\n';
const CHINA_REGION = 'cn-north-1';
const CHINA_CALL = 'china_cloudtrail';
const TREE = path.join(REPO_ROOT, DEFAULT_EXPORT_DIR);
const callName = (name: string): string => name.replace(/-/g, '_');

let tmp: string;
let planJson: PlanJson;
let validateOutput: string;

beforeAll(() => {
  tmp = tempDir('module-examples');
  copyDir(TREE, path.join(tmp, DEFAULT_EXPORT_DIR));
  const calls: string[] = [];
  for (const { name } of EXPORTED_MODULES) {
    const example = path.join(tmp, DEFAULT_EXPORT_DIR, name, 'examples', 'complete', 'main.tf');
    const text = fs.readFileSync(example, 'utf8');
    const withoutProvider = text.replace(new RegExp(`provider "aws" \\{\\n  region = "${EXAMPLE_REGION}"\\n\\}\\n`), '');
    if (withoutProvider === text) throw new Error(`${name}: examples/complete/main.tf has no provider block to replace`);
    // Aliased providers an example declares itself (another account's) get the offline settings in the copy.
    fs.writeFileSync(example, withoutProvider.replace(/provider "aws" \{\n/g, (block) => `${block}${OFFLINE_PROVIDER_SETTINGS}`));
    calls.push(`module "${callName(name)}" {\n  source = "./${DEFAULT_EXPORT_DIR}/${name}/examples/complete"\n}\n`);
  }
  const provider = OFFLINE_PROVIDER_HCL.replace('provider "aws" {', `provider "aws" {\n  region                      = "${EXAMPLE_REGION}"`);
  // One example once more under a China-shaped provider (aws-cn resolves offline): its principals follow the partition.
  const china = OFFLINE_PROVIDER_HCL.replace('provider "aws" {', `provider "aws" {\n  alias                       = "china"\n  region                      = "${CHINA_REGION}"`);
  calls.push(`module "${CHINA_CALL}" {\n  source    = "./${DEFAULT_EXPORT_DIR}/cloudtrail/examples/complete"\n  providers = { aws = aws.china }\n}\n`);
  fs.writeFileSync(path.join(tmp, 'main.tf'), `${provider}\n${china}\n${calls.join('\n')}`);
  terraformOk(tmp, ['init', '-input=false', '-no-color']);
  validateOutput = terraformOk(tmp, ['validate', '-no-color']);
  terraformOk(tmp, ['plan', '-input=false', '-no-color', '-lock=false', '-out=tfplan']);
  planJson = JSON.parse(terraformOk(tmp, ['show', '-json', '-no-color', 'tfplan'])) as PlanJson;
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('terraform-modules/*/examples/complete (one offline root)', () => {
  it('validates without warnings', () => {
    expect(validateOutput).toContain('Success! The configuration is valid.');
    expect(validateOutput).not.toContain('Warning');
  });

  it.each(EXPORTED_MODULES.map((d) => d.name))('plans the %s example: creates resources, changes nothing else', (name) => {
    const changes = planJson.resource_changes.filter((c) => c.mode === 'managed' && (c.module_address ?? '').startsWith(`module.${callName(name)}.`));
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
  });

  it('renders the iam-role example\'s trust as the trust builders of modules/iam write it (same statements, same order)', () => {
    const role = planJson.resource_changes.find((c) => c.type === 'aws_iam_role' && c.module_address === 'module.iam_role.module.iam_role');
    const planned = JSON.parse(String(role?.change.after?.assume_role_policy)) as { Statement: unknown[] };
    const context = { scope: Testing.app(), prop: 'trust', partition: 'aws' as const, roleAccountId: '123456789012' };
    // The example's trust input: services, then accounts by label (auditor, operators), then SAML providers.
    const expected = [
      Trust.service('lambda.amazonaws.com', { sourceAccount: '123456789012' }),
      Trust.account({ accountId: '210987654321', externalId: 'example-auditor-2026-external-id' }),
      Trust.account({ accountId: '123456789012', principalArnPatterns: ['arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*'] }),
      Trust.saml({ providerArn: 'arn:aws:iam::123456789012:saml-provider/corporate-idp' }),
    ].flatMap((t) => t.statements(context).map((s) => s.toJson()));
    expect(planned.Statement).toEqual(expected);
  });

  it('plans the cloudtrail example under an aws-cn provider with the partition\'s ARNs and service principals', () => {
    const changes = planJson.resource_changes.filter((c) => c.mode === 'managed' && (c.module_address ?? '').startsWith(`module.${CHINA_CALL}.`));
    const text = JSON.stringify(changes.map((c) => c.change.after));
    expect(changes.length).toBeGreaterThan(0);
    // The provider's service-principal table: CloudTrail keeps amazonaws.com in China; regional names take the partition's suffix.
    expect(text).toContain('cloudtrail.amazonaws.com\\"');
    expect(text).toContain(`logs.${CHINA_REGION}.amazonaws.com.cn`);
    expect(text).toContain('arn:aws-cn:');
    expect(text).not.toContain('arn:aws:');
  });

  it('is terraform fmt clean (every .tf file of the committed tree)', () => {
    const result = terraform(TREE, ['fmt', '-check', '-recursive', '-no-color']);
    expect({ status: result.status, files: result.stdout.trim() }).toEqual({ status: 0, files: '' });
  });
});
