import * as fs from 'fs';
import * as path from 'path';
import { loadAllowlistFile, parseAllowlist } from '../../scripts/lib/checkov/allowlist';
import { configOverride } from '../../scripts/lib/checkov/configs';
import type { Finding } from '../../scripts/lib/checkov/findings';
import { entryMatches } from '../../scripts/lib/checkov/matching';
import { stackFacts } from '../../scripts/lib/checkov/stack-facts';
import { renamedExampleText } from '../../scripts/lib/checkov/renamed-example';
import { EXAMPLE_CONFIG_PATH, parseConfigText, parseOrganization, type OrganizationInput } from '../../config';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';

const ROOT = path.resolve(__dirname, '..', '..');
const REASON = 'Global resource types are recorded once per account, in the home Region.';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    config: 'my-organisation',
    stack: 'acme-prod-eu-west-1',
    checkId: 'CKV2_AWS_48',
    checkName: 'Ensure AWS Config must record all possible resources',
    status: 'failed',
    resource: 'aws_config_configuration_recorder.detection_config-recorder_Recorder_0E6E8F6C',
    constructPath: 'acme-prod-eu-west-1/detection/config-recorder/Recorder',
    role: 'workload',
    homeRegion: false,
    ...overrides,
  };
}

describe('the Checkov gate on any config', () => {
  const outdir = synthOrg(exampleOrg()).outdir;
  const stackJson = (name: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as unknown;

  it('reads each stack account role and whether it is the home-Region stack from the synthesized JSON', () => {
    const org = exampleOrg();
    for (const account of org.accounts) {
      for (const region of account.regions) {
        expect(stackFacts(stackJson(`${account.name}-${region}`))).toEqual({ role: account.role, homeRegion: region === org.homeRegion });
      }
    }
    expect(stackFacts({ resource: { aws_s3_bucket: {} } })).toEqual({});
  });

  it('matches role and region conditions, and never matches a stack without those facts', () => {
    const entry = parseAllowlist(`entries:\n  - check: CKV2_AWS_48\n    region: other\n    resource: "*/detection/config-recorder/Recorder"\n    reason: ${REASON}\n`, 'x').entries[0]!;
    expect(entryMatches(entry, finding())).toBe(true);
    expect(entryMatches(entry, finding({ homeRegion: true }))).toBe(false);
    expect(entryMatches(entry, finding({ homeRegion: undefined, role: undefined }))).toBe(false);
    const byRole = { ...entry, region: 'any' as const, role: 'log-archive' };
    expect(entryMatches(byRole, finding({ role: 'log-archive' }))).toBe(true);
    expect(entryMatches(byRole, finding({ role: 'workload' }))).toBe(false);
  });

  it('rejects a region that is not home, other or any', () => {
    expect(() => parseAllowlist(`entries:\n  - check: CKV2_AWS_48\n    region: eu-west-1\n    resource: "*"\n    reason: ${REASON}\n`, 'x')).toThrow(
      /entries\[0\]\.region: must be "home" \(the account's home-Region stack\), "other" \(its other Regions\) or "any"/,
    );
  });

  it('ties no allowlist entry to the example config or to account names of the example', () => {
    const entries = loadAllowlistFile(path.join(ROOT, 'checkov-allowlist.yaml')).entries;
    const accountNames = exampleOrg().accounts.map((a) => a.name);
    for (const e of entries) {
      expect(e.config).not.toMatch(/example/);
      if (e.config === '*') for (const name of accountNames) expect(e.stack.includes(name)).toBe(false);
    }
  });

  it('scans the configs named by --config, else SCAN_CONFIGS, else BASELINE_CONFIG', () => {
    expect(configOverride(['--config', 'a.yaml', '--config=b.yaml'], { BASELINE_CONFIG: 'c.yaml' })).toBe('a.yaml,b.yaml');
    expect(configOverride([], { SCAN_CONFIGS: 'x.yaml', BASELINE_CONFIG: 'c.yaml' })).toBe('x.yaml');
    expect(configOverride([], { BASELINE_CONFIG: 'c.yaml' })).toBe('c.yaml');
    expect(configOverride([], {})).toBeUndefined();
    expect(() => configOverride(['--config'], {})).toThrow(/--config needs a file path/);
    expect(() => configOverride(['config.yaml'], {})).toThrow(/unknown argument "config.yaml"; usage: npm run scan \[-- --config FILE \.\.\.\]/);
  });

  it('builds the renamed copy the gate scans: other file and account names, the same organisation otherwise', () => {
    const text = renamedExampleText(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'));
    const renamed = parseOrganization(parseConfigText(text, 'renamed') as OrganizationInput, 'renamed');
    const example = exampleOrg();
    expect(renamed.accounts.map((a) => a.name)).toEqual(example.accounts.map((a) => `acme-${a.name}`));
    expect(renamed.accounts.map((a) => a.role)).toEqual(example.accounts.map((a) => a.role));
    expect(renamed.accounts.map((a) => a.id)).toEqual(example.accounts.map((a) => a.id));
  });
});
