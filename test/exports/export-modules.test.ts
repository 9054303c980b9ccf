import * as fs from 'fs';
import * as path from 'path';
import { EXPORTED_MODULES } from '../../exports';
import { VPC_EXPORT_PREFIX_RANGE, VPC_PLACEHOLDER_CIDR, cidrsubnetArguments } from '../../exports/vpc';
import { planSubnets } from '../../modules/network';
import { exportModules, type ExportedModule } from '../../exports/lib/export-modules';
import { moduleProblems } from '../../exports/lib/synth-module';
import { REPO_ROOT, tempDir } from './terraform-cli';

type Json = Record<string, unknown>;
interface VariableJson {
  type?: string;
  description?: string;
  default?: unknown;
  validation?: Array<{ condition: string; error_message: string }>;
}

const ALL_TIERS = { public: {}, privateWithEgress: {}, isolated: {} };

/** The inputs that carry a security rule, per module: each must have a validation block. */
const VALIDATED_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'kms-key': ['account_id', 'partition', 'region', 'alias_name', 'rotation_period_days', 'deletion_window_days', 'administrator_arns', 'user_arns', 'cloudwatch_logs_log_group_name_pattern', 'tags'],
  'secure-bucket': ['partition', 'bucket_name', 'kms_key_arn', 'access_log_bucket_name', 'access_logging_disabled_reason', 'noncurrent_version_expiration_days', 'tags'],
  vpc: ['account_id', 'partition', 'region', 'name', 'cidr', 'availability_zones', 'flow_log_kms_key_arn', 'flow_log_retention_days', 'flow_log_traffic_type', 'flow_log_max_aggregation_interval', 'tags'],
  'guardduty-alerts': ['account_id', 'partition', 'region', 'finding_publishing_frequency', 'minimum_severity', 'topic_name', 'email_endpoints', 'https_endpoints', 'key_deletion_window_days', 'tags'],
};

const EXPECTED_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'kms-key': ['key_arn', 'key_id', 'alias_arn', 'alias_name'],
  'secure-bucket': ['bucket_arn', 'bucket_name'],
  vpc: ['vpc_id', 'vpc_cidr_block', 'public_subnet_ids', 'private_subnet_ids', 'isolated_subnet_ids', 'private_route_table_ids', 'nat_gateway_ids', 'flow_log_id'],
  'guardduty-alerts': ['detector_id', 'topic_arn', 'topic_kms_key_arn', 'event_rule_arn'],
};

let outDir: string;
let exported: ExportedModule[];

beforeAll(() => {
  outDir = tempDir('export-modules');
  exported = exportModules(outDir, EXPORTED_MODULES);
});

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

function moduleJson(name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(outDir, name, 'main.tf.json'), 'utf8')) as Json;
}

describe('exported modules', () => {
  it('exports at least the kms-key, secure-bucket, vpc and guardduty-alerts modules', () => {
    expect(exported.map((m) => m.name)).toEqual(expect.arrayContaining(['kms-key', 'secure-bucket', 'vpc', 'guardduty-alerts']));
    for (const m of exported) {
      expect(fs.readdirSync(path.join(outDir, m.name)).sort()).toEqual(['README.md', 'main.tf.json']);
    }
  });

  describe.each(Object.keys(VALIDATED_INPUTS))('%s', (name) => {
    it('has only required_providers (aws) in the terraform block: no provider block, no backend', () => {
      const json = moduleJson(name);
      expect(json.provider).toBeUndefined();
      expect(json.terraform).toEqual({ required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.100.0' } } });
      expect(moduleProblems(json)).toEqual([]);
    });

    it('types and describes every variable, and validates the security-relevant ones', () => {
      const variables = moduleJson(name).variable as Record<string, VariableJson>;
      for (const [variable, spec] of Object.entries(variables)) {
        expect({ variable, type: typeof spec.type }).toEqual({ variable, type: 'string' });
        expect({ variable, described: (spec.description ?? '').length >= 20 }).toEqual({ variable, described: true });
      }
      for (const variable of VALIDATED_INPUTS[name]!) {
        expect({ variable, validations: (variables[variable]?.validation ?? []).length > 0 }).toEqual({ variable, validations: true });
        for (const v of variables[variable]!.validation!) {
          expect(v.condition).toMatch(/^\$\{.+\}$/s);
          expect(v.error_message).toMatch(/^[A-Za-z_].*\.$/s);
        }
      }
    });

    it('describes every output and has the documented ones', () => {
      const outputs = moduleJson(name).output as Record<string, { description?: string; value: unknown }>;
      expect(Object.keys(outputs)).toEqual(expect.arrayContaining([...EXPECTED_OUTPUTS[name]!]));
      for (const [output, spec] of Object.entries(outputs)) {
        expect({ output, described: (spec.description ?? '').length > 0 }).toEqual({ output, described: true });
        expect(output).toMatch(/^[a-z][a-z0-9_]*$/);
      }
    });

    it('has a README with an inputs row per variable and an outputs row per output', () => {
      const readme = fs.readFileSync(path.join(outDir, name, 'README.md'), 'utf8');
      const json = moduleJson(name);
      expect(readme).toContain('| Name | Type | Description | Default | Required |');
      for (const variable of Object.keys(json.variable as Json)) expect(readme).toMatch(new RegExp(`^\\| \`${variable}\` \\| \``, 'm'));
      for (const output of Object.keys(json.output as Json)) expect(readme).toMatch(new RegExp(`^\\| \`${output}\` \\| `, 'm'));
      for (const [variable, spec] of Object.entries(json.variable as Record<string, VariableJson>)) {
        const row = readme.split('\n').find((line) => line.startsWith(`| \`${variable}\` |`))!;
        expect(row).toMatch('default' in spec ? /\| no \|$/ : /\| n\/a \| yes \|$/);
      }
    });

    it('holds no absolute path, cdktf metadata, token or placeholder', () => {
      const text = fs.readFileSync(path.join(outDir, name, 'main.tf.json'), 'utf8');
      expect(text).not.toContain(REPO_ROOT);
      expect(text).not.toContain(outDir);
      expect(text).not.toContain('"//"');
      expect(text).not.toMatch(/TfToken|__exported_module_tags__|000000000000|10\.213\./);
    });
  });

  it('writes the same bytes on every export (deterministic)', () => {
    const again = tempDir('export-modules-again');
    try {
      exportModules(again, EXPORTED_MODULES);
      for (const m of exported) {
        for (const file of ['main.tf.json', 'README.md']) {
          expect(fs.readFileSync(path.join(again, m.name, file), 'utf8')).toBe(fs.readFileSync(path.join(outDir, m.name, file), 'utf8'));
        }
      }
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });

  it('fails when a module would carry a provider block, a backend or a leftover placeholder', () => {
    const json = { provider: { aws: [{}] }, terraform: { backend: { local: {} }, required_providers: { aws: { source: 'hashicorp/aws' } } }, x: '10.213.0.0/16' };
    expect(moduleProblems(json, [{ literal: '10.213.0.0/16', expression: 'var.cidr', match: 'value' }])).toEqual([
      'has a provider block (a module must inherit its provider)',
      'has a backend (a module never has one)',
      'has backend in the terraform block (only required_providers belongs there)',
      'still holds placeholder 10.213.0.0/16',
    ]);
  });
});

describe('vpc module subnet layout', () => {
  const relative = (cidr: string) =>
    planSubnets(cidr, 3, ALL_TIERS).subnets.map((s) => ({ tier: s.tier, zone: s.zoneIndex, ...cidrsubnetArguments(cidr, s.cidr) }));

  it.each(Array.from({ length: VPC_EXPORT_PREFIX_RANGE.max - VPC_EXPORT_PREFIX_RANGE.min + 1 }, (_, i) => VPC_EXPORT_PREFIX_RANGE.min + i))(
    'the construct carves a /%i with the same newbits and netnums as the placeholder /16',
    (prefix) => {
      const plan = planSubnets(`10.40.0.0/${prefix}`, 3, ALL_TIERS);
      expect(plan.problems).toEqual([]);
      expect(relative(`10.40.0.0/${prefix}`)).toEqual(relative(VPC_PLACEHOLDER_CIDR));
    },
  );

  it('differs at /23 (public subnets would be smaller than /28), which is why the cidr validation stops at /22', () => {
    expect(relative('10.40.0.0/23')).not.toEqual(relative(VPC_PLACEHOLDER_CIDR));
  });

  it('writes each subnet block as cidrsubnet(var.cidr, newbits, netnum) of that layout', () => {
    const subnets = ((moduleJson('vpc').resource as Json).aws_subnet ?? {}) as Record<string, { cidr_block: string }>;
    const written = Object.values(subnets).map((s) => s.cidr_block).sort();
    const expected = relative(VPC_PLACEHOLDER_CIDR).map(({ newbits, netnum }) => `\${cidrsubnet(var.cidr, ${newbits}, ${netnum})}`).sort();
    expect(written).toEqual(expected);
  });
});
