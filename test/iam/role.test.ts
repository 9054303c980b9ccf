import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { Construct } from 'constructs';
import { AwsManagedPolicy, ManagedPolicy } from '../../modules/iam/managed-policy';
import { Policy } from '../../modules/iam/policy';
import { Role, knownRoleArn, singlePolicyRole, type RoleProps } from '../../modules/iam/role';
import { Statement } from '../../modules/iam/statement';
import { MIN_EXTERNAL_ID_LENGTH, Trust, samlSignInUrl } from '../../modules/iam/trust';
import { onlyResource, resourcesOfType, synthConstruct, synthScope, testStack } from '../support/synth';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const EXTERNAL_ID = 'ext-id-0123456789abcdef';

function boundary(scope: Construct) {
  return new ManagedPolicy(scope, 'boundary', { policyName: 'b', isBoundary: true, policy: Policy.of(Statement.allow({ actions: ['*'], resources: ['*'] })) });
}

describe('Role', () => {
  it('trusts a service with a one-hour session by default and no boundary needed', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      new Role(scope, 'R', { partition: 'aws', roleName: 'lambda-exec', trust: [Trust.service('lambda.amazonaws.com', { sourceAccount: ACCOUNT })] });
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'lambda-exec', max_session_duration: 3600, force_detach_policies: true, path: '/' });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
      ],
    });
  });

  it('trusts another account with an external ID and MFA, and attaches policies and a boundary', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      new Role(scope, 'R', { partition: 'aws',
        roleName: 'audit',
        accountId: ACCOUNT,
        trust: [Trust.account({ accountId: OTHER, principalArns: [`arn:aws:iam::${OTHER}:role/auditor`], externalId: EXTERNAL_ID, requireMfa: true })],
        maxSessionHours: 4,
        managedPolicies: [AwsManagedPolicy.of('aws', 'SecurityAudit')],
        inlinePolicies: { read: Policy.of(Statement.allow({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })) },
        permissionsBoundary: boundary(scope),
        tags: { team: 'security' },
      });
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'audit',
      max_session_duration: 14400,
      tags: { team: 'security' },
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.boundary_[0-9A-F]{8}\.arn\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, { name: 'b' });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy as string).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OTHER}:role/auditor` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/SecurityAudit' });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'read' });
  });

  it('needs no external ID for its own account', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      new Role(scope, 'R', { partition: 'aws', accountId: ACCOUNT, trust: [Trust.account({ accountId: ACCOUNT })], permissionsBoundary: boundary(scope) });
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name_prefix: 'R-' });
    const role = onlyResource(stack, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it('trusts SAML with the sign-in audience of the partition', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      new Role(scope, 'R', { partition: 'aws', trust: [Trust.saml({ providerArn: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` })], permissionsBoundary: boundary(scope) });
    });
    expect(JSON.parse(onlyResource(stack, 'aws_iam_role').assume_role_policy as string).Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.boundary_[0-9A-F]{8}\.arn\}$/) });
    expect(samlSignInUrl('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/saml');
  });

  it('attaches AdministratorAccess only to a role marked break-glass', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      new Role(scope, 'R', { partition: 'aws',
        accountId: ACCOUNT,
        trust: [Trust.account({ accountId: ACCOUNT, requireMfa: true })],
        managedPolicies: [AwsManagedPolicy.of('aws', 'AdministratorAccess')],
        breakGlass: { reason: 'emergency access when SSO is down' },
        withoutPermissionsBoundary: { reason: 'a boundary would cap emergency access' },
      });
    });
    expect(resourcesOfType(stack, 'aws_iam_role_policy_attachment')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    expect(synthesized).not.toHaveResourceWithProperties(IamRole, { permissions_boundary: expect.any(String) });
  });

  const base = (): RoleProps => ({ partition: 'aws', accountId: ACCOUNT, trust: [Trust.service('ec2.amazonaws.com')] });
  const cases: Array<[string, (scope: Construct) => RoleProps, RegExp]> = [
    ['a session over 12 hours', () => ({ ...base(), maxSessionHours: 13 }), /maxSessionHours must be a whole number from 1 to 12 hours \(got 13\)/],
    ['a session of 0 hours', () => ({ ...base(), maxSessionHours: 0 }), /maxSessionHours must be a whole number from 1 to 12/],
    ['no trust', () => ({ ...base(), trust: [] }), /trust must list at least one trusted principal/],
    ['a bad service principal', () => ({ ...base(), trust: [Trust.service('ec2')] }), /trust\[0\]\.servicePrincipals must be a service principal/],
    [
      'another account without an external ID',
      (scope) => ({ ...base(), trust: [Trust.account({ accountId: OTHER })], permissionsBoundary: boundary(scope) }),
      /trust\[0\]\.externalId is required to trust another account \(210987654321\)/,
    ],
    [
      `an external ID shorter than ${MIN_EXTERNAL_ID_LENGTH} characters`,
      (scope) => ({ ...base(), trust: [Trust.account({ accountId: OTHER, externalId: 'short-id' })], permissionsBoundary: boundary(scope) }),
      /trust\[0\]\.externalId must be 16 to 1224 characters .* \(got "short-id"\)/,
    ],
    [
      'a principal ARN outside the trusted account',
      (scope) => ({ ...base(), trust: [Trust.account({ accountId: OTHER, externalId: EXTERNAL_ID, principalArns: [`arn:aws:iam::${ACCOUNT}:role/x`] })], permissionsBoundary: boundary(scope) }),
      /trust\[0\]\.principalArns\[0\] must be the ARN of a role or user in account 210987654321/,
    ],
    ['a people-assumed role without a boundary', () => ({ ...base(), trust: [Trust.account({ accountId: ACCOUNT })] }), /permissionsBoundary is required for a role that people or CI assume/],
    ['AdministratorAccess without break-glass', () => ({ ...base(), managedPolicies: [AwsManagedPolicy.of('aws', 'AdministratorAccess')] }), /managedPolicies\[0\] grants administrator-equivalent access/],
    ['IAMFullAccess without break-glass', () => ({ ...base(), managedPolicies: [AwsManagedPolicy.of('aws', 'IAMFullAccess')] }), /managedPolicies\[0\] grants administrator-equivalent access/],
    ['a break-glass reason under 20 characters', () => ({ ...base(), breakGlass: { reason: 'needed' } }), /breakGlass\.reason must say why in at least 20 characters/],
    [
      'an inline wildcard admin grant',
      () => ({ ...base(), inlinePolicies: { admin: Policy.of(Statement.allow({ actions: ['*'], resources: ['*'] })) } }),
      /inlinePolicies\.admin is not a valid inline policy:[\s\S]*administrator access/,
    ],
    [
      'an unknown action in an inline policy',
      () => ({ ...base(), inlinePolicies: { read: Policy.of(Statement.allow({ actions: ['s3:GetObjects'], resources: ['*'] })) } }),
      /inlinePolicies\.read is not a valid inline policy:[\s\S]*"s3:GetObjects" is not a known s3 action/,
    ],
    [
      'inline policies over 10,240 characters in total',
      () => ({
        ...base(),
        inlinePolicies: Object.fromEntries(
          Array.from({ length: 3 }, (_, p) => [
            `p${p}`,
            Policy.of(...Array.from({ length: 40 }, (_, i) => Statement.allow({ sid: `S${i}`, actions: ['s3:GetObject'], resources: [`arn:aws:s3:::bucket-${p}-${i}/a/long/prefix/*`] }))),
          ]),
        ),
      }),
      /inlinePolicies are \d{5} characters without whitespace in total, over the 10240-character limit/,
    ],
    ['a bad role name', () => ({ ...base(), roleName: 'has space' }), /roleName must be 1 to 64 letters/],
    ['the same managed policy twice', () => ({ ...base(), managedPolicies: [AwsManagedPolicy.of('aws', 'ReadOnlyAccess'), AwsManagedPolicy.of('aws', 'ReadOnlyAccess')] }), /managedPolicies lists the same policy twice/],
    [
      'an OIDC trust with a bare wildcard subject',
      (scope) => ({
        ...base(),
        trust: [Trust.webIdentity({ providerArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/example.com`, issuerHost: 'example.com', audience: 'sts.amazonaws.com', subjects: ['*'] })],
        permissionsBoundary: boundary(scope),
      }),
      /trust\[0\]\.subjects\[0\] must pin a subject/,
    ],
  ];

  it.each(cases)('fails with %s, naming the prop', (_name, props, message) => {
    const stack = testStack();
    expect(() => new Role(stack, 'R', props(stack))).toThrow(message);
  });
});

describe('singlePolicyRole', () => {
  const read = Policy.of(Statement.allow({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }));

  it('trusts one service principal for its own account only, with one inline policy', () => {
    const synthesized = synthScope((scope) => {
      singlePolicyRole(scope, 'R', { principal: 'ssm.amazonaws.com', policyName: 'runbook', policy: read, roleName: 'runbook-role', partition: 'aws', accountId: ACCOUNT, tags: { team: 'security' } });
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'runbook-role',
      path: '/',
      max_session_duration: 3600,
      tags: { team: 'security' },
      assume_role_policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ssm.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
      }),
    });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'runbook', policy: read.toJson() });
    expect(synthesized).not.toHaveResource(IamRolePolicyAttachment);
  });

  it('takes another trusted principal, a boundary, a path and a longer session', () => {
    const synthesized = synthScope((scope) => {
      singlePolicyRole(scope, 'R', {
        principal: Trust.account({ accountId: ACCOUNT }),
        policyName: 'investigate',
        policy: read,
        roleName: 'investigator',
        partition: 'aws',
        accountId: ACCOUNT,
        permissionsBoundary: boundary(scope),
        path: '/response/',
        maxSessionHours: 4,
      });
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'investigator',
      path: '/response/',
      max_session_duration: 14400,
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.boundary_[0-9A-F]{8}\.arn\}$/),
    });
  });

  it('keeps Role\'s rules: a role people assume needs a boundary; the policy is linted', () => {
    expect(() => singlePolicyRole(testStack(), 'R', { principal: Trust.account({ accountId: ACCOUNT }), policyName: 'p', policy: read, partition: 'aws', accountId: ACCOUNT })).toThrow(
      /permissionsBoundary.*is required for a role that people or CI assume/,
    );
    const admin = Policy.of(Statement.allow({ actions: ['*'], resources: ['*'] }));
    expect(() => singlePolicyRole(testStack(), 'R', { principal: 'ssm.amazonaws.com', policyName: 'p', policy: admin, partition: 'aws', accountId: ACCOUNT })).toThrow(/inlinePolicies\.p.*is administrator access/s);
  });

  it('knows the ARN of a named role, path included', () => {
    expect(knownRoleArn('aws-us-gov', ACCOUNT, 'r')).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:role/r`);
    expect(knownRoleArn('aws', ACCOUNT, 'r', '/response/')).toBe(`arn:aws:iam::${ACCOUNT}:role/response/r`);
  });
});
