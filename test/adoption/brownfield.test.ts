import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { loadOrganizationFile, parseOrganization } from '../../config';
import { ConfigError, type ConfigProblem } from '../../config/errors';
import { synthOrg } from '../support/org-synth';
import { stackJson, stackText, tempDir } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { buildReport } from '../../scripts/lib/report/build';
import { toOfflinePlan } from '../../scripts/lib/terraform/offline-rewrite';
import { parseControlTowerTable } from '../../scripts/lib/report/control-tower';
import { renderCis } from '../../scripts/lib/report/render-cis';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const SAMPLES = path.join(PROJECT_ROOT, 'examples', 'configs');
const CIS_DOC = path.join(PROJECT_ROOT, 'docs', 'cis-controls.md');
type Raw = Record<string, unknown> & { accounts: Array<Record<string, unknown>> };
const raw = (file: string): Raw => parseYaml(fs.readFileSync(path.join(SAMPLES, file), 'utf8')) as Raw;

function problemsOf(input: unknown): readonly ConfigProblem[] {
  try {
    parseOrganization(input, 'bad.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

/** The import blocks of a synthesized stack: address -> id. */
function importsOf(outdir: string, stack: string): Record<string, string> {
  const json = stackJson(outdir, stack) as unknown as { import?: Array<{ to: string; id: string }> };
  return Object.fromEntries((json.import ?? []).map((i) => [i.to, i.id]));
}

function importedTypes(outdir: string, stack: string): Record<string, string> {
  return Object.fromEntries(Object.entries(importsOf(outdir, stack)).map(([to, id]) => [to.split('.')[0]!, id]));
}

describe('brownfield adoption sample (examples/configs/brownfield-adoption.yaml)', () => {
  const org = loadOrganizationFile(path.join(SAMPLES, 'brownfield-adoption.yaml'));
  const { outdir } = synthOrg(org);

  it('imports every adopted resource of the management account, with the id AWS knows it by', () => {
    expect(importedTypes(outdir, 'management-us-east-1')).toEqual({
      aws_iam_account_password_policy: 'iam-account-password-policy',
      aws_s3_account_public_access_block: '240000000001',
      aws_guardduty_detector: 'a4b6c8d0e2f41a3b5c7d9e1f2a3b4c5d',
      aws_config_configuration_recorder: 'default',
      aws_config_configuration_recorder_status: 'default',
      aws_config_delivery_channel: 'default',
      aws_securityhub_account: '240000000001',
      aws_accessanalyzer_analyzer: 'ConsoleAnalyzer-4f2a',
      aws_ebs_encryption_by_default: 'us-east-1',
      aws_organizations_organization: 'o-b7f1c2d3e4',
    });
  });

  it('keeps the adopted analyzer name, so the import is not a replacement', () => {
    expect(stackText(outdir, 'management-us-east-1')).toHaveResourceWithProperties(AccessanalyzerAnalyzer, { analyzer_name: 'ConsoleAnalyzer-4f2a', type: 'ACCOUNT' });
  });

  it('owns trusted access and policy types on the adopted organisation, keeping what config lists, and never destroys it', () => {
    const text = stackText(outdir, 'management-us-east-1');
    expect(text).toHaveResourceWithProperties(OrganizationsOrganization, {
      feature_set: 'ALL',
      enabled_policy_types: ['SERVICE_CONTROL_POLICY'],
      lifecycle: { prevent_destroy: true },
    });
    const organization = Object.values((stackJson(outdir, 'management-us-east-1').resource as Record<string, Record<string, { aws_service_access_principals: string[] }>>).aws_organizations_organization!)[0]!;
    expect(organization.aws_service_access_principals).toEqual(expect.arrayContaining(['guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'config.amazonaws.com', 'sso.amazonaws.com']));
  });

  it('leaves the import blocks out of the offline plan copy only (importing needs AWS; the emulator run proves it)', () => {
    const production = stackJson(outdir, 'management-us-east-1') as unknown as Record<string, unknown>;
    expect(production.import).toHaveLength(10);
    expect(toOfflinePlan(production)).not.toHaveProperty('import');
    expect(toOfflinePlan(production).resource).toEqual(production.resource);
  });

  it('imports an existing organisation trail by its ARN, under the name config gives it', () => {
    const input = raw('brownfield-adoption.yaml');
    (input.accounts[0]!.adopt as Raw).trail = true;
    input.detection = { cloudTrail: { trailName: 'org-trail' } };
    const adopted = synthOrg(parseOrganization(input, 'adopt-trail.yaml'));
    const trail = Object.entries(importsOf(adopted.outdir, 'management-us-east-1')).find(([to]) => to.startsWith('aws_cloudtrail.'));
    expect(trail?.[1]).toBe('arn:aws:cloudtrail:us-east-1:240000000001:trail/org-trail');
    expect(stackText(adopted.outdir, 'management-us-east-1')).toHaveResourceWithProperties(Cloudtrail, { name: 'org-trail' });
    expectValidAndPlannable(adopted.outdir, ['management-us-east-1']);
  });

  it('imports nothing in the accounts that adopt nothing', () => {
    expect(importsOf(outdir, 'security-us-east-1')).toEqual({});
    expect(importsOf(outdir, 'log-archive-us-east-1')).toEqual({});
  });

  it('passes validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});

describe('Control Tower sample (examples/configs/control-tower.yaml)', () => {
  const org = loadOrganizationFile(path.join(SAMPLES, 'control-tower.yaml'));
  const synth = synthOrg(org);
  const { outdir, stackNames } = synth;

  it('builds no trail anywhere, and no Config recorder or aggregator in the governed Region', () => {
    for (const stack of stackNames) {
      const json = stackJson(outdir, stack);
      expect(Object.keys(json.resource ?? {})).not.toContain('aws_cloudtrail');
      expect(Object.keys(json.resource ?? {})).not.toContain('aws_config_configuration_aggregator');
      if (stack.endsWith('us-east-1')) expect(stackText(outdir, stack)).not.toHaveResource(ConfigConfigurationRecorder);
    }
  });

  it('records Config itself in the Region Control Tower does not govern', () => {
    expect(stackText(outdir, 'management-us-west-2')).toHaveResource(ConfigConfigurationRecorder);
    expect(stackText(outdir, 'audit-us-west-2')).toHaveResource(ConfigConfigurationRecorder);
  });

  it('puts the CIS 4.x metric filters on the Control Tower trail log group, in the management account home Region', () => {
    const filters = Object.values((stackJson(outdir, 'management-us-east-1').resource as Record<string, Record<string, { log_group_name: string }>>).aws_cloudwatch_log_metric_filter ?? {});
    expect(filters.length).toBeGreaterThanOrEqual(14);
    expect(new Set(filters.map((f) => f.log_group_name))).toEqual(new Set(['aws-controltower/CloudTrailLogs']));
    expect(stackText(outdir, 'management-us-east-1')).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { log_group_name: 'aws-controltower/CloudTrailLogs' });
  });

  it('reports each CIS control as delivered by Control Tower, by the baseline, or not at all', () => {
    const emptyScan = tempDir('ct-report-');
    const data = buildReport({
      org,
      configFile: path.join(SAMPLES, 'control-tower.yaml'),
      configName: 'control-tower',
      synth,
      projectRoot: PROJECT_ROOT,
      cisDoc: CIS_DOC,
      checkov: { reportsDir: path.join(emptyScan, 'reports'), scanOutDir: path.join(emptyScan, 'scan'), allowlistFile: path.join(emptyScan, 'allowlist.yaml') },
    });
    const lines = renderCis(data.cis).split('\n');
    expect(lines).toContain('| CIS | Recommendation | Delivered by | Test | Test file |');
    const row = (control: string) => lines.find((l) => l.startsWith(`| ${control} |`)) ?? '';
    expect(row('3.1')).toMatch(/^\| 3\.1 \| CloudTrail enabled in all Regions \| Control Tower \|/);
    expect(row('3.8')).toContain('| not delivered |');
    expect(row('4.16')).toContain('| baseline |');
    expect(row('4.3')).not.toContain('Control Tower |');
  });

  it('reads a Control Tower row for controls of the CIS table only', () => {
    const controls = new Set(parseControlTowerTable(fs.readFileSync(CIS_DOC, 'utf8')).map((r) => r.control));
    expect(controls).toEqual(new Set(['3.1', '3.2', '3.3', '3.4', '3.5', '3.8', '3.9', '4.1-4.15']));
  });

  it('delegates the detection services to the audit account', () => {
    const text = stackText(outdir, 'management-us-east-1');
    expect(text).toContain('"admin_account_id": "250000000003"');
  });

  it('passes validate and plan in every stack', () => {
    expectValidAndPlannable(outdir);
  });
});

describe('bad adoption and Control Tower input is a config error naming path, value and fix', () => {
  it('refuses a GuardDuty detector id of the wrong shape', () => {
    const input = raw('brownfield-adoption.yaml');
    ((input.accounts[0]!.adopt as Raw).regions as Record<string, Record<string, unknown>>)['us-east-1']!.guardDutyDetectorId = 'detector-1';
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({ path: 'accounts[0].adopt.regions.us-east-1.guardDutyDetectorId', message: expect.stringMatching(/32 lower-case hex characters/) }),
    ]);
  });

  it('refuses an adopted Region the account does not run in', () => {
    const input = raw('brownfield-adoption.yaml');
    (input.accounts[1] as Raw).adopt = { regions: { 'eu-west-1': { securityHub: true } } };
    expect(problemsOf(input)).toEqual([expect.objectContaining({ path: 'accounts[1].adopt.regions.eu-west-1', message: expect.stringMatching(/not one of the account's Regions/) })]);
  });

  it('counts existing SCPs against the 5-per-target limit', () => {
    const input = raw('brownfield-adoption.yaml');
    ((input.adoption as Raw).existingServiceControlPolicies as Array<Record<string, unknown>>)[0]!.attached = 3;
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({
        path: 'identity.serviceControlPolicies.denyRootUser.targets',
        message: expect.stringMatching(/^r-b7f1 \(the root\) would carry 6 SCPs \(3 already attached \(adoption\.existingServiceControlPolicies, FullAWSAccess included\), .*\); AWS allows 5 per root, OU or account including FullAWSAccess: attach 1 of them/),
      }),
    ]);
  });

  it('refuses the baseline trail in Control Tower mode', () => {
    const input = raw('control-tower.yaml');
    (input.detection as Raw).cloudTrail = { enabled: true };
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({ path: 'detection.cloudTrail.enabled', message: expect.stringMatching(/Control Tower owns the organisation trail; set detection.cloudTrail.enabled: false/) }),
    ]);
  });

  it('refuses an audit account that is not the security account, and a landing-zone home Region that is not homeRegion', () => {
    const input = raw('control-tower.yaml');
    Object.assign(input.controlTower as Raw, { auditAccount: 'management', homeRegion: 'us-west-2' });
    expect(problemsOf(input).map((p) => p.path)).toEqual(expect.arrayContaining(['controlTower.homeRegion', 'controlTower.auditAccount', 'controlTower.governedRegions']));
  });

  it('refuses adopting a Config recorder in a Region Control Tower governs', () => {
    const input = raw('control-tower.yaml');
    (input.accounts[0] as Raw).adopt = { regions: { 'us-east-1': { configRecorderName: 'default' } } };
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({ path: 'accounts[0].adopt.regions.us-east-1.configRecorderName', message: expect.stringMatching(/Control Tower governs/) }),
    ]);
  });
});
