import { Testing } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { FlowLogDestination, ORGANIZATION_ONLY_SID } from '../../modules/network';
import { onlyResource, resourcesOfType, synthConstruct, testApp, testStack, TEST_ACCOUNT_ID } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { ORG_ID, testVpc } from './fixtures';

type Entry = { rule_no: number; action: string; cidr_block: string | null; protocol: string; from_port: number; to_port: number };

function coversAdmin(entry: Entry): boolean {
  if (entry.protocol === '-1') return true;
  return (entry.protocol === '6' || entry.protocol === '17') && [22, 3389].some((p) => entry.from_port <= p && p <= entry.to_port);
}

describe('Vpc', () => {
  describe('GIVEN the defaults (three tiers, three zones, NAT per zone)', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      const vpc = testVpc(scope);
      vpc.addGatewayEndpoint('s3', { organizationId: ORG_ID });
      vpc.addGatewayEndpoint('dynamodb', { organizationId: ORG_ID });
      for (const service of ['sts', 'kms']) vpc.addInterfaceEndpoint(service, { organizationId: ORG_ID });
    });

    it('carves 9 subnets from the VPC block, none giving public IPs on launch', () => {
      const subnets = resourcesOfType(stack, 'aws_subnet');
      expect(subnets).toHaveLength(9);
      expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
      const layout: Array<[string, string, string]> = [
        ['public', 'a', '10.10.0.0/22'], ['public', 'b', '10.10.4.0/22'], ['public', 'c', '10.10.8.0/22'],
        ['private', 'a', '10.10.16.0/20'], ['private', 'b', '10.10.32.0/20'], ['private', 'c', '10.10.48.0/20'],
        ['isolated', 'a', '10.10.64.0/20'], ['isolated', 'b', '10.10.80.0/20'], ['isolated', 'c', '10.10.96.0/20'],
      ];
      for (const [tier, zone, cidr] of layout) {
        expect(synthesized).toHaveResourceWithProperties(Subnet, {
          availability_zone: `us-east-1${zone}`,
          cidr_block: cidr,
          map_public_ip_on_launch: false,
          tags: expect.objectContaining({ Name: expect.stringContaining(tier) }),
        });
      }
    });

    it('has an internet gateway, a NAT gateway per zone, and a route table per tier (per zone for private)', () => {
      expect(resourcesOfType(stack, 'aws_internet_gateway')).toHaveLength(1);
      expect(resourcesOfType(stack, 'aws_nat_gateway')).toHaveLength(3);
      expect(resourcesOfType(stack, 'aws_eip')).toHaveLength(3);
      expect(resourcesOfType(stack, 'aws_route_table')).toHaveLength(5);
      const defaults = resourcesOfType(stack, 'aws_route').filter((r) => r.destination_cidr_block === '0.0.0.0/0');
      expect(defaults.filter((r) => r.gateway_id !== undefined)).toHaveLength(1);
      expect(defaults.filter((r) => r.nat_gateway_id !== undefined)).toHaveLength(3);
    });

    it('strips every rule from the default security group and network ACL', () => {
      const sg = onlyResource(stack, 'aws_default_security_group');
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
      const acl = onlyResource(stack, 'aws_default_network_acl');
      expect(acl.ingress).toBeUndefined();
      expect(acl.egress).toBeUndefined();
    });

    it('gives each tier an ACL whose internet rules never cover SSH or RDP, denying them first', () => {
      const acls = resourcesOfType(stack, 'aws_network_acl');
      expect(acls).toHaveLength(3);
      for (const acl of acls) {
        const ingress = acl.ingress as Entry[];
        const world = ingress.filter((e) => e.cidr_block === '0.0.0.0/0');
        expect(world.filter((e) => e.action === 'allow' && coversAdmin(e))).toEqual([]);
        const firstAllow = Math.min(...world.filter((e) => e.action === 'allow').map((e) => e.rule_no));
        const denies = world.filter((e) => e.action === 'deny').map((e) => e.rule_no);
        expect(denies.length).toBe(3);
        expect(Math.max(...denies)).toBeLessThan(firstAllow);
        expect((acl.subnet_ids as string[]).length).toBe(3);
      }
    });

    it('records ALL traffic to a CMK-encrypted log group kept a year, through a role only for that group', () => {
      expect(synthesized).toHaveResourceWithProperties(FlowLog, {
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        max_aggregation_interval: 60,
        log_destination: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}$/),
        iam_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..+\.arn\}$/),
      });
      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: '/vpc-flow-logs/test',
        retention_in_days: 365,
        skip_destroy: true,
        kms_key_id: expect.stringMatching(/aws_kms_key\..*\.arn/),
      });
      const role = onlyResource(stack, 'aws_iam_role');
      expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT_ID } },
        },
      ]);
      const policy = JSON.parse(onlyResource(stack, 'aws_iam_role_policy').policy as string);
      expect(policy.Statement).toHaveLength(1);
      expect(policy.Statement[0].Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
      expect(policy.Statement[0].Resource).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn/), expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn\}:\*$/)]);
    });

    it('puts gateway endpoints on the private and isolated route tables, limited to the organisation', () => {
      const gateways = resourcesOfType(stack, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Gateway');
      expect(gateways).toHaveLength(2);
      for (const service of ['s3', 'dynamodb']) {
        expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, { service_name: `com.amazonaws.us-east-1.${service}`, vpc_endpoint_type: 'Gateway' });
      }
      for (const gateway of gateways) {
        expect(gateway.route_table_ids as string[]).toHaveLength(4);
        expect(JSON.parse(gateway.policy as string).Statement).toEqual([
          {
            Sid: ORGANIZATION_ONLY_SID,
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID, 'aws:ResourceOrgID': ORG_ID } },
          },
        ]);
      }
    });

    it('gives interface endpoints private DNS, the org policy and a group admitting only HTTPS from the VPC', () => {
      const interfaces = resourcesOfType(stack, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
      expect(interfaces).toHaveLength(2);
      for (const service of ['sts', 'kms']) {
        expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, { service_name: `com.amazonaws.us-east-1.${service}`, vpc_endpoint_type: 'Interface', private_dns_enabled: true });
      }
      for (const endpoint of interfaces) {
        expect((endpoint.subnet_ids as string[]).length).toBe(3);
        expect(JSON.parse(endpoint.policy as string).Statement[0].Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': ORG_ID, 'aws:ResourceOrgID': ORG_ID });
      }
      const rules = resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule');
      expect(rules.map((r) => [r.cidr_ipv4, r.ip_protocol, r.from_port, r.to_port])).toEqual([
        ['10.10.0.0/16', 'tcp', 443, 443],
        ['10.10.0.0/16', 'tcp', 443, 443],
      ]);
      expect(synthesized).not.toHaveResource(VpcSecurityGroupEgressRule);
    });
  });

  it('has no internet gateway or NAT without a public tier', () => {
    const { stack, synthesized } = synthConstruct((scope) => testVpc(scope, { tiers: { isolated: {} }, availabilityZoneCount: 2 }));
    expect(synthesized).not.toHaveResource(InternetGateway);
    expect(synthesized).not.toHaveResource(NatGateway);
    expect(resourcesOfType(stack, 'aws_subnet')).toHaveLength(2);
    expect(resourcesOfType(stack, 'aws_route').filter((r) => r.destination_cidr_block === '0.0.0.0/0')).toEqual([]);
  });

  it('uses one NAT gateway for all zones when natGateways is single', () => {
    const { stack } = synthConstruct((scope) => testVpc(scope, { natGateways: 'single' }));
    expect(resourcesOfType(stack, 'aws_nat_gateway')).toHaveLength(1);
    const natRoutes = resourcesOfType(stack, 'aws_route').filter((r) => r.nat_gateway_id !== undefined);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
    expect(natRoutes).toHaveLength(3);
  });

  it('uses the named zones, and keys construct ids by zone letter', () => {
    const { stack } = synthConstruct((scope) => testVpc(scope, { availabilityZones: ['us-east-1d', 'us-east-1f'], tiers: { isolated: {} } }));
    expect(Object.keys(stack.resource?.aws_subnet ?? {}).sort()).toEqual([expect.stringMatching(/^vpc_subnet-isolated-d_/), expect.stringMatching(/^vpc_subnet-isolated-f_/)]);
  });

  it('sends flow logs to a log bucket as Parquet without a role', () => {
    const synthesized = Testing.synthScope((scope) =>
      testVpc(scope, { flowLog: { destination: FlowLogDestination.s3('arn:aws:s3:::example-log-archive/vpc'), trafficType: 'REJECT' } }),
    );
    expect(synthesized).toHaveResourceWithProperties(FlowLog, {
      log_destination_type: 's3',
      log_destination: 'arn:aws:s3:::example-log-archive/vpc',
      traffic_type: 'REJECT',
      destination_options: { file_format: 'parquet', hive_compatible_partitions: true, per_hour_partition: true },
    });
    expect(synthesized).not.toHaveResource(IamRole);
    expect(synthesized).not.toHaveResource(CloudwatchLogGroup);
  });

  describe('fails on bad props, naming the prop', () => {
    const build = (overrides: Parameters<typeof testVpc>[1]) => () => synthConstruct((scope) => testVpc(scope, overrides));
    it.each([
      ['cidr with host bits', { cidr: '10.10.1.0/16' }, /cidr has host bits set/],
      ['cidr too large', { cidr: '10.0.0.0/12' }, /cidr must be a \/16 to \/28 block/],
      ['tiers that do not fit', { cidr: '10.10.0.0/24', tiers: { privateWithEgress: { prefixLength: 25 }, public: {} } }, /tiers do not fit the VPC block 10.10.0.0\/24/],
      ['private egress without public', { tiers: { privateWithEgress: {} } }, /tiers has privateWithEgress without public/],
      ['one zone', { availabilityZoneCount: 1 }, /availabilityZoneCount must be 2 or 3/],
      ['a zone of another Region', { availabilityZones: ['us-east-1a', 'eu-west-1a'] }, /availabilityZones must be zones of us-east-1/],
      ['SSH in publicIngressPorts', { publicIngressPorts: [22] }, /publicIngressPorts must not include 22 or 3389/],
      ['a flow log bucket that is not an ARN', { flowLog: { destination: FlowLogDestination.s3('not-an-arn') } }, /destination must be an S3 bucket ARN/],
    ])('%s', (_name, overrides, message) => {
      expect(build(overrides)).toThrow(message);
    });

    it('an unknown interface endpoint service, with a suggestion', () => {
      expect(() => synthConstruct((scope) => testVpc(scope).addInterfaceEndpoint('ssm-messages', { organizationId: ORG_ID }))).toThrow(
        /target is not a known interface endpoint service; did you mean .*"ssmmessages"/,
      );
    });

    it('an endpoint policy for a malformed organisation id', () => {
      expect(() => synthConstruct((scope) => testVpc(scope).addGatewayEndpoint('s3', { organizationId: 'org-1' }))).toThrow(/organizationId must be an AWS Organizations id/);
    });
  });

  it('passes terraform validate and plan', () => {
    const app = testApp();
    const stack = testStack('network-vpc', app);
    const vpc = testVpc(stack, { natGateways: 'single' });
    vpc.addGatewayEndpoint('s3', { organizationId: ORG_ID });
    vpc.addInterfaceEndpoint('kms', { organizationId: ORG_ID });
    vpc.addEndpointServiceEndpoint('partner', 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0', [443, 8443]);
    app.synth();
    expectValidAndPlannable(app.outdir);
  });
});
