import { ConfigError, type ConfigProblem } from '../../config/errors';
import { POLICY_ATTACHMENT_QUOTAS, ORGANIZATION_POLICY_TYPES } from '../../modules/core/policy-quotas';
import { overLimitTargets, PolicyTargetCounter, type PolicyAttachment } from '../../modules/organizations/policy-limits';
import { exampleOrg } from '../support/orgs';

const attach = (type: PolicyAttachment['type'], count: number, targetIds: string[], prefix = 'p'): PolicyAttachment[] =>
  Array.from({ length: count }, (_, i) => ({ type, policy: `${prefix}${i + 1}`, targetIds }));

describe('overLimitTargets: AWS per-target quotas by policy type', () => {
  it.each([
    // type, AWS quota, AWS-managed default that takes a slot
    ['SERVICE_CONTROL_POLICY', 5, 'FullAWSAccess'],
    ['RESOURCE_CONTROL_POLICY', 5, 'RCPFullAWSAccess'],
    ['TAG_POLICY', 10, undefined],
    ['DECLARATIVE_POLICY_EC2', 10, undefined],
    ['BACKUP_POLICY', 10, undefined],
    ['AISERVICES_OPT_OUT_POLICY', 5, undefined],
  ] as const)('%s: %d per target, %s included', (type, quota, awsDefault) => {
    expect(POLICY_ATTACHMENT_QUOTAS[type].maxPerTarget).toBe(quota);
    const fits = quota - (awsDefault ? 1 : 0);
    for (const target of ['r-a1b2', 'ou-a1b2-abcdefgh', '111111111111']) {
      expect(overLimitTargets(attach(type, fits, [target]))).toEqual([]);
      const over = overLimitTargets(attach(type, fits + 1, [target]));
      expect(over).toHaveLength(1);
      expect(over[0]).toMatchObject({ type, targetId: target, count: quota + 1, limit: quota });
      expect(over[0]!.message).toMatch(new RegExp(`^${target} would carry ${quota + 1} .*AWS allows ${quota} per root, OU or account.*: attach 1 of them`));
      if (awsDefault) expect(over[0]!.message).toContain(`(${awsDefault}, p1,`);
    }
  });

  it('has a quota for every Organizations policy type', () => {
    for (const type of ORGANIZATION_POLICY_TYPES) expect(POLICY_ATTACHMENT_QUOTAS[type].maxPerTarget).toBeGreaterThan(0);
  });

  it('counts each type on its own: 4 SCPs and 4 RCPs on one target fit', () => {
    expect(overLimitTargets([...attach('SERVICE_CONTROL_POLICY', 4, ['r-a1b2'], 's'), ...attach('RESOURCE_CONTROL_POLICY', 4, ['r-a1b2'], 'r')])).toEqual([]);
  });

  it('lists every over-limit target, with the count and every policy name', () => {
    const over = overLimitTargets([
      ...attach('SERVICE_CONTROL_POLICY', 5, ['r-a1b2', '111111111111'], 's'),
      ...attach('RESOURCE_CONTROL_POLICY', 6, ['ou-a1b2-abcdefgh'], 'r'),
      ...attach('SERVICE_CONTROL_POLICY', 3, ['222222222222'], 'ok'),
    ]);
    expect(over.map((o) => [o.type, o.targetId, o.count])).toEqual([
      ['SERVICE_CONTROL_POLICY', 'r-a1b2', 6],
      ['SERVICE_CONTROL_POLICY', '111111111111', 6],
      ['RESOURCE_CONTROL_POLICY', 'ou-a1b2-abcdefgh', 7],
    ]);
    expect(over[2]!.message).toBe(
      'ou-a1b2-abcdefgh would carry 7 RCPs (RCPFullAWSAccess, r1, r2, r3, r4, r5, r6); AWS allows 5 per root, OU or account including RCPFullAWSAccess: ' +
        'attach 2 of them to other OUs or accounts instead, or disable 2',
    );
  });

  it('counts what a target already carries (adopted SCPs) and a target listed twice by one policy once', () => {
    const already = () => ({ count: 3, description: '3 already attached' });
    expect(overLimitTargets(attach('SERVICE_CONTROL_POLICY', 2, ['r-a1b2', 'r-a1b2']), { alreadyAttached: already })).toEqual([]);
    expect(overLimitTargets(attach('SERVICE_CONTROL_POLICY', 3, ['r-a1b2']), { alreadyAttached: already })[0]!.message).toMatch(/^r-a1b2 would carry 6 SCPs \(3 already attached, p1, p2, p3\)/);
  });

  it('is what the module counter uses', () => {
    const counter = new PolicyTargetCounter('TAG_POLICY');
    for (let i = 0; i < 11; i++) counter.attach(`tags-${i}`, ['r-a1b2']);
    expect(counter.problems()).toEqual([expect.stringMatching(/^r-a1b2 would carry 11 tag policies \(tags-0, .*tags-10\); AWS allows 10 per root, OU or account: attach 1/)]);
  });
});

/** The parts of the raw example input the cases change. */
interface RawInput {
  identity: { serviceControlPolicies: Record<string, unknown> };
  organizationPolicies: Record<string, unknown>;
  response?: unknown;
}

/** Every problem of the example config after `change`. */
function problemsOf(change: (input: RawInput) => void): ConfigProblem[] {
  try {
    exampleOrg((input) => change(input as unknown as RawInput));
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('the config counts every policy each target gets, once, in one error list', () => {
  it('accepts the example organisation', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it('reports every over-limit target (root, OU, account; SCPs and RCPs) as problems of one config error', () => {
    const problems = problemsOf((input) => {
      const scps = input.identity.serviceControlPolicies;
      // The root carries FullAWSAccess and 4 baseline SCPs by default: one more is over.
      scps.denyIamUsers = { enabled: true, targets: ['root', 'workload-prod'] };
      const statement = { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' };
      const rcpStatement = { ...statement, Principal: '*' };
      input.organizationPolicies.customPolicies = [
        ...['a', 'b', 'c', 'd', 'e'].map((name) => ({ name: `ou-${name}`, type: 'scp', description: 'd', targets: ['ou-a1b2-abcdefgh'], statements: [statement] })),
        ...['a', 'b', 'c', 'd', 'e'].map((name) => ({ name: `rcp-${name}`, type: 'rcp', description: 'd', targets: ['security'], statements: [rcpStatement] })),
      ];
      input.response = { quarantine: { enabled: true, targets: ['workload-prod'] } };
    });
    expect(problems.map((p) => [p.path, p.message.replace(/ \(FullAWSAccess.*\);| \(RCPFullAWSAccess.*\);/, ' (...);')])).toEqual([
      ['identity.serviceControlPolicies.denyIamUsers.targets', 'r-a1b2 (the root) would carry 6 SCPs (...); AWS allows 5 per root, OU or account including FullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one'],
      ['response.quarantine.targets', '555555555555 (workload-prod) would carry 6 SCPs (...); AWS allows 5 per root, OU or account including FullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one'],
      ['organizationPolicies.customPolicies[4].targets', 'ou-a1b2-abcdefgh would carry 6 SCPs (...); AWS allows 5 per root, OU or account including FullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one'],
      ['organizationPolicies.customPolicies[9].targets', '333333333333 (security) would carry 6 RCPs (...); AWS allows 5 per root, OU or account including RCPFullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one'],
    ]);
    // Each names every policy on the target with its config path.
    expect(problems[1]!.message).toContain(
      '(FullAWSAccess, identity.serviceControlPolicies.protectS3PublicAccessBlock, identity.serviceControlPolicies.protectBreakGlass, identity.serviceControlPolicies.denyIamUsers, ' +
        'organizationPolicies.denyPublicS3, response.quarantine)',
    );
    expect(problems[3]!.message).toContain('(RCPFullAWSAccess, organizationPolicies.customPolicies[5] (rcp-a), organizationPolicies.customPolicies[6] (rcp-b),');
  });
});
