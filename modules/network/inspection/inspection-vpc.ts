import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc as VpcResource } from '@cdktf/provider-aws/lib/vpc';
import type { AccountContext } from '../../core/account-context';
import { ValidationError } from '../../core/errors';
import { cidrsOverlap, ipv4CidrProblem } from '../cidr';
import { DefaultLockdown } from '../default-lockdown';
import { VpcFlowLog, type FlowLogDestination } from '../flow-log';
import { NetworkAcl, type NetworkAclEntry } from '../network-acl';
import { Port, returnTrafficPorts } from '../port';
import { planInspectionSubnets, type InspectionSubnetRole } from './subnet-layout';

export interface InspectionVpcProps extends AccountContext {
  /** Name for tags, e.g. `example-inspection-us-east-1`. */
  readonly name: string;
  /** The VPC's block, /16 to /26; its subnets are carved as /28s. */
  readonly cidr: string;
  /** Availability zones (2 or 3): a Transit Gateway subnet, a firewall subnet and (with egress) a public subnet each. */
  readonly availabilityZones: readonly string[];
  /**
   * Blocks of the spoke VPCs (every segment's): must not overlap the inspection VPC, and get routes back to the
   * Transit Gateway.
   * Security: an overlap would send spoke traffic into the inspection VPC itself, past the firewall.
   */
  readonly spokeCidrs: readonly string[];
  /**
   * Central egress: NAT gateways (one per zone) in public subnets of the inspection VPC, so spokes reach the internet
   * only through the firewall.
   * @default false - the firewall inspects traffic between segments only
   * Security: one inspected path to the internet for every spoke.
   */
  readonly centralEgress?: boolean;
  /** Flow logs of the inspection VPC. */
  readonly flowLogDestination: FlowLogDestination;
  /** Tags for every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One subnet of the inspection VPC. */
export interface InspectionSubnet {
  readonly role: InspectionSubnetRole;
  readonly availabilityZone: string;
  readonly cidr: string;
  readonly subnetId: string;
  readonly routeTableId: string;
}

/**
 * The inspection VPC's network: per zone a Transit Gateway subnet, a firewall subnet and, with central egress, a
 * public subnet with a NAT gateway; a route table per subnet (routes to the firewall endpoints are added by
 * `NetworkInspection` once the firewall exists); one network ACL for all subnets (SSH and RDP from anywhere denied
 * first, all from the spokes, TCP replies from the internet); default security group and ACL stripped; flow logs.
 */
export class InspectionVpc extends Construct {
  readonly resource: VpcResource;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnets: readonly InspectionSubnet[];
  readonly natGatewayIds: Readonly<Record<string, string>>;
  readonly internetGateway: InternetGateway | undefined;

  constructor(scope: Construct, id: string, props: InspectionVpcProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    if (zones.length < 2 || zones.length > 3) throw new ValidationError(this, 'availabilityZones', zones, 'must list 2 or 3 availability zones');
    const centralEgress = props.centralEgress ?? false;
    const plan = planInspectionSubnets(props.cidr, zones.length, centralEgress);
    if (plan.problems.length > 0) throw new ValidationError(this, 'cidr', props.cidr, plan.problems.join('; '));
    props.spokeCidrs.forEach((spoke, i) => {
      const problem = ipv4CidrProblem(spoke);
      if (problem) throw new ValidationError(this, `spokeCidrs[${i}]`, spoke, problem);
      const clash = plan.blocks.find((b) => cidrsOverlap(b.cidr, spoke));
      if (clash) {
        throw new ValidationError(this, 'cidr', props.cidr, `carves the ${clash.role} subnet ${clash.cidr}, which overlaps the spoke block ${spoke}; choose an inspection block outside every segment's VPC blocks`);
      }
    });
    const tags = (name: string, extra: Record<string, string> = {}) => ({ ...(props.tags ?? {}), Name: name, ...extra });
    this.resource = new VpcResource(this, 'Resource', { cidrBlock: props.cidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tags(props.name) });
    this.vpcId = this.resource.id;
    this.vpcCidr = props.cidr;
    this.availabilityZones = zones;
    new DefaultLockdown(this, 'default', { vpcId: this.vpcId, defaultNetworkAclId: this.resource.defaultNetworkAclId, tags: tags(`${props.name}-default-deny-all`) });
    new VpcFlowLog(this, 'flow-log', {
      vpcId: this.vpcId,
      destination: props.flowLogDestination,
      partition: props.partition,
      accountId: props.accountId,
      region: props.region,
      logGroupName: `/vpc-flow-logs/${props.name}`,
      tags: props.tags,
    });
    const zoneKey = (zone: string) => (zone.startsWith(props.region) ? zone.slice(props.region.length) : zone);
    this.internetGateway = centralEgress ? new InternetGateway(this, 'internet-gateway', { vpcId: this.vpcId, tags: tags(`${props.name}-igw`) }) : undefined;

    const subnets: InspectionSubnet[] = [];
    for (const block of plan.blocks) {
      const zone = zones[block.zoneIndex]!;
      const label = `${block.role}-${zoneKey(zone)}`;
      const subnet = new Subnet(this, `subnet-${label}`, {
        vpcId: this.vpcId,
        cidrBlock: block.cidr,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: tags(`${props.name}-${label}`, { tier: block.role }),
      });
      const table = new RouteTable(this, `route-table-${label}`, { vpcId: this.vpcId, tags: tags(`${props.name}-${label}`) });
      new RouteTableAssociation(this, `route-table-association-${label}`, { subnetId: subnet.id, routeTableId: table.id });
      subnets.push({ role: block.role, availabilityZone: zone, cidr: block.cidr, subnetId: subnet.id, routeTableId: table.id });
    }
    this.subnets = subnets;

    const nats: Record<string, string> = {};
    for (const s of subnets.filter((x) => x.role === 'public')) {
      const key = zoneKey(s.availabilityZone);
      new Route(this, `route-public-${key}-default`, { routeTableId: s.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: this.internetGateway!.id });
      const eip = new Eip(this, `nat-eip-${key}`, { domain: 'vpc', tags: tags(`${props.name}-nat-${key}`) });
      nats[s.availabilityZone] = new NatGateway(this, `nat-${key}`, {
        allocationId: eip.allocationId,
        subnetId: s.subnetId,
        connectivityType: 'public',
        tags: tags(`${props.name}-nat-${key}`),
        dependsOn: [this.internetGateway!],
      }).id;
    }
    this.natGatewayIds = nats;

    const anywhere = '0.0.0.0/0';
    const spokes = [...new Set(props.spokeCidrs)].sort();
    const ingress: NetworkAclEntry[] = [
      { ruleNumber: 10, action: 'deny', cidr: anywhere, port: Port.tcp(22) },
      { ruleNumber: 11, action: 'deny', cidr: anywhere, port: Port.tcp(3389) },
      { ruleNumber: 12, action: 'deny', cidr: anywhere, port: Port.udp(3389) },
      { ruleNumber: 100, action: 'allow', cidr: props.cidr, port: Port.allTraffic() },
      ...spokes.map((cidr, i) => ({ ruleNumber: 110 + i, action: 'allow' as const, cidr, port: Port.allTraffic() })),
      ...(centralEgress ? returnTrafficPorts('tcp').map((port, i) => ({ ruleNumber: 300 + i, action: 'allow' as const, cidr: anywhere, port })) : []),
    ];
    const egress: NetworkAclEntry[] = [
      { ruleNumber: 100, action: 'allow', cidr: props.cidr, port: Port.allTraffic() },
      ...spokes.map((cidr, i) => ({ ruleNumber: 110 + i, action: 'allow' as const, cidr, port: Port.allTraffic() })),
      ...(centralEgress ? [80, 443].map((p, i) => ({ ruleNumber: 400 + i, action: 'allow' as const, cidr: anywhere, port: Port.tcp(p) })) : []),
    ];
    new NetworkAcl(this, 'network-acl', { vpcId: this.vpcId, subnetIds: subnets.map((s) => s.subnetId), ingress, egress, tags: tags(`${props.name}-inspection`) });
  }

  /** The subnets of a role, in zone order. */
  subnetsOf(role: InspectionSubnetRole): InspectionSubnet[] {
    return this.subnets.filter((s) => s.role === role);
  }
}
