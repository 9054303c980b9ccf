import * as fs from 'fs';
import * as path from 'path';
import { EXPORTED_MODULES } from '../../exports';
import { VPC_EXPORT_PREFIX_RANGE, VPC_PLACEHOLDER_CIDR, cidrsubnetArguments } from '../../exports/vpc';
import { planSubnets } from '../../modules/network';
import { exportModules, type ExportedModule } from '../../exports/lib/export-modules';
import { moduleProblems } from '../../exports/lib/synth-module';
import { OFFLINE_PROVIDER_HCL, REPO_ROOT, tempDir, terraformOk, planDiagnostics, type Diagnostic } from './terraform-cli';

type Json = Record<string, unknown>;
interface VariableJson {
  type?: string;
  description?: string;
  default?: unknown;
  validation?: Array<{ condition: string; error_message: string }>;
}

const ALL_TIERS = { public: {}, privateWithEgress: {}, isolated: {} };
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

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

/** A module call of the validation root: a name, a module, inputs, and the error it must produce (or none). */
interface Case {
  readonly name: string;
  readonly module: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly rejected?: RegExp;
  /**
   * The rule compares two variables. Terraform checks those only in the plan walk, after every single-variable rule
   * has passed, so these cases get their own root (with the accepted cases, which must pass both walks).
   */
  readonly crossVariable?: boolean;
}

const BASE: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'kms-key': { account_id: '123456789012', region: 'us-east-1', alias_name: 'test/key', description: 'Test key' },
  'secure-bucket': { bucket_name: 'test-data-123456789012', kms_key_arn: KEY_ARN, access_log_bucket_name: 'test-logs-123456789012' },
  vpc: { account_id: '123456789012', region: 'us-east-1', name: 'test', cidr: '10.20.0.0/16', flow_log_kms_key_arn: KEY_ARN },
  'guardduty-alerts': { account_id: '123456789012', region: 'us-east-1' },
};

const CASES: readonly Case[] = [
  // Accepted: defaults and boundary values.
  { name: 'kms_ok', module: 'kms-key', inputs: {} },
  { name: 'kms_rotation_90', module: 'kms-key', inputs: { rotation_period_days: 90, deletion_window_days: 7 } },
  { name: 'kms_rotation_2560', module: 'kms-key', inputs: { rotation_period_days: 2560, administrator_arns: ['arn:aws:iam::123456789012:role/KeyAdmin'], user_arns: ['arn:aws:iam::123456789012:role/App'] } },
  { name: 'kms_govcloud', module: 'kms-key', inputs: { partition: 'aws-us-gov', region: 'us-gov-west-1' } },
  { name: 'bucket_ok', module: 'secure-bucket', inputs: {} },
  { name: 'bucket_reason', module: 'secure-bucket', inputs: { access_log_bucket_name: null, access_logging_disabled_reason: 'This bucket is itself the access-log target.' } },
  { name: 'vpc_ok', module: 'vpc', inputs: {} },
  { name: 'vpc_22_zones', module: 'vpc', inputs: { cidr: '10.20.4.0/22', availability_zones: ['us-east-1a', 'us-east-1c', 'us-east-1d'], flow_log_retention_days: 3653 } },
  { name: 'gd_ok', module: 'guardduty-alerts', inputs: { email_endpoints: ['security@example.com'], https_endpoints: ['https://hooks.example.com/alerts'] } },
  { name: 'gd_severity_8_9', module: 'guardduty-alerts', inputs: { minimum_severity: 8.9 } },
  { name: 'gd_severity_1', module: 'guardduty-alerts', inputs: { minimum_severity: 1 } },
  // Rejected: the HCL validation repeats each TypeScript rule of the construct.
  { name: 'kms_rotation_30', module: 'kms-key', inputs: { rotation_period_days: 30 }, rejected: /rotation_period_days must be a whole number from 90 to 2560 days/ },
  { name: 'kms_rotation_fraction', module: 'kms-key', inputs: { rotation_period_days: 365.5 }, rejected: /rotation_period_days must be a whole number/ },
  { name: 'kms_deletion_5', module: 'kms-key', inputs: { deletion_window_days: 5 }, rejected: /deletion_window_days must be a whole number from 7 to 30 days/ },
  { name: 'kms_alias_aws', module: 'kms-key', inputs: { alias_name: 'aws/s3' }, rejected: /alias_name must be/ },
  { name: 'kms_alias_prefix', module: 'kms-key', inputs: { alias_name: 'alias/x' }, rejected: /alias_name must be/ },
  { name: 'kms_admin_wildcard', module: 'kms-key', inputs: { administrator_arns: ['arn:aws:iam::123456789012:role/*'] }, rejected: /administrator_arns must list IAM role/ },
  {
    name: 'kms_admin_is_user',
    module: 'kms-key',
    inputs: { administrator_arns: ['arn:aws:iam::123456789012:role/A'], user_arns: ['arn:aws:iam::123456789012:role/A'] },
    crossVariable: true, rejected: /must not list the same principal/,
  },
  { name: 'kms_account', module: 'kms-key', inputs: { account_id: '12345' }, rejected: /account_id must be a 12-digit AWS account id/ },
  { name: 'kms_region_typo', module: 'kms-key', inputs: { region: 'eu-west-4' }, rejected: /region must be an AWS Region the baseline knows/ },
  { name: 'kms_region_partition', module: 'kms-key', inputs: { region: 'us-gov-west-1' }, crossVariable: true, rejected: /region must belong to partition/ },
  { name: 'bucket_name', module: 'secure-bucket', inputs: { bucket_name: 'Bad_Name' }, rejected: /bucket_name must be 3-63 lower-case/ },
  { name: 'bucket_dots', module: 'secure-bucket', inputs: { bucket_name: 'ab..cd' }, rejected: /bucket_name must be 3-63 lower-case/ },
  { name: 'bucket_alias_arn', module: 'secure-bucket', inputs: { kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:alias/x' }, rejected: /kms_key_arn must be a KMS key ARN/ },
  { name: 'bucket_logs_itself', module: 'secure-bucket', inputs: { access_log_bucket_name: 'test-data-123456789012' }, crossVariable: true, rejected: /access_log_bucket_name must be the name of another bucket/ },
  { name: 'bucket_no_logs', module: 'secure-bucket', inputs: { access_log_bucket_name: null }, crossVariable: true, rejected: /Exactly one of access_log_bucket_name and access_logging_disabled_reason/ },
  { name: 'bucket_both', module: 'secure-bucket', inputs: { access_logging_disabled_reason: 'Both given, which is a contradiction.' }, crossVariable: true, rejected: /Exactly one of/ },
  { name: 'bucket_short_reason', module: 'secure-bucket', inputs: { access_log_bucket_name: null, access_logging_disabled_reason: 'n/a' }, rejected: /must explain in a sentence/ },
  { name: 'bucket_noncurrent_0', module: 'secure-bucket', inputs: { noncurrent_version_expiration_days: 0 }, rejected: /noncurrent_version_expiration_days must be a whole number from 1 to 36500/ },
  { name: 'vpc_cidr_24', module: 'vpc', inputs: { cidr: '10.20.0.0/24' }, rejected: /cidr must be a \/16 to \/22 block/ },
  { name: 'vpc_cidr_host_bits', module: 'vpc', inputs: { cidr: '10.20.0.1/16' }, rejected: /cidr must not have host bits set/ },
  { name: 'vpc_cidr_garbage', module: 'vpc', inputs: { cidr: '10.20.0.0' }, rejected: /cidr must be an IPv4 CIDR block/ },
  { name: 'vpc_retention_30', module: 'vpc', inputs: { flow_log_retention_days: 30 }, rejected: /flow_log_retention_days must be one of 365/ },
  { name: 'vpc_traffic', module: 'vpc', inputs: { flow_log_traffic_type: 'SOME' }, rejected: /flow_log_traffic_type must be/ },
  { name: 'vpc_interval', module: 'vpc', inputs: { flow_log_max_aggregation_interval: 120 }, rejected: /flow_log_max_aggregation_interval must be 60 or 600/ },
  { name: 'vpc_zones_twice', module: 'vpc', inputs: { availability_zones: ['us-east-1a', 'us-east-1a', 'us-east-1b'] }, crossVariable: true, rejected: /availability_zones must list 3 different zones/ },
  { name: 'vpc_zones_region', module: 'vpc', inputs: { availability_zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] }, crossVariable: true, rejected: /availability_zones must list 3 different zones of the region/ },
  { name: 'vpc_flow_key', module: 'vpc', inputs: { flow_log_kms_key_arn: 'alias/aws/logs' }, rejected: /flow_log_kms_key_arn must be a KMS key ARN/ },
  { name: 'gd_severity_9', module: 'guardduty-alerts', inputs: { minimum_severity: 9 }, rejected: /minimum_severity must be a GuardDuty severity from 1 to 8.9/ },
  { name: 'gd_severity_0', module: 'guardduty-alerts', inputs: { minimum_severity: 0.5 }, rejected: /minimum_severity must be a GuardDuty severity/ },
  { name: 'gd_email', module: 'guardduty-alerts', inputs: { email_endpoints: ['security'] }, rejected: /email_endpoints must list email addresses/ },
  { name: 'gd_http', module: 'guardduty-alerts', inputs: { https_endpoints: ['http://hooks.example.com/alerts'] }, rejected: /https_endpoints must list https:\/\/ URLs/ },
  { name: 'gd_frequency', module: 'guardduty-alerts', inputs: { finding_publishing_frequency: 'DAILY' }, rejected: /finding_publishing_frequency must be one of/ },
  { name: 'gd_topic', module: 'guardduty-alerts', inputs: { topic_name: 'security alerts' }, rejected: /topic_name must be 1-256 letters/ },
  { name: 'gd_key_window', module: 'guardduty-alerts', inputs: { key_deletion_window_days: 31 }, rejected: /key_deletion_window_days must be a whole number from 7 to 30/ },
];

function hclValue(value: unknown): string {
  return value === null ? 'null' : JSON.stringify(value);
}

/** A root module with one call per case, the offline provider and the pinned AWS provider. */
function validationRoot(cases: readonly Case[]): string {
  const versions = 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "5.100.0"\n    }\n  }\n}\n';
  const provider = OFFLINE_PROVIDER_HCL.replace('provider "aws" {', 'provider "aws" {\n  region                      = "us-east-1"');
  const calls = cases.map((c) => {
    const inputs = { ...BASE[c.module]!, ...c.inputs };
    const lines = Object.entries(inputs).map(([k, v]) => `  ${k} = ${hclValue(v)}`);
    return [`module "${c.name}" {`, `  source = "../${c.module}"`, ...lines, '}', ''].join('\n');
  });
  return [versions, provider, ...calls].join('\n');
}

describe('module input validation (offline terraform plan of module calls)', () => {
  let diagnostics: Diagnostic[];
  let statuses: number[];

  beforeAll(() => {
    // Roots beside the modules with one module call per case; one offline `terraform plan` per root checks them all
    // (plan, because `terraform validate` skips the rules that compare two variables).
    const roots = {
      'validation-single': CASES.filter((c) => c.rejected && !c.crossVariable),
      'validation-cross': CASES.filter((c) => !c.rejected || c.crossVariable),
    };
    diagnostics = [];
    statuses = [];
    for (const [dir, cases] of Object.entries(roots)) {
      const root = path.join(outDir, dir);
      fs.mkdirSync(root, { recursive: true });
      fs.writeFileSync(path.join(root, 'main.tf'), validationRoot(cases));
      terraformOk(root, ['init', '-backend=false', '-input=false', '-no-color']);
      const result = planDiagnostics(root);
      statuses.push(result.status);
      diagnostics.push(...result.diagnostics);
    }
  });

  const about = (name: string) => diagnostics.filter((d) => d.snippet?.context === `module "${name}"`);

  it('fails the plan, with errors only for module calls of the cases', () => {
    expect(statuses.every((status) => status !== 0)).toBe(true);
    const contexts = new Set(diagnostics.map((d) => d.snippet?.context));
    for (const context of contexts) expect(CASES.map((c) => `module "${c.name}"`)).toContain(context);
  });

  it.each(CASES.filter((c) => !c.rejected).map((c) => [c.name, c] as const))('accepts %s', (_name, c) => {
    expect(about(c.name).map((d) => d.detail)).toEqual([]);
  });

  it.each(CASES.filter((c) => c.rejected).map((c) => [c.name, c] as const))('fails %s with the rule in the message', (_name, c) => {
    const details = about(c.name).map((d) => `${d.summary}: ${d.detail}`);
    expect(details.length).toBeGreaterThan(0);
    expect(details.join('\n')).toMatch(c.rejected!);
    expect(details.every((d) => d.startsWith('Invalid value for variable'))).toBe(true);
  });
});
