import { AllowlistError, parseAllowlist, validateAllowlist, type AllowlistEntry } from '../../scripts/lib/checkov/allowlist';
import type { Finding } from '../../scripts/lib/checkov/findings';
import { globToRegExp, matchesGlob } from '../../modules/core/glob';
import { applyAllowlist, entryMatches } from '../../scripts/lib/checkov/matching';

const REASON = 'S3 server access logs can only be delivered to an SSE-S3 bucket.';

function problemsOf(text: string): readonly string[] {
  try {
    parseAllowlist(text, 'test.yaml');
  } catch (error) {
    if (error instanceof AllowlistError) return error.problems;
    throw error;
  }
  throw new Error('expected an AllowlistError');
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    config: 's3-sample',
    stack: 'management-state-bootstrap',
    checkId: 'CKV_AWS_145',
    checkName: 'Ensure that S3 buckets are encrypted with KMS by default',
    status: 'failed',
    resource: 'aws_s3_bucket.state-access-logs_B7CCAF44',
    constructPath: 'management-state-bootstrap/state-access-logs/Resource',
    ...overrides,
  };
}

function entry(overrides: Partial<AllowlistEntry> = {}): AllowlistEntry {
  return { check: 'CKV_AWS_145', stack: '*-state-bootstrap', resource: 'aws_s3_bucket.state-access-logs*', config: '*', reason: REASON, ...overrides };
}

describe('allowlist validation', () => {
  it('accepts a valid file and defaults config to "*"', () => {
    const list = parseAllowlist(
      `# header\nentries:\n  - check: CKV_AWS_145\n    stack: "*-state-bootstrap"\n    resource: "aws_s3_bucket.state-access-logs*"\n    reason: ${REASON}\n`,
      'x.yaml',
    );
    expect(list.entries).toEqual([{ check: 'CKV_AWS_145', stack: '*-state-bootstrap', resource: 'aws_s3_bucket.state-access-logs*', config: '*', role: '*', region: 'any', reason: REASON }]);
  });

  it('accepts the empty list the repository starts with', () => {
    expect(parseAllowlist('entries: []\n', 'x.yaml').entries).toEqual([]);
  });

  it('rejects an entry without a reason', () => {
    expect(problemsOf('entries:\n  - check: CKV_AWS_18\n    stack: "*"\n    resource: "*"\n')).toEqual(['entries[0].reason: is required: write why this finding is accepted']);
  });

  it('rejects a reason shorter than 20 characters, even when padded with spaces', () => {
    const problems = problemsOf('entries:\n  - check: CKV_AWS_18\n    stack: "*"\n    resource: "*"\n    reason: "   too short, sorry     "\n');
    expect(problems).toEqual(['entries[0].reason: must be a written reason of at least 20 characters']);
  });

  it('rejects unknown keys at entry and file level, naming each', () => {
    const problems = problemsOf(`entries:\n  - check: CKV_AWS_18\n    stack: "*"\n    resource: "*"\n    reson: typo\n    reason: ${REASON}\nextra: 1\n`);
    expect(problems).toHaveLength(2);
    expect(problems).toContain('entries[0].reson: unknown key "reson" (allowed: check, stack, role, region, resource, config, reason)');
    expect(problems.some((p) => p.startsWith('extra: unknown key "extra"'))).toBe(true);
  });

  it('rejects globbed or malformed check ids and empty globs', () => {
    const problems = problemsOf(`entries:\n  - check: CKV_AWS_*\n    stack: ""\n    resource: "*"\n    reason: ${REASON}\n`);
    expect(problems).toEqual([
      'entries[0].check: must be one Checkov check id such as CKV_AWS_144 or CKV2_AWS_62 (no globs)',
      'entries[0].stack: must be a non-empty glob ("*" matches anything)',
    ]);
  });

  it('lists every problem in every entry at once', () => {
    const problems = problemsOf('entries:\n  - check: CKV_AWS_18\n  - stack: "*"\n    resource: "*"\n    reason: short\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        'entries[0].resource: is required: a glob where "*" matches anything',
        'entries[0].reason: is required: write why this finding is accepted',
        'entries[1].check: is required: a Checkov check id such as CKV_AWS_144',
        'entries[1].reason: must be a written reason of at least 20 characters',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('rejects an empty file and a missing entries list', () => {
    expect(problemsOf('')).toEqual(['entries: must be a list of entries (use "entries: []" for none)']);
    expect(problemsOf('entries:\n')).toEqual(['entries: must be a list of entries (use "entries: []" for none)']);
  });

  it('rejects duplicate entries and duplicate keys', () => {
    expect(() => validateAllowlist({ entries: [entry(), entry({ reason: `${REASON} Again.` })] }, 'x')).toThrow(/entries\[1\]: duplicates entries\[0\]/);
    expect(problemsOf(`entries:\n  - check: CKV_AWS_18\n    check: CKV_AWS_19\n`)[0]).toMatch(/not valid YAML.*[Mm]ap keys must be unique/s);
  });

  it('says which file is invalid in the error message', () => {
    expect(() => parseAllowlist('entries: nope', 'checkov-allowlist.yaml')).toThrow(/^Invalid Checkov allowlist checkov-allowlist.yaml: 1 problem\n/);
  });
});

describe('glob matching', () => {
  it('treats * as any run of characters, including dots and slashes', () => {
    expect(matchesGlob('*-state-bootstrap', 'management-state-bootstrap')).toBe(true);
    expect(matchesGlob('aws_s3_bucket.state-access-logs*', 'aws_s3_bucket.state-access-logs_B7CCAF44')).toBe(true);
    expect(matchesGlob('*/state-access-logs/*', 'management-state-bootstrap/state-access-logs/Resource')).toBe(true);
    expect(matchesGlob('*', '')).toBe(true);
  });

  it('anchors at both ends', () => {
    expect(matchesGlob('state-bootstrap', 'management-state-bootstrap')).toBe(false);
    expect(matchesGlob('management-*', 'network-management-us-east-1')).toBe(false);
    expect(matchesGlob('aws_s3_bucket.state', 'aws_s3_bucket.state-bucket_5D7007DC')).toBe(false);
  });

  it('treats regex characters literally', () => {
    expect(matchesGlob('aws_s3_bucket.x', 'aws_s3_bucketXx')).toBe(false);
    expect(matchesGlob('a+b(c)?[d]', 'a+b(c)?[d]')).toBe(true);
    expect(globToRegExp('a.b*').source).toBe('^a\\.b.*$');
  });

  it('is case-sensitive', () => {
    expect(matchesGlob('CKV_AWS_*', 'ckv_aws_1')).toBe(false);
  });
});

describe('entryMatches', () => {
  it('needs the exact check id', () => {
    expect(entryMatches(entry(), finding())).toBe(true);
    expect(entryMatches(entry({ check: 'CKV_AWS_14' }), finding())).toBe(false);
    expect(entryMatches(entry(), finding({ checkId: 'CKV_AWS_1450' }))).toBe(false);
  });

  it('matches the resource glob against the address or the construct path', () => {
    expect(entryMatches(entry({ resource: '*/state-access-logs/Resource' }), finding())).toBe(true);
    expect(entryMatches(entry({ resource: '*/state-bucket/Resource' }), finding())).toBe(false);
    expect(entryMatches(entry({ resource: '*/state-access-logs/Resource' }), finding({ constructPath: undefined }))).toBe(false);
  });

  it('honours the stack and config globs', () => {
    expect(entryMatches(entry(), finding({ stack: 'management-us-east-1' }))).toBe(false);
    expect(entryMatches(entry({ config: 's3-*' }), finding())).toBe(true);
    expect(entryMatches(entry({ config: 'example' }), finding())).toBe(false);
  });
});

describe('applyAllowlist', () => {
  const scanned = { scannedConfigs: ['example', 's3-sample'], partialScan: false };

  it('splits failures into allowlisted and not, ignoring passed results', () => {
    const logs = finding();
    const state = finding({ resource: 'aws_s3_bucket.state-bucket_5D7007DC', constructPath: 'management-state-bootstrap/state-bucket/Resource' });
    const passed = finding({ status: 'passed', checkId: 'CKV_AWS_999' });
    const outcome = applyAllowlist([logs, state, passed], [entry()], scanned);
    expect(outcome.allowlisted).toEqual([{ finding: logs, entryIndexes: [0] }]);
    expect(outcome.failures).toEqual([state]);
    expect(outcome.stale).toEqual([]);
  });

  it('records every entry that matches a failure as used', () => {
    const outcome = applyAllowlist([finding()], [entry(), entry({ resource: '*/state-access-logs/*' })], scanned);
    expect(outcome.allowlisted[0]?.entryIndexes).toEqual([0, 1]);
    expect(outcome.stale).toEqual([]);
  });

  it('reports an entry that matched no failure as stale, with its index', () => {
    const unused = entry({ check: 'CKV_AWS_18' });
    const outcome = applyAllowlist([finding()], [entry(), unused], scanned);
    expect(outcome.stale).toEqual([{ index: 1, entry: unused }]);
    expect(outcome.notApplicable).toEqual([]);
  });

  it('counts an entry that only matches a passed check as stale', () => {
    const outcome = applyAllowlist([finding({ status: 'passed' })], [entry()], scanned);
    expect(outcome.stale.map((s) => s.index)).toEqual([0]);
  });

  it('sets aside unused entries in a partial scan (one user config), but calls them stale in a full scan', () => {
    const other = entry({ config: 'central-*' });
    expect(applyAllowlist([], [other], { scannedConfigs: ['s3-sample'], partialScan: true })).toMatchObject({ stale: [], notApplicable: [{ index: 0 }] });
    expect(applyAllowlist([], [other], { scannedConfigs: ['s3-sample'], partialScan: false })).toMatchObject({ stale: [{ index: 0 }], notApplicable: [] });
    expect(applyAllowlist([], [entry({ config: 's3-*' })], { scannedConfigs: ['s3-sample'], partialScan: true })).toMatchObject({ stale: [], notApplicable: [{ index: 0 }] });
  });
});
