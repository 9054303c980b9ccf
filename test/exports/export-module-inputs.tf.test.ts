import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_EXPORT_DIR } from '../../exports/lib/export-modules';
import { OFFLINE_PROVIDER_HCL, REPO_ROOT, copyDir, tempDir, terraformOk, planDiagnostics, type Diagnostic } from './terraform-cli';

/**
 * The exported HCL modules' input validation, held to an offline `terraform plan` of module calls (the terraform
 * jest project: this runs the binary). The modules' shape is tested without Terraform in export-modules.test.ts.
 */

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let outDir: string;

beforeAll(() => {
  // The committed tree, as a caller gets it.
  outDir = tempDir('export-modules');
  copyDir(path.join(REPO_ROOT, DEFAULT_EXPORT_DIR), outDir);
});

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
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
  'kms-key': { account_id: '123456789012', alias_name: 'test/key', description: 'Test key' },
  'secure-bucket': { bucket_name: 'test-data-123456789012', kms_key_arn: KEY_ARN, access_logging: { enabled: true, target_bucket: 'test-logs-123456789012' } },
  vpc: { account_id: '123456789012', name: 'test', cidr: '10.20.0.0/16', availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], flow_log_kms_key_arn: KEY_ARN },
  'guardduty-alerts': { account_id: '123456789012' },
  'security-group': { vpc_id: 'vpc-0123456789abcdef0', name_prefix: 'test', description: 'Test group' },
  'iam-role': { account_id: '123456789012', role_name: 'test', permissions_boundary_arn: 'arn:aws:iam::123456789012:policy/boundary', trust: { services: ['lambda.amazonaws.com'] } },
  'transit-gateway': { name: 'test', segments: { prod: { cidrs: ['10.1.0.0/16'] }, dev: { cidrs: ['10.2.0.0/16'] } } },
  'organization-policies': { name_prefix: 'test', exempt_principal_arns: ['arn:aws:iam::*:role/deploy'] },
  'waf-web-acl': { name: 'test' },
  secret: { name: 'test/secret', kms_key_arn: KEY_ARN, organization_id: 'o-a1b2c3d4e5', rotation: { lambda_arn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate' } },
  'interface-endpoints': { vpc_id: 'vpc-0123456789abcdef0', vpc_cidr: '10.0.0.0/16', subnet_ids: ['subnet-0123456789abcdef0'], organization_id: 'o-a1b2c3d4e5' },
  'guardduty-organization': { admin_account_id: '222222222222' },
};

const ROOT = { root: 'r-ab12' };

const CASES: readonly Case[] = [
  // Accepted: defaults and boundary values.
  { name: 'kms_ok', module: 'kms-key', inputs: {} },
  { name: 'kms_rotation_90', module: 'kms-key', inputs: { rotation_period_days: 90, deletion_window_days: 7 } },
  { name: 'kms_rotation_2560', module: 'kms-key', inputs: { rotation_period_days: 2560, principals: { administrator_arns: ['arn:aws:iam::123456789012:role/KeyAdmin'], user_arns: ['arn:aws:iam::123456789012:role/App'] } } },
  { name: 'bucket_ok', module: 'secure-bucket', inputs: {} },
  { name: 'bucket_reason', module: 'secure-bucket', inputs: { access_logging: { enabled: false, disabled_reason: 'This bucket is itself the access-log target.' } } },
  { name: 'vpc_ok', module: 'vpc', inputs: {} },
  { name: 'vpc_22_zones', module: 'vpc', inputs: { cidr: '10.20.4.0/22', availability_zones: ['us-east-1a', 'us-east-1c', 'us-east-1d'], flow_log_retention_days: 3653 } },
  { name: 'gd_ok', module: 'guardduty-alerts', inputs: { email_endpoints: ['security@example.com'], https_endpoints: ['https://hooks.example.com/alerts'] } },
  { name: 'gd_severity_8_9', module: 'guardduty-alerts', inputs: { minimum_severity: 8.9 } },
  { name: 'gd_severity_1', module: 'guardduty-alerts', inputs: { minimum_severity: 1 } },
  { name: 'sg_https_world', module: 'security-group', inputs: { ingress_rules: { https: { description: 'HTTPS in', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } } } },
  { name: 'sg_ssh_reason', module: 'security-group', inputs: { ingress_rules: { ssh: { description: 'SSH for the bastion', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0', world_access_reason: 'Bastion of the lab account, no Session Manager there' } } } },
  // Rejected: the HCL validation repeats each TypeScript rule of the construct.
  { name: 'sg_ssh_world', module: 'security-group', inputs: { ingress_rules: { ssh: { description: 'SSH in', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' } } }, rejected: /ingress_rules must not open ports 22 or 3389 or all ports to 0.0.0.0\/0/ },
  { name: 'sg_all_world_v6', module: 'security-group', inputs: { ingress_rules: { all: { description: 'Everything', ip_protocol: '-1', cidr_ipv6: '::/0' } } }, rejected: /ingress_rules must not open ports 22 or 3389/ },
  { name: 'sg_rdp_range', module: 'security-group', inputs: { ingress_rules: { range: { description: 'A range', from_port: 3000, to_port: 4000, cidr_ipv4: '0.0.0.0/0' } } }, rejected: /ingress_rules must not open ports 22 or 3389/ },
  { name: 'sg_two_peers', module: 'security-group', inputs: { egress_rules: { x: { description: 'Two peers', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8', prefix_list_id: 'pl-12345678' } } }, rejected: /egress_rules must give each rule exactly one peer/ },
  { name: 'kms_rotation_30', module: 'kms-key', inputs: { rotation_period_days: 30 }, rejected: /rotation_period_days must be a whole number from 90 to 2560 days/ },
  { name: 'kms_rotation_fraction', module: 'kms-key', inputs: { rotation_period_days: 365.5 }, rejected: /rotation_period_days must be a whole number/ },
  { name: 'kms_deletion_5', module: 'kms-key', inputs: { deletion_window_days: 5 }, rejected: /deletion_window_days must be a whole number from 7 to 30 days/ },
  { name: 'kms_alias_aws', module: 'kms-key', inputs: { alias_name: 'aws/s3' }, rejected: /alias_name must be/ },
  { name: 'kms_alias_prefix', module: 'kms-key', inputs: { alias_name: 'alias/x' }, rejected: /alias_name must be/ },
  { name: 'kms_admin_wildcard', module: 'kms-key', inputs: { principals: { administrator_arns: ['arn:aws:iam::123456789012:role/*'] } }, rejected: /principals.administrator_arns and principals.user_arns must list IAM role/ },
  // One object variable: the overlap rule is reported in the same round as the single-input rules.
  { name: 'kms_admin_is_user', module: 'kms-key', inputs: { principals: { administrator_arns: ['arn:aws:iam::123456789012:role/A'], user_arns: ['arn:aws:iam::123456789012:role/A'] } }, rejected: /must not list the same principal/ },
  { name: 'kms_account', module: 'kms-key', inputs: { account_id: '12345' }, rejected: /account_id must be a 12-digit AWS account id/ },
  { name: 'bucket_name', module: 'secure-bucket', inputs: { bucket_name: 'Bad_Name' }, rejected: /bucket_name must be 3-63 lower-case/ },
  { name: 'bucket_dots', module: 'secure-bucket', inputs: { bucket_name: 'ab..cd' }, rejected: /bucket_name must be 3-63 lower-case/ },
  { name: 'bucket_alias_arn', module: 'secure-bucket', inputs: { kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:alias/x' }, rejected: /kms_key_arn must be a KMS key ARN/ },
  { name: 'bucket_logs_itself', module: 'secure-bucket', inputs: { access_logging: { enabled: true, target_bucket: 'test-data-123456789012' } }, crossVariable: true, rejected: /access_logging.target_bucket must be another bucket than bucket_name/ },
  { name: 'bucket_no_target', module: 'secure-bucket', inputs: { access_logging: { enabled: true } }, rejected: /access_logging.target_bucket must name another bucket/ },
  { name: 'bucket_no_reason', module: 'secure-bucket', inputs: { access_logging: { enabled: false } }, rejected: /access_logging.disabled_reason must explain in a sentence/ },
  { name: 'bucket_both', module: 'secure-bucket', inputs: { access_logging: { enabled: true, target_bucket: 'test-logs-123456789012', disabled_reason: 'Both given, which is a contradiction.' } }, rejected: /access_logging.disabled_reason must explain/ },
  { name: 'bucket_short_reason', module: 'secure-bucket', inputs: { access_logging: { enabled: false, disabled_reason: 'n/a' } }, rejected: /must explain in a sentence/ },
  { name: 'bucket_noncurrent_0', module: 'secure-bucket', inputs: { noncurrent_version_expiration_days: 0 }, rejected: /noncurrent_version_expiration_days must be a whole number from 1 to 36500/ },
  { name: 'vpc_cidr_24', module: 'vpc', inputs: { cidr: '10.20.0.0/24' }, rejected: /cidr must be a \/16 to \/22 block/ },
  { name: 'vpc_cidr_host_bits', module: 'vpc', inputs: { cidr: '10.20.0.1/16' }, rejected: /cidr must not have host bits set/ },
  { name: 'vpc_cidr_garbage', module: 'vpc', inputs: { cidr: '10.20.0.0' }, rejected: /cidr must be an IPv4 CIDR block/ },
  { name: 'vpc_retention_30', module: 'vpc', inputs: { flow_log_retention_days: 30 }, rejected: /flow_log_retention_days must be one of 365/ },
  { name: 'vpc_traffic', module: 'vpc', inputs: { flow_log_traffic_type: 'SOME' }, rejected: /flow_log_traffic_type must be/ },
  { name: 'vpc_interval', module: 'vpc', inputs: { flow_log_max_aggregation_interval: 120 }, rejected: /flow_log_max_aggregation_interval must be 60 or 600/ },
  { name: 'vpc_zones_twice', module: 'vpc', inputs: { availability_zones: ['us-east-1a', 'us-east-1a', 'us-east-1b'] }, rejected: /availability_zones must list 3 different zone names/ },
  { name: 'vpc_zones_two', module: 'vpc', inputs: { availability_zones: ['us-east-1a', 'us-east-1b'] }, rejected: /availability_zones must list 3 different zone names/ },
  { name: 'vpc_flow_key', module: 'vpc', inputs: { flow_log_kms_key_arn: 'alias/aws/logs' }, rejected: /flow_log_kms_key_arn must be a KMS key ARN/ },
  { name: 'gd_severity_9', module: 'guardduty-alerts', inputs: { minimum_severity: 9 }, rejected: /minimum_severity must be a GuardDuty severity from 1 to 8.9/ },
  { name: 'gd_severity_0', module: 'guardduty-alerts', inputs: { minimum_severity: 0.5 }, rejected: /minimum_severity must be a GuardDuty severity/ },
  { name: 'gd_email', module: 'guardduty-alerts', inputs: { email_endpoints: ['security'] }, rejected: /email_endpoints must list email addresses/ },
  { name: 'gd_http', module: 'guardduty-alerts', inputs: { https_endpoints: ['http://hooks.example.com/alerts'] }, rejected: /https_endpoints must list https:\/\/ URLs/ },
  { name: 'gd_frequency', module: 'guardduty-alerts', inputs: { finding_publishing_frequency: 'DAILY' }, rejected: /finding_publishing_frequency must be one of/ },
  { name: 'gd_topic', module: 'guardduty-alerts', inputs: { topic_name: 'security alerts' }, rejected: /topic_name must be 1-256 letters/ },
  { name: 'gd_key_window', module: 'guardduty-alerts', inputs: { key_deletion_window_days: 31 }, rejected: /key_deletion_window_days must be a whole number from 7 to 30/ },
  // The modules of 0.3.0: the same rules as their constructs.
  { name: 'role_trust_ok', module: 'iam-role', inputs: { trust: { services: ['lambda.amazonaws.com'], accounts: { own: { account_id: '123456789012', require_mfa: true }, auditor: { account_id: '210987654321', external_id: 'auditor-external-id-0001' } }, saml_provider_arns: ['arn:aws:iam::123456789012:saml-provider/idp'] } } },
  { name: 'role_trust_empty', module: 'iam-role', inputs: { trust: {} }, rejected: /trust must name at least one principal/ },
  { name: 'role_trust_short_id', module: 'iam-role', inputs: { trust: { accounts: { x: { account_id: '210987654321', external_id: 'short' } } } }, rejected: /an external_id \(if given\) of 16 to 1224 characters/ },
  { name: 'role_trust_foreign_arn', module: 'iam-role', inputs: { trust: { accounts: { x: { account_id: '123456789012', principal_arns: ['arn:aws:iam::210987654321:role/Other'] } } } }, rejected: /principal_arns \(if given\) of roles or users of that account/ },
  { name: 'role_trust_no_external_id', module: 'iam-role', inputs: { trust: { accounts: { x: { account_id: '210987654321' } } } }, crossVariable: true, rejected: /for an account other than account_id need an external_id/ },
  { name: 'tgw_ok', module: 'transit-gateway', inputs: { segments: { shared: { reaches: ['prod'], cidrs: ['10.0.0.0/16'] }, prod: { cidrs: ['10.1.0.0/16', '10.3.0.0/16'] } }, share_principals: { org: 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5' } } },
  { name: 'tgw_overlap', module: 'transit-gateway', inputs: { segments: { prod: { cidrs: ['10.1.0.0/16'] }, dev: { cidrs: ['10.1.128.0/17'] } } }, rejected: /segments cidrs must not overlap/ },
  { name: 'tgw_self', module: 'transit-gateway', inputs: { segments: { prod: { reaches: ['prod'] } } }, rejected: /reaches must name other segments/ },
  { name: 'tgw_host_bits', module: 'transit-gateway', inputs: { segments: { prod: { cidrs: ['10.1.0.1/16'] } } }, rejected: /cidrs must be IPv4 network blocks/ },
  { name: 'tgw_share', module: 'transit-gateway', inputs: { share_principals: { x: 'arn:aws:iam::123456789012:root' } }, rejected: /share_principals must be an organisation ARN/ },
  { name: 'org_ok', module: 'organization-policies', inputs: { allowed_regions: ['us-east-1'], service_control_policies: { region_allowlist: ROOT, deny_root_user: { workloads: 'ou-ab12-cdef3456' } }, data_perimeter: { organization_id: 'o-a1b2c3d4e5', targets: ROOT } } },
  { name: 'org_no_exempt', module: 'organization-policies', inputs: { exempt_principal_arns: [] }, rejected: /exempt_principal_arns must list at least one IAM role ARN pattern/ },
  { name: 'org_five_on_root', module: 'organization-policies', inputs: { allowed_regions: ['us-east-1'], service_control_policies: { deny_leave_organization: ROOT, region_allowlist: ROOT, protect_security_services: ROOT, deny_root_user: ROOT, deny_iam_users: ROOT } }, rejected: /must attach at most 4 policies to one target/ },
  { name: 'org_target', module: 'organization-policies', inputs: { service_control_policies: { deny_root_user: { x: 'o-a1b2c3d4e5' } } }, rejected: /targets must be root ids/ },
  { name: 'org_regions', module: 'organization-policies', inputs: { service_control_policies: { region_allowlist: ROOT } }, crossVariable: true, rejected: /region_allowlist needs allowed_regions/ },
  { name: 'waf_ok', module: 'waf-web-acl', inputs: { preset: 'web', rate_limit: { limit: 100, window_seconds: 60 }, capacity_limit: 1500 } },
  { name: 'waf_preset', module: 'waf-web-acl', inputs: { preset: 'strict' }, rejected: /preset must be one of api, web/ },
  { name: 'waf_window', module: 'waf-web-acl', inputs: { rate_limit: { window_seconds: 30 } }, rejected: /rate_limit.window_seconds must be 60, 120, 300 or 600/ },
  { name: 'secret_ok', module: 'secret', inputs: { recovery_window_days: 7, replicas: { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } } },
  { name: 'secret_window', module: 'secret', inputs: { recovery_window_days: 5 }, rejected: /recovery_window_days must be a whole number from 7 to 30 days/ },
  { name: 'secret_lambda', module: 'secret', inputs: { rotation: { lambda_arn: 'rotate-db' } }, rejected: /rotation.lambda_arn must be a Lambda function ARN/ },
  { name: 'secret_replica_key', module: 'secret', inputs: { replicas: { 'eu-west-1': KEY_ARN } }, rejected: /replicas must map Region codes to KMS key ARNs of that same Region/ },
  { name: 'endpoints_ok', module: 'interface-endpoints', inputs: { services: ['kms', 'ecr.api', 'ecr.dkr'] } },
  { name: 'endpoints_typo', module: 'interface-endpoints', inputs: { services: ['secretmanager'] }, rejected: /services must list known interface endpoint services/ },
  { name: 'gd_org_admin', module: 'guardduty-organization', inputs: { admin_account_id: 'security' }, rejected: /admin_account_id must be a 12-digit AWS account id/ },
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

describe('a module given a region input', () => {
  it('fails: the modules have no region input (the Region is the provider\'s), so it cannot disagree with the provider', () => {
    const root = path.join(outDir, 'validation-region');
    fs.mkdirSync(root, { recursive: true });
    const call = validationRoot([{ name: 'kms_eu', module: 'kms-key', inputs: { region: 'eu-west-1' } }]);
    fs.writeFileSync(path.join(root, 'main.tf'), call);
    terraformOk(root, ['init', '-backend=false', '-input=false', '-no-color']);
    const result = planDiagnostics(root);
    expect(result.status).not.toBe(0);
    expect(result.diagnostics.map((d) => `${d.summary}: ${d.detail}`).join('\n')).toMatch(/Unsupported argument: An argument named "region" is not expected here/);
  });
});
