import * as path from 'path';
import { EXPORTED_MODULES } from '../../exports';
import { VPC_EXPORT_PREFIX_RANGE, VPC_PLACEHOLDER_CIDR, cidrsubnetArguments } from '../../exports/vpc';
import { planSubnets } from '../../modules/network';
import { DEFAULT_EXPORT_DIR, filesOnDisk, renderExportTree, type ExportTree } from '../../exports/lib/export-modules';
import { moduleAddressName, renameElements, snakeCase } from '../../exports/lib/addresses';
import { MODULE_REQUIRED_VERSION, moduleProblems } from '../../exports/lib/synth-module';
import { MODULES_VERSION } from '../../exports/release';
import { REPO_ROOT } from './terraform-cli';

/**
 * The exported HCL modules, without Terraform (the terraform jest project plans them: module-examples.tf.test.ts,
 * hcl-estate.tf.test.ts, export-module-inputs.tf.test.ts). The committed tree terraform-modules/ must be what the
 * exporter writes today, as for the JSON Schema.
 */

type Json = Record<string, unknown>;
interface VariableJson {
  type?: string;
  description?: string;
  default?: unknown;
  validation?: Array<{ condition: string; error_message: string }>;
}

const ALL_TIERS = { public: {}, privateWithEgress: {}, isolated: {} };

/** Inputs that carry a security rule, per module: each must have a validation block. */
const VALIDATED_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'kms-key': ['account_id', 'alias_name', 'rotation_period_days', 'deletion_window_days', 'principals', 'cloudwatch_logs_log_group_name_pattern', 'tags'],
  'secure-bucket': ['bucket_name', 'kms_key_arn', 'access_logging', 'noncurrent_version_expiration_days', 'tags'],
  vpc: ['account_id', 'name', 'cidr', 'availability_zones', 'flow_log_kms_key_arn', 'flow_log_retention_days', 'flow_log_traffic_type', 'flow_log_max_aggregation_interval', 'tags'],
  'guardduty-alerts': ['account_id', 'finding_publishing_frequency', 'minimum_severity', 'topic_name', 'email_endpoints', 'https_endpoints', 'key_deletion_window_days', 'tags'],
  'interface-endpoints': ['vpc_id', 'vpc_cidr', 'subnet_ids', 'services', 'organization_id', 'tags'],
  secret: ['name', 'kms_key_arn', 'organization_id', 'recovery_window_days', 'rotation', 'replicas', 'tags'],
  'transit-gateway': ['name', 'segments', 'amazon_side_asn', 'share_principals', 'tags'],
  'transit-gateway-attachment': ['transit_gateway_id', 'segment', 'routing', 'vpc', 'route_destinations', 'tags'],
  'waf-web-acl': ['name', 'preset', 'scope', 'rate_limit', 'default_action', 'capacity_limit', 'resource_arns', 'tags'],
  'guardduty-organization': ['admin_account_id', 'finding_publishing_frequency', 'auto_enable_organization_members', 'tags'],
  'organization-policies': ['name_prefix', 'break_glass', 'exempt_principal_arns', 'allowed_regions', 'service_control_policies', 'data_perimeter', 'tags'],
  'iam-role': ['account_id', 'role_name', 'trust', 'permissions_boundary_arn', 'managed_policy_arns', 'max_session_hours', 'tags'],
};

const EXPECTED_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  'kms-key': ['key_arn', 'key_id', 'alias_arn', 'alias_name'],
  'secure-bucket': ['bucket_arn', 'bucket_name'],
  vpc: ['vpc_id', 'vpc_cidr_block', 'public_subnet_ids', 'private_subnet_ids', 'isolated_subnet_ids', 'private_route_table_ids', 'nat_gateway_ids', 'flow_log_id'],
  'guardduty-alerts': ['detector_id', 'topic_arn', 'topic_kms_key_arn', 'event_rule_arn'],
  'transit-gateway': ['transit_gateway_id', 'route_table_ids', 'segment_routing'],
  'waf-web-acl': ['web_acl_arn', 'capacity'],
};

const MODULE_FILES = ['README.md', 'examples/complete/main.tf', 'examples/complete/versions.tf', 'main.tf.json', 'outputs.tf.json', 'variables.tf.json', 'versions.tf'];

let tree: ExportTree;

beforeAll(() => {
  tree = renderExportTree(EXPORTED_MODULES);
});

const file = (name: string, relative: string): string => {
  const text = tree.files.get(`${name}/${relative}`);
  if (text === undefined) throw new Error(`${name}/${relative} is not exported`);
  return text;
};
const moduleJson = (name: string): Json => tree.modules.find((m) => m.name === name)!.json;
const names = EXPORTED_MODULES.map((d) => d.name);

describe(`${DEFAULT_EXPORT_DIR}/ (committed)`, () => {
  it('is what `npm run export-modules` writes today (run it and commit the tree when this fails)', () => {
    const onDisk = filesOnDisk(path.join(REPO_ROOT, DEFAULT_EXPORT_DIR));
    const stale = [...tree.files].filter(([f, text]) => onDisk.get(f) !== text).map(([f]) => f);
    const extra = [...onDisk.keys()].filter((f) => !tree.files.has(f));
    expect({ stale, extra }).toEqual({ stale: [], extra: [] });
  });

  it('holds VERSION, CHANGELOG.md with an entry for it, and a README listing every module', () => {
    expect(tree.files.get('VERSION')).toBe(`${MODULES_VERSION}\n`);
    expect(tree.files.get('CHANGELOG.md')).toContain(`## v${MODULES_VERSION}`);
    for (const name of names) expect(tree.files.get('README.md')).toContain(`| [${name}](${name}) |`);
  });
});

describe.each(names)('exported module %s', (name) => {
  it('has versions.tf, variables, outputs, main, a README and examples/complete', () => {
    expect(Object.keys(tree.modules.find((m) => m.name === name)!.files).sort()).toEqual(MODULE_FILES);
  });

  it(`requires Terraform ${MODULE_REQUIRED_VERSION} and hashicorp/aws in versions.tf, and the JSON files hold no terraform block`, () => {
    expect(file(name, 'versions.tf')).toMatch(new RegExp(`required_version = "${MODULE_REQUIRED_VERSION}"[\\s\\S]*source  = "hashicorp/aws"\\n\\s*version = ">= 5.100.0"`));
    for (const json of ['variables.tf.json', 'outputs.tf.json', 'main.tf.json']) expect(JSON.parse(file(name, json))).not.toHaveProperty('terraform');
    expect(moduleJson(name).provider).toBeUndefined();
    expect(moduleProblems(moduleJson(name))).toEqual([]);
  });

  it('takes no region or partition input: both come from the calling provider', () => {
    const json = moduleJson(name);
    expect(Object.keys(json.variable as Json)).not.toEqual(expect.arrayContaining(['region']));
    expect(Object.keys(json.variable as Json)).not.toContain('partition');
    const regionData = ((json.data ?? {}) as Json).aws_region as Json | undefined;
    if (regionData) expect(Object.keys(regionData)).toEqual(['current']);
    expect(JSON.stringify(json)).not.toMatch(/var\.region|var\.partition/);
  });

  it('names every resource and data source readably (no cdktf logical-id hashes)', () => {
    const json = moduleJson(name);
    for (const kind of ['resource', 'data']) {
      for (const [type, blocks] of Object.entries((json[kind] ?? {}) as Record<string, Json>)) {
        for (const block of Object.keys(blocks)) expect(`${type}.${block}`).toMatch(/^[a-z0-9_]+\.(this|current)(_[a-z0-9]+)*$|^[a-z0-9_]+\.[a-z][a-z0-9_]*$/);
        for (const block of Object.keys(blocks)) expect(block).not.toMatch(/_[0-9A-F]{8}$/);
      }
    }
  });

  it('types and describes every variable, and validates the security-relevant ones', () => {
    const variables = moduleJson(name).variable as Record<string, VariableJson>;
    for (const [variable, spec] of Object.entries(variables)) {
      expect({ variable, type: typeof spec.type }).toEqual({ variable, type: 'string' });
      expect({ variable, described: (spec.description ?? '').length >= 20 }).toEqual({ variable, described: true });
      for (const v of spec.validation ?? []) {
        expect(v.condition).toMatch(/^\$\{.+\}$/s);
        expect(v.error_message).toMatch(/^[A-Za-z_].*\.$/s);
      }
    }
    for (const variable of VALIDATED_INPUTS[name] ?? []) expect({ variable, validations: (variables[variable]?.validation ?? []).length > 0 }).toEqual({ variable, validations: true });
  });

  it('describes every output and has the documented ones', () => {
    const outputs = moduleJson(name).output as Record<string, { description?: string }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining([...(EXPECTED_OUTPUTS[name] ?? [])]));
    expect(Object.keys(outputs).length).toBeGreaterThan(0);
    for (const [output, spec] of Object.entries(outputs)) {
      expect({ output, described: (spec.description ?? '').length > 0 }).toEqual({ output, described: true });
      expect(output).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('has a README with the published source, an inputs row per variable and an outputs row per output', () => {
    const readme = file(name, 'README.md');
    const json = moduleJson(name);
    expect(readme).toContain(`//terraform-modules/${name}?ref=v${MODULES_VERSION}"`);
    expect(readme).toContain('| Name | Type | Description | Default | Required |');
    for (const output of Object.keys(json.output as Json)) expect(readme).toMatch(new RegExp(`^\\| \`${output}\` \\| `, 'm'));
    for (const [variable, spec] of Object.entries(json.variable as Record<string, VariableJson>)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${variable}\` |`));
      expect({ variable, row: row !== undefined }).toEqual({ variable, row: true });
      expect(row).toMatch('default' in spec ? /\| no \|$/ : /\| n\/a \| yes \|$/);
    }
  });

  it('has an example that calls the module from ../.. with a provider Region and no region input', () => {
    const example = file(name, 'examples/complete/main.tf');
    expect(example).toMatch(/provider "aws" \{\n\s*region = "us-east-1"\n\}/);
    expect(example).toMatch(/source\s*=\s*"\.\.\/\.\."/);
    // Provider blocks (the generated one, and aliased ones of other accounts) set a Region; module calls never do.
    const withoutProviders = example.replace(/^provider "aws" \{\n[\s\S]*?^\}\n/gm, '');
    expect(withoutProviders).not.toMatch(/^\s*(region|partition)\s*=/m);
  });

  it('holds no absolute path, cdktf metadata, token or placeholder', () => {
    const text = ['main.tf.json', 'variables.tf.json', 'outputs.tf.json'].map((f) => file(name, f)).join('\n');
    expect(text).not.toContain(REPO_ROOT);
    expect(text).not.toContain('"//"');
    expect(text).not.toMatch(/TfToken|__exported_module_tags__|000000000000|10\.213\./);
  });
});

describe('readable addresses', () => {
  it('derives names from construct paths: this, this_<part>, snake_case, Resource and Default dropped', () => {
    expect(moduleAddressName(['this', 'Resource'])).toBe('this');
    expect(moduleAddressName(['this', 'AccessLogging'])).toBe('this_access_logging');
    expect(moduleAddressName(['this', 'subnet-public-a'])).toBe('this_subnet_public_a');
    expect(moduleAddressName(['Default'])).toBe('this');
    expect(snakeCase('KMSKeyPolicy')).toBe('kms_key_policy');
  });

  it('renames blocks and every reference to them, not longer names that share a prefix', () => {
    const json = {
      resource: { aws_kms_key: { Key_1234ABCD: { policy: '${data.aws_iam_policy_document.Doc_0000AAAA.json}' } }, aws_kms_alias: { A: { target_key_id: '${aws_kms_key.Key_1234ABCD.id} ${aws_kms_key.Key_1234ABCD_x.id}' } } },
      data: { aws_iam_policy_document: { Doc_0000AAAA: {} } },
    };
    const renamed = renameElements(json, [
      { kind: 'resource', type: 'aws_kms_key', from: 'Key_1234ABCD', to: 'this' },
      { kind: 'data', type: 'aws_iam_policy_document', from: 'Doc_0000AAAA', to: 'this_policy' },
    ]);
    expect(renamed).toEqual({
      resource: { aws_kms_key: { this: { policy: '${data.aws_iam_policy_document.this_policy.json}' } }, aws_kms_alias: { A: { target_key_id: '${aws_kms_key.this.id} ${aws_kms_key.Key_1234ABCD_x.id}' } } },
      data: { aws_iam_policy_document: { this_policy: {} } },
    });
  });

  it('names service principals through aws_service_principal and regional names through the partition\'s DNS suffix', () => {
    const trail = JSON.stringify(moduleJson('cloudtrail'));
    expect(((moduleJson('cloudtrail').data as Json).aws_service_principal as Json).cloudtrail).toEqual({ service_name: 'cloudtrail' });
    expect(trail).toContain('\\"Service\\":\\"${data.aws_service_principal.cloudtrail.name}\\"');
    expect(trail).toContain('logs.${data.aws_region.current.name}.${data.aws_partition.current.dns_suffix}');
    for (const name of names) expect({ name, literal: JSON.stringify(moduleJson(name)).match(/\\"Service\\":\[?\\"[a-z0-9.-]+\.amazonaws\.com/g) }).toEqual({ name, literal: null });
  });

  it('counts only on known values in secure-bucket: access logging follows access_logging.enabled', () => {
    const logging = ((moduleJson('secure-bucket').resource as Json).aws_s3_bucket_logging as Json).this_access_logging as Json;
    expect(logging.count).toBe('${var.access_logging.enabled ? 1 : 0}');
  });

  it('fails when a module would carry a provider block, a backend or a leftover placeholder', () => {
    const json = { provider: { aws: [{}] }, terraform: { backend: { local: {} }, required_version: MODULE_REQUIRED_VERSION, required_providers: { aws: { source: 'hashicorp/aws' } } }, x: '10.213.0.0/16' };
    expect(moduleProblems(json, [{ literal: '10.213.0.0/16', expression: 'var.cidr', match: 'value' }])).toEqual([
      'has a provider block (a module must inherit its provider)',
      'has a backend (a module never has one)',
      'has backend in the terraform block (only required_version and required_providers belong there)',
      'still holds placeholder 10.213.0.0/16',
    ]);
  });
});

describe('vpc module subnet layout', () => {
  const relative = (cidr: string) => planSubnets(cidr, 3, ALL_TIERS).subnets.map((s) => ({ tier: s.tier, zone: s.zoneIndex, ...cidrsubnetArguments(cidr, s.cidr) }));

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

  it('writes each subnet block as cidrsubnet(var.cidr, newbits, netnum) of that layout, in the zone var.availability_zones[i]', () => {
    const subnets = ((moduleJson('vpc').resource as Json).aws_subnet ?? {}) as Record<string, { cidr_block: string; availability_zone: string }>;
    const written = Object.values(subnets).map((s) => s.cidr_block).sort();
    const expected = relative(VPC_PLACEHOLDER_CIDR).map(({ newbits, netnum }) => `\${cidrsubnet(var.cidr, ${newbits}, ${netnum})}`).sort();
    expect(written).toEqual(expected);
    expect(subnets.this_subnet_private_b!.availability_zone).toBe('${var.availability_zones[1]}');
  });
});
