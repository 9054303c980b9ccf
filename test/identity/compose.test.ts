import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import type { OrganizationInput } from '../../config';
import { synthOrganization } from '../../stacks/synth';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, tempDir } from '../support/synth';

type AccountInput = OrganizationInput['accounts'][number];

describe('identity in the example organisation', () => {
  const org = exampleOrg();
  const { outdir } = synthOrg(org);
  const stack = (account: string, region: string) => stackJson(outdir, `${account}-${region}`);
  const logicalIds = (account: string, region: string) =>
    Object.entries(stack(account, region).resource ?? {})
      .flatMap(([type, resources]) => Object.keys(resources).filter((id) => id.startsWith('identity_')).map((id) => `${type}.${id}`))
      .sort();

  it('puts global IAM resources once per account, in the home-Region stack', () => {
    for (const account of org.accounts) {
      const home = stack(account.name, 'us-east-1');
      expect(resourcesOfType(home, 'aws_iam_account_password_policy')).toHaveLength(1);
      expect(resourcesOfType(home, 'aws_iam_role').map((r) => r.name)).toEqual(expect.arrayContaining(['aws-support', 'break-glass']));
      expect(resourcesOfType(home, 'aws_iam_policy').map((p) => p.name)).toEqual(expect.arrayContaining(['permissions-boundary', 'require-mfa']));
      const other = stack(account.name, 'eu-west-1');
      for (const type of ['aws_iam_role', 'aws_iam_policy', 'aws_iam_account_password_policy', 'aws_iam_openid_connect_provider']) {
        expect(Object.keys(other.resource?.[type] ?? {}).filter((id) => id.startsWith('identity_'))).toEqual([]);
      }
    }
  });

  it('runs an account Access Analyzer in every Region, and an organisation analyzer in the security account', () => {
    for (const account of org.accounts) {
      for (const region of account.regions) {
        const analyzers = resourcesOfType(stack(account.name, region), 'aws_accessanalyzer_analyzer');
        const expected = [{ analyzer_name: 'example-account', type: 'ACCOUNT' }];
        if (account.role === 'security') expected.push({ analyzer_name: 'example-organization', type: 'ORGANIZATION' });
        if (account.role === 'security' && region === 'us-east-1') expected.push({ analyzer_name: 'example-unused-access', type: 'ORGANIZATION_UNUSED_ACCESS' });
        expect(analyzers).toEqual(expected.map((e) => expect.objectContaining(e)));
      }
    }
  });

  it('puts SCPs and the Access Analyzer delegated administrator in the management home stack only', () => {
    const management = stack('management', 'us-east-1');
    // The baseline SCPs, then the organisation policies of `organizationPolicies` (test/organizations/organization-policies.test.ts).
    expect(resourcesOfType(management, 'aws_organizations_policy').map((p) => p.name).sort()).toEqual(
      [
        'baseline-tags',
        'data-perimeter',
        'deny-iam-users',
        'deny-leave-organization',
        'deny-public-s3',
        'deny-root-user',
        'ec2-attributes',
        'protect-break-glass',
        'protect-ebs-encryption',
        'protect-log-archive',
        'protect-s3-public-access-block',
        'protect-security-services',
        'region-allowlist',
      ].map((n) => `example-${n}`),
    );
    // Access Analyzer's delegated administrator (other services' come from the detection composition), all to security.
    const delegated = resourcesOfType(management, 'aws_organizations_delegated_administrator');
    expect(stackText(outdir, 'management-us-east-1')).toHaveResourceWithProperties(OrganizationsDelegatedAdministrator, { account_id: '333333333333', service_principal: 'access-analyzer.amazonaws.com' });
    for (const admin of delegated) expect(admin.account_id).toBe('333333333333');
    for (const name of ['security', 'workload-prod', 'log-archive']) {
      expect(resourcesOfType(stack(name, 'us-east-1'), 'aws_organizations_policy')).toHaveLength(0);
    }
    expect(resourcesOfType(stack('management', 'eu-west-1'), 'aws_organizations_policy')).toHaveLength(0);
  });

  it('creates the GitHub provider and deploy roles only where config asks for them', () => {
    expect(resourcesOfType(stack('workload-prod', 'us-east-1'), 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(resourcesOfType(stack('workload-dev', 'us-east-1'), 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(resourcesOfType(stack('security', 'us-east-1'), 'aws_iam_openid_connect_provider')).toHaveLength(0);
    const prodRoles = Object.entries(stack('workload-prod', 'us-east-1').resource?.aws_iam_role ?? {})
      .filter(([id]) => id.startsWith('identity_'))
      .map(([, role]) => role);
    expect(prodRoles.map((r) => r.name).sort()).toEqual(['aws-support', 'break-glass', 'github-deploy-website', 'security-audit']);
    // every role but break-glass is bounded by THE identity permissions boundary of the account
    const boundary = expect.stringMatching(/^\$\{aws_iam_policy\.identity_permissions-boundary_Policy_[0-9A-F]{8}\.arn\}$/);
    for (const name of ['aws-support', 'github-deploy-website', 'security-audit']) {
      expect(stackText(outdir, 'workload-prod-us-east-1')).toHaveResourceWithProperties(IamRole, { name, permissions_boundary: boundary });
    }
    expect(prodRoles.find((r) => r.name === 'break-glass')!.permissions_boundary).toBeUndefined();
  });

  it('keeps its logical ids stable (they are Terraform state addresses)', () => {
    expect(logicalIds('workload-prod', 'us-east-1')).toMatchSnapshot();
    expect(logicalIds('management', 'us-east-1')).toMatchSnapshot();
    expect(logicalIds('security', 'eu-west-1')).toMatchSnapshot();
  });
});

describe('identity settings that fail at synth, naming the setting', () => {
  const synth = (change: (input: OrganizationInput) => void) => () => synthOrganization(exampleOrg(change), tempDir('identity-bad-'));
  const prod = (input: OrganizationInput): AccountInput => input.accounts.find((a) => a.name === 'workload-prod')!;
  const deployRole = (input: OrganizationInput) => prod(input).identity!.githubDeployRoles![0]!;

  it.each<[string, (input: OrganizationInput) => void, RegExp]>([
    [
      'a typo in an action name',
      (input) => {
        deployRole(input).statements![0]!.actions = ['s3:PutObjects'];
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.statements\[0\]: "s3:PutObjects" is not a known s3 action/,
    ],
    [
      'a wildcard admin statement',
      (input) => {
        deployRole(input).statements = [{ actions: ['*'], resources: ['*'] }];
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.statements\[0\]: Allow of "\*" on resource "\*" is administrator access/,
    ],
    [
      'a bare organisation wildcard repository',
      (input) => {
        deployRole(input).repositories = [{ repository: 'example-org/*', branches: ['main'] }];
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.repositories\[0\]\.repository: is an organisation wildcard/,
    ],
    [
      'a repository pinned to nothing',
      (input) => {
        deployRole(input).repositories = [{ repository: 'example-org/website' }];
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.repositories\[0\]\.branches: is empty/,
    ],
    [
      'AdministratorAccess on a deploy role',
      (input) => {
        deployRole(input).awsManagedPolicies = ['AdministratorAccess'];
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.awsManagedPolicies\[0\]: grants administrator-equivalent access/,
    ],
    [
      'a role name used twice in an account',
      (input) => {
        deployRole(input).roleName = 'security-audit';
      },
      /accounts\[4\]\.identity\.githubDeployRoles\[0\]\.roleName: is already used by accounts\[4\]\.identity\.crossAccountRoles\[0\]\.roleName/,
    ],
    [
      'an SCP target naming no account',
      (input) => {
        input.identity!.serviceControlPolicies!.denyIamUsers = { enabled: true, targets: ['workload-qa'] };
      },
      /identity\.serviceControlPolicies\.denyIamUsers\.targets\[0\]: names no account/,
    ],
    [
      'more than four baseline SCPs on one target',
      (input) => {
        input.identity!.serviceControlPolicies!.protectBreakGlass = { targets: ['root'] };
      },
      /identity\.serviceControlPolicies\.protectBreakGlass\.targets: r-a1b2 \(the root\) would carry 6 SCPs \(FullAWSAccess, .*\); AWS allows 5 per root, OU or account including FullAWSAccess/,
    ],
  ])('fails with %s', (_name, change, message) => {
    expect(synth(change)).toThrow(message);
  });
});
