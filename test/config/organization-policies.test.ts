import { ConfigError, type ConfigProblem } from '../../config/errors';
import { parseOrganization } from '../../config/organization';
import type { OrganizationInput } from '../../config';
import { exampleInput } from '../support/orgs';

/** Every problem of the example with `organizationPolicies` replaced (and the input changed further, optionally). */
function problemsWith(policies: unknown, change?: (input: Record<string, unknown>) => void): ConfigProblem[] {
  const input = exampleInput() as unknown as Record<string, unknown>;
  input.organizationPolicies = policies;
  change?.(input);
  try {
    parseOrganization(input as unknown as OrganizationInput, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const scp = (statements: unknown[], targets: string[] = ['security']) => ({ name: 'custom', type: 'scp', description: 'a custom SCP', targets, statements });
const rcp = (statements: unknown[], targets: string[] = ['root']) => ({ name: 'custom-rcp', type: 'rcp', description: 'a custom RCP', targets, statements });

describe('organizationPolicies config', () => {
  it('accepts the example and defaults every protection on once the block exists', () => {
    const org = parseOrganization(exampleInput(), 'test');
    const settings = org.organizationPolicies!;
    expect([settings.denyPublicS3.enabled, settings.dataPerimeter.enabled, settings.tagPolicy.enabled, settings.ec2DeclarativePolicy.enabled]).toEqual([true, true, true, true]);
    expect([settings.instanceTypeAllowlist.enabled, settings.serviceAllowlist.enabled]).toEqual([false, false]);
  });

  it('lints a custom RCP against the RCP-supported services, with the path', () => {
    const problems = problemsWith({ customPolicies: [rcp([{ Effect: 'Deny', Principal: '*', Action: 'ec2:RunInstances', Resource: '*' }])] });
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'organizationPolicies.customPolicies[0].statements',
        message: expect.stringContaining('action "ec2:RunInstances" is of ec2, which does not support RCPs; RCPs apply to s3, sts, kms'),
      }),
    ]);
  });

  it('lints a custom SCP like the built-ins: unknown actions, a Principal, Allow with NotAction', () => {
    const problems = problemsWith({
      customPolicies: [
        scp([
          { Sid: 'Bad', Effect: 'Deny', Action: 's3:DeleteBukket', Resource: '*' },
          { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' },
          { Effect: 'Allow', NotAction: 's3:*', Resource: '*' },
        ]),
      ],
    });
    const messages = problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^organizationPolicies\.customPolicies\[0\]\.statements: Statement\[0\] \(Bad\): "s3:DeleteBukket" is not a known s3 action/),
      'organizationPolicies.customPolicies[0].statements: Statement[1]: a service control policy statement has no Principal',
      expect.stringMatching(/Statement\[2\]: Allow with NotAction grants every action not listed/),
    ]);
  });

  it('refuses a custom SCP over 5,120 characters, with the size', () => {
    const actions = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-with-a-long-name-${i}`);
    const problems = problemsWith({ customPolicies: [scp([{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: actions }])] });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^is \d+ characters without whitespace, over the 5120-character limit of a service control policy/)]);
  });

  it('refuses unknown statement keys (a misspelt Condition would silently widen the policy)', () => {
    const problems = problemsWith({ customPolicies: [scp([{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*', Conditions: {} }])] });
    expect(problems[0]!.path).toBe('organizationPolicies.customPolicies[0].statements[0].Conditions');
    expect(problems[0]!.message).toMatch(/Conditions/);
  });

  it('counts custom and organisation SCPs with the baseline ones against the 5-per-target limit', () => {
    // workload-prod already holds protectS3PublicAccessBlock, protectBreakGlass, denyIamUsers and denyPublicS3.
    const problems = problemsWith({ customPolicies: [scp([{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }], ['workload-prod'])] });
    expect(problems).toEqual([
      {
        path: 'organizationPolicies.customPolicies[0].targets',
        value: '["workload-prod"]',
        message:
          '555555555555 (workload-prod) would carry 6 SCPs (FullAWSAccess, identity.serviceControlPolicies.protectS3PublicAccessBlock, identity.serviceControlPolicies.protectBreakGlass, ' +
          'identity.serviceControlPolicies.denyIamUsers, organizationPolicies.denyPublicS3, organizationPolicies.customPolicies[0] (custom)); AWS allows 5 per root, ' +
          'OU or account including FullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one',
      },
    ]);
  });

  it('counts RCPs against their own limit (4 besides RCPFullAWSAccess)', () => {
    const statement = { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' };
    const problems = problemsWith({ customPolicies: ['a1', 'a2', 'a3', 'a4'].map((name) => ({ ...rcp([statement]), name })) });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^r-a1b2 \(the root\) would carry 6 RCPs \(RCPFullAWSAccess, organizationPolicies\.dataPerimeter, .*\); AWS allows 5 per root, OU or account including RCPFullAWSAccess: attach 1 of them/)]);
  });

  it('refuses an OU as the declarative policy target (the config cannot drop the IMDS defaults of accounts it does not know)', () => {
    const problems = problemsWith({ ec2DeclarativePolicy: { targets: ['ou-a1b2-abcdefgh'] } });
    expect(problems).toEqual([expect.objectContaining({ path: 'organizationPolicies.ec2DeclarativePolicy.targets[0]', message: expect.stringMatching(/^is an OU: the config does not know/) })]);
  });

  it('needs identity.serviceControlPolicies, names unknown accounts, and refuses empty allowlists', () => {
    expect(problemsWith({}, (input) => delete (input.identity as Record<string, unknown>).serviceControlPolicies).map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^organizationPolicies: needs identity.serviceControlPolicies/),
    ]);
    expect(problemsWith({ dataPerimeter: { targets: ['nobody'] } }).map((p) => p.path)).toEqual(['organizationPolicies.dataPerimeter.targets[0]']);
    expect(problemsWith({ instanceTypeAllowlist: { enabled: true }, serviceAllowlist: { enabled: true, allowedServices: ['s4'] } }).map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^organizationPolicies.instanceTypeAllowlist.allowedTypes: must list at least one instance type when enabled/),
      expect.stringMatching(/^organizationPolicies.serviceAllowlist.allowedServices\[0\]: is not a service prefix/),
    ]);
  });
});
