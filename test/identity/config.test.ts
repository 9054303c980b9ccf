import type { OrganizationInput } from '../../config';
import { exampleOrg } from '../support/orgs';

type AccountInput = OrganizationInput['accounts'][number];

describe('identity settings in the organisation config', () => {
  const prod = (input: OrganizationInput): AccountInput => input.accounts.find((a) => a.name === 'workload-prod')!;

  it('has secure defaults when nothing is set', () => {
    const org = exampleOrg((input) => {
      delete input.identity;
      delete input.organizationPolicies; // it needs identity.serviceControlPolicies
      for (const account of input.accounts) delete account.identity;
    });
    expect(org.identity).toEqual({
      breakGlass: { roleName: 'break-glass', tagKey: 'break-glass', tagValue: 'true', requireMfa: true, maxSessionHours: 1 },
      passwordPolicy: { minimumLength: 14, maxAgeDays: 90 },
      supportRole: { roleName: 'aws-support', principalArnPatterns: [] },
      permissionsBoundary: { policyName: 'permissions-boundary', passableRoleArns: [] },
      accessAnalyzer: { unusedAccess: false, unusedAccessAgeDays: 90 },
    });
    expect(org.accounts[0]!.identity).toEqual({ githubDeployRoles: [], crossAccountRoles: [] });
  });

  it('fills SCP defaults: four policies at the root, the rest on every member account, IAM users allowed', () => {
    const scps = exampleOrg((input) => {
      input.identity = { serviceControlPolicies: { organizationRootId: 'r-a1b2' } };
    }).identity.serviceControlPolicies!;
    expect(scps.exemptDeployRole).toBe(true);
    expect(scps.regionAllowlist).toEqual({ enabled: true, targets: ['root'], extraExemptActions: [] });
    expect(scps.protectBreakGlass).toEqual({ enabled: true, targets: ['all-accounts'] });
    expect(scps.denyIamUsers).toEqual({ enabled: false, targets: ['all-accounts'] });
  });

  it.each<[string, (input: OrganizationInput) => void, RegExp]>([
    [
      'an external ID shorter than 16 characters',
      (input) => {
        prod(input).identity!.crossAccountRoles![0]!.externalId = 'too-short';
      },
      /accounts\[4\]\.identity\.crossAccountRoles\[0\]\.externalId: must be at least 16 characters/,
    ],
    [
      'a cross-account role without an external ID',
      (input) => {
        delete (prod(input).identity!.crossAccountRoles![0] as { externalId?: string }).externalId;
      },
      /accounts\[4\]\.identity\.crossAccountRoles\[0\]\.externalId: is required: an external ID of at least 16 characters/,
    ],
    [
      'a deploy role session of 13 hours',
      (input) => {
        prod(input).identity!.githubDeployRoles![0]!.maxSessionHours = 13;
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.maxSessionHours: must be a whole number of hours \(IAM allows 1 to 12\) from 1 to 12/,
    ],
    [
      'a repository that is not owner/name',
      (input) => {
        prod(input).identity!.githubDeployRoles![0]!.repositories[0]!.repository = 'website';
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.repositories\[0\]\.repository: must be "owner\/repository"/,
    ],
    [
      'an organisation wildcard with a short reason',
      (input) => {
        prod(input).identity!.githubDeployRoles![0]!.repositories[0] = { repository: 'example-org/*', branches: ['main'], allowOrganizationWildcard: { reason: 'easier' } };
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.repositories\[0\]\.allowOrganizationWildcard\.reason: must say why in at least 20 characters/,
    ],
    [
      'a password shorter than 14 characters',
      (input) => {
        input.identity = { ...input.identity, passwordPolicy: { minimumLength: 8 } };
      },
      /identity\.passwordPolicy\.minimumLength: must be a whole number of characters \(CIS 1\.8 asks for at least 14\) from 14 to 128/,
    ],
    [
      'a break-glass session of 24 hours',
      (input) => {
        input.identity = { ...input.identity, breakGlass: { maxSessionHours: 24 } };
      },
      /identity\.breakGlass\.maxSessionHours: must be a whole number of hours/,
    ],
    [
      'SCPs on the root without its id',
      (input) => {
        delete input.identity!.serviceControlPolicies!.organizationRootId;
      },
      /identity\.serviceControlPolicies\.denyLeaveOrganization\.targets: uses "root" but organizationRootId is not set/,
    ],
    [
      'a reserved break-glass tag key',
      (input) => {
        input.identity = { ...input.identity, breakGlass: { tagKey: 'aws:break-glass' } };
      },
      /identity\.breakGlass\.tagKey: must not start with "aws:"/,
    ],
    [
      'a misspelt identity setting',
      (input) => {
        (prod(input).identity as Record<string, unknown>).githubDeployRole = [];
      },
      /accounts\[4\]\.identity\.githubDeployRole: unknown key "githubDeployRole"/,
    ],
  ])('rejects %s, naming the setting', (_name, change, message) => {
    expect(() => exampleOrg(change)).toThrow(message);
  });
});
