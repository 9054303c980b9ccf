import * as fs from 'fs';
import * as path from 'path';
import { EXPORTED_MODULES } from '../../exports';
import { planSubnets } from '../../modules/network';
import { exportModules } from '../../exports/lib/export-modules';
import { OFFLINE_PROVIDER_HCL, REPO_ROOT, copyDir, tempDir, terraform, terraformOk } from './terraform-cli';

/**
 * The HCL example root (examples/hcl-estate) against freshly exported modules: the export goes to
 * `<tmp>/build/terraform-modules` and the example to `<tmp>/examples/hcl-estate`, the same relative layout as in the
 * repository, so the example's `source = "../../build/terraform-modules/<name>"` resolves unchanged.
 */

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'hcl-estate');
const ALL_TIERS = { public: {}, privateWithEgress: {}, isolated: {} };

interface PlannedResource {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: string;
  readonly type: string;
  readonly change: { readonly actions: string[]; readonly after: Record<string, unknown> };
}

interface ModuleCall {
  readonly source: string;
  readonly expressions: Record<string, { references?: string[]; constant_value?: unknown }>;
  readonly module: { readonly resources?: Array<{ mode: string; type: string }> };
}

interface PlanJson {
  readonly resource_changes: PlannedResource[];
  readonly configuration: { readonly provider_config: Record<string, unknown>; readonly root_module: { readonly module_calls: Record<string, ModuleCall>; readonly resources?: unknown[] } };
}

let tmp: string;
let root: string;

function plan(args: readonly string[] = []): PlanJson {
  terraformOk(root, ['plan', '-input=false', '-no-color', '-lock=false', '-out=tfplan', ...args]);
  return JSON.parse(terraformOk(root, ['show', '-json', '-no-color', 'tfplan'])) as PlanJson;
}

function subnetsByTier(planJson: PlanJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of planJson.resource_changes.filter((c) => c.type === 'aws_subnet')) {
    const tier = String((r.change.after.tags as Record<string, string>).tier);
    (out[tier] ??= []).push(`${String(r.change.after.availability_zone)} ${String(r.change.after.cidr_block)}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

function expectedSubnets(cidr: string, region: string): Record<string, string[]> {
  const labels = { public: 'public', privateWithEgress: 'private', isolated: 'isolated' } as const;
  const out: Record<string, string[]> = {};
  for (const s of planSubnets(cidr, 3, ALL_TIERS).subnets) (out[labels[s.tier]] ??= []).push(`${region}${'abc'[s.zoneIndex]} ${s.cidr}`);
  for (const list of Object.values(out)) list.sort();
  return out;
}

beforeAll(() => {
  tmp = tempDir('hcl-estate');
  exportModules(path.join(tmp, 'build', 'terraform-modules'), EXPORTED_MODULES);
  root = path.join(tmp, 'examples', 'hcl-estate');
  copyDir(EXAMPLE, root);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('examples/hcl-estate', () => {
  it('is plain production HCL: pinned provider with a Region, no backend, no credentials or skip flags', () => {
    const text = fs.readdirSync(EXAMPLE).filter((f) => f.endsWith('.tf')).map((f) => fs.readFileSync(path.join(EXAMPLE, f), 'utf8')).join('\n');
    expect(text).toMatch(/source\s*=\s*"hashicorp\/aws"\s*\n\s*version\s*=\s*"5\.100\.0"/);
    expect(text).toMatch(/provider "aws" \{\s*\n\s*region\s*=\s*var\.region/);
    expect(text).not.toMatch(/^\s*backend\s/m);
    expect(text).not.toMatch(/access_key|secret_key|skip_/);
    for (const name of ['kms-key', 'secure-bucket', 'vpc', 'guardduty-alerts']) expect(text).toContain(`source = "../../build/terraform-modules/${name}"`);
  });

  it('passes terraform init and validate offline', () => {
    terraformOk(root, ['init', '-input=false', '-no-color']);
    expect(terraformOk(root, ['validate', '-no-color'])).toContain('The configuration is valid');
  });

  describe('terraform plan (offline copy: fake credentials and skip flags in zz_offline_override.tf)', () => {
    let planJson: PlanJson;

    beforeAll(() => {
      // An override file merges into the example's provider block (region stays from versions.tf).
      fs.writeFileSync(path.join(root, 'zz_offline_override.tf'), OFFLINE_PROVIDER_HCL);
      if (!fs.existsSync(path.join(root, '.terraform'))) terraformOk(root, ['init', '-input=false', '-no-color']);
      planJson = plan();
    });

    it('plans every module, creating only, and reads nothing from AWS (no data sources)', () => {
      const changes = planJson.resource_changes;
      expect(new Set(changes.map((c) => c.module_address))).toEqual(new Set(['module.kms_key', 'module.data_bucket', 'module.vpc', 'module.guardduty_alerts']));
      expect(changes.every((c) => c.mode === 'managed' && c.change.actions.join() === 'create')).toBe(true);
      const calls = planJson.configuration.root_module.module_calls;
      for (const call of Object.values(calls)) expect((call.module.resources ?? []).filter((r) => r.mode === 'data')).toEqual([]);
      expect(changes.length).toBe(69);
    });

    it('merges the override into the provider block: the Region comes from the example, the credentials from the override', () => {
      const aws = (planJson.configuration.provider_config as Record<string, { expressions: Record<string, { constant_value?: unknown; references?: string[] }> }>).aws!;
      expect(aws.expressions.region?.references).toContain('var.region');
      expect(aws.expressions.skip_requesting_account_id?.constant_value).toBe(true);
    });

    it('wires the key into the bucket and the flow logs, and subscribes the team email', () => {
      const calls = planJson.configuration.root_module.module_calls;
      expect(calls.data_bucket!.expressions.kms_key_arn!.references).toContain('module.kms_key.key_arn');
      expect(calls.vpc!.expressions.flow_log_kms_key_arn!.references).toContain('module.kms_key.key_arn');
      const subscription = planJson.resource_changes.find((c) => c.type === 'aws_sns_topic_subscription')!;
      expect(subscription.address).toBe('module.guardduty_alerts.aws_sns_topic_subscription.EmailSubscription["security@example.com"]');
      expect(subscription.change.after).toMatchObject({ protocol: 'email', endpoint: 'security@example.com' });
    });

    it('renders the estate key policy: root administers, CloudWatch Logs only for flow log groups of this account', () => {
      const key = planJson.resource_changes.find((c) => c.module_address === 'module.kms_key' && c.type === 'aws_kms_key')!;
      const policy = JSON.parse(String(key.change.after.policy)) as { Statement: Array<Record<string, unknown>> };
      expect(policy.Statement.map((s) => s.Sid)).toEqual(['AccountRootAdministers', 'CloudWatchLogsForThisAccount']);
      expect(policy.Statement[1]).toMatchObject({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc-flow-logs/*' } },
      });
      expect(key.change.after).toMatchObject({ enable_key_rotation: true, rotation_period_in_days: 365, deletion_window_in_days: 30 });
    });

    it('matches GuardDuty findings numerically at severity 7 or more', () => {
      const rule = planJson.resource_changes.find((c) => c.type === 'aws_cloudwatch_event_rule')!;
      expect(JSON.parse(String(rule.change.after.event_pattern))).toEqual({
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }] },
      });
      const features = planJson.resource_changes.filter((c) => c.type === 'aws_guardduty_detector_feature');
      expect(Object.fromEntries(features.map((f) => [f.change.after.name, f.change.after.status]))).toEqual({
        S3_DATA_EVENTS: 'ENABLED',
        EKS_AUDIT_LOGS: 'ENABLED',
        EBS_MALWARE_PROTECTION: 'ENABLED',
        RDS_LOGIN_EVENTS: 'ENABLED',
        LAMBDA_NETWORK_LOGS: 'ENABLED',
        RUNTIME_MONITORING: 'DISABLED',
      });
    });

    it('carves the same subnets in Terraform as the Vpc construct does in TypeScript', () => {
      expect(subnetsByTier(planJson)).toEqual(expectedSubnets('10.20.0.0/16', 'us-east-1'));
    });

    it('carves the same subnets for a /20 in another Region', () => {
      const other = plan(['-var', 'vpc_cidr=10.30.16.0/20', '-var', 'region=eu-west-1', '-var', 'access_log_bucket_name=estate-access-logs-123456789012-eu-west-1']);
      expect(subnetsByTier(other)).toEqual(expectedSubnets('10.30.16.0/20', 'eu-west-1'));
    });

    it('fails the plan when a module input breaks its rule (rotation of 30 days)', () => {
      const result = terraform(root, ['plan', '-input=false', '-no-color', '-lock=false', '-var', 'key_rotation_period_days=30']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Invalid value for variable');
      expect(result.stderr.replace(/\s+/g, ' ')).toContain('rotation_period_days must be a whole number from 90 to 2560 days.');
    });
  });
});
