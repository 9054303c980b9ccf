import { toFindings } from '../../scripts/lib/checkov/findings';
import { parseCheckovJson, stackFromFilePath } from '../../scripts/lib/checkov/results';
import { indexStackResources, resolveResource } from '../../scripts/lib/checkov/stack-resources';

/**
 * Trimmed copies of what Checkov 3.3.30 wrote to results_json.json for an s3-mode organisation
 * (`--framework terraform_json --compact -o json`, without --quiet). Note the two resource spellings Checkov uses:
 * `resource.<name>` (no type) for Python resource checks, `<type>.<name>` for graph checks.
 */

const nulls = {
  bc_check_id: null,
  code_block: null,
  evaluations: null,
  fixed_definition: null,
  entity_tags: null,
  caller_file_path: null,
  caller_file_line_range: null,
  resource_address: null,
  severity: null,
  bc_category: null,
  benchmarks: null,
  description: null,
  short_description: null,
  vulnerability_details: null,
  connected_node: null,
  guideline: null,
  details: [],
  check_len: null,
  definition_context_file_path: null,
};

const passedKmsRotation = {
  ...nulls,
  check_id: 'CKV_AWS_7',
  check_name: 'Ensure rotation for customer created CMKs is enabled',
  check_result: { result: 'PASSED', evaluated_keys: ['enable_key_rotation'] },
  file_path: '/management-state-bootstrap/cdk.tf.json',
  file_abs_path: '/tmp/s3-out/stacks/management-state-bootstrap/cdk.tf.json',
  repo_file_path: '/s3-out/stacks/management-state-bootstrap/cdk.tf.json',
  file_line_range: [52, 71],
  resource: 'resource.state-key_0BCBF700',
  check_class: 'checkov.terraform.checks.resource.aws.KMSRotation',
};

const passedProvider = {
  ...nulls,
  check_id: 'CKV_AWS_41',
  check_name: 'Ensure no hard coded AWS access key and secret key exists in provider',
  check_result: { result: 'PASSED', evaluated_keys: [] },
  file_path: '/management-us-east-1/cdk.tf.json',
  file_abs_path: '/tmp/s3-out/stacks/management-us-east-1/cdk.tf.json',
  repo_file_path: '/s3-out/stacks/management-us-east-1/cdk.tf.json',
  file_line_range: [18, 40],
  resource: 'provider.aws',
  check_class: 'checkov.terraform.checks.provider.aws.credentials',
};

const failedAccessLogsKms = {
  ...nulls,
  check_id: 'CKV_AWS_145',
  check_name: 'Ensure that S3 buckets are encrypted with KMS by default',
  check_result: {
    result: 'FAILED',
    evaluated_keys: [
      'rule/apply_server_side_encryption_by_default/sse_algorithm',
      'server_side_encryption_configuration/rule/apply_server_side_encryption_by_default/sse_algorithm',
      'resource_type',
    ],
  },
  file_path: '/management-state-bootstrap/cdk.tf.json',
  file_abs_path: '/tmp/s3-out/stacks/management-state-bootstrap/cdk.tf.json',
  repo_file_path: '/s3-out/stacks/management-state-bootstrap/cdk.tf.json',
  file_line_range: [74, 86],
  resource: 'aws_s3_bucket.state-access-logs_B7CCAF44',
  check_class: 'checkov.common.graph.checks_infra.base_check',
};

/** One framework ran: a single report object. */
const singleReport = {
  check_type: 'terraform_json',
  results: {
    passed_checks: [passedKmsRotation, passedProvider],
    failed_checks: [failedAccessLogsKms],
    skipped_checks: [],
    parsing_errors: [],
  },
  summary: { passed: 2, failed: 1, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '3.3.30' },
  url: "Add an api key '--bc-api-key <api-key>' to see more detailed insights via https://bridgecrew.cloud",
};

/** With --quiet Checkov drops every list but failed_checks. */
const quietReport = {
  check_type: 'terraform_json',
  results: { failed_checks: [failedAccessLogsKms] },
  summary: { passed: 2, failed: 1, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '3.3.30' },
};

/** Nothing to scan: Checkov writes only the summary. */
const emptySummary = { passed: 0, failed: 0, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '3.3.30' };

/** A cdk.tf.json file it could not parse. */
const parsingErrorReport = {
  check_type: 'terraform_json',
  results: { passed_checks: [], failed_checks: [], skipped_checks: [], parsing_errors: ['/tmp/ck/bad/stacks/x/cdk.tf.json'] },
  summary: { passed: 0, failed: 0, skipped: 0, parsing_errors: 1, resource_count: 0, checkov_version: '3.3.30' },
};

/** The matching part of the synthesized management-state-bootstrap/cdk.tf.json. */
const bootstrapStackJson = {
  '//': { metadata: { backend: 'local', stackName: 'management-state-bootstrap', version: '0.21.0' }, outputs: {} },
  resource: {
    aws_kms_alias: {
      'state-key_Alias_83FD74CA': { '//': { metadata: { path: 'management-state-bootstrap/state-key/Alias', uniqueId: 'state-key_Alias_83FD74CA' } }, name: 'alias/x' },
    },
    aws_kms_key: {
      'state-key_0BCBF700': { '//': { metadata: { path: 'management-state-bootstrap/state-key/Resource', uniqueId: 'state-key_0BCBF700' } }, enable_key_rotation: true },
    },
    aws_s3_bucket: {
      'state-access-logs_B7CCAF44': { '//': { metadata: { path: 'management-state-bootstrap/state-access-logs/Resource', uniqueId: 'state-access-logs_B7CCAF44' } }, bucket: 'logs' },
      'state-bucket_5D7007DC': { '//': { metadata: { path: 'management-state-bootstrap/state-bucket/Resource', uniqueId: 'state-bucket_5D7007DC' } }, bucket: 'state' },
    },
  },
};

describe('stackFromFilePath', () => {
  it('takes the folder under stacks/ from absolute and Checkov-relative paths', () => {
    expect(stackFromFilePath('/work/main/.scan-out/example/stacks/network-eu-west-1/cdk.tf.json')).toBe('network-eu-west-1');
    expect(stackFromFilePath('/network-eu-west-1/cdk.tf.json')).toBe('network-eu-west-1');
    expect(stackFromFilePath('/r/.scan-out/test-plans/stacks/t0123abcd-security-us-east-1/tfplan.json')).toBe('t0123abcd-security-us-east-1');
    expect(stackFromFilePath('/t0123abcd-security-us-east-1/tfplan.json')).toBe('t0123abcd-security-us-east-1');
    expect(stackFromFilePath('/x/stacks/a/plan.json')).toBeUndefined();
    expect(stackFromFilePath('C:\\repo\\.scan-out\\x\\stacks\\security-us-east-1\\cdk.tf.json')).toBe('security-us-east-1');
  });

  it('refuses paths that are not a synthesized stack file', () => {
    expect(stackFromFilePath('/work/main/stacks/a/b/main.tf.json')).toBeUndefined();
    expect(stackFromFilePath('/x/stacks/a/b/cdk.tf.json')).toBeUndefined();
  });
});

describe('parseCheckovJson', () => {
  it('reads a single-framework report into passed and failed results with stack names', () => {
    const results = parseCheckovJson(singleReport);
    expect(results.parsingErrors).toEqual([]);
    expect(results.checks).toEqual([
      {
        checkId: 'CKV_AWS_7',
        checkName: 'Ensure rotation for customer created CMKs is enabled',
        status: 'passed',
        stack: 'management-state-bootstrap',
        resource: 'resource.state-key_0BCBF700',
        file: '/tmp/s3-out/stacks/management-state-bootstrap/cdk.tf.json',
      },
      expect.objectContaining({ checkId: 'CKV_AWS_41', status: 'passed', stack: 'management-us-east-1', resource: 'provider.aws' }),
      expect.objectContaining({ checkId: 'CKV_AWS_145', status: 'failed', stack: 'management-state-bootstrap', resource: 'aws_s3_bucket.state-access-logs_B7CCAF44' }),
    ]);
  });

  it('reads a list of reports (several frameworks) the same way', () => {
    const results = parseCheckovJson([singleReport, { ...quietReport, check_type: 'terraform' }]);
    expect(results.checks.map((c) => `${c.status}:${c.checkId}`)).toEqual(['passed:CKV_AWS_7', 'passed:CKV_AWS_41', 'failed:CKV_AWS_145', 'failed:CKV_AWS_145']);
  });

  it('accepts a --quiet report that has only failed_checks', () => {
    expect(parseCheckovJson(quietReport).checks.map((c) => c.status)).toEqual(['failed']);
  });

  it('reads the bare summary Checkov writes when there is nothing to scan', () => {
    expect(parseCheckovJson(emptySummary)).toEqual({ checks: [], parsingErrors: [] });
  });

  it('returns parsing errors (Checkov exits 0 for them)', () => {
    expect(parseCheckovJson(parsingErrorReport).parsingErrors).toEqual(['/tmp/ck/bad/stacks/x/cdk.tf.json']);
  });

  it('falls back to file_path when file_abs_path is null', () => {
    const check = { ...failedAccessLogsKms, file_abs_path: null };
    expect(parseCheckovJson({ check_type: 'terraform_json', results: { failed_checks: [check] } }).checks[0]?.stack).toBe('management-state-bootstrap');
  });

  it('throws on an unexpected shape instead of reporting zero findings', () => {
    expect(() => parseCheckovJson({ check_type: 'terraform_json', results: { failed_checks: [{ check_id: 'CKV_AWS_1' }] } })).toThrow(/Unexpected Checkov JSON report shape: results\.failed_checks\.0\.file_path/);
    expect(() => parseCheckovJson('nope')).toThrow(/Unexpected Checkov JSON report shape/);
    expect(() => parseCheckovJson({ check_type: 'terraform_json', results: { failed_checks: [{ ...failedAccessLogsKms, file_abs_path: '/x/main.tf', file_path: '/main.tf' }] } })).toThrow(
      /is in \/x\/main\.tf, which is not <stacks>\/<stack>\/cdk\.tf\.json/,
    );
  });
});

describe('stack resources', () => {
  const index = indexStackResources(bootstrapStackJson);

  it('indexes resources by address with their construct paths', () => {
    expect(index.byAddress.get('aws_s3_bucket.state-bucket_5D7007DC')).toEqual({ address: 'aws_s3_bucket.state-bucket_5D7007DC', constructPath: 'management-state-bootstrap/state-bucket/Resource' });
    expect(index.byAddress.size).toBe(4);
  });

  it('resolves a typed address directly', () => {
    expect(resolveResource(index, 'aws_s3_bucket.state-access-logs_B7CCAF44').constructPath).toBe('management-state-bootstrap/state-access-logs/Resource');
  });

  it('recovers the type of a `resource.<name>` result from the stack', () => {
    expect(resolveResource(index, 'resource.state-key_0BCBF700')).toEqual({ address: 'aws_kms_key.state-key_0BCBF700', constructPath: 'management-state-bootstrap/state-key/Resource' });
  });

  it('leaves an ambiguous or unknown name, and provider results, unchanged', () => {
    const twoTypes = indexStackResources({ resource: { aws_s3_bucket: { same: {} }, aws_sqs_queue: { same: {} } } });
    expect(resolveResource(twoTypes, 'resource.same')).toEqual({ address: 'resource.same' });
    expect(resolveResource(index, 'resource.missing')).toEqual({ address: 'resource.missing' });
    expect(resolveResource(index, 'provider.aws')).toEqual({ address: 'provider.aws' });
  });

  it('indexes data sources under data.<type>.<name> and tolerates odd documents', () => {
    const withData = indexStackResources({ data: { aws_iam_policy_document: { doc: { '//': { metadata: { path: 's/doc' } } } } } });
    expect(withData.byAddress.get('data.aws_iam_policy_document.doc')?.constructPath).toBe('s/doc');
    expect(indexStackResources(null).byAddress.size).toBe(0);
    expect(indexStackResources({ resource: { aws_s3_bucket: { b: { '//': 'x' } } } }).byAddress.get('aws_s3_bucket.b')).toEqual({ address: 'aws_s3_bucket.b' });
  });
});

describe('toFindings', () => {
  it('places results in their config with resolved addresses and construct paths', () => {
    const { checks } = parseCheckovJson(singleReport);
    const findings = toFindings('s3-sample', checks, { indexes: new Map([['management-state-bootstrap', indexStackResources(bootstrapStackJson)]]), facts: new Map() });
    expect(findings).toEqual([
      {
        config: 's3-sample',
        stack: 'management-state-bootstrap',
        checkId: 'CKV_AWS_7',
        checkName: 'Ensure rotation for customer created CMKs is enabled',
        status: 'passed',
        resource: 'aws_kms_key.state-key_0BCBF700',
        constructPath: 'management-state-bootstrap/state-key/Resource',
      },
      { config: 's3-sample', stack: 'management-us-east-1', checkId: 'CKV_AWS_41', checkName: 'Ensure no hard coded AWS access key and secret key exists in provider', status: 'passed', resource: 'provider.aws' },
      expect.objectContaining({ status: 'failed', resource: 'aws_s3_bucket.state-access-logs_B7CCAF44', constructPath: 'management-state-bootstrap/state-access-logs/Resource' }),
    ]);
  });
});
