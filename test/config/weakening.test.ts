import { ConfigError, type ConfigProblem } from '../../config/errors';
import { parseOrganization } from '../../config';
import { isUnrestrictedAction, isUnrestrictedResource } from '../../modules/iam/policy';
import { exampleInput } from '../support/orgs';

/**
 * Settings that would silently weaken a guardrail are refused at load, naming the path; where a setting may
 * legitimately go below the default, a written reason field allows it.
 */

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REASON = 'approved by the security review board; compensating control documented';

function outcome(change: (c: Raw) => void): { accepted: true } | { accepted: false; problems: readonly ConfigProblem[] } {
  const input = exampleInput() as Raw;
  change(input);
  try {
    parseOrganization(input, 'weak.yaml');
    return { accepted: true };
  } catch (error) {
    if (error instanceof ConfigError) return { accepted: false, problems: error.problems };
    throw error;
  }
}

function problemAt(change: (c: Raw) => void, path: string): ConfigProblem {
  const result = outcome(change);
  if (result.accepted) throw new Error(`expected a problem at ${path}, but the config was accepted`);
  const found = result.problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${result.problems.map((p) => `${p.path}: ${p.message}`).join(' | ')}`);
  return found;
}

const deployRole = (c: Raw) => c.accounts[4].identity.githubDeployRoles[0];
const repo = (c: Raw) => deployRole(c).repositories[0];
const scps = (c: Raw) => (c.identity.serviceControlPolicies ??= {});

describe('no silent weakening', () => {
  describe('the break-glass tag (it exempts its holder from every SCP)', () => {
    test.each<[string, (c: Raw) => void]>([
      ['equal to a default tag', (c) => ((c.defaultTags.owner = 'platform-security'), (c.identity.breakGlass = { tagKey: 'owner', tagValue: 'platform-security' }))],
      ['equal to a default tag in another case', (c) => ((c.defaultTags.Owner = 'x'), (c.identity.breakGlass = { tagKey: 'OWNER' }))],
      ['equal to a tag the baseline sets on every resource', (c) => (c.identity.breakGlass = { tagKey: 'Managed-By', tagValue: 'aws-security-baseline-cdktf' })],
      ['equal to an account tag', (c) => ((c.accounts[5].tags = { 'Break-Glass': 'true' }), (c.identity.breakGlass = {}))],
      ['equal to a deploy-role tag', (c) => (deployRole(c).tags = { 'break-glass': 'true' })],
    ])('is refused when its key is %s', (_what, change) => {
      expect(problemAt(change, 'identity.breakGlass.tagKey').message).toMatch(/the break-glass tag exempts its holder from every SCP, so it needs a key no other tag uses/);
    });
  });

  describe('exempt actions of the Region SCP', () => {
    test.each(['*', '*:*', 'ec2:*', 's3:Get*', 'iam:?reateRole'])('refuse the wildcard %p', (action) => {
      const p = problemAt((c) => (scps(c).regionAllowlist = { extraExemptActions: [action] }), 'identity.serviceControlPolicies.regionAllowlist.extraExemptActions[0]');
      expect(p.message).toMatch(/is a wildcard: an exemption would then cover whole services/);
    });
    test('refuse an action that is not in the catalogue', () => {
      const p = problemAt((c) => (scps(c).regionAllowlist = { extraExemptActions: ['iam:CreateRoll'] }), 'identity.serviceControlPolicies.regionAllowlist.extraExemptActions[0]');
      expect(p.message).toMatch(/is not a known iam action/);
    });
    test('control: a single catalogue action is accepted', () => {
      expect(outcome((c) => (scps(c).regionAllowlist = { extraExemptActions: ['iam:CreateRole'] })).accepted).toBe(true);
    });
  });

  describe('administrator grants in config statements (every wildcard form, from the action catalogue)', () => {
    test.each<[string, string]>([
      ['*', '*'],
      ['*', 'arn:*:*:*:*:*'],
      ['s3:*', 'arn:aws:s3:::*'],
      ['s3:*', 'arn:aws:s3:::*/*'],
      ['S3:*', 'arn:aws:*:*:*:*'],
      ['s3:**', 'arn:aws:s3:::*'],
      ['iam:*?*', 'arn:aws:iam::555555555555:*'],
      ['*:*', 'arn:aws:ec2:*:*:*'],
    ])('refuse %p on %p', (action, resource) => {
      const p = problemAt((c) => deployRole(c).statements.push({ actions: [action], resources: [resource] }), 'accounts[4].identity.githubDeployRoles[0].statements[3]');
      expect(p.message).toMatch(/is administrator access; list specific actions and resources/);
    });
    test.each<[string, string]>([
      ['s3:Get*', 'arn:aws:s3:::*'],
      ['s3:*', 'arn:aws:s3:::example-prod-website/*'],
    ])('control: accept %p on %p (narrower than the whole service)', (action, resource) => {
      expect(outcome((c) => deployRole(c).statements.push({ actions: [action], resources: [resource] })).accepted).toBe(true);
    });
    test('the wildcard forms come from the catalogue', () => {
      expect(isUnrestrictedAction('s3:*')).toBe(true);
      expect(isUnrestrictedAction('s3:*Object')).toBe(false);
      expect(isUnrestrictedResource('arn:aws:s3:::*')).toBe(true);
      expect(isUnrestrictedResource('arn:aws:s3:::bucket/*')).toBe(false);
    });
    test('refuse administrator-equivalent managed policies on a deploy role', () => {
      const p = problemAt((c) => (deployRole(c).awsManagedPolicies = ['AdministratorAccess']), 'accounts[4].identity.githubDeployRoles[0].awsManagedPolicies[0]');
      expect(p.message).toMatch(/grants administrator-equivalent access/);
    });
  });

  test('an ABAC statement with an empty tag list is refused (it would lose its tag condition)', () => {
    const p = problemAt((c) => (deployRole(c).statements[2].matchPrincipalTags = []), 'accounts[4].identity.githubDeployRoles[0].statements[2].matchPrincipalTags');
    expect(p.message).toMatch(/must list at least one tag key: an empty list would leave the statement without its tag condition/);
  });

  describe('GitHub OIDC patterns that match any ref', () => {
    test.each<[string, string]>([
      ['branches', '*'],
      ['branches', '*/*'],
      ['branches', '**'],
      ['environments', '*'],
      ['tags', '*'],
    ])('refuse %s %p without openRefPatternsReason', (list, pattern) => {
      const p = problemAt((c) => (repo(c)[list] = [pattern]), `accounts[4].identity.githubDeployRoles[0].repositories[0].${list}[0]`);
      expect(p.message).toMatch(/matches any ref: every workflow run of the repository could assume the role; .* or set openRefPatternsReason/);
    });
    test('accept them with a written reason', () => {
      expect(outcome((c) => Object.assign(repo(c), { branches: ['*/*'], openRefPatternsReason: REASON })).accepted).toBe(true);
    });
    test('control: a named pattern is accepted', () => {
      expect(outcome((c) => (repo(c).branches = ['release/*'])).accepted).toBe(true);
    });
  });

  describe('floors', () => {
    test('Object Lock below 365 days needs retentionBelowFloorReason', () => {
      const lock = (extra: Raw) => (c: Raw) => (c.detection.cloudTrail = { ...(c.detection.cloudTrail ?? {}), objectLock: { retentionDays: 30, ...extra } });
      expect(problemAt(lock({}), 'detection.cloudTrail.objectLock.retentionDays').message).toMatch(/is below the floor of 365 days/);
      expect(outcome(lock({ retentionBelowFloorReason: REASON })).accepted).toBe(true);
    });
    test.each<[string, (c: Raw) => void, string]>([
      ['trail log retention', (c) => (c.detection.cloudTrail = { cloudWatchLogsRetentionDays: 90 }), 'detection.cloudTrail.cloudWatchLogsRetentionDays'],
      ['flow-log retention', (c) => (c.network.flowLogs = { retentionDays: 90 }), 'network.flowLogs.retentionDays'],
    ])('%s below a year is refused outright', (_what, change, path) => {
      expect(problemAt(change, path).message).toMatch(/at least a year/);
    });
  });

  describe('Object Lock mode of the log-archive buckets', () => {
    const lock = (c: Raw, value: Raw) => (((c.detection ??= {}).cloudTrail ??= {}).objectLock = value);
    test('GOVERNANCE without a reason is refused', () => {
      expect(problemAt((c) => lock(c, { mode: 'GOVERNANCE' }), 'detection.cloudTrail.objectLock.mode').message).toMatch(/use COMPLIANCE, or set governanceReason/);
    });
    test('GOVERNANCE with a reason, and COMPLIANCE (the default), are accepted', () => {
      expect(outcome((c) => lock(c, { mode: 'GOVERNANCE', governanceReason: REASON })).accepted).toBe(true);
      expect(outcome((c) => lock(c, {})).accepted).toBe(true);
    });
  });
});
