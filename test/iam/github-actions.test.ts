import { Testing } from 'cdktf';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { Construct } from 'constructs';
import { GithubDeployRole, GithubOidcProvider, githubSubjects, type GithubRepositoryAccess } from '../../modules/iam/github-actions';
import { PermissionsBoundary } from '../../modules/iam/permissions-boundary';
import { onlyResource, parseStack, synthConstruct, testStack } from '../support/synth';

const ACCOUNT = '123456789012';

function deployRole(scope: Construct, repositories: readonly GithubRepositoryAccess[], maxSessionHours?: number) {
  const provider = new GithubOidcProvider(scope, 'github', { partition: 'aws', accountId: ACCOUNT });
  const boundary = new PermissionsBoundary(scope, 'boundary');
  return new GithubDeployRole(scope, 'deploy', { provider, partition: 'aws', accountId: ACCOUNT, roleName: 'deploy', repositories, permissionsBoundary: boundary, maxSessionHours });
}

describe('GitHub Actions OIDC', () => {
  it('creates the provider for token.actions.githubusercontent.com with client id sts.amazonaws.com and no thumbprint', () => {
    const synthesized = Testing.synthScope((scope) => {
      deployRole(scope, [{ repository: 'example-org/app', branches: ['main'] }]);
    });
    expect(synthesized).toHaveResourceWithProperties(IamOpenidConnectProvider, { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    expect(onlyResource(parseStack(synthesized), 'aws_iam_openid_connect_provider').thumbprint_list).toBeUndefined();
  });

  it('pins aud and sub, requires the boundary, and lasts an hour by default', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      deployRole(scope, [
        { repository: 'example-org/app', branches: ['main'], environments: ['production'] },
        { repository: 'example-org/lib', tags: ['v*'] },
      ]);
    });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'deploy',
      max_session_duration: 3600,
      depends_on: [expect.stringMatching(/aws_iam_openid_connect_provider\.github/)],
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.boundary_Policy_[0-9A-F]{8}\.arn\}$/),
    });
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: {
              'token.actions.githubusercontent.com:sub': [
                'repo:example-org/app:ref:refs/heads/main',
                'repo:example-org/app:environment:production',
                'repo:example-org/lib:ref:refs/tags/v*',
              ],
            },
          },
        },
      ],
    });
  });

  it('allows an organisation wildcard only with a reason', () => {
    const stack = testStack();
    expect(githubSubjects(stack, 'r', { repository: 'example-org/*', branches: ['main'], allowOrganizationWildcard: { reason: 'every service repository deploys its own stack' } })).toEqual([
      'repo:example-org/*:ref:refs/heads/main',
    ]);
  });

  it.each<[string, GithubRepositoryAccess[], RegExp]>([
    ['a bare organisation wildcard', [{ repository: 'example-org/*', branches: ['main'] }], /repositories\[0\]\.repository is an organisation wildcard/],
    [
      'an organisation wildcard with a short reason',
      [{ repository: 'example-org/*', branches: ['main'], allowOrganizationWildcard: { reason: 'convenient' } }],
      /repositories\[0\]\.repository is an organisation wildcard/,
    ],
    ['a repository with no branch, environment or tag', [{ repository: 'example-org/app' }], /repositories\[0\]\.branches is empty and so are environments and tags/],
    ['a bare wildcard branch', [{ repository: 'example-org/app', branches: ['*'] }], /repositories\[0\]\.branches\[0\] matches any ref/],
    ['a repository without an owner', [{ repository: 'app', branches: ['main'] }], /repositories\[0\]\.repository must be "owner\/repository"/],
    ['no repository', [], /repositories must list at least one repository/],
    ['the same subject twice', [{ repository: 'o/a', branches: ['main'] }, { repository: 'o/a', branches: ['main'] }], /repositories allows the same subject twice/],
  ])('fails with %s, naming the setting', (_name, repositories, message) => {
    expect(() => deployRole(testStack(), repositories)).toThrow(message);
  });

  it('fails a session longer than 12 hours, naming maxSessionHours', () => {
    expect(() => deployRole(testStack(), [{ repository: 'o/a', branches: ['main'] }], 24)).toThrow(/maxSessionHours must be a whole number from 1 to 12 hours \(got 24\)/);
  });
});
