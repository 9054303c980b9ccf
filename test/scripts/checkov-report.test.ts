import * as path from 'path';
import { isPartialScan, scanConfigs, scanNameOf } from '../../scripts/lib/checkov/configs';
import type { Finding } from '../../scripts/lib/checkov/findings';
import { applyAllowlist } from '../../scripts/lib/checkov/matching';
import { mapLimit } from '../../scripts/lib/checkov/pool';
import { formatMarkdownReport, formatTextReport, gatePasses, orderedFailures, type ScanReport } from '../../scripts/lib/checkov/report';
import { checkovArgs, checkovEnv } from '../../scripts/lib/checkov/run-checkov';
import { summarizeByStack, totalsOf } from '../../scripts/lib/checkov/summary';
import { formatMarkdownTable, formatTextTable } from '../../scripts/lib/checkov/table';
import { reportsVersion, venvPaths } from '../../scripts/lib/checkov/venv';

const REASON = 'S3 server access logs can only be delivered to an SSE-S3 bucket.';

function f(stack: string, checkId: string, status: Finding['status'], resource = 'aws_s3_bucket.state-access-logs_B7CCAF44', config = 's3'): Finding {
  return { config, stack, checkId, checkName: `name of ${checkId}`, status, resource, constructPath: `${stack}/state-access-logs/Resource` };
}

function reportFor(findings: readonly Finding[], entries: Parameters<typeof applyAllowlist>[1]): ScanReport {
  const stacks = [
    { config: 's3', stack: 'management-state-bootstrap' },
    { config: 's3', stack: 'management-us-east-1' },
    { config: 's3', stack: 'network-us-east-1' },
  ];
  const outcome = applyAllowlist(findings, entries, { scannedConfigs: ['s3'], partialScan: false });
  return { checkovVersion: '3.3.30', configs: ['s3'], rows: summarizeByStack(stacks, findings, outcome), outcome, parsingErrors: [] };
}

const findings: Finding[] = [
  f('management-state-bootstrap', 'CKV_AWS_145', 'failed'),
  f('management-state-bootstrap', 'CKV_AWS_18', 'failed'),
  f('management-state-bootstrap', 'CKV_AWS_21', 'passed'),
  f('management-state-bootstrap', 'CKV_AWS_144', 'failed', 'aws_s3_bucket.state-bucket_5D7007DC'),
  f('management-us-east-1', 'CKV_AWS_41', 'passed', 'provider.aws'),
  f('management-us-east-1', 'CKV_AWS_7', 'passed', 'aws_kms_key.baseline-key_8C0F0E31'),
];
const allowLogsKms = { check: 'CKV_AWS_145', stack: '*-state-bootstrap', resource: 'aws_s3_bucket.state-access-logs*', config: '*', reason: REASON };

describe('summarizeByStack', () => {
  it('counts passed, failed-not-allowlisted and allowlisted per stack, keeping stacks without results', () => {
    const report = reportFor(findings, [allowLogsKms]);
    expect(report.rows).toEqual([
      { config: 's3', stack: 'management-state-bootstrap', passed: 1, failed: 2, allowlisted: 1 },
      { config: 's3', stack: 'management-us-east-1', passed: 2, failed: 0, allowlisted: 0 },
      { config: 's3', stack: 'network-us-east-1', passed: 0, failed: 0, allowlisted: 0 },
    ]);
    expect(totalsOf(report.rows)).toEqual({ stacks: 3, passed: 3, failed: 2, allowlisted: 1 });
  });

  it('keeps the same stack name in different configs apart', () => {
    const both = [f('management-us-east-1', 'CKV_AWS_41', 'passed', 'provider.aws', 'a'), f('management-us-east-1', 'CKV_AWS_41', 'passed', 'provider.aws', 'b')];
    const rows = summarizeByStack([], both, applyAllowlist(both, [], { scannedConfigs: ['a', 'b'], partialScan: false }));
    expect(rows.map((r) => [r.config, r.passed])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });
});

describe('gate verdict and reports', () => {
  it('fails on a failure that is not allowlisted and lists it with its construct path', () => {
    const report = reportFor(findings, [allowLogsKms]);
    expect(gatePasses(report)).toBe(false);
    const text = formatTextReport(report);
    expect(text).toContain('Failures not in the allowlist (2):');
    expect(text).toContain('  - [s3] management-state-bootstrap  CKV_AWS_18  name of CKV_AWS_18\n      resource:  aws_s3_bucket.state-access-logs_B7CCAF44\n      construct: management-state-bootstrap/state-access-logs/Resource');
    expect(text).not.toContain('CKV_AWS_145  name of');
    expect(text.trimEnd().endsWith('FAIL: 2 failure(s) not in the allowlist')).toBe(true);
  });

  it('orders failures by table row, then numeric check id', () => {
    const unordered = [f('network-us-east-1', 'CKV_AWS_2', 'failed'), f('management-state-bootstrap', 'CKV_AWS_144', 'failed'), f('management-state-bootstrap', 'CKV_AWS_18', 'failed')];
    expect(orderedFailures(reportFor(unordered, [])).map((x) => `${x.stack}:${x.checkId}`)).toEqual([
      'management-state-bootstrap:CKV_AWS_18',
      'management-state-bootstrap:CKV_AWS_144',
      'network-us-east-1:CKV_AWS_2',
    ]);
  });

  it('fails on a stale entry even when every failure is allowlisted', () => {
    const onlyAllowlisted = [f('management-state-bootstrap', 'CKV_AWS_145', 'failed')];
    const stale = { ...allowLogsKms, check: 'CKV_AWS_18' };
    const report = reportFor(onlyAllowlisted, [allowLogsKms, stale]);
    expect(gatePasses(report)).toBe(false);
    expect(formatTextReport(report)).toContain('  - entries[1]: check CKV_AWS_18, config *, stack *-state-bootstrap, resource aws_s3_bucket.state-access-logs*');
    expect(formatTextReport(report)).toMatch(/FAIL: 1 stale allowlist entry$/);
    expect(gatePasses(reportFor(onlyAllowlisted, [allowLogsKms]))).toBe(true);
  });

  it('fails when Checkov could not parse a file', () => {
    const report = { ...reportFor([], []), parsingErrors: [{ config: 's3', file: '/x/stacks/a/cdk.tf.json' }] };
    expect(gatePasses(report)).toBe(false);
    expect(formatTextReport(report)).toMatch(/FAIL: 1 file\(s\) Checkov could not parse$/);
  });

  it('gives the totals of the terraform_json and the terraform_plan pass each, and judges both', () => {
    const plan = [
      f('t0123-management-us-east-1', 'CKV_AWS_355', 'failed', 'aws_iam_policy.permissions-boundary_1A2B', 'test-plans'),
      f('t0123-management-us-east-1', 'CKV_AWS_287', 'passed', 'aws_iam_policy.permissions-boundary_1A2B', 'test-plans'),
    ];
    const all = [...findings, ...plan];
    const boundary = { check: 'CKV_AWS_355', stack: '*', resource: 'aws_iam_policy.permissions-boundary*', config: 'test-plans', reason: REASON };
    const stacks = [{ config: 's3', stack: 'management-state-bootstrap' }, { config: 'test-plans', stack: 't0123-management-us-east-1' }];
    const outcome = applyAllowlist(all, [allowLogsKms, boundary], { scannedConfigs: ['s3', 'test-plans'], partialScan: false });
    const report: ScanReport = {
      checkovVersion: '3.3.30',
      configs: ['s3', 'test-plans'],
      passes: [
        { framework: 'terraform_json', configs: ['s3'] },
        { framework: 'terraform_plan', configs: ['test-plans'] },
      ],
      rows: summarizeByStack(stacks, all, outcome),
      outcome,
      parsingErrors: [],
    };
    const text = formatTextReport(report);
    expect(text).toContain('Checkov 3.3.30 (terraform_json and terraform_plan) over 2 config(s): s3, test-plans');
    expect(text).toContain('terraform_json pass: 2 stacks, 3 passed, 2 failed (not allowlisted), 1 allowlisted');
    expect(text).toContain('terraform_plan pass: 1 stacks, 1 passed, 0 failed (not allowlisted), 1 allowlisted');
    expect(formatMarkdownReport(report)).toContain('- terraform_plan pass: 1 stacks, 1 passed, 0 failed (not allowlisted), 1 allowlisted');
    // the plan-pass entry does not reach the JSON pass's failures
    expect(outcome.failures.map((x) => x.checkId).sort()).toEqual(['CKV_AWS_144', 'CKV_AWS_18']);
  });

  it('renders the same table as Markdown, with failures and escaped pipes', () => {
    const report = reportFor([...findings, { ...f('network-us-east-1', 'CKV_AWS_1', 'failed'), checkName: 'a | b' }], [allowLogsKms]);
    const md = formatMarkdownReport(report);
    expect(md).toContain('**Result: FAIL: 3 failure(s) not in the allowlist**');
    expect(md).toContain('| config | stack | passed | failed | allowlisted |\n| --- | --- | ---: | ---: | ---: |\n| s3 | management-state-bootstrap | 1 | 2 | 1 |');
    expect(md).toContain('| **total** | **3 stacks** | **3** | **3** | **1** |');
    expect(md).toContain('| s3 | network-us-east-1 | CKV_AWS_1 | a \\| b | aws_s3_bucket.state-access-logs_B7CCAF44 | network-us-east-1/state-access-logs/Resource |');
  });
});

describe('tables', () => {
  const table = { headers: ['stack', 'passed'], rows: [['a', '5'], ['longer-name', '12']], numeric: [1], footer: [['total', '17']] };

  it('aligns text columns, right-aligning numbers, with a rule above the footer', () => {
    expect(formatTextTable(table)).toBe(['stack        passed', '-----------  ------', 'a                 5', 'longer-name      12', '-----------  ------', 'total            17'].join('\n'));
  });

  it('renders Markdown with right-aligned numeric columns and a bold footer', () => {
    expect(formatMarkdownTable(table)).toBe(['| stack | passed |', '| --- | ---: |', '| a | 5 |', '| longer-name | 12 |', '| **total** | **17** |'].join('\n'));
  });
});

describe('scanConfigs', () => {
  const base = { exampleFile: '/repo/config/example-organization.yaml', exampleName: 'example', cwd: '/repo' };

  it('scans the example then the yaml samples in name order, ignoring other files', () => {
    const configs = scanConfigs({ ...base, sampleFiles: ['/repo/examples/configs/s3-per-account.yaml', '/repo/examples/configs/README.md', '/repo/examples/configs/central.yml'] });
    expect(configs).toEqual([
      { name: 'example', file: '/repo/config/example-organization.yaml' },
      { name: 'central', file: '/repo/examples/configs/central.yml' },
      { name: 's3-per-account', file: '/repo/examples/configs/s3-per-account.yaml' },
    ]);
  });

  it('handles an empty samples folder', () => {
    expect(scanConfigs({ ...base, sampleFiles: [] }).map((c) => c.name)).toEqual(['example']);
  });

  it('uses a comma-separated override instead, resolving relative paths and naming the example "example"', () => {
    const configs = scanConfigs({ ...base, sampleFiles: ['/repo/examples/configs/a.yaml'], override: ' /tmp/x.yaml , config/example-organization.yaml,' });
    expect(configs).toEqual([
      { name: 'x', file: '/tmp/x.yaml' },
      { name: 'example', file: '/repo/config/example-organization.yaml' },
    ]);
    expect(isPartialScan(' /tmp/x.yaml ')).toBe(true);
    expect(isPartialScan(' , ')).toBe(false);
    expect(isPartialScan(undefined)).toBe(false);
  });

  it('refuses two configs with the same scan name', () => {
    expect(() => scanConfigs({ ...base, sampleFiles: ['/repo/examples/configs/example.yaml'] })).toThrow(/would both be scanned as "example"/);
    expect(scanNameOf(path.join('/a', 'b.c.YAML'), '/x', 'example')).toBe('b.c');
  });
});

describe('Checkov invocation', () => {
  it('scans Terraform JSON offline and writes the three reports into the report folder', () => {
    const args = checkovArgs('/r/.scan-out/example/stacks', '/r/reports/checkov/example');
    expect(args.join(' ')).toBe(
      '--directory /r/.scan-out/example/stacks --framework terraform_json --skip-download --compact -o json -o junitxml -o sarif --output-file-path /r/reports/checkov/example',
    );
    expect(args).not.toContain('--quiet');
  });

  it('scans saved plans with the terraform_plan framework for the plan pass', () => {
    expect(checkovArgs('/r/.scan-out/test-plans/stacks', '/r/reports/checkov/test-plans', 'terraform_plan').join(' ')).toBe(
      '--directory /r/.scan-out/test-plans/stacks --framework terraform_plan --skip-download --compact -o json -o junitxml -o sarif --output-file-path /r/reports/checkov/test-plans',
    );
  });

  it('forces the offline variables over the caller environment', () => {
    expect(checkovEnv({ PATH: '/bin', BC_SKIP_MAPPING: 'FALSE' })).toEqual({ PATH: '/bin', BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false', CHECKPOINT_DISABLE: '1' });
  });

  it('recognises the pinned version in `checkov --version` output only', () => {
    expect(reportsVersion('3.3.30\n', '3.3.30')).toBe(true);
    expect(reportsVersion('3.3.300\n', '3.3.30')).toBe(false);
    expect(reportsVersion('3.2.1\n', '3.3.30')).toBe(false);
    expect(reportsVersion('', '3.3.30')).toBe(false);
  });

  it('finds the venv executables', () => {
    expect(venvPaths('/r/.venv-checkov', 'linux')).toEqual({ python: '/r/.venv-checkov/bin/python', pip: '/r/.venv-checkov/bin/pip', checkov: '/r/.venv-checkov/bin/checkov' });
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });
});
