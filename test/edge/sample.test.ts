import * as fs from 'fs';
import * as path from 'path';
import { FmsAdminAccount } from '@cdktf/provider-aws/lib/fms-admin-account';
import { FmsPolicy } from '@cdktf/provider-aws/lib/fms-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ShieldDrtAccessRoleArnAssociation } from '@cdktf/provider-aws/lib/shield-drt-access-role-arn-association';
import { ShieldProactiveEngagement } from '@cdktf/provider-aws/lib/shield-proactive-engagement';
import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { ShieldSubscription } from '@cdktf/provider-aws/lib/shield-subscription';
import { parseConfigText, parseOrganization, type OrganizationInput } from '../../config';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The edge-protection sample (examples/configs/edge-protection.yaml), read back from the synthesized stacks: the
 * Firewall Manager administrator (management account, through a us-east-1 provider), the WAF and security-group audit
 * policies (security account), and Shield Advanced in the account that owns the protected resources.
 */

const SAMPLE = path.join(__dirname, '..', '..', 'examples', 'configs', 'edge-protection.yaml');
const sampleInput = (): OrganizationInput => parseConfigText(fs.readFileSync(SAMPLE, 'utf8'), SAMPLE) as OrganizationInput;
const org = parseOrganization(sampleInput(), SAMPLE);
const { outdir } = synthOrg(org);
const MANAGEMENT = 'management-eu-west-1';
const SECURITY = 'security-eu-west-1';
const PROD = 'workload-prod-eu-west-1';
const LEGACY = 'workload-legacy-eu-west-1';

type Json = Record<string, unknown>;
const managedServiceData = (policy: Json): Json => JSON.parse((policy.security_service_policy_data as Json).managed_service_data as string) as Json;
const policyOfType = (type: string): Json => {
  const found = resourcesOfType(stackJson(outdir, SECURITY), 'aws_fms_policy').filter((p) => (p.security_service_policy_data as Json).type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the edge-protection sample', () => {
  it('makes the security account the Firewall Manager administrator from the management account, in us-east-1', () => {
    const management = stackText(outdir, MANAGEMENT);
    expect(management).toHaveResourceWithProperties(FmsAdminAccount, { account_id: '230000000003', provider: 'aws.us_east_1' });
    const providers = (stackJson(outdir, MANAGEMENT).provider as Json).aws as Json[];
    expect(providers).toEqual(expect.arrayContaining([expect.objectContaining({ alias: 'us_east_1', region: 'us-east-1', allowed_account_ids: ['230000000001'] })]));
    for (const other of [SECURITY, PROD, LEGACY]) expect(resourcesOfType(stackJson(outdir, other), 'aws_fms_admin_account')).toHaveLength(0);
  });

  it('applies the web preset rule groups to every ALB and API Gateway stage, except the excluded account, without remediation', () => {
    const policy = policyOfType('WAFV2');
    expect(stackText(outdir, SECURITY)).toHaveResourceWithProperties(FmsPolicy, {
      name: 'edge-baseline-web-acl',
      remediation_enabled: false,
      exclude_resource_tags: false,
      resource_type_list: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ApiGateway::Stage'],
      exclude_map: { account: ['230000000005'] },
    });
    expect(policy.include_map).toBeUndefined();
    const data = managedServiceData(policy);
    expect(data.type).toBe('WAFV2');
    expect(data.defaultAction).toEqual({ type: 'ALLOW' });
    expect(data.overrideCustomerWebACLAssociation).toBe(false);
    const groups = data.preProcessRuleGroups as Json[];
    expect(groups.map((g) => (g.managedRuleGroupIdentifier as Json).managedRuleGroupName)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesAnonymousIpList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
    ]);
    for (const group of groups) expect(group).toMatchObject({ ruleGroupType: 'ManagedRuleGroup', overrideAction: { type: 'NONE' }, managedRuleGroupIdentifier: { vendorName: 'AWS' } });
    expect(data.postProcessRuleGroups).toEqual([]);
  });

  it('audits security groups for SSH and RDP open to the internet against a reference group attached to nothing', () => {
    const policy = policyOfType('SECURITY_GROUPS_CONTENT_AUDIT');
    expect(policy).toMatchObject({ name: 'edge-admin-ports-audit', resource_type: 'AWS::EC2::SecurityGroup', remediation_enabled: false, exclude_map: { account: ['230000000005'] } });
    const data = managedServiceData(policy);
    expect(data.securityGroupAction).toEqual({ type: 'DENY' });
    const groups = data.securityGroups as Json[];
    expect(groups).toHaveLength(1);
    expect(groups[0]!.id).toMatch(/^\$\{aws_security_group\.edge-protection_fms-security-group-audit_reference-group_[A-Z0-9]+\.id\}$/);
    const [reference] = resourcesOfType(stackJson(outdir, SECURITY), 'aws_security_group');
    expect((reference!.ingress as Json[]).map((r) => [r.protocol, r.from_port, r.to_port, r.cidr_blocks, r.ipv6_cidr_blocks])).toEqual([
      ['tcp', 22, 22, ['0.0.0.0/0'], ['::/0']],
      ['tcp', 3389, 3389, ['0.0.0.0/0'], ['::/0']],
    ]);
    expect(reference!.egress).toBeUndefined();
  });

  it('subscribes the account that owns the protected resources to Shield Advanced, with SRT access and proactive engagement', () => {
    const prod = stackText(outdir, PROD);
    expect(prod).toHaveResourceWithProperties(ShieldSubscription, { auto_renew: 'ENABLED' });
    expect(prod).toHaveResourceWithProperties(ShieldProtection, { name: 'prod-web-alb', resource_arn: 'arn:aws:elasticloadbalancing:eu-west-1:230000000004:loadbalancer/app/prod-web/0123456789abcdef' });
    expect(prod).toHaveResourceWithProperties(ShieldProtection, { name: 'prod-cdn', resource_arn: 'arn:aws:cloudfront::230000000004:distribution/E2QWRUHEXAMPLE' });
    expect(prod).toHaveResource(ShieldDrtAccessRoleArnAssociation);
    expect(prod).toHaveResourceWithProperties(ShieldProactiveEngagement, {
      enabled: true,
      emergency_contact: [{ email_address: 'secops@example.com', phone_number: '+442079460000', contact_notes: 'Security Operations on-call' }],
    });
    expect(prod).toHaveResourceWithProperties(IamRole, { name: 'shield-response-team' });
    expect(prod).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSShieldDRTAccessPolicy' });
    const role = resourcesOfType(stackJson(outdir, PROD), 'aws_iam_role').find((r) => r.name === 'shield-response-team')!;
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'drt.shield.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    for (const other of [MANAGEMENT, SECURITY, LEGACY]) expect(resourcesOfType(stackJson(outdir, other), 'aws_shield_subscription')).toHaveLength(0);
  });

  it('validates and plans the stacks that carry edge protection', () => {
    expectValidAndPlannable(outdir, [MANAGEMENT, SECURITY, PROD]);
  });
});
