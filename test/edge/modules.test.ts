import type { Construct } from 'constructs';
import { FmsAdminAccount } from '@cdktf/provider-aws/lib/fms-admin-account';
import { FmsPolicy } from '@cdktf/provider-aws/lib/fms-policy';
import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { ShieldSubscription } from '@cdktf/provider-aws/lib/shield-subscription';
import { ShieldDrtAccessRoleArnAssociation } from '@cdktf/provider-aws/lib/shield-drt-access-role-arn-association';
import { ShieldProactiveEngagement } from '@cdktf/provider-aws/lib/shield-proactive-engagement';
import { FirewallManagerAdmin, FmsSecurityGroupAuditPolicy, FmsWafPolicy, ShieldAdvanced, parseShieldResourceArn, type ShieldAdvancedProps } from '../../modules/edge';
import { TEST_ACCOUNT_ID, resourcesOfType, synthConstruct, synthScope } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** The edge-protection constructs on their own: defaults, validation, and one stack with all of them planned. */

const build = (make: (scope: Construct) => void) => () => synthScope(make);
const ALB = `arn:aws:elasticloadbalancing:us-east-1:${TEST_ACCOUNT_ID}:loadbalancer/app/web/0123456789abcdef`;
const shieldProps = (extra: Partial<ShieldAdvancedProps> = {}): ShieldAdvancedProps => ({
  partition: 'aws',
  accountId: TEST_ACCOUNT_ID,
  acknowledgeCommitment: true,
  protectedResources: [{ name: 'web', resourceArn: ALB }],
  ...extra,
});

describe('edge-protection modules', () => {
  it('builds every construct with secure defaults in one stack that validates and plans', () => {
    const { outdir, synthesized, stack } = synthConstruct((scope) => {
      new FirewallManagerAdmin(scope, 'admin', { adminAccountId: '210987654321' });
      new FmsWafPolicy(scope, 'waf', { name: 'baseline-web-acl', preset: 'api' });
      new FmsSecurityGroupAuditPolicy(scope, 'fms-security-group-audit', { name: 'admin-ports' });
      new ShieldAdvanced(scope, 'shield', shieldProps());
    }, 'edge-modules');
    expect(synthesized).toHaveResourceWithProperties(FmsAdminAccount, { account_id: '210987654321' });
    // No scope: the whole organisation; remediation off.
    const policies = resourcesOfType(stack, 'aws_fms_policy');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy).toMatchObject({ remediation_enabled: false, delete_all_policy_resources: false, exclude_resource_tags: false });
      expect(policy.include_map).toBeUndefined();
      expect(policy.exclude_map).toBeUndefined();
    }
    const waf = policies.find((p) => p.name === 'baseline-web-acl')!;
    const data = JSON.parse((waf.security_service_policy_data as { managed_service_data: string }).managed_service_data) as { preProcessRuleGroups: Array<{ managedRuleGroupIdentifier: { managedRuleGroupName: string } }> };
    // The api preset has no anonymous IP list; no preset's rate limit, country block or Bot Control reaches FMS.
    expect(data.preProcessRuleGroups.map((g) => g.managedRuleGroupIdentifier.managedRuleGroupName)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
    ]);
    expect(synthesized).toHaveResourceWithProperties(ShieldSubscription, { auto_renew: 'ENABLED' });
    expect(synthesized).toHaveResourceWithProperties(ShieldProtection, { name: 'web', resource_arn: ALB, depends_on: [expect.stringMatching(/^aws_shield_subscription\./)] });
    expect(synthesized).toHaveResource(ShieldDrtAccessRoleArnAssociation);
    expect(synthesized).not.toHaveResource(ShieldProactiveEngagement);
    // The reference VPC's default group and ACL are emptied.
    expect(resourcesOfType(stack, 'aws_default_security_group')[0]).not.toHaveProperty('ingress');
    expectValidAndPlannable(outdir);
  });

  it('reports the WAF policy capacity and fails above the limit with the per-group breakdown', () => {
    let policy: FmsWafPolicy | undefined;
    synthScope((scope) => { policy = new FmsWafPolicy(scope, 'waf', { name: 'baseline' }); });
    expect(policy!.capacity).toBe(25 + 50 + 700 + 200 + 200);
    expect(build((scope) => new FmsWafPolicy(scope, 'waf', { name: 'baseline', capacityLimit: 1000 }))).toThrow(
      /capacityLimit is exceeded: the rule groups need 1,175 WCUs[\s\S]*core-rule-set[\s\S]*700/,
    );
  });

  it.each([
    ['the Log4j group removed', { remove: ['known-bad-inputs' as const] }, /remove\[0\] must not remove known-bad-inputs/],
    ['a plain preset rule removed', { remove: ['rate-limit' as const] }, /remove\[0\] is never part of a Firewall Manager policy/],
    ['no resource type', { resourceTypes: [] }, /resourceTypes must list at least one resource type/],
    ['include with exclude', { scope: { includeAccountIds: ['111111111111'], excludeAccountIds: ['222222222222'] } }, /scope must include or exclude, not both/],
    ['a malformed OU id', { scope: { excludeOrgUnitIds: ['ou-x'] } }, /scope\.excludeOrgUnitIds\[0\] must be an OU id/],
  ])('fails the WAF policy with %s', (_name, props, message) => {
    expect(build((scope) => new FmsWafPolicy(scope, 'waf', { name: 'baseline', ...props }))).toThrow(message);
  });

  it.each([
    ['no ports', { adminPorts: [] }, /adminPorts must list at least one port/],
    ['a port out of range', { adminPorts: [22, 70000] }, /adminPorts\[1\] must be a whole number from 0 to 65535/],
    ['a repeated port', { adminPorts: [22, 22] }, /adminPorts\[1\] is listed twice/],
  ])('fails the security-group audit with %s', (_name, props, message) => {
    expect(build((scope) => new FmsSecurityGroupAuditPolicy(scope, 'audit', { name: 'admin-ports', ...props }))).toThrow(message);
  });

  it.each([
    ['no acknowledgement', { acknowledgeCommitment: false as unknown as true }, /acknowledgeCommitment must be true: a Shield Advanced subscription costs USD 3,000 per month with a 1-year commitment/],
    ['a resource of another account', { protectedResources: [{ name: 'web', resourceArn: ALB.replace(TEST_ACCOUNT_ID, '999999999999') }] }, /is in account 999999999999, not 123456789012/],
    ['an ARN Shield cannot protect', { protectedResources: [{ name: 'web', resourceArn: 'arn:aws:s3:::site' }] }, /must be the ARN of a resource Shield Advanced protects/],
    ['no contacts for proactive engagement', { proactiveEngagementContacts: [] }, /proactiveEngagementContacts must list 1 to 10 contacts/],
  ])('fails Shield Advanced with %s', (_name, props, message) => {
    expect(build((scope) => new ShieldAdvanced(scope, 'shield', shieldProps(props)))).toThrow(message);
  });

  it('fails the administrator with an account id that is not 12 digits', () => {
    expect(build((scope) => new FirewallManagerAdmin(scope, 'admin', { adminAccountId: '1234' }))).toThrow(/adminAccountId must be a 12-digit AWS account id/);
  });

  it('parses the ARNs of every resource kind Shield Advanced protects here, and not a hosted zone', () => {
    expect(parseShieldResourceArn(ALB)).toEqual({ kind: 'load-balancer', partition: 'aws', region: 'us-east-1', accountId: TEST_ACCOUNT_ID });
    expect(parseShieldResourceArn('arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE')).toMatchObject({ kind: 'cloudfront-distribution', region: undefined });
    expect(parseShieldResourceArn('arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/legacy')).toMatchObject({ kind: 'classic-load-balancer' });
    expect(parseShieldResourceArn('arn:aws:globalaccelerator::123456789012:accelerator/1234abcd-abcd-1234-abcd-1234abcdef12')).toMatchObject({ kind: 'global-accelerator' });
    expect(parseShieldResourceArn('arn:aws:ec2:eu-west-1:123456789012:eip-allocation/eipalloc-0123456789abcdef0')).toMatchObject({ kind: 'elastic-ip' });
    expect(parseShieldResourceArn('arn:aws:route53:::hostedzone/Z123456789ABC')).toBeUndefined();
  });

  it('turns remediation and scope through to the policy when asked', () => {
    const text = synthScope((scope) => {
      new FmsWafPolicy(scope, 'waf', { name: 'baseline', remediationEnabled: true, resourceTypes: ['alb'], scope: { includeOrgUnitIds: ['ou-ab12-cdef3456'] } });
    });
    expect(text).toHaveResourceWithProperties(FmsPolicy, { remediation_enabled: true, resource_type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', include_map: { orgunit: ['ou-ab12-cdef3456'] } });
  });
});
