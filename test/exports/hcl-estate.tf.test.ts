import * as fs from 'fs';
import * as path from 'path';
import { planSubnets } from '../../modules/network';
import { DEFAULT_EXPORT_DIR } from '../../exports/lib/export-modules';
import { OFFLINE_PROVIDER_HCL, REPO_ROOT, copyDir, tempDir, terraform, terraformOk } from './terraform-cli';

/**
 * The HCL example root (examples/hcl-estate) against the committed module tree, as on a fresh clone (no export step):
 * the example goes to `<tmp>/examples/hcl-estate` and terraform-modules/ to `<tmp>/terraform-modules`, the same
 * relative layout as in the repository, so `source = "../../terraform-modules/<name>"` resolves unchanged.
 */

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'hcl-estate');
const ALL_TIERS = { public: {}, privateWithEgress: {}, isolated: {} };

interface PlannedResource {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: string;
  readonly type: string;
  readonly change: { readonly actions: string[]; readonly after: Record<string, unknown>; readonly after_unknown?: Record<string, unknown> };
}

interface ModuleCall {
  readonly source: string;
  readonly expressions: Record<string, { references?: string[]; constant_value?: unknown }>;
  readonly for_each_expression?: { references?: string[] };
}

interface PlanJson {
  readonly resource_changes: PlannedResource[];
  readonly configuration: { readonly provider_config: Record<string, unknown>; readonly root_module: { readonly module_calls: Record<string, ModuleCall> } };
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
  copyDir(path.join(REPO_ROOT, DEFAULT_EXPORT_DIR), path.join(tmp, DEFAULT_EXPORT_DIR));
  root = path.join(tmp, 'examples', 'hcl-estate');
  copyDir(EXAMPLE, root);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('examples/hcl-estate', () => {
  it('is plain production HCL: pinned provider, two Regions, no backend, no credentials or skip flags, terraform fmt clean', () => {
    const text = fs.readdirSync(EXAMPLE).filter((f) => f.endsWith('.tf')).map((f) => fs.readFileSync(path.join(EXAMPLE, f), 'utf8')).join('\n');
    expect(text).toMatch(/source\s*=\s*"hashicorp\/aws"\s*\n\s*version\s*=\s*"5\.100\.0"/);
    expect(text).toMatch(/provider "aws" \{\s*\n\s*region\s*=\s*var\.region/);
    expect(text).toMatch(/provider "aws" \{\s*\n\s*alias\s*=\s*"replica"/);
    expect(text).not.toMatch(/^\s*backend\s/m);
    expect(text).not.toMatch(/access_key|secret_key|skip_/);
    for (const name of ['kms-key', 'secure-bucket', 'vpc', 'guardduty-alerts']) expect(text).toMatch(new RegExp(`source\\s+= "\\.\\./\\.\\./terraform-modules/${name}"`));
    expect(terraform(EXAMPLE, ['fmt', '-check', '-recursive', '-no-color']).status).toBe(0);
  });

  it('passes terraform init and validate offline on a fresh copy (no export step)', () => {
    terraformOk(root, ['init', '-input=false', '-no-color']);
    expect(terraformOk(root, ['validate', '-no-color'])).toContain('The configuration is valid');
  });

  describe('terraform plan (offline copy: fake credentials and skip flags in zz_offline_override.tf)', () => {
    let planJson: PlanJson;

    beforeAll(() => {
      // Override files merge into the example's provider blocks (regions stay from versions.tf).
      fs.writeFileSync(path.join(root, 'zz_offline_override.tf'), `${OFFLINE_PROVIDER_HCL}\n${OFFLINE_PROVIDER_HCL.replace('provider "aws" {', 'provider "aws" {\n  alias = "replica"')}`);
      if (!fs.existsSync(path.join(root, '.terraform'))) terraformOk(root, ['init', '-input=false', '-no-color']);
      planJson = plan();
    });

    it('plans every module call with 0 errors, creating only', () => {
      const changes = planJson.resource_changes;
      expect(new Set(changes.map((c) => c.module_address ?? 'root'))).toEqual(
        new Set(['root', 'module.kms_key', 'module.data_buckets["data"]', 'module.data_buckets["archive"]', 'module.vpc', 'module.guardduty_alerts', 'module.replica_key', 'module.replica_guardduty_alerts']),
      );
      expect(changes.filter((c) => c.mode === 'managed').every((c) => c.change.actions.join() === 'create')).toBe(true);
    });

    it('takes each module\'s Region from its provider: the replica key policy names eu-west-1', () => {
      const policyOf = (moduleAddress: string) => {
        const key = planJson.resource_changes.find((c) => c.module_address === moduleAddress && c.type === 'aws_kms_key')!;
        return JSON.parse(String(key.change.after.policy)) as { Statement: Array<Record<string, unknown>> };
      };
      expect(policyOf('module.kms_key').Statement.map((s) => s.Sid)).toEqual(['AccountRootAdministers', 'CloudWatchLogsForThisAccount']);
      expect(policyOf('module.kms_key').Statement[1]).toMatchObject({
        Principal: { Service: 'logs.us-east-1.amazonaws.com' },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc-flow-logs/*' } },
      });
      const alias = planJson.resource_changes.find((c) => c.module_address === 'module.replica_key' && c.type === 'aws_kms_alias')!;
      expect(alias.address).toBe('module.replica_key.aws_kms_alias.this_alias');
      const topic = planJson.resource_changes.find((c) => c.address === 'module.replica_guardduty_alerts.aws_sns_topic_policy.topic_policy');
      expect(JSON.stringify(topic?.change.after)).toContain('arn:aws:sns:eu-west-1:123456789012:security-alerts');
    });

    it('plans access logging into a bucket whose name is unknown until apply (for_each instances, count on a known flag)', () => {
      const logging = planJson.resource_changes.filter((c) => c.type === 'aws_s3_bucket_logging');
      expect(logging.map((c) => c.address).sort()).toEqual([
        'module.data_buckets["archive"].aws_s3_bucket_logging.this_access_logging[0]',
        'module.data_buckets["data"].aws_s3_bucket_logging.this_access_logging[0]',
      ]);
      for (const c of logging) expect(c.change.after_unknown?.target_bucket).toBe(true);
      const calls = planJson.configuration.root_module.module_calls;
      expect(calls.data_buckets!.for_each_expression?.references).toContain('var.buckets');
      expect(calls.data_buckets!.expressions.kms_key_arn!.references).toContain('module.kms_key.key_arn');
      expect(calls.vpc!.expressions.flow_log_kms_key_arn!.references).toContain('module.kms_key.key_arn');
    });

    it('subscribes the team email in both Regions and matches GuardDuty findings numerically at severity 7 or more', () => {
      const subscriptions = planJson.resource_changes.filter((c) => c.type === 'aws_sns_topic_subscription').map((c) => c.address).sort();
      expect(subscriptions).toEqual([
        'module.guardduty_alerts.aws_sns_topic_subscription.email_subscription["security@example.com"]',
        'module.replica_guardduty_alerts.aws_sns_topic_subscription.email_subscription["security@example.com"]',
      ]);
      const rule = planJson.resource_changes.find((c) => c.address === 'module.guardduty_alerts.aws_cloudwatch_event_rule.findings_rule_rule')!;
      expect(JSON.parse(String(rule.change.after.event_pattern))).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } });
    });

    it('carves the same subnets in Terraform as the Vpc construct does in TypeScript, in the zones given', () => {
      expect(subnetsByTier(planJson)).toEqual(expectedSubnets('10.20.0.0/16', 'us-east-1'));
    });

    it('fails the plan with a clear message when the VPC zones are not in the provider\'s Region', () => {
      const result = terraform(root, ['plan', '-input=false', '-no-color', '-lock=false', '-var', 'availability_zones=["eu-west-1a","eu-west-1b","eu-west-1c"]']);
      expect(result.status).not.toBe(0);
      expect(result.stderr.replace(/\s+/g, ' ')).toContain("availability_zones must be zones of the provider's Region");
    });

    it('fails the plan when a module input breaks its rule (rotation of 30 days)', () => {
      const result = terraform(root, ['plan', '-input=false', '-no-color', '-lock=false', '-var', 'key_rotation_period_days=30']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Invalid value for variable');
      expect(result.stderr.replace(/\s+/g, ' ')).toContain('rotation_period_days must be a whole number from 90 to 2560 days.');
    });
  });
});
