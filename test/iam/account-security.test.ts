import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { BreakGlassRole } from '../../modules/iam/break-glass-role';
import { PasswordPolicy } from '../../modules/iam/password-policy';
import { PermissionsBoundary } from '../../modules/iam/permissions-boundary';
import { RequireMfaPolicy } from '../../modules/iam/require-mfa-policy';
import { SupportRole } from '../../modules/iam/support-role';
import { resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const ACCOUNT = '123456789012';

describe('account security settings', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    const boundary = new PermissionsBoundary(scope, 'permissions-boundary', { passableRoleArns: [`arn:aws:iam::${ACCOUNT}:role/app-*`] });
    new PasswordPolicy(scope, 'password-policy', { maxAgeDays: 60 });
    new RequireMfaPolicy(scope, 'require-mfa', { partition: 'aws', accountId: ACCOUNT });
    new SupportRole(scope, 'support-role', { partition: 'aws', accountId: ACCOUNT, permissionsBoundary: boundary });
    new BreakGlassRole(scope, 'break-glass-role', { partition: 'aws', accountId: ACCOUNT });
  }, 'account-security');

  it('sets a CIS 1.8/1.9 password policy', () => {
    expect(resourcesOfType(stack, 'aws_iam_account_password_policy')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(IamAccountPasswordPolicy, {
        minimum_password_length: 14,
        password_reuse_prevention: 24,
        require_lowercase_characters: true,
        require_uppercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        allow_users_to_change_password: true,
        max_password_age: 60,
    });
  });

  it('denies everything but MFA self-service without MFA, through a group', () => {
    const policy = resourcesOfType(stack, 'aws_iam_policy').find((p) => p.name === 'require-mfa')!;
    const document = JSON.parse(policy.policy as string) as { Statement: Array<Record<string, unknown>> };
    expect(document.Statement.at(-1)).toEqual({
      Sid: 'DenyAllButMfaSelfServiceWithoutMfa',
      Effect: 'Deny',
      NotAction: expect.arrayContaining(['iam:ChangePassword', 'iam:EnableMFADevice', 'sts:GetSessionToken']),
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    expect(synthesized).toHaveResourceWithProperties(IamGroup, { name: 'require-mfa' });
    // the group gets the require-mfa policy (not just some attachment)
    expect(synthesized).toHaveResourceWithProperties(IamGroupPolicyAttachment, {
      group: expect.stringMatching(/^\$\{aws_iam_group\.require-mfa_[A-Za-z]+_[0-9A-F]{8}\.name\}$/),
      policy_arn: expect.stringMatching(/^\$\{aws_iam_policy\.require-mfa_[A-Za-z]+_[0-9A-F]{8}\.arn\}$/),
    });
    expect(resourcesOfType(stack, 'aws_iam_group_policy_attachment')).toHaveLength(1);
  });

  it('creates the CIS 1.17 support role, bounded', () => {
    // bounded by THE permissions boundary of this account, not merely by some policy
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'aws-support',
      permissions_boundary: expect.stringMatching(/^\$\{aws_iam_policy\.permissions-boundary_[A-Za-z]+_[0-9A-F]{8}\.arn\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, { name: 'permissions-boundary' });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: expect.stringMatching(/^\$\{aws_iam_role\.support-role_.+\.name\}$/),
      policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
    });
  });

  it('creates the break-glass role: admin, tagged, MFA, no boundary', () => {
    const role = resourcesOfType(stack, 'aws_iam_role').find((r) => r.name === 'break-glass')!;
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'break-glass', tags: { 'break-glass': 'true' }, max_session_duration: 3600 });
    expect(role.permissions_boundary).toBeUndefined();
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: expect.stringMatching(/^\$\{aws_iam_role\.break-glass-role_.+\.name\}$/),
      policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
  });

  it('builds a boundary that denies IAM except passing the listed roles', () => {
    const policy = resourcesOfType(stack, 'aws_iam_policy').find((p) => p.name === 'permissions-boundary')!;
    const statements = (JSON.parse(policy.policy as string) as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['BoundaryCeiling', 'DenyIdentityOrganizationAccountAdmin', 'DenyAllButPassRoleOnPassableRoles', 'DenySecurityServiceTampering']);
    expect(statements[1]).toMatchObject({ Effect: 'Deny', Action: ['iam:*', 'organizations:*', 'account:*'], NotResource: `arn:aws:iam::${ACCOUNT}:role/app-*` });
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['a password shorter than 14', () => new PasswordPolicy(testStack(), 'p', { minimumLength: 8 }), /minimumLength must be a whole number from 14 to 128/],
    ['a password age over 1095 days', () => new PasswordPolicy(testStack(), 'p', { maxAgeDays: 2000 }), /maxAgeDays must be a whole number from 1 to 1095 days/],
    ['a break-glass tag key starting with aws:', () => new BreakGlassRole(testStack(), 'b', { partition: 'aws', accountId: ACCOUNT, tag: { key: 'aws:x', value: 'y' } }), /tag\.key must be a tag key/],
    ['a passable role that is not a role ARN', () => new PermissionsBoundary(testStack(), 'b', { passableRoleArns: ['arn:aws:s3:::bucket'] }), /passableRoleArns\[0\] must be an IAM role ARN/],
    ['a break-glass session over 12 hours', () => new BreakGlassRole(testStack(), 'b', { partition: 'aws', accountId: ACCOUNT, maxSessionHours: 24 }), /maxSessionHours must be a whole number from 1 to 12/],
  ])('fails with %s, naming the prop', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
