import * as fs from 'fs';
import * as path from 'path';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { ConfigError, parseConfigText, parseOrganization, type OrganizationInput } from '../../config';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { TransitGatewayRoutes, addressOf } from './route-resolver';

/**
 * The network inspection sample (examples/configs/network-inspection.yaml), read back from the synthesized stacks:
 * the inspection VPC, Network Firewall, policy, rule groups and logging, the appliance-mode attachment, and every
 * path as data: the Transit Gateway route tables are resolved by longest-prefix match over the synthesized static
 * routes and propagations (route-resolver.ts), and the VPC routes are followed hop by hop.
 */

const SAMPLE = path.join(__dirname, '..', '..', 'examples', 'configs', 'network-inspection.yaml');
const sampleInput = (): OrganizationInput => parseConfigText(fs.readFileSync(SAMPLE, 'utf8'), SAMPLE) as OrganizationInput;
const org = parseOrganization(sampleInput(), SAMPLE);
const { outdir } = synthOrg(org);
const NETWORK = 'network-us-east-1';
const PROD = 'workload-prod-us-east-1';
const DEV = 'workload-dev-us-east-1';
const network = stackJson(outdir, NETWORK);
const stacks: Record<string, SynthesizedStack> = { [NETWORK]: network, [PROD]: stackJson(outdir, PROD), [DEV]: stackJson(outdir, DEV) };
const routes = new TransitGatewayRoutes(network, stacks);

const attachmentOf = (segment: string): string => routes.attachmentsBySegment.get(segment)![0]!;
const PROD_HOST = '10.16.1.10';
const DEV_HOST = '10.32.1.10';
const SHARED_HOST = '10.0.1.10';
const INTERNET = '203.0.113.10';

type Resource = Record<string, unknown>;
const byAddress = (stack: SynthesizedStack, address: string): Resource => {
  const [type, name] = address.split('.');
  return stack.resource![type!]![name!]!;
};

describe('the network inspection sample: paths through the hub, as data', () => {
  it('blocks workload prod to non-prod (and back) at the hub with blackholes, even with a default route to inspection', () => {
    expect(routes.path(attachmentOf('prod'), DEV_HOST)).toEqual(['blackhole']);
    expect(routes.path(attachmentOf('non-prod'), PROD_HOST)).toEqual(['blackhole']);
    // Without the blackhole, the default route would carry it to the firewall: the blackhole is what isolates.
    expect(routes.lookup(routes.tableOf(attachmentOf('prod')), '0.0.0.0/0')).toEqual({ kind: 'attachment', attachment: attachmentOf('inspection') });
  });

  it('sends workload to shared services through the firewall, and the reply back the same way', () => {
    expect(routes.path(attachmentOf('prod'), SHARED_HOST)).toEqual(['inspection', 'shared']);
    expect(routes.path(attachmentOf('non-prod'), SHARED_HOST)).toEqual(['inspection', 'shared']);
    expect(routes.path(attachmentOf('shared'), PROD_HOST)).toEqual(['inspection', 'prod']);
  });

  it('sends workload to the internet through the firewall, then the inspection VPC NAT and internet gateway', () => {
    expect(routes.path(attachmentOf('prod'), INTERNET)).toEqual(['inspection', 'none']);
    // The workload VPC: its isolated tier's default route goes to the hub (it has no NAT of its own).
    const prod = stacks[PROD]!;
    const defaults = resourcesOfType(prod, 'aws_route').filter((r) => r.destination_cidr_block === '0.0.0.0/0');
    expect(defaults).toHaveLength(1);
    expect(defaults[0]!.transit_gateway_id).toBeDefined();
    expect(resourcesOfType(prod, 'aws_nat_gateway')).toHaveLength(0);
    // The inspection VPC: Transit Gateway subnet -> firewall endpoint of its zone -> NAT of its zone -> internet gateway.
    const vpcRoutes = Object.entries(network.resource!.aws_route!).filter(([name]) => name.startsWith('network_inspection_'));
    const hopFrom = (role: string, zone: string, destination: string) => {
      const tables = Object.entries(network.resource!.aws_route_table!).filter(([, t]) => (t.tags as Record<string, string>).Name === `sample-inspect-us-east-1-inspection-${role}-${zone}`);
      expect(tables).toHaveLength(1);
      const table = `aws_route_table.${tables[0]![0]}`;
      const route = vpcRoutes.find(([, r]) => addressOf(network, r.route_table_id as string) === table && r.destination_cidr_block === destination);
      return route?.[1];
    };
    for (const zone of ['a', 'b']) {
      expect(hopFrom('transit-gateway', zone, '0.0.0.0/0')!.vpc_endpoint_id).toMatch(new RegExp(`firewall_status\\[0\\]\\.sync_states.*availability_zone == "us-east-1${zone}"`));
      const nat = addressOf(network, hopFrom('firewall', zone, '0.0.0.0/0')!.nat_gateway_id as string);
      expect((byAddress(network, nat).tags as Record<string, string>).Name).toBe(`sample-inspect-us-east-1-inspection-nat-${zone}`);
      expect(hopFrom('public', zone, '0.0.0.0/0')!.gateway_id).toMatch(/aws_internet_gateway\./);
      // Replies to the spokes pass the firewall endpoint of the same zone again.
      expect(hopFrom('public', zone, '10.16.0.0/16')!.vpc_endpoint_id).toMatch(new RegExp(`availability_zone == "us-east-1${zone}"`));
      expect(hopFrom('firewall', zone, '10.16.0.0/16')!.transit_gateway_id).toBeDefined();
    }
  });

  it('propagates every spoke only to its own segment table and the inspection table', () => {
    const propagated = (stack: SynthesizedStack) =>
      resourcesOfType(stack, 'aws_ec2_transit_gateway_route_table_propagation').map((p) => routes.tableSegments.get(addressOf(network, p.transit_gateway_route_table_id as string))).sort();
    expect(propagated(stacks[PROD]!)).toEqual(['inspection', 'prod']);
    expect(propagated(stacks[DEV]!)).toEqual(['inspection', 'non-prod']);
  });
});

describe('the network inspection sample: firewall resources', () => {
  const text = stackText(outdir, NETWORK);

  it('attaches the inspection VPC with appliance mode on, associated with the inspection table', () => {
    expect(text).toHaveResourceWithProperties(Ec2TransitGatewayVpcAttachment, { appliance_mode_support: 'enable', tags: expect.objectContaining({ segment: 'inspection' }) });
    expect(routes.tableSegments.get(routes.tableOf(attachmentOf('inspection')))).toBe('inspection');
  });

  it('uses strict order with drop and alert on established flows as the default actions', () => {
    expect(text).toHaveResourceWithProperties(NetworkfirewallFirewallPolicy, {
      firewall_policy: expect.objectContaining({
        stateful_engine_options: expect.objectContaining({ rule_order: 'STRICT_ORDER' }),
        stateful_default_actions: ['aws:drop_established', 'aws:alert_established'],
        stateless_default_actions: ['aws:forward_to_sfe'],
      }),
    });
    const policy = resourcesOfType(network, 'aws_networkfirewall_firewall_policy')[0]!.firewall_policy as Record<string, Array<Record<string, unknown>>>;
    const order = policy.stateful_rule_group_reference!.map((ref) => (byAddress(network, addressOf(network, ref.resource_arn as string)).name as string));
    expect(order).toEqual(['sample-inspect-us-east-1-segment-reach', 'sample-inspect-us-east-1-user-rules', 'sample-inspect-us-east-1-egress-domains']);
  });

  it('limits egress to the configured domains on TLS SNI and HTTP host, with the spokes as HOME_NET', () => {
    expect(text).toHaveResourceWithProperties(NetworkfirewallRuleGroup, {
      type: 'STATEFUL',
      rule_group: expect.objectContaining({
        rules_source: { rules_source_list: { generated_rules_type: 'ALLOWLIST', target_types: ['TLS_SNI', 'HTTP_HOST'], targets: ['.amazonaws.com', 'github.com', '.github.com', 'registry.npmjs.org'] } },
        rule_variables: { ip_sets: [{ key: 'HOME_NET', ip_set: { definition: ['10.0.0.0/20', '10.16.0.0/16', '10.32.0.0/16'] } }] },
        stateful_rule_options: { rule_order: 'STRICT_ORDER' },
      }),
    });
  });

  it('passes only reaching segments and drops isolated ones statelessly', () => {
    const groups = resourcesOfType(network, 'aws_networkfirewall_rule_group');
    const reach = groups.find((g) => g.name === 'sample-inspect-us-east-1-segment-reach')!;
    const rules = ((reach.rule_group as Record<string, Record<string, string>>).rules_source!.rules_string!).split('\n');
    expect(rules).toEqual([
      'pass ip [10.32.0.0/16] any <> [10.0.0.0/20] any (msg:"segment non-prod reaches shared"; sid:3000000; rev:1;)',
      'pass ip [10.16.0.0/16] any <> [10.0.0.0/20] any (msg:"segment prod reaches shared"; sid:3000001; rev:1;)',
    ]);
    const isolation = groups.find((g) => g.type === 'STATELESS')!;
    expect(JSON.stringify(isolation.rule_group)).toContain('"actions":["aws:drop"]');
    expect(isolation.capacity).toBe(2);
  });

  it('has delete, subnet and policy change protection, a firewall endpoint per zone and alert + flow logs to the log archive', () => {
    expect(text).toHaveResourceWithProperties(NetworkfirewallFirewall, { delete_protection: true, subnet_change_protection: true, firewall_policy_change_protection: true });
    expect((resourcesOfType(network, 'aws_networkfirewall_firewall')[0]!.subnet_mapping as unknown[]).length).toBe(2);
    const logging = resourcesOfType(network, 'aws_networkfirewall_logging_configuration')[0]!.logging_configuration as { log_destination_config: Array<Record<string, unknown>> };
    expect(logging.log_destination_config.map((c) => [c.log_type, c.log_destination_type, (c.log_destination as Record<string, string>).bucketName])).toEqual([
      ['ALERT', 'S3', 'sample-inspect-flow-logs-230000000002'],
      ['FLOW', 'S3', 'sample-inspect-flow-logs-230000000002'],
    ]);
  });

  it('passes terraform validate and plan in the network and workload stacks', () => {
    expectValidAndPlannable(outdir, [NETWORK, PROD, DEV]);
  });
});

describe('the network inspection sample: bad input is a config error at its path', () => {
  /** The parts of the raw sample these cases change. */
  interface RawSample {
    network: {
      transitGateway: { segments: Record<string, unknown> };
      inspection: { vpcs: Record<string, { cidr: string }>; allowedDomains: string[]; allowedDomainsCapacity: number; suricataRules: string; suricataRulesCapacity: number };
      dnsFirewall: { managedDomainLists: Record<string, string[]> };
    };
  }
  function problems(change: (input: RawSample) => void): Array<{ path: string; message: string }> {
    const input = JSON.parse(JSON.stringify(sampleInput())) as RawSample;
    change(input);
    try {
      parseOrganization(input as unknown as OrganizationInput, 'test');
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => ({ path: p.path, message: p.message }));
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('accepts the sample as it is', () => {
    expect(org.network.inspection?.vpcs['us-east-1']?.cidr).toBe('100.64.0.0/24');
  });

  it.each([
    ['a URL', 'https://github.com', /is a URL, not a domain name/],
    ['an IP address', '192.0.2.1', /is an IP address, not a domain name/],
    ['a single label', 'localhost', /needs at least two labels/],
    ['a star wildcard', '*.github.com', /wildcard the list does not accept; only a leading "\."/],
    ['a label ending in a hyphen', 'bad-.example.com', /label "bad-"/],
  ])('refuses an allowlist entry that is not a domain: %s', (_name, domain, message) => {
    const found = problems((input) => { input.network.inspection.allowedDomains[1] = domain; });
    expect(found).toEqual([{ path: 'network.inspection.allowedDomains[1]', message: expect.stringMatching(message) }]);
  });

  it('refuses an inspection block whose firewall subnet overlaps a segment VPC', () => {
    const found = problems((input) => { input.network.inspection.vpcs['us-east-1']!.cidr = '10.16.0.0/24'; });
    expect(found).toEqual([
      {
        path: 'network.inspection.vpcs.us-east-1.cidr',
        message: expect.stringMatching(/overlaps the VPC of account "workload-prod" in us-east-1 \(10\.16\.0\.0\/16, segment prod.*the firewall subnet 10\.16\.0\.(32|16)\/28 would overlap it/),
      },
    ]);
  });

  it('refuses a domain allowlist over its rule group capacity', () => {
    const found = problems((input) => { input.network.inspection.allowedDomainsCapacity = 8; });
    expect(found).toEqual([{ path: 'network.inspection.allowedDomainsCapacity', message: expect.stringMatching(/is 8, but the rules need 10 units.*4 allowedDomains x 2 target types/) }]);
  });

  it('refuses user Suricata rules over their rule group capacity, and a line that is not a rule', () => {
    expect(problems((input) => { input.network.inspection.suricataRulesCapacity = 0; })[0]!.path).toBe('network.inspection.suricataRulesCapacity');
    const rules = 'drop tcp any any -> any 23 (msg:"telnet"; sid:1; rev:1;)\ndrop tcp any any -> any 21 (msg:"ftp"; sid:2; rev:1;)\n';
    expect(problems((input) => { input.network.inspection.suricataRules = rules; input.network.inspection.suricataRulesCapacity = 1; })).toEqual([
      { path: 'network.inspection.suricataRulesCapacity', message: expect.stringMatching(/is 1, but the rules need 2 units/) },
    ]);
    expect(problems((input) => { input.network.inspection.suricataRules = 'block everything\n'; })).toEqual([
      { path: 'network.inspection.suricataRules', message: expect.stringMatching(/line 1 is not a Suricata rule/) },
    ]);
  });

  it('refuses a segment named like the inspection route table, and a DNS Firewall without managed lists for a VPC Region', () => {
    expect(problems((input) => { input.network.transitGateway.segments.inspection = {}; })).toEqual(
      expect.arrayContaining([{ path: 'network.transitGateway.segments.inspection', message: expect.stringMatching(/inspection route table/) }]),
    );
    expect(problems((input) => { input.network.dnsFirewall.managedDomainLists = { 'eu-west-1': ['rslvr-fdl-2c46f2ecbfec4dcc'] }; })).toEqual([
      { path: 'network.dnsFirewall.managedDomainLists', message: expect.stringMatching(/no entry for us-east-1/) },
    ]);
  });
});
