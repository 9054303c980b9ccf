import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import type { Construct } from 'constructs';
import {
  FlowLogDestination,
  InspectionFirewall,
  NetworkInspection,
  TransitGatewayHub,
  domainListCapacity,
  domainNameProblem,
  planInspectionSubnets,
  suricataRulesCapacity,
  type NetworkInspectionProps,
} from '../../modules/network';
import { synthConstruct, testStack, TEST_ACCOUNT_ID, TEST_REGION } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { flowLogKey } from './fixtures';

/** The inspection modules on their own: pure checks, the constructs' synth-time refusals, and a CloudWatch-logged build. */

const SEGMENTS = { prod: { reaches: ['shared'] }, 'non-prod': { reaches: ['shared'] }, shared: { reaches: [] } };
const CIDRS = { prod: ['10.16.0.0/16'], 'non-prod': ['10.32.0.0/16'], shared: ['10.0.0.0/20'] };

function inspection(scope: Construct, overrides: Partial<NetworkInspectionProps> = {}): NetworkInspection {
  const hub = new TransitGatewayHub(scope, 'hub', { name: 'test', segments: SEGMENTS, segmentCidrs: CIDRS, inspection: true });
  const key = flowLogKey(scope);
  return new NetworkInspection(scope, 'inspection', {
    name: 'test-us-east-1',
    hub,
    partition: 'aws',
    accountId: TEST_ACCOUNT_ID,
    region: TEST_REGION,
    cidr: '100.64.0.0/24',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    allowedDomains: ['.amazonaws.com'],
    encryptionKey: key,
    logDestination: { kind: 'cloud-watch-logs', encryptionKey: key },
    flowLogDestination: FlowLogDestination.cloudWatchLogs({ encryptionKey: key }),
    ...overrides,
  });
}

describe('inspection rule checks (pure)', () => {
  it.each([
    ['example.com', 'leading-dot', undefined],
    ['.example.com', 'leading-dot', undefined],
    ['*.example.com', 'star-dot', undefined],
    ['*.example.com', 'leading-dot', /wildcard/],
    ['Example.com', 'leading-dot', /lower case/],
    ['10.0.0.1', 'star-dot', /IP address/],
    [`${'a'.repeat(64)}.com`, 'leading-dot', /label/],
  ] as const)('domainNameProblem(%s, %s)', (domain, style, expected) => {
    const problem = domainNameProblem(domain, style);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });

  it('estimates capacity: (domains + 1) x target types; one unit per Suricata rule line', () => {
    expect(domainListCapacity(4, 2)).toBe(10);
    expect(suricataRulesCapacity('# comment\n\npass tcp any any -> any 443 (sid:1;)\ndrop ip any any -> any any (sid:2;)\n')).toBe(2);
  });

  it('carves /28 subnets per role and zone, and refuses a block too small', () => {
    expect(planInspectionSubnets('100.64.0.0/24', 2, true).blocks.map((b) => `${b.role}:${b.cidr}`)).toEqual([
      'transit-gateway:100.64.0.0/28', 'transit-gateway:100.64.0.16/28', 'firewall:100.64.0.32/28', 'firewall:100.64.0.48/28', 'public:100.64.0.64/28', 'public:100.64.0.80/28',
    ]);
    expect(planInspectionSubnets('100.64.0.0/27', 3, true).problems[0]).toMatch(/\/16 to \/26/);
  });
});

describe('NetworkInspection and InspectionFirewall', () => {
  it('builds with CloudWatch logs under the key (no central egress), and plans', () => {
    const { outdir, synthesized, stack } = synthConstruct((scope) => inspection(scope), 'network-inspection-module');
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/network-firewall/test-us-east-1/alert', retention_in_days: 365 });
    expect(synthesized).toHaveResourceWithProperties(NetworkfirewallLoggingConfiguration, {
      logging_configuration: { log_destination_config: [expect.objectContaining({ log_type: 'ALERT', log_destination_type: 'CloudWatchLogs' }), expect.objectContaining({ log_type: 'FLOW' })] },
    });
    // Without central egress: no NAT, no internet gateway, the firewall subnets send everything back to the hub.
    expect(stack.resource?.aws_nat_gateway).toBeUndefined();
    expect(stack.resource?.aws_internet_gateway).toBeUndefined();
    expectValidAndPlannable(outdir);
  });

  it('fails when the hub does not inspect, or inspects without the segment blocks (blackholes are mandatory)', () => {
    const stack = testStack();
    const hub = new TransitGatewayHub(stack, 'plain', { name: 'test', segments: SEGMENTS, segmentCidrs: CIDRS });
    expect(() => inspection(testStack(), { hub })).toThrow(/hub.*must be built with inspection: true/);
    expect(() => new TransitGatewayHub(testStack(), 'hub', { name: 'test', segments: SEGMENTS, inspection: true })).toThrow(/segmentCidrs.*required with inspection.*blackholes/);
  });

  it('fails when a firewall subnet would overlap a segment block', () => {
    expect(() => inspection(testStack(), { cidr: '10.16.0.0/24' })).toThrow(/carves the transit-gateway subnet 10.16.0.0\/28, which overlaps the spoke block 10.16.0.0\/16/);
  });

  it.each([
    ['a domain that is not a domain', { allowedDomains: ['https://example.com'] }, /allowedDomains\[0\].*URL/],
    ['a domain list over capacity', { allowedDomains: ['a.example', 'b.example'], allowedDomainsCapacity: 5 }, /allowedDomainsCapacity.*is 5, but the rules need 6 units/],
    ['user rules over capacity', { userRules: 'drop ip any any -> any any (sid:1;)\npass ip any any -> any any (sid:2;)', userRulesCapacity: 1 }, /userRulesCapacity.*need 2 units/],
    ['a user rule that is not Suricata', { userRules: 'deny everything' }, /userRules.*is not a Suricata rule/],
    ['Terraform template syntax in user rules', { userRules: 'drop ip ${var.x} any -> any any (sid:1;)' }, /Terraform template syntax/],
  ])('InspectionFirewall fails on %s', (_name, overrides, message) => {
    expect(() => inspection(testStack(), overrides)).toThrow(message);
  });

  it('InspectionFirewall refuses a name AWS would refuse', () => {
    const stack = testStack();
    const key = flowLogKey(stack);
    expect(() => new InspectionFirewall(stack, 'fw', { name: 'bad name', vpcId: 'vpc-1', subnetIds: ['subnet-1'], homeNetCidrs: [], encryptionKey: key, logDestination: { kind: 'cloud-watch-logs', encryptionKey: key } })).toThrow(/name/);
  });
});
