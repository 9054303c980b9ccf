import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import type { OrganizationInput } from '../../config';
import { Policy, Statement } from '../../modules/iam';
import { AccountAssignment, PermissionSet, type PermissionSetProps } from '../../modules/identity-center';
import { synthOrganization } from '../../stacks/synth';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { onlyResource, resourcesOfType, stackJson, stackText, synthConstruct, tempDir, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const GROUP = '906742d3d7-1f2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const DEPLOY_POLICY = Policy.of(Statement.allow({ sid: 'ReadReports', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-reports/*'] }));

describe('PermissionSet and AccountAssignment', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    const auditor = new PermissionSet(scope, 'auditor', {
      instanceArn: INSTANCE,
      name: 'security-auditor',
      description: 'Read-only security view',
      sessionHours: 4,
      awsManagedPolicies: ['job-function/ViewOnlyAccess', 'SecurityAudit'],
    });
    const developer = new PermissionSet(scope, 'developer', {
      instanceArn: INSTANCE,
      name: 'developer',
      inlinePolicy: DEPLOY_POLICY,
      permissionsBoundary: { policyName: 'permissions-boundary' },
      relayState: 'https://console.aws.amazon.com/cloudwatch/home',
    });
    for (const account of ['111111111111', '222222222222']) {
      new AccountAssignment(scope, `auditor-${account}`, { permissionSet: auditor, accountId: account, principalId: GROUP });
    }
    new AccountAssignment(scope, 'developer-user', { permissionSet: developer, accountId: '222222222222', principalType: 'USER', principalId: GROUP });
  }, 'identity-center-module');

  it('writes the session duration as ISO-8601 hours, 1 hour by default', () => {
    expect(resourcesOfType(stack, 'aws_ssoadmin_permission_set')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(SsoadminPermissionSet, { name: 'security-auditor', instance_arn: INSTANCE, session_duration: 'PT4H', description: 'Read-only security view' });
    expect(synthesized).toHaveResourceWithProperties(SsoadminPermissionSet, { name: 'developer', instance_arn: INSTANCE, session_duration: 'PT1H', relay_state: 'https://console.aws.amazon.com/cloudwatch/home' });
  });

  it('attaches AWS managed policies by ARN in the instance partition', () => {
    expect(resourcesOfType(stack, 'aws_ssoadmin_managed_policy_attachment')).toHaveLength(2);
    for (const arn of ['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']) {
      expect(synthesized).toHaveResourceWithProperties(SsoadminManagedPolicyAttachment, {
        instance_arn: INSTANCE,
        managed_policy_arn: arn,
        permission_set_arn: expect.stringMatching(/^\$\{aws_ssoadmin_permission_set\.auditor_[A-Za-z]*_?[0-9A-F]{8}\.arn\}$/),
      });
    }
  });

  it('writes the linted inline policy as JSON and the boundary as a customer managed policy reference', () => {
    const inline = onlyResource(stack, 'aws_ssoadmin_permission_set_inline_policy');
    expect(JSON.parse(inline.inline_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'ReadReports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' }],
    });
    expect(synthesized).toHaveResourceWithProperties(SsoadminPermissionsBoundaryAttachment, {
      instance_arn: INSTANCE,
      permissions_boundary: { customer_managed_policy_reference: { name: 'permissions-boundary', path: '/' } },
    });
  });

  it('assigns per account with target type AWS_ACCOUNT, after the policies are attached', () => {
    const assignments = resourcesOfType(stack, 'aws_ssoadmin_account_assignment');
    expect(assignments.map((a) => [a.target_id, a.target_type, a.principal_type, a.principal_id])).toEqual([
      ['111111111111', 'AWS_ACCOUNT', 'GROUP', GROUP],
      ['222222222222', 'AWS_ACCOUNT', 'GROUP', GROUP],
      ['222222222222', 'AWS_ACCOUNT', 'USER', GROUP],
    ]);
    expect(assignments[0]!.depends_on).toEqual([
      expect.stringMatching(/^aws_ssoadmin_managed_policy_attachment\./),
      expect.stringMatching(/^aws_ssoadmin_managed_policy_attachment\./),
    ]);
    expect(assignments[2]!.depends_on).toHaveLength(2);
  });

  it('reads nothing from AWS at plan time', () => {
    expect(stack.data ?? {}).toEqual({});
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  const build = (props: Partial<PermissionSetProps>) => () =>
    new PermissionSet(testStack(), 'set', { instanceArn: INSTANCE, name: 'developer', inlinePolicy: DEPLOY_POLICY, ...props });

  it.each<[string, () => unknown, RegExp]>([
    ['a name with a space', build({ name: 'power user' }), /set: name must be 1 to 32 letters, digits or \+=,\.@_- \(got "power user"\)/],
    ['a name of 33 characters', build({ name: 'a'.repeat(33) }), /set: name must be 1 to 32/],
    ['a session of 13 hours', build({ sessionHours: 13 }), /set: sessionHours must be a whole number from 1 to 12 hours \(got 13\)/],
    ['a session of 0 hours', build({ sessionHours: 0 }), /set: sessionHours must be a whole number from 1 to 12 hours/],
    ['AdministratorAccess without break-glass', build({ awsManagedPolicies: ['AdministratorAccess'] }), /set: awsManagedPolicies\[0\] grants administrator-equivalent access/],
    ['a break-glass reason that says nothing', build({ awsManagedPolicies: ['AdministratorAccess'], breakGlass: { reason: 'because' } }), /set: breakGlass\.reason must say why in at least 20 characters/],
    ['a job-function policy without its path', build({ awsManagedPolicies: ['ViewOnlyAccess'] }), /awsManagedPolicies\[0\] is a job-function policy; write it with its path: "job-function\/ViewOnlyAccess"/],
    ['a bad instance ARN', build({ instanceArn: 'arn:aws:sso:::instance/7223a1b2c3d4e5f6' }), /set: instanceArn must be an IAM Identity Center instance ARN/],
    [
      'a wildcard admin inline policy',
      build({ inlinePolicy: Policy.of(Statement.allow({ actions: ['*'], resources: ['*'] })) }),
      /set: inlinePolicy is not a valid inline role policies:[\s\S]*Allow of "\*" on resource "\*" is administrator access/,
    ],
    ['no policy at all', build({ inlinePolicy: undefined }), /set: awsManagedPolicies and inlinePolicy are both empty/],
    [
      'a group id that is a display name',
      () => {
        const stack = testStack();
        const set = new PermissionSet(stack, 'set', { instanceArn: INSTANCE, name: 'developer', inlinePolicy: DEPLOY_POLICY });
        new AccountAssignment(stack, 'assignment', { permissionSet: set, accountId: '111111111111', principalId: 'Developers' });
      },
      /assignment: principalId must be an Identity Store id/,
    ],
  ])('refuses %s', (_name, create, message) => {
    expect(create).toThrow(message);
  });

  it('allows AdministratorAccess with a break-glass reason', () => {
    const set = build({ awsManagedPolicies: ['AdministratorAccess'], inlinePolicy: undefined, breakGlass: { reason: 'Incident response when SSO roles are broken' } })();
    expect(set.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
  });
});

describe('Identity Center in the example organisation', () => {
  const { outdir } = synthOrg(exampleOrg());
  const management = stackJson(outdir, 'management-us-east-1');
  const managementText = stackText(outdir, 'management-us-east-1');

  it('creates the permission sets and assignments in the management home-Region stack only', () => {
    expect(resourcesOfType(management, 'aws_ssoadmin_permission_set')).toHaveLength(2);
    expect(managementText).toHaveResourceWithProperties(SsoadminPermissionSet, { name: 'developer', session_duration: 'PT8H' });
    expect(managementText).toHaveResourceWithProperties(SsoadminPermissionSet, { name: 'security-auditor', session_duration: 'PT4H' });
    expect(resourcesOfType(management, 'aws_ssoadmin_account_assignment').map((a) => [a.target_id, a.target_type]).sort()).toEqual([
      ['555555555555', 'AWS_ACCOUNT'],
      ['666666666666', 'AWS_ACCOUNT'],
      ['666666666666', 'AWS_ACCOUNT'],
    ]);
    const inline = JSON.parse(onlyResource(management, 'aws_ssoadmin_permission_set_inline_policy').inline_policy as string) as { Statement: Array<{ Sid: string }> };
    expect(inline.Statement.map((s) => s.Sid)).toEqual(['ReadLogs', 'ListLogGroups', 'OperateInstances']);
    for (const name of ['management-eu-west-1', 'workload-prod-us-east-1', 'security-us-east-1']) {
      expect(Object.keys(stackJson(outdir, name).resource ?? {}).filter((type) => type.startsWith('aws_ssoadmin_'))).toEqual([]);
    }
  });

  it('creates nothing when identityCenter is not set', () => {
    const { outdir: without } = synthOrg(exampleOrg((input) => void delete input.identity!.identityCenter));
    expect(Object.keys(stackJson(without, 'management-us-east-1').resource ?? {}).filter((type) => type.startsWith('aws_ssoadmin_'))).toEqual([]);
  });

  const center = (input: OrganizationInput) => input.identity!.identityCenter!;
  it.each<[string, (input: OrganizationInput) => void, RegExp]>([
    [
      'an assignment to an unknown permission set',
      (input) => void (center(input).assignments![0]!.permissionSet = 'auditor'),
      /identity\.identityCenter\.assignments\[0\]\.permissionSet[\s\S]*names no permission set; use one of "security-auditor", "developer"/,
    ],
    [
      'an assignment to an unknown account',
      (input) => void (center(input).assignments![1]!.accounts = ['workload-qa']),
      /identity\.identityCenter\.assignments\[1\]\.accounts\[0\]: names no account/,
    ],
    [
      'a permission set session of 13 hours',
      (input) => void (center(input).permissionSets[0]!.sessionHours = 13),
      /identity\.identityCenter\.permissionSets\[0\]\.sessionHours[\s\S]*from 1 to 12/,
    ],
    [
      'a permission set name of 33 characters',
      (input) => void (center(input).permissionSets[0]!.name = 'a'.repeat(33)),
      /identity\.identityCenter\.permissionSets\[0\]\.name[\s\S]*must be 1 to 32 letters/,
    ],
    [
      'AdministratorAccess without a break-glass reason',
      (input) => void (center(input).permissionSets[0]!.awsManagedPolicies = ['AdministratorAccess']),
      /identity\.identityCenter\.permissionSets\[0\]\.awsManagedPolicies\[0\]: grants administrator-equivalent access/,
    ],
    [
      'a typo in an inline action',
      (input) => void (center(input).permissionSets[1]!.statements![0]!.actions = ['logs:GetLogEvent']),
      /identity\.identityCenter\.permissionSets\[1\]\.statements\[0\]: "logs:GetLogEvent" is not a known logs action/,
    ],
    [
      'a bad instance ARN',
      (input) => void (center(input).instanceArn = 'ssoins-7223a1b2c3d4e5f6'),
      /identity\.identityCenter\.instanceArn[\s\S]*must be an instance ARN/,
    ],
  ])('fails with %s, naming the setting', (_name, change, message) => {
    expect(() => synthOrganization(exampleOrg(change), tempDir('identity-center-bad-'))).toThrow(message);
  });
});
