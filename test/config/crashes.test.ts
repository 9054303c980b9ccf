import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, type ConfigProblem } from '../../config/errors';
import { parseOrganization } from '../../config';
import { INPUT_LIMITS } from '../../config/input-rules';
import { exampleInput } from '../support/orgs';

/**
 * Inputs that used to crash (a stack trace, a construct-id collision, EISDIR, a RangeError or a heap exhausted) or that
 * the stacks rejected with a plain Error at build time: each is now one ConfigError problem at load, with its path.
 */

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REASON = 'approved by the security review board; compensating control documented';
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

function problemsOf(change: (c: Raw) => void): readonly ConfigProblem[] {
  const input = exampleInput() as Raw;
  change(input);
  try {
    parseOrganization(input, 'crash.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

function problemAt(change: (c: Raw) => void, expectedPath: string): ConfigProblem {
  const problems = problemsOf(change);
  const found = problems.filter((p) => p.path === expectedPath);
  if (found.length !== 1) throw new Error(`expected one problem at ${expectedPath}; got ${problems.map((p) => `${p.path}: ${p.message}`).join(' | ')}`);
  return found[0]!;
}

const identityCenter = (assignments: Raw[]) => ({
  instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
  permissionSets: [{ name: 'auditor', awsManagedPolicies: ['SecurityAudit'] }],
  assignments,
});
const GROUP = '906742d3d7-1f2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d';

describe('inputs that crashed the build', () => {
  describe('duplicates in lists (were "There is already a Construct with name ...")', () => {
    test.each<[string, (c: Raw) => void, string, RegExp]>([
      ['interface endpoints', (c) => (c.network.interfaceEndpoints = ['kms', 'sts', 'kms']), 'network.interfaceEndpoints[2]', /is listed twice/],
      ['alert emails', (c) => (c.alerts.emails = ['a@example.com', 'a@example.com']), 'alerts.emails[1]', /is listed twice \(also item 0\); list each value once/],
      ['alert HTTPS endpoints', (c) => (c.alerts.httpsEndpoints = ['https://hooks.example.com/a', 'https://hooks.example.com/a']), 'alerts.httpsEndpoints[1]', /is listed twice/],
      [
        'disabled controls',
        (c) => (c.detection.securityHub = { disabledControls: [1, 2].map(() => ({ standard: 'aws-foundational-security-best-practices/v/1.0.0', controlId: 'Macie.1', reason: REASON })) }),
        'detection.securityHub.disabledControls[1].controlId',
        /repeats control "aws-foundational-security-best-practices\/v\/1\.0\.0 Macie\.1" of item 0/,
      ],
      [
        'conformance packs',
        (c) => (c.detection.config = { conformancePacks: [1, 2].map(() => ({ name: 'logging-essentials', templateFile: 'modules/detection/aws-config/templates/logging-essentials.yaml' })) }),
        'detection.config.conformancePacks[1].name',
        /repeats conformance pack name "logging-essentials" of item 0/,
      ],
      [
        'permission-set policies',
        (c) => (c.identity.identityCenter = { ...identityCenter([]), permissionSets: [{ name: 'auditor', awsManagedPolicies: ['SecurityAudit', 'SecurityAudit'] }] }),
        'identity.identityCenter.permissionSets[0].awsManagedPolicies[1]',
        /is listed twice/,
      ],
    ])('%s', (_what, change, expectedPath, message) => {
      expect(problemAt(change, expectedPath).message).toMatch(message);
    });
  });

  test('a folder as a conformance pack template (was EISDIR)', () => {
    const p = problemAt((c) => (c.detection.config = { conformancePacks: [{ name: 'pack', templateFile: 'modules' }] }), 'detection.config.conformancePacks[0].templateFile');
    expect(p.message).toBe('is a folder, not a file; name the YAML template inside it');
  });

  test.each([1e21, 1e6, 3e7])('availabilityZoneCount %p is one problem, quickly (was a RangeError, a slow plan or a full heap)', (count) => {
    const started = Date.now();
    const p = problemAt((c) => (c.accounts[3].network.vpcs['us-east-1'].availabilityZoneCount = count), 'accounts[3].network.vpcs.us-east-1.availabilityZoneCount');
    expect(p.message).toBe('must be 2 or 3');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a list over the size limit is one problem, not one per item', () => {
    const problems = problemsOf((c) => (c.allowedRegions = new Array(INPUT_LIMITS.listItems + 1).fill('us-east-1')));
    expect(problems.filter((p) => p.path.startsWith('allowedRegions'))).toEqual([
      { path: 'allowedRegions', value: expect.any(String), message: `is too large: ${INPUT_LIMITS.listItems + 1} items, at most ${INPUT_LIMITS.listItems.toLocaleString('en-US')} in any list` },
    ]);
  });
});

describe('rules the stacks checked at build time (plain Errors) are config rules', () => {
  test.each<[string, (c: Raw) => void, string, RegExp]>([
    ['the log-archive account outside the home Region', (c) => (c.accounts[1].regions = ['eu-west-1']), 'accounts[1].regions', /must include the home Region us-east-1: the log-archive account holds the log buckets/],
    ['a Macie job with Macie off', (c) => (c.accounts[4].detection = { macieClassificationJob: { bucketNames: ['example-prod-website'] } }), 'accounts[4].detection.macieClassificationJob', /needs detection\.macie\.enabled: true/],
    ['a role name reused (in another case)', (c) => (c.accounts[4].identity.githubDeployRoles[0].roleName = 'Break-Glass'), 'accounts[4].identity.githubDeployRoles[0].roleName', /is already used by identity\.breakGlass\.roleName in account workload-prod; role names must be unique per account \(IAM ignores case\)/],
    ['an assignment naming no account', (c) => (c.identity.identityCenter = identityCenter([{ permissionSet: 'auditor', groupId: GROUP, accounts: ['nobody'] }])), 'identity.identityCenter.assignments[0].accounts[0]', /names no account; use one of "management"/],
    [
      'an assignment listed twice',
      (c) => (c.identity.identityCenter = identityCenter([1, 2].map(() => ({ permissionSet: 'auditor', groupId: GROUP, accounts: ['security'] })))),
      'identity.identityCenter.assignments[1].accounts[0]',
      /again; list each assignment once/,
    ],
    ['an SCP target naming no account', (c) => (c.identity.serviceControlPolicies.denyRootUser = { targets: ['nobody'] }), 'identity.serviceControlPolicies.denyRootUser.targets[0]', /names no account/],
    [
      'more than 4 SCPs on one target',
      (c) => Object.assign(c.identity.serviceControlPolicies, { denyIamUsers: { enabled: true, targets: ['root'] }, protectBreakGlass: { targets: ['root'] }, protectS3PublicAccessBlock: { targets: ['root'] } }),
      'identity.serviceControlPolicies.denyIamUsers.targets',
      /^r-a1b2 \(the root\) would carry 8 SCPs \(FullAWSAccess, .*identity\.serviceControlPolicies\.denyIamUsers\); AWS allows 5 per root, OU or account including FullAWSAccess: attach 3 of them/,
    ],
    ['a WAF Region the account does not run in', (c) => (c.accounts[4].waf.webAcl.regions = ['ap-south-1']), 'accounts[4].waf.webAcl.regions[0]', /must be one of the account's Regions/],
    ['secrets in an account outside the home Region', (c) => ((c.accounts[5].regions = ['eu-west-1']), (c.accounts[5].network = {}), (c.accounts[5].dataProtection = { secrets: [{ application: 'a', name: 'b', rotation: { lambdaArn: 'arn:aws:lambda:us-east-1:666666666666:function:rotate' } }] })), 'accounts[5].dataProtection.secrets', /are created in the home Region/],
  ])('%s', (_what, change, expectedPath, message) => {
    expect(problemAt(change, expectedPath).message).toMatch(message);
  });

  test('stacks/ throws no plain Error except on lines marked unreachable, each naming the config rule that prevents it', () => {
    const offending: string[] = [];
    const markers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
            if (!/throw new Error\(/.test(line)) return;
            const where = `${path.relative(PROJECT_ROOT, file)}:${i + 1}`;
            if (/\/\/ unreachable: \S/.test(line)) markers.push(where);
            else offending.push(where);
          });
        }
      }
    };
    walk(path.join(PROJECT_ROOT, 'stacks'));
    expect(offending).toEqual([]);
    // Each marked line's rule is one of the cases above or in bad-config.test.ts / network-config.test.ts (central
    // state account, one log-archive account, segment hub, endpoint service, assignment set, WAF ARN shape).
    expect(markers.length).toBeGreaterThan(0);
  });

  test.each<[string, (c: Raw) => void, string]>([
    ['stacks/backend.ts: state.centralAccount', (c) => (c.state = { mode: 's3', layout: 'central', centralAccount: 'nobody' }), 'state.centralAccount'],
    ['stacks/naming.ts and accountWithRole: the log-archive account', (c) => (c.accounts = c.accounts.filter((a: Raw) => a.role !== 'log-archive')), 'accounts'],
    ['stacks/compose/network.ts: the hub of a segment', (c) => (c.accounts[3].regions = ['eu-west-1']), 'accounts[4].network.vpcs.us-east-1.segment'],
    [
      'stacks/compose/network.ts: a network endpoint service',
      (c) => (c.accounts[4].network.vpcs['us-east-1'].privateLinkEndpoints = { svc: { networkEndpointService: 'nope' } }),
      'accounts[4].network.vpcs.us-east-1.privateLinkEndpoints.svc.networkEndpointService',
    ],
    ['stacks/compose/identity.ts: an assignment permission set', (c) => (c.identity.identityCenter = identityCenter([{ permissionSet: 'nope', groupId: GROUP, accounts: ['security'] }])), 'identity.identityCenter.assignments[0].permissionSet'],
    ['stacks/compose/waf.ts: a protected resource ARN', (c) => (c.accounts[4].waf.webAcl.protectedResourceArns = ['arn:aws:s3:::bucket']), 'accounts[4].waf.webAcl.protectedResourceArns[0]'],
  ])('the rule behind the unreachable throw in %s fires at load', (_what, change, expectedPath) => {
    expect(problemsOf(change).map((p) => p.path)).toContain(expectedPath);
  });
});
