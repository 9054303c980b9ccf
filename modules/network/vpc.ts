import { Construct } from 'constructs';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc as VpcResource } from '@cdktf/provider-aws/lib/vpc';
import { ValidationError } from '../core/errors';
import type { PolicyStatement } from '../iam/policy-document';
import { VPC_PREFIX_RANGE, ipv4CidrProblem, prefixLength } from './cidr';
import { DefaultLockdown } from './default-lockdown';
import type { GatewayEndpointService } from './endpoint-catalogue';
import { VpcFlowLog, type FlowLogDestination } from './flow-log';
import { GatewayEndpoint } from './gateway-endpoint';
import { InterfaceEndpoint, InterfaceEndpointTarget } from './interface-endpoint';
import { NetworkAcl } from './network-acl';
import { SUBNET_TIERS, TIER_LABELS, planSubnets, type SubnetTier, type TierLayout } from './subnet-plan';
import { tierAclEntries } from './tier-acl-entries';
import type { AccountContext } from '../core/account-context';

/** Flow log settings of a VPC. */
export interface VpcFlowLogOptions {
  /** Where the records go. Security: see VpcFlowLogProps.destination. */
  readonly destination: FlowLogDestination;
  /** Which traffic is recorded. @default 'ALL' Security: see VpcFlowLogProps.trafficType. */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
  /** Aggregation window. @default 60 Security: see VpcFlowLogProps.maxAggregationIntervalSeconds. */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
}

/** Availability zone names are derived from `region`. */
export interface VpcProps extends AccountContext {
  /** Name used in Name tags and the flow log group, e.g. `workload-prod-us-east-1`. */
  readonly name: string;
  /** The VPC's IPv4 block, /16 to /28. */
  readonly cidr: string;
  /**
   * Availability zone names (2 or 3). Subnets are carved in this order.
   * @default - `<region>a`, `<region>b`, `<region>c`, cut to `availabilityZoneCount`. No data source is read, so
   *   plans never call AWS; name the zones when an account lacks one of these (zone letters differ per account).
   * Security: no effect.
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Number of zones when `availabilityZones` is not given (2 or 3).
   * @default 3
   * Security: no effect (availability).
   */
  readonly availabilityZoneCount?: number;
  /**
   * Subnet tiers and their sizes; a tier left out is not created.
   * @default - all three tiers at their default sizes
   * Security: workloads belong in privateWithEgress or isolated; the public tier holds only NAT and load balancers.
   */
  readonly tiers?: Readonly<Partial<Record<SubnetTier, TierLayout>>>;
  /**
   * NAT gateways for the private-with-egress tier: one per zone, or a single one (cheaper, but egress fails with its zone).
   * @default 'per-az'
   * Security: no effect.
   */
  readonly natGateways?: 'per-az' | 'single';
  /**
   * Flow logs of the VPC (always on).
   * Security: records every connection for investigations (CIS 3.7; Checkov CKV2_AWS_11).
   */
  readonly flowLog: VpcFlowLogOptions;
  /**
   * IPv4 blocks of other networks this VPC reaches through the Transit Gateway; the private and isolated tiers' ACLs
   * allow traffic with them.
   * @default [] - no traffic with other networks
   * Security: only reachable networks are opened; other segments stay denied in the ACLs as well as the routes.
   */
  readonly peerCidrs?: readonly string[];
  /**
   * TCP ports the public tier admits from the internet (for load balancers).
   * @default [443]
   * Security: 22 and 3389 are refused (CIS 5.1).
   */
  readonly publicIngressPorts?: readonly number[];
  /**
   * TCP ports the public and private tiers may open to the internet.
   * @default [80, 443]
   * Security: other outbound ports are denied by the ACLs.
   */
  readonly internetEgressPorts?: readonly number[];
  /** Tags for every resource of the VPC. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A subnet of the VPC. */
export interface VpcSubnet {
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  readonly cidr: string;
  readonly subnetId: string;
  /** Route table of the subnet. */
  readonly routeTableId: string;
}

/** A route table of the VPC, with a stable key for construct ids of routes added to it (`private-a`, `isolated`). */
export interface VpcRouteTable {
  readonly key: string;
  readonly tier: SubnetTier;
  readonly routeTableId: string;
}

/** Options of an endpoint added to the VPC. */
export interface VpcEndpointOptions {
  /** Organisation the endpoint policy is limited to. */
  readonly organizationId: string;
  /** Extra Allow statements, each requiring aws:PrincipalOrgID. @default [] */
  readonly additionalPolicyStatements?: readonly PolicyStatement[];
}

/**
 * A VPC over 2-3 availability zones with up to three subnet tiers (public, private with egress, isolated), subnet
 * blocks computed from the VPC block, one route table per tier (per zone for the NAT-routed tier), NAT per zone or
 * single, an internet gateway only with a public tier, no public IPs on launch anywhere, a network ACL per tier, the
 * default security group and ACL stripped of all rules, and flow logs. Endpoints are added with `addGatewayEndpoint`
 * and `addInterfaceEndpoint`.
 */
export class Vpc extends Construct {
  readonly resource: VpcResource;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly availabilityZones: readonly string[];
  readonly subnets: readonly VpcSubnet[];
  readonly routeTables: readonly VpcRouteTable[];
  readonly internetGateway: InternetGateway | undefined;
  readonly natGatewayIds: readonly string[];
  readonly flowLog: VpcFlowLog;
  readonly defaults: DefaultLockdown;
  readonly networkAcls: Readonly<Partial<Record<SubnetTier, NetworkAcl>>>;

  private readonly props: VpcProps;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    this.props = props;
    const cidrProblem = ipv4CidrProblem(props.cidr);
    if (cidrProblem) throw new ValidationError(this, 'cidr', props.cidr, cidrProblem);
    if (prefixLength(props.cidr) < VPC_PREFIX_RANGE.min || prefixLength(props.cidr) > VPC_PREFIX_RANGE.max) {
      throw new ValidationError(this, 'cidr', props.cidr, `must be a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} block (AWS VPC limits)`);
    }
    this.availabilityZones = this.resolveZones(props);
    const tiers = props.tiers ?? { public: {}, privateWithEgress: {}, isolated: {} };
    if (!SUBNET_TIERS.some((t) => tiers[t] !== undefined)) {
      throw new ValidationError(this, 'tiers', tiers, 'must include at least one tier (public, privateWithEgress or isolated)');
    }
    if (tiers.privateWithEgress !== undefined && tiers.public === undefined) {
      throw new ValidationError(this, 'tiers', Object.keys(tiers), 'has privateWithEgress without public; NAT gateways live in the public tier, so add it or use isolated');
    }
    const plan = planSubnets(props.cidr, this.availabilityZones.length, tiers);
    if (plan.problems.length > 0) {
      throw new ValidationError(this, 'tiers', tiers, `do not fit the VPC block ${props.cidr}: ${plan.problems.join('; ')}; use a larger block or smaller tiers`);
    }
    for (const port of props.publicIngressPorts ?? []) {
      if (port === 22 || port === 3389) {
        throw new ValidationError(this, 'publicIngressPorts', props.publicIngressPorts, 'must not include 22 or 3389: administration ports are never open to the internet (CIS 5.1)');
      }
    }
    const natMode = props.natGateways ?? 'per-az';
    if (natMode !== 'per-az' && natMode !== 'single') throw new ValidationError(this, 'natGateways', natMode, 'must be "per-az" or "single"');

    const tags = (name: string) => ({ ...(props.tags ?? {}), Name: name });
    this.resource = new VpcResource(this, 'Resource', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags(props.name),
    });
    this.vpcId = this.resource.id;
    this.vpcCidr = props.cidr;

    this.defaults = new DefaultLockdown(this, 'default', {
      vpcId: this.vpcId,
      defaultNetworkAclId: this.resource.defaultNetworkAclId,
      tags: tags(`${props.name}-default-deny-all`),
    });
    this.flowLog = new VpcFlowLog(this, 'flow-log', {
      vpcId: this.vpcId,
      destination: props.flowLog.destination,
      trafficType: props.flowLog.trafficType,
      maxAggregationIntervalSeconds: props.flowLog.maxAggregationIntervalSeconds,
      partition: props.partition,
      accountId: props.accountId,
      region: props.region,
      logGroupName: `/vpc-flow-logs/${props.name}`,
      tags: props.tags,
    });

    const zoneKey = (zone: string) => (zone.startsWith(props.region) ? zone.slice(props.region.length) : zone);
    const subnetResources = plan.subnets.map((planned) => {
      const zone = this.availabilityZones[planned.zoneIndex]!;
      const label = `${TIER_LABELS[planned.tier]}-${zoneKey(zone)}`;
      const subnet = new Subnet(this, `subnet-${label}`, {
        vpcId: this.vpcId,
        cidrBlock: planned.cidr,
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { ...tags(`${props.name}-${label}`), tier: TIER_LABELS[planned.tier] },
      });
      return { planned, zone, key: zoneKey(zone), subnet };
    });

    // Internet gateway and NAT: only with a public tier.
    const publicSubnets = subnetResources.filter((s) => s.planned.tier === 'public');
    this.internetGateway =
      tiers.public !== undefined ? new InternetGateway(this, 'internet-gateway', { vpcId: this.vpcId, tags: tags(`${props.name}-igw`) }) : undefined;
    const natByZone = new Map<string, NatGateway>();
    if (tiers.privateWithEgress !== undefined) {
      const natZones = natMode === 'per-az' ? publicSubnets : publicSubnets.slice(0, 1);
      for (const s of natZones) {
        const eip = new Eip(this, `nat-eip-${s.key}`, { domain: 'vpc', tags: tags(`${props.name}-nat-${s.key}`) });
        natByZone.set(
          s.zone,
          new NatGateway(this, `nat-${s.key}`, {
            allocationId: eip.allocationId,
            subnetId: s.subnet.id,
            connectivityType: 'public',
            tags: tags(`${props.name}-nat-${s.key}`),
            dependsOn: [this.internetGateway!],
          }),
        );
      }
    }
    this.natGatewayIds = [...natByZone.values()].map((n) => n.id);

    // Route tables: one for public, one per zone for private (its own NAT), one for isolated.
    const routeTables: VpcRouteTable[] = [];
    const tableFor = new Map<string, string>();
    const newTable = (key: string, tier: SubnetTier): RouteTable => {
      const table = new RouteTable(this, `route-table-${key}`, { vpcId: this.vpcId, tags: tags(`${props.name}-${key}`) });
      routeTables.push({ key, tier, routeTableId: table.id });
      return table;
    };
    if (tiers.public !== undefined) {
      const table = newTable('public', 'public');
      new Route(this, 'route-public-default', { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: this.internetGateway!.id });
      for (const s of publicSubnets) tableFor.set(`${s.planned.tier}/${s.zone}`, table.id);
    }
    for (const s of subnetResources.filter((r) => r.planned.tier === 'privateWithEgress')) {
      const table = newTable(`private-${s.key}`, 'privateWithEgress');
      const nat = natByZone.get(s.zone) ?? [...natByZone.values()][0]!;
      new Route(this, `route-private-${s.key}-default`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      tableFor.set(`${s.planned.tier}/${s.zone}`, table.id);
    }
    if (tiers.isolated !== undefined) {
      const table = newTable('isolated', 'isolated');
      for (const s of subnetResources.filter((r) => r.planned.tier === 'isolated')) tableFor.set(`${s.planned.tier}/${s.zone}`, table.id);
    }
    this.routeTables = routeTables;

    this.subnets = subnetResources.map((s) => {
      const routeTableId = tableFor.get(`${s.planned.tier}/${s.zone}`)!;
      new RouteTableAssociation(this, `route-table-association-${TIER_LABELS[s.planned.tier]}-${s.key}`, { subnetId: s.subnet.id, routeTableId });
      return { tier: s.planned.tier, availabilityZone: s.zone, cidr: s.planned.cidr, subnetId: s.subnet.id, routeTableId };
    });

    // One network ACL per tier.
    const acls: Partial<Record<SubnetTier, NetworkAcl>> = {};
    for (const tier of SUBNET_TIERS) {
      const ids = this.subnetIds(tier);
      if (ids.length === 0) continue;
      const entries = tierAclEntries(tier, {
        vpcCidr: props.cidr,
        peerCidrs: props.peerCidrs ?? [],
        publicIngressPorts: props.publicIngressPorts ?? [443],
        internetEgressPorts: props.internetEgressPorts ?? [80, 443],
      });
      acls[tier] = new NetworkAcl(this, `network-acl-${TIER_LABELS[tier]}`, {
        vpcId: this.vpcId,
        subnetIds: ids,
        ...entries,
        tags: tags(`${props.name}-${TIER_LABELS[tier]}`),
      });
    }
    this.networkAcls = acls;
  }

  /** Subnet ids of a tier (zone order), or of all tiers. */
  subnetIds(tier?: SubnetTier): string[] {
    return this.subnets.filter((s) => tier === undefined || s.tier === tier).map((s) => s.subnetId);
  }

  /** Route tables of the private and isolated tiers (no internet gateway route). */
  get privateRouteTables(): VpcRouteTable[] {
    return this.routeTables.filter((t) => t.tier !== 'public');
  }

  /** Subnets for workload-facing interfaces (endpoints, Transit Gateway): the private tier, else the isolated one. */
  get privateSubnetIds(): string[] {
    const privateIds = this.subnetIds('privateWithEgress');
    return privateIds.length > 0 ? privateIds : this.subnetIds('isolated');
  }

  /** Adds an S3 or DynamoDB gateway endpoint on the private and isolated route tables. */
  addGatewayEndpoint(service: GatewayEndpointService, options: VpcEndpointOptions): GatewayEndpoint {
    const tables = this.privateRouteTables;
    if (tables.length === 0) throw new ValidationError(this, 'tiers', this.props.tiers, `have no private or isolated route table for the ${service} gateway endpoint`);
    return new GatewayEndpoint(this, `endpoint-${service}`, {
      vpcId: this.vpcId,
      service,
      routeTableIds: tables.map((t) => t.routeTableId),
      partition: this.props.partition,
      region: this.props.region,
      organizationId: options.organizationId,
      additionalPolicyStatements: options.additionalPolicyStatements,
      tags: { ...(this.props.tags ?? {}), Name: `${this.props.name}-${service}` },
    });
  }

  /** Adds an interface endpoint for an AWS service (short name, e.g. `kms`) in the private subnets. */
  addInterfaceEndpoint(service: string, options: VpcEndpointOptions): InterfaceEndpoint {
    return this.interfaceEndpoint(`endpoint-${service.replace(/\./g, '-')}`, InterfaceEndpointTarget.awsService(service), options);
  }

  /** Adds a PrivateLink consumer endpoint for another VPC's endpoint service, admitting `ports` from this VPC. */
  addEndpointServiceEndpoint(name: string, serviceName: string, ports: readonly number[] = [443]): InterfaceEndpoint {
    return this.interfaceEndpoint(`privatelink-${name}`, InterfaceEndpointTarget.endpointService(serviceName), undefined, ports);
  }

  private interfaceEndpoint(id: string, target: InterfaceEndpointTarget, options?: VpcEndpointOptions, ports?: readonly number[]): InterfaceEndpoint {
    const subnetIds = this.privateSubnetIds;
    if (subnetIds.length === 0) throw new ValidationError(this, 'tiers', this.props.tiers, `have no private or isolated subnets for the ${target.name} endpoint`);
    return new InterfaceEndpoint(this, id, {
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      subnetIds,
      target,
      partition: this.props.partition,
      region: this.props.region,
      organizationId: options?.organizationId,
      additionalPolicyStatements: options?.additionalPolicyStatements,
      ports,
      tags: { ...(this.props.tags ?? {}), Name: `${this.props.name}-${target.kind === 'aws' ? target.name : id}` },
    });
  }

  private resolveZones(props: VpcProps): string[] {
    if (props.availabilityZones !== undefined && props.availabilityZoneCount !== undefined) {
      throw new ValidationError(this, 'availabilityZones/availabilityZoneCount', props.availabilityZoneCount, 'must not both be set; the zone list already gives the count');
    }
    if (props.availabilityZones !== undefined) {
      const zones = [...props.availabilityZones];
      if (zones.length < 2 || zones.length > 3) throw new ValidationError(this, 'availabilityZones', zones, 'must list 2 or 3 zones');
      zones.forEach((zone) => {
        if (!zone.startsWith(props.region) || !/^[a-z]$/.test(zone.slice(props.region.length))) {
          throw new ValidationError(this, 'availabilityZones', zones, `must be zones of ${props.region} such as "${props.region}a"`);
        }
      });
      if (new Set(zones).size !== zones.length) throw new ValidationError(this, 'availabilityZones', zones, 'must not list a zone twice');
      return zones;
    }
    const count = props.availabilityZoneCount ?? 3;
    if (count !== 2 && count !== 3) throw new ValidationError(this, 'availabilityZoneCount', count, 'must be 2 or 3');
    return ['a', 'b', 'c'].slice(0, count).map((letter) => `${props.region}${letter}`);
  }
}
