import { Construct } from 'constructs';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { AccountContext } from '../../core/account-context';
import { ValidationError } from '../../core/errors';
import type { IEncryptionKey } from '../../kms/key';
import type { FlowLogDestination } from '../flow-log';
import type { TransitGatewayHub } from '../transit-gateway-hub';
import { InspectionFirewall, type FirewallLogDestination } from './firewall';
import { InspectionVpc } from './inspection-vpc';
import { isolatedSegmentPairs, reachingSegmentPairs } from './segment-rules';

export interface NetworkInspectionProps extends AccountContext {
  /** Name of the firewall and prefix of the other names, e.g. `example-us-east-1`. */
  readonly name: string;
  /** The hub, built with `inspection: true` and the segments' blocks (`segmentCidrs`). */
  readonly hub: TransitGatewayHub;
  /** The inspection VPC's block (/16 to /26), outside every segment's blocks. */
  readonly cidr: string;
  /** Availability zones (2 or 3) of the inspection VPC; one firewall endpoint each. */
  readonly availabilityZones: readonly string[];
  /** NAT in the inspection VPC: spokes reach the internet through the firewall. @default false */
  readonly centralEgress?: boolean;
  /** Domains spokes may reach (see `InspectionFirewallProps.allowedDomains`). @default [] */
  readonly allowedDomains?: readonly string[];
  /** Capacity of the domain allowlist group. @default 100 */
  readonly allowedDomainsCapacity?: number;
  /** Suricata rules of the user rule group. @default - none */
  readonly userRules?: string;
  /** Capacity of the user rule group. @default 100 */
  readonly userRulesCapacity?: number;
  /** Key of the firewall configuration. */
  readonly encryptionKey: IEncryptionKey;
  /** Alert and flow logs of the firewall. */
  readonly logDestination: FirewallLogDestination;
  /** Flow logs of the inspection VPC. */
  readonly flowLogDestination: FlowLogDestination;
  /** Tags for every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Inspection behind a Transit Gateway hub: the inspection VPC and its Network Firewall, attached to the hub with
 * appliance mode on (both directions of a flow use the same firewall endpoint), associated with the hub's
 * inspection route table; a default route in every segment's table to the inspection attachment; in the VPC, the
 * Transit Gateway subnets route everything to the firewall endpoint of their zone, the firewall subnets route the
 * spokes back to the hub and the internet to the zone's NAT (central egress), and the public subnets route the spokes
 * to the firewall endpoint of their zone (return traffic is inspected too).
 */
export class NetworkInspection extends Construct {
  readonly vpc: InspectionVpc;
  readonly firewall: InspectionFirewall;
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: NetworkInspectionProps) {
    super(scope, id);
    const { hub } = props;
    if (hub.inspectionRouteTableId === undefined) throw new ValidationError(this, 'hub', hub.node.path, 'must be built with inspection: true');
    const spokeCidrs = Object.values(hub.segmentCidrs).flat().sort();
    this.vpc = new InspectionVpc(this, 'vpc', {
      name: `${props.name}-inspection`,
      cidr: props.cidr,
      partition: props.partition,
      accountId: props.accountId,
      region: props.region,
      availabilityZones: props.availabilityZones,
      spokeCidrs,
      centralEgress: props.centralEgress,
      flowLogDestination: props.flowLogDestination,
      tags: props.tags,
    });
    this.firewall = new InspectionFirewall(this, 'firewall', {
      name: props.name,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetsOf('firewall').map((s) => s.subnetId),
      homeNetCidrs: spokeCidrs,
      allowedDomains: props.allowedDomains,
      allowedDomainsCapacity: props.allowedDomainsCapacity,
      reachingSegments: reachingSegmentPairs(hub.segments, hub.segmentCidrs),
      isolatedSegments: isolatedSegmentPairs(hub.segments, hub.segmentCidrs),
      userRules: props.userRules,
      userRulesCapacity: props.userRulesCapacity,
      encryptionKey: props.encryptionKey,
      logDestination: props.logDestination,
      tags: props.tags,
    });

    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: hub.transitGatewayId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetsOf('transit-gateway').map((s) => s.subnetId),
      dnsSupport: 'enable',
      applianceModeSupport: 'enable',
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      tags: { ...(props.tags ?? {}), Name: `${props.name}-inspection`, segment: 'inspection' },
    });
    new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      transitGatewayAttachmentId: this.attachment.id,
      transitGatewayRouteTableId: hub.inspectionRouteTableId,
      replaceExistingAssociation: false,
    });
    for (const segment of hub.segments.names) {
      new Ec2TransitGatewayRoute(this, `default-route-${segment}`, {
        transitGatewayRouteTableId: hub.routeTableId(segment),
        destinationCidrBlock: '0.0.0.0/0',
        transitGatewayAttachmentId: this.attachment.id,
      });
    }

    const zoneKey = (zone: string) => (zone.startsWith(props.region) ? zone.slice(props.region.length) : zone);
    const egress = props.centralEgress ?? false;
    for (const subnet of this.vpc.subnets) {
      const key = `${subnet.role}-${zoneKey(subnet.availabilityZone)}`;
      const endpoint = this.firewall.endpointIdIn(subnet.availabilityZone);
      const route = (suffix: string, destination: string, target: { vpcEndpointId?: string; natGatewayId?: string; transitGatewayId?: string }) =>
        new Route(this, `route-${key}-${suffix}`, {
          routeTableId: subnet.routeTableId,
          destinationCidrBlock: destination,
          ...target,
          dependsOn: target.transitGatewayId !== undefined ? [this.attachment] : undefined,
        });
      switch (subnet.role) {
        case 'transit-gateway':
          route('default', '0.0.0.0/0', { vpcEndpointId: endpoint });
          break;
        case 'firewall':
          if (egress) {
            route('default', '0.0.0.0/0', { natGatewayId: this.vpc.natGatewayIds[subnet.availabilityZone]! });
            for (const cidr of spokeCidrs) route(cidr.replace(/\//g, '_'), cidr, { transitGatewayId: hub.transitGatewayId });
          } else {
            route('default', '0.0.0.0/0', { transitGatewayId: hub.transitGatewayId });
          }
          break;
        case 'public':
          for (const cidr of spokeCidrs) route(cidr.replace(/\//g, '_'), cidr, { vpcEndpointId: endpoint });
          break;
      }
    }
  }
}
