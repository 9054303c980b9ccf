import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';
import { ValidationError } from '../core/errors';
import { cidrsOverlap, ipv4CidrProblem } from './cidr';
import type { SegmentGraph } from './segments';
import type { Vpc } from './vpc';

/** What an attachment needs from a hub (a `TransitGatewayHub`, possibly in another stack). */
export interface ITransitGatewayHub {
  readonly transitGatewayId: string;
  readonly segments: SegmentGraph;
  routeTableId(segment: string, prop?: string): string;
  /** Tables an attachment of `segment` propagates to; by default those of the segments that reach it. */
  propagationRouteTables?(segment: string): Array<{ readonly target: string; readonly routeTableId: string }>;
}

export interface TransitGatewayAttachmentProps {
  /** The VPC to attach; its private subnets (else isolated) carry the attachment, one per zone. */
  readonly vpc: Vpc;
  /** The hub to attach to. */
  readonly hub: ITransitGatewayHub;
  /**
   * Segment of the VPC: its attachment is associated with that segment's route table, and its routes are propagated
   * only to the tables of segments that may reach it.
   * Security: decides which other VPCs can exchange traffic with this one.
   */
  readonly segment: string;
  /**
   * IPv4 blocks the VPC's private and isolated route tables send to the Transit Gateway: the blocks of the VPCs it
   * may reach (or a summary of them).
   * @default [] - attached, but nothing routed
   * Security: least-access routing (CIS 5.5); unreachable segments get no route, not even a default one.
   */
  readonly routeDestinations?: readonly string[];
  /**
   * Adds a default route (0.0.0.0/0) to the hub on the isolated tier's route table, for a hub with central egress
   * through an inspection VPC. The private tier keeps its own NAT route.
   * @default false
   * Security: the only way to the internet of an isolated tier is then the inspected one.
   */
  readonly defaultRouteToHub?: boolean;
  /**
   * Provider of the Transit Gateway's owner account, when the VPC is in another account. The owner accepts the
   * attachment and associates and propagates it; the VPC's account only requests it.
   * @default - same account: the scope's default provider does everything
   * Security: the owner account keeps the decision of which segment an attachment joins.
   */
  readonly ownerProvider?: TerraformProvider;
  /** Tags of the attachment. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPC attachment to a Transit Gateway hub, with its segment association, the propagations the segment rules allow,
 * and the VPC routes to the hub. Across accounts the attachment is requested in the VPC's account and accepted,
 * associated and propagated in the owner's account (through `ownerProvider`), all in the same stack, so the hub's
 * stack never needs to know the attachment and no dependency cycle arises between the stacks.
 */
export class TransitGatewayAttachment extends Construct {
  readonly resource: Ec2TransitGatewayVpcAttachment;
  readonly accepter: Ec2TransitGatewayVpcAttachmentAccepter | undefined;
  readonly association: Ec2TransitGatewayRouteTableAssociation;
  /** Propagations by target segment. */
  readonly propagations: Readonly<Record<string, Ec2TransitGatewayRouteTablePropagation>>;
  readonly transitGatewayAttachmentId: string;

  constructor(scope: Construct, id: string, props: TransitGatewayAttachmentProps) {
    super(scope, id);
    const { vpc, hub, segment } = props;
    if (!hub.segments.has(segment)) {
      throw new ValidationError(this, 'segment', segment, `names no segment of the hub; use one of ${hub.segments.names.join(', ')}`);
    }
    const destinations = props.routeDestinations ?? [];
    destinations.forEach((cidr, i) => {
      const problem = ipv4CidrProblem(cidr);
      if (problem) throw new ValidationError(this, `routeDestinations[${i}]`, cidr, problem);
      if (cidrsOverlap(cidr, vpc.vpcCidr)) {
        throw new ValidationError(this, `routeDestinations[${i}]`, cidr, `overlaps the VPC's own block ${vpc.vpcCidr}; route only other networks to the hub`);
      }
    });
    const subnetIds = vpc.privateSubnetIds;
    if (subnetIds.length === 0) throw new ValidationError(this, 'vpc', vpc.node.path, 'has no private or isolated subnets to attach');
    const crossAccount = props.ownerProvider !== undefined;
    const tags = { ...(props.tags ?? {}), segment };

    this.resource = new Ec2TransitGatewayVpcAttachment(this, 'Resource', {
      transitGatewayId: hub.transitGatewayId,
      vpcId: vpc.vpcId,
      subnetIds,
      dnsSupport: 'enable',
      applianceModeSupport: 'disable',
      // Only the owner may set these; for a shared Transit Gateway they are set on the accepter.
      ...(crossAccount ? {} : { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }),
      tags,
    });
    this.accepter = crossAccount
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accepter', {
          provider: props.ownerProvider,
          transitGatewayAttachmentId: this.resource.id,
          transitGatewayDefaultRouteTableAssociation: false,
          transitGatewayDefaultRouteTablePropagation: false,
          tags,
        })
      : undefined;
    // Referencing the accepter orders association and propagation after acceptance.
    this.transitGatewayAttachmentId = this.accepter?.transitGatewayAttachmentId ?? this.resource.id;

    this.association = new Ec2TransitGatewayRouteTableAssociation(this, 'association', {
      provider: props.ownerProvider,
      transitGatewayAttachmentId: this.transitGatewayAttachmentId,
      transitGatewayRouteTableId: hub.routeTableId(segment),
      replaceExistingAssociation: false,
    });
    const propagations: Record<string, Ec2TransitGatewayRouteTablePropagation> = {};
    const targets = hub.propagationRouteTables?.(segment) ?? hub.segments.reachable(segment).map((target) => ({ target, routeTableId: hub.routeTableId(target) }));
    for (const { target, routeTableId } of targets) {
      propagations[target] = new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${target}`, {
        provider: props.ownerProvider,
        transitGatewayAttachmentId: this.transitGatewayAttachmentId,
        transitGatewayRouteTableId: routeTableId,
      });
    }
    this.propagations = propagations;

    const ready = this.accepter ?? this.resource;
    for (const table of vpc.privateRouteTables) {
      for (const cidr of [...new Set(destinations)].sort()) {
        new Route(this, `route-${table.key}-${cidr.replace(/\//g, '_')}`, {
          routeTableId: table.routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayId: hub.transitGatewayId,
          dependsOn: [ready],
        });
      }
    }
    if (props.defaultRouteToHub === true) {
      const isolated = vpc.privateRouteTables.filter((t) => t.tier === 'isolated');
      if (isolated.length === 0) throw new ValidationError(this, 'defaultRouteToHub', true, 'needs an isolated tier; the private tier already has its NAT route');
      for (const table of isolated) {
        new Route(this, `route-${table.key}-default`, {
          routeTableId: table.routeTableId,
          destinationCidrBlock: '0.0.0.0/0',
          transitGatewayId: hub.transitGatewayId,
          dependsOn: [ready],
        });
      }
    }
  }
}
