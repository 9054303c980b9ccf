import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { AccessAnalyzer, AnalyzerType } from '../../modules/access-analyzer';
import { Policy, POLICY_SIZE_LIMITS } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';
import {
  DelegatedAdministrator,
  GLOBAL_SERVICE_ACTIONS,
  ServiceControlPolicy,
  denyRootUserPolicy,
  protectBreakGlassPolicy,
  regionAllowlistPolicy,
} from '../../modules/organizations';
import { onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const exemption = { breakGlassTag: { key: 'break-glass', value: 'true' }, exemptPrincipalArns: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] };

describe('service control policies, delegated administrator and analyzers', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    new ServiceControlPolicy(scope, 'region-allowlist', {
      policyName: 'region-allowlist',
      description: 'Regions',
      policy: regionAllowlistPolicy(exemption, { allowedRegions: ['us-east-1', 'eu-west-1'] }),
      targetIds: ['r-a1b2', 'ou-a1b2-abcdefgh', '123456789012'],
    });
    new DelegatedAdministrator(scope, 'analyzer-admin', { accountId: '210987654321', servicePrincipal: 'access-analyzer.amazonaws.com' });
    new AccessAnalyzer(scope, 'account-analyzer', { analyzerName: 'example-account' });
    new AccessAnalyzer(scope, 'unused-analyzer', { analyzerName: 'example-unused', type: AnalyzerType.ACCOUNT_UNUSED_ACCESS, unusedAccessAgeDays: 45 });
  }, 'organizations');

  it('creates an SCP with one attachment per target, ids from the target', () => {
    expect(synthesized).toHaveResourceWithProperties(OrganizationsPolicy, { name: 'region-allowlist', type: 'SERVICE_CONTROL_POLICY' });
    const policy = onlyResource(stack, 'aws_organizations_policy');
    const statement = JSON.parse(policy.content as string).Statement[0];
    expect(statement).toEqual({
      Sid: 'DenyOutsideAllowedRegions',
      Effect: 'Deny',
      NotAction: [...GLOBAL_SERVICE_ACTIONS],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'], 'aws:PrincipalTag/break-glass': 'true' },
        ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] },
      },
    });
    expect(Object.keys(stack.resource?.aws_organizations_policy_attachment ?? {}).map((id) => id.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual([
      'region-allowlist_attach-123456789012',
      'region-allowlist_attach-ou-a1b2-abcdefgh',
      'region-allowlist_attach-r-a1b2',
    ]);
    for (const target of ['123456789012', 'ou-a1b2-abcdefgh', 'r-a1b2']) {
      expect(synthesized).toHaveResourceWithProperties(OrganizationsPolicyAttachment, {
        target_id: target,
        policy_id: expect.stringMatching(/^\$\{aws_organizations_policy\.region-allowlist_[0-9A-F]{8}\.id\}$/),
      });
    }
  });

  it('registers the delegated administrator and creates the analyzers', () => {
    expect(synthesized).toHaveResourceWithProperties(OrganizationsDelegatedAdministrator, { account_id: '210987654321', service_principal: 'access-analyzer.amazonaws.com' });
    expect(resourcesOfType(stack, 'aws_accessanalyzer_analyzer')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(AccessanalyzerAnalyzer, { analyzer_name: 'example-account', type: 'ACCOUNT' });
    expect(synthesized).toHaveResourceWithProperties(AccessanalyzerAnalyzer, {
      analyzer_name: 'example-unused',
      type: 'ACCOUNT_UNUSED_ACCESS',
      configuration: { unused_access: { unused_access_age: 45 } },
    });
  });

  it('exempts the break-glass tag in every guardrail statement, and protects the tag itself', () => {
    for (const policy of [denyRootUserPolicy(exemption, 'aws'), protectBreakGlassPolicy(exemption, { roleName: 'break-glass', partition: 'aws' })]) {
      for (const statement of policy.toDocument().Statement) {
        expect(statement.Condition?.StringNotEquals).toMatchObject({ 'aws:PrincipalTag/break-glass': 'true' });
      }
    }
    expect(JSON.stringify(protectBreakGlassPolicy(exemption, { roleName: 'break-glass', partition: 'aws' }).toDocument())).toContain('sts:TagSession');
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir);
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'an SCP over 5,120 characters',
      () =>
        new ServiceControlPolicy(testStack(), 'big', {
          policyName: 'big',
          description: 'too big',
          policy: Policy.of(...Array.from({ length: 50 }, (_, i) => Statement.deny({ sid: `D${i}`, actions: ['s3:DeleteBucket'], resources: [`arn:aws:s3:::bucket-number-${i}-with-a-long-name`] }))),
        }),
      new RegExp(`policy is not a valid service control policy[\\s\\S]*over the ${POLICY_SIZE_LIMITS.scp}-character limit`),
    ],
    [
      'an SCP with an unknown action',
      () => new ServiceControlPolicy(testStack(), 'p', { policyName: 'p', description: 'd', policy: Policy.of(Statement.deny({ actions: ['cloudtrail:StopLoging'], resources: ['*'] })) }),
      /policy is not a valid service control policy[\s\S]*"cloudtrail:StopLoging" is not a known cloudtrail action/,
    ],
    [
      'an SCP Allow with NotAction',
      () => new ServiceControlPolicy(testStack(), 'p', { policyName: 'p', description: 'd', policy: Policy.of(Statement.allow({ notActions: ['iam:*'], resources: ['*'] })) }),
      /Allow with NotAction/,
    ],
    [
      'a bad SCP target',
      () => new ServiceControlPolicy(testStack(), 'p', { policyName: 'p', description: 'd', policy: regionAllowlistPolicy(exemption, { allowedRegions: ['us-east-1'] }), targetIds: ['root'] }),
      /targetIds\[0\] must be a root id/,
    ],
    ['a bad delegated administrator service', () => new DelegatedAdministrator(testStack(), 'd', { accountId: '210987654321', servicePrincipal: 'access-analyzer' }), /servicePrincipal must be a service principal/],
    ['an unused-access age on an account analyzer', () => new AccessAnalyzer(testStack(), 'a', { analyzerName: 'a', unusedAccessAgeDays: 30 }), /unusedAccessAgeDays only applies to the unused-access analyzer types/],
    ['an unused-access age over 365 days', () => new AccessAnalyzer(testStack(), 'a', { analyzerName: 'a', type: AnalyzerType.ORGANIZATION_UNUSED_ACCESS, unusedAccessAgeDays: 400 }), /unusedAccessAgeDays must be a whole number from 1 to 365/],
  ])('fails with %s, naming the prop', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});
