import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { Testing } from 'cdktf';
import { DnsFirewall, DnsQueryLogging } from '../../modules/network';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, synthConstruct, testStack, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { flowLogKey } from './fixtures';

/** DNS Firewall and query logging: on every VPC of the example organisation, and the module's own checks. */

const org = exampleOrg();
const { outdir } = synthOrg(org);
const VPC_STACKS = ['network-us-east-1', 'workload-prod-us-east-1', 'workload-dev-us-east-1'];

const ref = (stack: SynthesizedStack, type: string): string => `\${${type}.${Object.keys(stack.resource![type]!)[0]}.id}`;

describe('DNS Firewall and query logging in the example organisation', () => {
  it.each(VPC_STACKS)('filters and logs the DNS queries of the VPC in %s', (stackName) => {
    const stack = stackJson(outdir, stackName);
    expect(resourcesOfType(stack, 'aws_vpc')).toHaveLength(1);
    const vpc = ref(stack, 'aws_vpc');
    const association = resourcesOfType(stack, 'aws_route53_resolver_firewall_rule_group_association');
    expect(association).toEqual([expect.objectContaining({ vpc_id: vpc, mutation_protection: 'ENABLED', firewall_rule_group_id: ref(stack, 'aws_route53_resolver_firewall_rule_group') })]);
    expect(resourcesOfType(stack, 'aws_route53_resolver_firewall_rule')).toEqual([
      expect.objectContaining({ action: 'BLOCK', block_response: 'NODATA', firewall_domain_list_id: 'rslvr-fdl-2c46f2ecbfec4dcc' }),
    ]);
    expect(resourcesOfType(stack, 'aws_route53_resolver_firewall_config')).toEqual([expect.objectContaining({ resource_id: vpc, firewall_fail_open: 'DISABLED' })]);
    expect(resourcesOfType(stack, 'aws_route53_resolver_query_log_config_association')).toEqual([expect.objectContaining({ resource_id: vpc })]);
    // Query logs: a log group under the VPC's flow-log key, whose policy lets CloudWatch Logs use it for that group.
    const group = resourcesOfType(stack, 'aws_cloudwatch_log_group').find((g) => (g.name as string).startsWith('/vpc-dns-queries/'))!;
    expect(group).toMatchObject({ retention_in_days: 365, skip_destroy: true });
    expect(resourcesOfType(stack, 'aws_route53_resolver_query_log_config')[0]!.destination_arn).toMatch(/aws_cloudwatch_log_group\..*\.arn/);
    const keyPolicies = JSON.stringify(stack.data?.aws_iam_policy_document ?? {}) + JSON.stringify(resourcesOfType(stack, 'aws_kms_key'));
    expect(keyPolicies).toContain('CloudWatchLogsDnsQueryLogs');
    expect(keyPolicies).toContain('log-group:/vpc-dns-queries/*');
  });

  it('passes terraform validate and plan', () => {
    expectValidAndPlannable(outdir, VPC_STACKS);
  });
});

describe('DnsFirewall', () => {
  const build = (props: Partial<ConstructorParameters<typeof DnsFirewall>[2]>) => {
    const stack = testStack();
    new DnsFirewall(stack, 'dns', { name: 'test', vpcId: 'vpc-0123456789abcdef0', ...props });
    return Testing.synth(stack);
  };

  it('orders the allow list first, then the block list, then the managed lists', () => {
    const { outdir: dir, synthesized: text } = synthConstruct((scope) => {
      new DnsFirewall(scope, 'dns', { name: 'test', vpcId: 'vpc-0123456789abcdef0', allowedDomains: ['ok.example.com'], blockedDomains: ['*.bad.example'], managedDomainListIds: ['rslvr-fdl-2c46f2ecbfec4dcc'] });
    }, 'dns-firewall-module');
    expect(text).toHaveResourceWithProperties(Route53ResolverFirewallRule, { action: 'ALLOW', priority: 100 });
    expect(text).toHaveResourceWithProperties(Route53ResolverFirewallRule, { action: 'BLOCK', priority: 200, block_response: 'NODATA' });
    expect(text).toHaveResourceWithProperties(Route53ResolverFirewallRule, { action: 'BLOCK', priority: 300, firewall_domain_list_id: 'rslvr-fdl-2c46f2ecbfec4dcc' });
    expect(text).toHaveResourceWithProperties(Route53ResolverFirewallRuleGroupAssociation, { priority: 101, mutation_protection: 'ENABLED' });
    expect(text).toHaveResourceWithProperties(Route53ResolverFirewallConfig, { firewall_fail_open: 'DISABLED' });
    expectValidAndPlannable(dir);
  });

  it.each([
    ['a blocked entry that is not a domain', { blockedDomains: ['http://bad.example/x'] }, /blockedDomains\[0\].*is a URL/],
    ['a leading-dot wildcard (DNS Firewall writes *.)', { blockedDomains: ['.bad.example'] }, /blockedDomains\[0\]/],
    ['a managed list id of the wrong shape', { managedDomainListIds: ['AWSManagedDomainsMalwareDomainList'] }, /managedDomainListIds\[0\].*rslvr-fdl-/],
    ['no rules at all', {}, /at least one managed domain list/],
    ['an association priority outside 101-9899', { managedDomainListIds: ['rslvr-fdl-2c46f2ecbfec4dcc'], associationPriority: 100 }, /associationPriority/],
  ])('fails on %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  it('fails on query logs kept less than a year', () => {
    const stack = testStack();
    expect(() => new DnsQueryLogging(stack, 'q', { name: 'test', vpcId: 'vpc-1', destination: { kind: 'cloud-watch-logs', encryptionKey: flowLogKey(stack), retentionDays: 30 } })).toThrow(/retentionDays/);
  });
});
