import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_CONFIG_PATH } from '../../config';
import type { CheckovResults } from '../../scripts/lib/checkov/results';
import { indexStackResources } from '../../scripts/lib/checkov/stack-resources';
import { accountMatrix } from '../../scripts/lib/report/accounts';
import { buildReport, type ReportData } from '../../scripts/lib/report/build';
import { freshnessOf, isFresh, summarizeCheckov } from '../../scripts/lib/report/checkov';
import type { CheckovLocations } from '../../scripts/lib/report/checkov-load';
import { checkCisTests, cisProblems, parseCisTable, splitTableRow, testFilesIn } from '../../scripts/lib/report/cis';
import { ReportError } from '../../scripts/lib/report/errors';
import { deployOrder, findCycle, graphFromManifest } from '../../scripts/lib/report/graph';
import { cell, table } from '../../scripts/lib/report/markdown';
import { formatModuleAreas, moduleAreas, moduleOf } from '../../scripts/lib/report/modules';
import { reportProblems } from '../../scripts/lib/report/problems';
import { renderReport } from '../../scripts/lib/report/render';
import { mergeTypeCounts, stackContents, topTypes } from '../../scripts/lib/report/stack-contents';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { stackJson, tempDir } from '../support/synth';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const resource = (p?: string): Record<string, unknown> => (p === undefined ? { x: 1 } : { x: 1, '//': { metadata: { path: p } } });

describe('module areas from construct paths', () => {
  it.each([
    ['security-us-east-1/detection/guardduty-detector/Resource', 'Detection', 'GuardDuty'],
    ['security-us-east-1/detection/guardduty-alert-rule/rule', 'Detection', 'GuardDuty'],
    ['management-us-east-1/detection/trail/Resource', 'Detection', 'CloudTrail'],
    ['log-archive-us-east-1/detection/config-bucket/bucket', 'Detection', 'log archive buckets'],
    ['security-us-east-1/detection/config-aggregator/Resource', 'Detection', 'AWS Config'],
    ['a-us-east-1/detection/conformance-pack-logging-essentials/Resource', 'Detection', 'AWS Config'],
    ['security-us-east-1/detection/security-hub-finding-aggregator/Resource', 'Detection', 'Security Hub'],
    ['management-us-east-1/identity/service-control-policies/deny-root/Resource', 'Identity', 'SCPs'],
    ['security-us-east-1/identity/organization-access-analyzer/Resource', 'Identity', 'Access Analyzer'],
    ['workload-prod-us-east-1/identity/deploy-role-github-deploy-website/role', 'Identity', 'GitHub deploy roles'],
    ['network-us-east-1/network/transit-gateway-attachment/Resource', 'Network', 'TGW attachment'],
    ['network-us-east-1/network/transit-gateway/Resource', 'Network', 'Transit Gateway hub'],
    ['network-us-east-1/network/endpoint-service-shared-api/nlb', 'Network', 'PrivateLink services'],
    ['workload-prod-us-east-1/baseline-key/Resource', 'KMS', 'baseline key'],
    ['workload-prod-us-east-1/secrets/orders/db-password/Resource', 'Data protection', 'Secrets Manager'],
    ['workload-prod-eu-west-1/waf/web-acl/Resource', 'WAF', 'web ACL'],
    ['management-state-bootstrap/lock-table', 'State bootstrap', 'lock table'],
  ])('%s is %s / %s', (p, area, module) => {
    expect(moduleOf(p)).toEqual({ area, module });
  });

  it('keeps unknown ids visible: an unknown top-level id is its own area, an unknown child id its own module', () => {
    expect(moduleOf('s/new-area/thing/Resource')).toEqual({ area: 'new-area' });
    expect(moduleOf('s/detection/brand-new-service/Resource')).toEqual({ area: 'Detection', module: 'brand-new-service' });
    expect(moduleOf('s/detection')).toEqual({ area: 'Detection' });
    expect(moduleOf('just-a-stack')).toBeUndefined();
    expect(moduleOf('')).toBeUndefined();
  });

  it('groups paths into areas in a fixed order, each module once, and formats them', () => {
    const areas = moduleAreas([
      's/detection/security-hub/Resource',
      's/zzz-custom/x',
      's/detection/guardduty-detector/Resource',
      's/detection/guardduty-organization/Resource',
      's/baseline-key/Resource',
      's/identity/password-policy/Resource',
      's/identity/account-access-analyzer/Resource',
    ]);
    expect(areas).toEqual([
      { area: 'KMS', modules: ['baseline key'] },
      { area: 'Identity', modules: ['Access Analyzer', 'password policy'] },
      { area: 'Detection', modules: ['GuardDuty', 'Security Hub'] },
      { area: 'zzz-custom', modules: [] },
    ]);
    expect(formatModuleAreas(areas)).toBe('**KMS**: baseline key; **Identity**: Access Analyzer, password policy; **Detection**: GuardDuty, Security Hub; **zzz-custom**');
    expect(formatModuleAreas([])).toBe('(none)');
  });
});

describe('resource counting', () => {
  const tf = {
    provider: { aws: [{ alias: 'other', region: 'eu-west-1' }, { region: 'us-east-1' }] },
    resource: {
      aws_kms_key: { a: resource('s/baseline-key/Resource'), b: resource('s/detection/alert-topic/key') },
      aws_s3_bucket: { c: resource('s/detection/cloudtrail-bucket/bucket'), d: resource(), e: resource() },
      aws_iam_role: { f: resource('s/identity/support-role/Resource') },
      aws_empty: {},
    },
    data: { terraform_remote_state: { r: resource() }, aws_iam_policy_document: { p: resource('s/waf/web-acl/doc'), q: resource() } },
  };

  it('counts resources by type and data sources apart, reads the default provider Region and the module areas', () => {
    const contents = stackContents(tf);
    expect(contents.resources).toBe(6);
    expect(contents.dataSources).toBe(3);
    expect([...contents.resourcesByType]).toEqual([
      ['aws_kms_key', 2],
      ['aws_s3_bucket', 3],
      ['aws_iam_role', 1],
    ]);
    expect(contents.region).toBe('us-east-1');
    expect(contents.modules.map((m) => m.area)).toEqual(['KMS', 'Identity', 'WAF', 'Detection']);
    expect(contents.modules.find((m) => m.area === 'Detection')?.modules).toEqual(['log archive buckets', 'alert topic']);
  });

  it('ranks types by count, then name, and adds counts across stacks', () => {
    const counts = new Map([
      ['b', 2],
      ['a', 2],
      ['c', 5],
      ['d', 1],
    ]);
    expect(topTypes(counts, 3)).toEqual([
      { type: 'c', count: 5 },
      { type: 'a', count: 2 },
      { type: 'b', count: 2 },
    ]);
    expect([...mergeTypeCounts([counts, new Map([['a', 3], ['z', 1]])])]).toEqual([
      ['b', 2],
      ['a', 5],
      ['c', 5],
      ['d', 1],
      ['z', 1],
    ]);
  });

  it('treats a non-object as an empty stack', () => {
    expect(stackContents(null)).toMatchObject({ resources: 0, dataSources: 0, modules: [] });
  });
});

describe('stack dependency graph', () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

  it('reads stacks.<name>.dependencies from manifest.json and refuses other shapes', () => {
    const manifest = { version: '0.21.0', stacks: { a: { name: 'a', dependencies: ['b'] }, b: { name: 'b' } } };
    expect([...graphFromManifest(manifest)]).toEqual([
      ['a', ['b']],
      ['b', []],
    ]);
    expect(() => graphFromManifest({ stacks: { a: { dependencies: 'b' } } })).toThrow(ReportError);
    expect(() => graphFromManifest([])).toThrow(/manifest\.json/);
  });

  it('orders a diamond wave by wave, dependencies first, preferred order inside a wave', () => {
    const plan = deployOrder(graph({ top: ['left', 'right'], left: ['base'], right: ['base'], base: [], lone: [] }), ['base', 'right', 'left', 'top']);
    expect(plan.steps.map((s) => [s.stack, s.wave])).toEqual([
      ['base', 1],
      ['lone', 1],
      ['right', 2],
      ['left', 2],
      ['top', 3],
    ]);
    expect(plan.cycle).toBeUndefined();
    expect(plan.unordered).toEqual([]);
    expect(plan.missing).toEqual([]);
  });

  it('gives every stack a position after all of its dependencies (a long chain against the preferred order)', () => {
    const names = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const edges = Object.fromEntries(names.map((n, i) => [n, i === 0 ? [] : [names[i - 1]!, names[Math.floor(i / 2)]!].filter((d) => d !== n)]));
    const plan = deployOrder(graph(edges), [...names].reverse());
    const position = new Map(plan.steps.map((s, i) => [s.stack, i]));
    expect(plan.steps).toHaveLength(30);
    for (const [stack, deps] of Object.entries(edges)) for (const d of deps) expect(position.get(d)!).toBeLessThan(position.get(stack)!);
    expect(plan.steps.at(-1)).toMatchObject({ stack: 's29', wave: 30 });
  });

  it('reports a cycle as a path, and leaves the stacks on or behind it unordered', () => {
    const plan = deployOrder(graph({ a: ['b'], b: ['c'], c: ['a'], d: ['a'], e: [] }));
    expect(plan.steps.map((s) => s.stack)).toEqual(['e']);
    expect(plan.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect([...plan.unordered].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds a self-dependency and reports dependencies on unknown stacks', () => {
    expect(findCycle(graph({ a: ['a'] }), ['a'])).toEqual(['a', 'a']);
    expect(findCycle(graph({ a: ['b'], b: [] }), ['a', 'b'])).toBeUndefined();
    const plan = deployOrder(graph({ a: ['ghost'], b: ['a'] }));
    expect(plan.missing).toEqual([{ stack: 'a', dependency: 'ghost' }]);
    expect(plan.steps.map((s) => s.stack)).toEqual(['a', 'b']);
  });
});

describe('CIS table parsing', () => {
  const doc = [
    '# Title',
    '',
    '| What | Test |',
    '|---|---|',
    '| not this table | `test/x.test.ts` |',
    '',
    '| CIS | Recommendation | How the baseline meets it | Test |',
    '|:---|---|---|---:|',
    '| 3.1 | CloudTrail on | `Trail` with `a|b` inside code | `test/detection/trail.test.ts` › Trail › is on |',
    '| 4.1-4.15 | alarms \\| routed | x | `test/a.test.ts` › one; `test/b.test.ts` › two; `test/a.test.ts` › three |',
    '| 9.9 | no test | x | (manual) |',
    '',
    '| CIS | Recommendation | How | Test |',
    '|---|---|---|---|',
    '| 1.1 | second table is ignored | x | `test/y.test.ts` |',
  ].join('\n');

  it('splits rows on pipes outside code spans, with \\| as a literal pipe', () => {
    expect(splitTableRow('| a | `b|c` | d \\| e |')).toEqual(['a', '`b|c`', 'd | e']);
    expect(splitTableRow('a | b')).toEqual(['a', 'b']);
    expect(splitTableRow('|  |x|')).toEqual(['', 'x']);
  });

  it('reads the first table whose first column is CIS, up to its end', () => {
    const rows = parseCisTable(doc);
    expect(rows.map((r) => r.control)).toEqual(['3.1', '4.1-4.15', '9.9']);
    expect(rows[0]).toEqual({
      control: '3.1',
      recommendation: 'CloudTrail on',
      how: '`Trail` with `a|b` inside code',
      test: '`test/detection/trail.test.ts` › Trail › is on',
      testFiles: ['test/detection/trail.test.ts'],
    });
    expect(rows[1]?.recommendation).toBe('alarms | routed');
    expect(rows[1]?.testFiles).toEqual(['test/a.test.ts', 'test/b.test.ts']);
    expect(rows[2]?.testFiles).toEqual([]);
  });

  it('flags rows naming a missing test file or none', () => {
    const checked = checkCisTests(parseCisTable(doc), (f) => f !== 'test/b.test.ts');
    expect(checked.map((r) => r.missingFiles)).toEqual([[], ['test/b.test.ts'], []]);
    expect(cisProblems(checked).map((r) => r.control)).toEqual(['4.1-4.15', '9.9']);
  });

  it('refuses a document without the table, or with a column missing', () => {
    expect(() => parseCisTable('# nothing here\n')).toThrow(ReportError);
    expect(() => parseCisTable('| CIS | Recommendation | Test |\n|---|---|---|\n| 1 | r | t |')).toThrow(/no "How" column/);
  });

  it('finds test paths only in code spans', () => {
    expect(testFilesIn('`test/a.test.ts` › x; see test/b.test.ts and `test/c.test.ts`')).toEqual(['test/a.test.ts', 'test/c.test.ts']);
  });

  it('reads the project document: every row names a test file that exists', () => {
    const rows = checkCisTests(parseCisTable(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'cis-controls.md'), 'utf8')), (f) => fs.existsSync(path.join(PROJECT_ROOT, f)));
    expect(rows.find((r) => r.control === '3.1')).toMatchObject({ recommendation: 'CloudTrail enabled in all Regions', testFiles: ['test/detection/trail.test.ts'] });
    expect(cisProblems(rows)).toEqual([]);
  });
});

describe('Checkov results for the report', () => {
  const tf = {
    resource: {
      aws_s3_bucket: { logs_1: resource('stack-a/detection/cloudtrail-bucket/bucket') },
      aws_kms_key: { key_2: resource('stack-a/baseline-key/Resource') },
    },
  };
  const check = (checkId: string, status: 'passed' | 'failed' | 'skipped', stack: string, res: string) => ({ checkId, checkName: `name of ${checkId}`, status, stack, resource: res, file: `/${stack}/cdk.tf.json` });
  const results: CheckovResults = {
    checks: [
      check('CKV_AWS_7', 'passed', 'stack-a', 'resource.key_2'),
      check('CKV_AWS_144', 'failed', 'stack-a', 'resource.logs_1'),
      check('CKV_AWS_18', 'failed', 'stack-a', 'aws_s3_bucket.logs_1'),
      check('CKV_AWS_144', 'failed', 'stack-gone', 'aws_s3_bucket.x'),
      check('CKV_AWS_21', 'skipped', 'stack-a', 'aws_s3_bucket.logs_1'),
    ],
    parsingErrors: [],
  };

  it('applies the allowlist by construct path and counts per stack, current stacks first', () => {
    const summary = summarizeCheckov({
      config: 'example',
      stackNames: ['stack-a', 'stack-b'],
      results,
      stacks: { indexes: new Map([['stack-a', indexStackResources(tf)]]), facts: new Map() },
      allowlist: [{ check: 'CKV_AWS_144', config: '*', stack: '*', resource: '*/cloudtrail-bucket/*', reason: 'replication is out of scope for this test' }],
    });
    expect(summary.rows).toEqual([
      { config: 'example', stack: 'stack-a', passed: 1, failed: 1, allowlisted: 1 },
      { config: 'example', stack: 'stack-b', passed: 0, failed: 0, allowlisted: 0 },
      { config: 'example', stack: 'stack-gone', passed: 0, failed: 1, allowlisted: 0 },
    ]);
    expect(summary.totals).toEqual({ stacks: 3, passed: 1, failed: 2, allowlisted: 1 });
    expect(summary.failures.map((f) => [f.checkId, f.stack, f.constructPath])).toEqual([
      ['CKV_AWS_18', 'stack-a', 'stack-a/detection/cloudtrail-bucket/bucket'],
      ['CKV_AWS_144', 'stack-gone', undefined],
    ]);
    expect(summary.allowlisted).toEqual([{ checkId: 'CKV_AWS_144', checkName: 'name of CKV_AWS_144', count: 1 }]);
  });

  it('tells whether the scanned JSON is the current synth', () => {
    const current = new Map([
      ['a', 'h1'],
      ['b', 'h2'],
      ['c', 'h3'],
    ]);
    const f = freshnessOf(current, new Map([['a', 'h1'], ['b', 'old']]), new Set(['a', 'b', 'gone']));
    expect(f).toEqual({ changed: ['b'], unverified: ['c'], notScanned: ['c'], extra: ['gone'] });
    expect(isFresh(f)).toBe(false);
    expect(isFresh(freshnessOf(new Map([['a', 'h1']]), new Map([['a', 'h1']]), new Set(['a'])))).toBe(true);
  });
});

describe('Markdown helpers', () => {
  it('escapes pipes and line breaks in cells', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(cell('already \\| escaped')).toBe('already \\| escaped');
    expect(table(['n', 'v'], [['x', '1']], ['left', 'right'])).toBe('| n | v |\n| --- | ---: |\n| x | 1 |');
  });
});

describe('the report for the example organisation (synthesized end to end)', () => {
  const org = exampleOrg();
  const synth = synthOrg(org);
  const scanRoot = tempDir('report-scan-');
  const locations: CheckovLocations = {
    reportsDir: path.join(scanRoot, 'reports', 'checkov'),
    scanOutDir: path.join(scanRoot, '.scan-out'),
    allowlistFile: path.join(scanRoot, 'checkov-allowlist.yaml'),
  };
  fs.writeFileSync(
    locations.allowlistFile,
    ['entries:', '  - check: CKV_AWS_144', '    stack: "log-archive-*"', '    resource: "*/detection/*"', '    reason: cross-region replication is a disaster-recovery choice, not tested here'].join('\n'),
  );
  const build = (): ReportData =>
    buildReport({
      org,
      configFile: EXAMPLE_CONFIG_PATH,
      configName: 'example',
      synth,
      projectRoot: PROJECT_ROOT,
      cisDoc: path.join(PROJECT_ROOT, 'docs', 'cis-controls.md'),
      checkov: locations,
      now: new Date('2026-01-02T03:04:05Z'),
    });
  const data = build();
  const report = renderReport(data);
  const lines = report.split('\n');

  it('lists every account in every Region with its id, role and module areas', () => {
    expect(data.matrix.rows).toHaveLength(12);
    expect(data.matrix.unassigned).toEqual([]);
    const securityHome = lines.find((l) => l.startsWith('| security | `333333333333` | security | us-east-1 (home) | `security-us-east-1` |'));
    expect(securityHome).toMatch(/\*\*Detection\*\*: [^;]*GuardDuty/);
    expect(securityHome).toMatch(/Security Hub/);
    expect(securityHome).toMatch(/alert topic/);
    const row = (stack: string) => data.matrix.rows.find((r) => r.stack === stack)!;
    const areaModules = (stack: string, area: string) => row(stack).modules.find((m) => m.area === area)?.modules ?? [];
    expect(areaModules('management-us-east-1', 'Detection')).toEqual(expect.arrayContaining(['CloudTrail', 'CIS alarms']));
    expect(areaModules('management-us-east-1', 'Identity')).toContain('SCPs');
    expect(areaModules('network-us-east-1', 'Network')).toEqual(expect.arrayContaining(['Transit Gateway hub', 'VPC']));
    expect(areaModules('log-archive-us-east-1', 'Detection')).toContain('log archive buckets');
    expect(row('workload-prod-eu-west-1').modules.map((m) => m.area)).toContain('WAF');
    // Global resources only in the home Region: the baseline key and the password policy.
    expect(row('security-eu-west-1').modules.map((m) => m.area)).not.toContain('KMS');
    expect(areaModules('security-eu-west-1', 'Identity')).not.toContain('password policy');
    expect(row('security-eu-west-1')).toMatchObject({ account: 'security', accountId: '333333333333', role: 'security', region: 'eu-west-1', homeRegion: false, synthesized: true });
  });

  it('counts each stack resources as in its synthesized JSON, and totals them', () => {
    for (const name of synth.stackNames) {
      const json = stackJson(synth.outdir, name);
      const expected = Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect(data.stacks.get(name)?.resources).toBe(expected);
    }
    const total = [...data.stacks.values()].reduce((n, s) => n + s.resources, 0);
    expect(total).toBeGreaterThan(500);
    expect(report).toContain(`| **total (12 stacks)** | **${total}** |`);
    const alarms = Object.keys(stackJson(synth.outdir, 'management-us-east-1').resource?.['aws_cloudwatch_metric_alarm'] ?? {}).length;
    expect(alarms).toBe(15);
    expect(lines.find((l) => l.startsWith('| `management-us-east-1` |'))).toContain('`aws_cloudwatch_metric_alarm` 15');
  });

  it('deploys log-archive first and management after it, security after management', () => {
    const order = data.deploy.steps.map((s) => s.stack);
    expect(order).toHaveLength(12);
    expect(data.deploy.cycle).toBeUndefined();
    expect(order[0]).toBe('log-archive-us-east-1');
    expect(order.indexOf('management-us-east-1')).toBeGreaterThan(order.indexOf('log-archive-us-east-1'));
    expect(order.indexOf('security-us-east-1')).toBeGreaterThan(order.indexOf('management-us-east-1'));
    expect(order.indexOf('workload-prod-us-east-1')).toBeGreaterThan(order.indexOf('network-us-east-1'));
    expect(report).toMatch(/^\| \d+ \| `security-us-east-1` \| 3 \| `log-archive-us-east-1`, `management-us-east-1` \|$/m);
  });

  it('includes the CIS table with a 3.1 row and its test, all test files present', () => {
    expect(report).toMatch(/^\| 3\.1 \| CloudTrail enabled in all Regions \| `test\/detection\/trail\.test\.ts` › Trail › .* \| present \|$/m);
    expect(report).toContain('every test file they name exists');
    expect(report).toMatch(/^\| 4\.16 \| AWS Security Hub enabled \|/m);
  });

  it('says how to run the scan when there are no Checkov results, and nothing else is wrong', () => {
    expect(data.checkov.kind).toBe('not-run');
    expect(report).toContain('No Checkov scan has run for config `example`. Run `npm run scan`');
    expect(reportProblems(data)).toEqual({ errors: [], warnings: ['No Checkov results for config "example": run `npm run scan`'] });
    expect(report).toContain('Generated 2026-01-02T03:04:05.000Z by `npm run report` from `config/example-organization.yaml`.');
    expect(report).toContain('6 accounts, 12 stacks');
  });

  it('reports the Checkov results of a scan, judged with the allowlist, and a changed stack', () => {
    const bucketOf = (stack: string) => Object.keys(stackJson(synth.outdir, stack).resource?.['aws_s3_bucket'] ?? {})[0]!;
    const entry = (checkId: string, stack: string, res: string) => ({ check_id: checkId, check_name: `name ${checkId}`, file_path: `/${stack}/cdk.tf.json`, resource: res });
    const json = {
      check_type: 'terraform_json',
      results: {
        passed_checks: [entry('CKV_AWS_7', 'management-us-east-1', 'provider.aws')],
        // CKV_AWS_144 on a log-archive bucket is in the test's allowlist (matched by construct path); CKV_AWS_19 is not.
        failed_checks: [entry('CKV_AWS_144', 'log-archive-us-east-1', `aws_s3_bucket.${bucketOf('log-archive-us-east-1')}`), entry('CKV_AWS_19', 'management-us-east-1', 'aws_s3_bucket.nope')],
        parsing_errors: [],
      },
    };
    fs.mkdirSync(path.join(locations.reportsDir, 'example'), { recursive: true });
    fs.writeFileSync(path.join(locations.reportsDir, 'example', 'results_json.json'), JSON.stringify(json));
    for (const stack of synth.stackNames) {
      const text = fs.readFileSync(path.join(synth.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      fs.mkdirSync(path.join(locations.scanOutDir, 'example', 'stacks', stack), { recursive: true });
      fs.writeFileSync(path.join(locations.scanOutDir, 'example', 'stacks', stack, 'cdk.tf.json'), stack === 'network-eu-west-1' ? `${text} ` : text);
    }
    const scanned = build();
    if (scanned.checkov.kind !== 'results') throw new Error(`expected results, got ${scanned.checkov.kind}`);
    expect(scanned.checkov.summary.totals).toEqual({ stacks: 12, passed: 1, failed: 1, allowlisted: 1 });
    expect(scanned.checkov.freshness.changed).toEqual(['network-eu-west-1']);
    const text = renderReport(scanned);
    expect(text).toContain('**Result: FAIL**: 1 passed, 1 failed, 1 allowlisted over 12 stacks.');
    expect(text).toMatch(/^\| `log-archive-us-east-1` \| 0 \| 0 \| 1 \|$/m);
    expect(text).toContain('- CKV_AWS_19 name CKV_AWS_19: `management-us-east-1` `aws_s3_bucket.nope`');
    expect(text).toContain('- changed since the scan: `network-eu-west-1`');
    expect(reportProblems(scanned).warnings).toEqual(expect.arrayContaining(['Checkov: 1 failed check(s) not in the allowlist']));
  });

  it('judges with the project allowlist as the gate does: role and Region conditions read the synthesized stacks', () => {
    // Entries with `role:` (member GuardDuty detectors) or `region: other` (Config recorders outside the home Region)
    // accept a finding only with the stack's facts; a report that judged without them showed the gate's allowlisted
    // findings as failures.
    // the address the scan's own resource index gives the construct path
    const addressOf = (stack: string, type: string, pathTail: string): string => {
      const found = [...indexStackResources(stackJson(synth.outdir, stack)).byAddress.values()].find((r) => r.address.startsWith(`${type}.`) && r.constructPath?.endsWith(pathTail));
      if (found === undefined) throw new Error(`no ${type} at construct path ...${pathTail} in ${stack}`);
      return found.address;
    };
    const entry = (checkId: string, stack: string, res: string) => ({ check_id: checkId, check_name: `name ${checkId}`, file_path: `/${stack}/cdk.tf.json`, resource: res });
    const root = tempDir('report-allowlist-');
    const real: CheckovLocations = { reportsDir: path.join(root, 'reports'), scanOutDir: path.join(root, '.scan-out'), allowlistFile: path.join(PROJECT_ROOT, 'checkov-allowlist.yaml') };
    const failed = [
      entry('CKV2_AWS_3', 'workload-dev-us-east-1', addressOf('workload-dev-us-east-1', 'aws_guardduty_detector', '/detection/guardduty-detector/Resource')),
      entry('CKV2_AWS_48', 'network-eu-west-1', addressOf('network-eu-west-1', 'aws_config_configuration_recorder', '/detection/config-recorder/Recorder')),
      // the same check on the home-Region recorder is not what the `region: other` entry accepts
      entry('CKV2_AWS_48', 'network-us-east-1', addressOf('network-us-east-1', 'aws_config_configuration_recorder', '/detection/config-recorder/Recorder')),
    ];
    fs.mkdirSync(path.join(real.reportsDir, 'example'), { recursive: true });
    fs.writeFileSync(path.join(real.reportsDir, 'example', 'results_json.json'), JSON.stringify({ check_type: 'terraform_json', results: { passed_checks: [], failed_checks: failed, parsing_errors: [] } }));
    const judged = buildReport({ org, configFile: EXAMPLE_CONFIG_PATH, configName: 'example', synth, projectRoot: PROJECT_ROOT, cisDoc: path.join(PROJECT_ROOT, 'docs', 'cis-controls.md'), checkov: real });
    if (judged.checkov.kind !== 'results') throw new Error(`expected results, got ${judged.checkov.kind}`);
    expect(judged.checkov.summary.totals).toEqual({ stacks: 12, passed: 0, failed: 1, allowlisted: 2 });
    expect(judged.checkov.summary.failures.map((f) => [f.checkId, f.stack, f.role, f.homeRegion])).toEqual([['CKV2_AWS_48', 'network-us-east-1', 'network', true]]);
    expect(judged.checkov.summary.allowlisted.map((c) => [c.checkId, c.count])).toEqual([
      ['CKV2_AWS_3', 1],
      ['CKV2_AWS_48', 1],
    ]);
  });

  it('reports a dependency cycle as an error', () => {
    const deploy = deployOrder(new Map([...graphFromManifest(JSON.parse(fs.readFileSync(path.join(synth.outdir, 'manifest.json'), 'utf8'))), ['log-archive-us-east-1', ['security-us-east-1']]]));
    const broken = { ...data, deploy };
    expect(deploy.cycle?.[0]).toBe(deploy.cycle?.at(-1));
    expect(deploy.cycle).toEqual(expect.arrayContaining(['log-archive-us-east-1', 'security-us-east-1']));
    expect(reportProblems(broken).errors).toEqual([`Stack dependency cycle: ${deploy.cycle!.join(' -> ')}`]);
    expect(renderReport(broken)).toContain('**Error: dependency cycle**');
  });

  it('adds a row for a state bootstrap stack, in its own Region', () => {
    const withBootstrap = new Map(data.stacks);
    withBootstrap.set('management-state-bootstrap', stackContents({ provider: { aws: [{ region: 'eu-west-1' }] }, resource: { aws_kms_key: { k: resource('management-state-bootstrap/state-key/Resource') } } }));
    withBootstrap.set('stray-stack', stackContents({}));
    const matrix = accountMatrix(org, withBootstrap);
    expect(matrix.rows.find((r) => r.stack === 'management-state-bootstrap')).toMatchObject({ kind: 'state-bootstrap', region: 'eu-west-1', homeRegion: false, modules: [{ area: 'State bootstrap', modules: ['state key'] }] });
    expect(matrix.unassigned).toEqual(['stray-stack']);
  });
});
