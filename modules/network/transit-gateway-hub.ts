import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { ValidationError } from '../core/errors';
import { ipv4CidrProblem, overlappingPairs } from './cidr';
import { SegmentGraph, type SegmentDefinition } from './segments';

export interface TransitGatewayHubProps {
  /** Name for tags and the RAM share, e.g. `example-us-east-1`. */
  readonly name: string;
  /**
   * Routing segments, one route table each; `reaches` links segments both ways.
   * Security: segments not linked cannot exchange traffic (no propagated routes, and blackholes for known blocks).
   */
  readonly segments: Readonly<Record<string, SegmentDefinition>>;
  /**
   * Private BGP ASN of the Amazon side.
   * @default 64512
   * Security: no effect.
   */
  readonly amazonSideAsn?: number;
  /**
   * IPv4 blocks of the VPCs known to attach to each segment (from config). Each segment's route table gets a
   * blackhole route for every block of every segment it must not reach.
   * @default {} - no blackholes; isolation rests on propagation alone
   * Security: a mistaken propagation added by hand cannot open a path, because static blackholes win over
   *   propagated routes for the same block.
   */
  readonly segmentCidrs?: Readonly<Record<string, readonly string[]>>;
  /**
   * Principals the Transit Gateway is shared with through AWS RAM: the organisation ARN
   * (`arn:aws:organizations::<management account>:organization/o-...`), OU ARNs or account ids.
   * @default [] - not shared
   * Security: the share never allows principals outside the organisation (`allow_external_principals` is false).
   */
  readonly sharePrincipals?: readonly string[];
  /**
   * Traffic between segments and to the internet goes through an inspection VPC (see `NetworkInspection`): the hub
   * gets an `inspection` route table, every attachment propagates to its own segment's table and to the inspection
   * table only, and each segment table gets a default route to the inspection attachment.
   * @default false - segments route to each other directly by propagation
   * Security: once a default route points at the inspection VPC, propagation no longer isolates segments (the
   *   default route reaches every block), so `segmentCidrs` becomes required: its blackholes keep isolated segments
   *   apart at the hub.
   */
  readonly inspection?: boolean;
  /** Tags for every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Name of the hub's inspection route table (and the propagation target of every attachment when inspecting). */
export const INSPECTION_ROUTE_TABLE = 'inspection';

const SHARE_PRINCIPAL = /^(\d{12}|arn:aws(-cn|-us-gov)?:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$/;

/**
 * A Transit Gateway hub: no default route table association or propagation (nothing is routed until assigned a
 * segment), attachments are never accepted automatically (Checkov CKV_AWS_331), one route table per segment, static
 * blackholes between segments that must not reach each other, and a RAM share limited to the organisation.
 * Attachments join with `TransitGatewayAttachment`, which associates them with their segment's table and
 * propagates their routes only to the tables of segments that may reach them.
 */
export class TransitGatewayHub extends Construct {
  readonly resource: Ec2TransitGateway;
  readonly transitGatewayId: string;
  readonly transitGatewayArn: string;
  readonly segments: SegmentGraph;
  /** Route table id of each segment. */
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly resourceShare: RamResourceShare | undefined;
  /** Route table of the inspection attachment, when the hub inspects (`inspection`). */
  readonly inspectionRouteTableId: string | undefined;
  /** IPv4 blocks known per segment (`segmentCidrs`). */
  readonly segmentCidrs: Readonly<Record<string, readonly string[]>>;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    this.segments = SegmentGraph.from(this, 'segments', props.segments);
    const asn = props.amazonSideAsn ?? 64512;
    if (!Number.isInteger(asn) || !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))) {
      throw new ValidationError(this, 'amazonSideAsn', asn, 'must be a private ASN: 64512 to 65534, or 4200000000 to 4294967294');
    }
    if (props.inspection === true) {
      if (this.segments.has(INSPECTION_ROUTE_TABLE)) {
        throw new ValidationError(this, `segments.${INSPECTION_ROUTE_TABLE}`, INSPECTION_ROUTE_TABLE, 'is the name of the inspection route table; rename the segment');
      }
      if (props.segmentCidrs === undefined) {
        throw new ValidationError(this, 'segmentCidrs', undefined, 'is required with inspection: a default route to the inspection VPC reaches every block, so isolated segments need blackholes for each other\'s blocks');
      }
    }
    const segmentCidrs = props.segmentCidrs ?? {};
    this.segmentCidrs = segmentCidrs;
    const known: Array<{ segment: string; cidr: string }> = [];
    for (const [segment, cidrs] of Object.entries(segmentCidrs)) {
      if (!this.segments.has(segment)) throw new ValidationError(this, `segmentCidrs.${segment}`, segment, `names no segment; use one of ${this.segments.names.join(', ')}`);
      for (const cidr of cidrs) {
        const problem = ipv4CidrProblem(cidr);
        if (problem) throw new ValidationError(this, `segmentCidrs.${segment}`, cidr, problem);
        known.push({ segment, cidr });
      }
    }
    const clash = overlappingPairs(known)[0];
    if (clash) {
      throw new ValidationError(this, 'segmentCidrs', [clash[0].cidr, clash[1].cidr], `has overlapping blocks (${clash[0].segment} and ${clash[1].segment}); every VPC block must be unique`);
    }
    (props.sharePrincipals ?? []).forEach((principal, i) => {
      if (!Token.isUnresolved(principal) && !SHARE_PRINCIPAL.test(principal)) {
        throw new ValidationError(this, `sharePrincipals[${i}]`, principal, 'must be an organisation ARN, an OU ARN or a 12-digit account id');
      }
    });
    const tags = (name: string, extra: Record<string, string> = {}) => ({ ...(props.tags ?? {}), Name: name, ...extra });

    this.resource = new Ec2TransitGateway(this, 'Resource', {
      description: `${props.name} hub: segments ${this.segments.names.join(', ')}`,
      amazonSideAsn: asn,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      multicastSupport: 'disable',
      tags: tags(props.name),
    });
    this.transitGatewayId = this.resource.id;
    this.transitGatewayArn = this.resource.arn;

    const routeTableIds: Record<string, string> = {};
    for (const segment of this.segments.names) {
      const table = new Ec2TransitGatewayRouteTable(this, `route-table-${segment}`, {
        transitGatewayId: this.transitGatewayId,
        tags: tags(`${props.name}-${segment}`, { segment }),
      });
      routeTableIds[segment] = table.id;
      for (const other of this.segments.unreachable(segment)) {
        for (const cidr of [...(segmentCidrs[other] ?? [])].sort()) {
          new Ec2TransitGatewayRoute(this, `blackhole-${segment}-${cidr.replace(/\//g, '_')}`, {
            transitGatewayRouteTableId: table.id,
            destinationCidrBlock: cidr,
            blackhole: true,
          });
        }
      }
    }
    this.routeTableIds = routeTableIds;
    this.inspectionRouteTableId =
      props.inspection === true
        ? new Ec2TransitGatewayRouteTable(this, `route-table-${INSPECTION_ROUTE_TABLE}`, {
            transitGatewayId: this.transitGatewayId,
            tags: tags(`${props.name}-${INSPECTION_ROUTE_TABLE}`, { segment: INSPECTION_ROUTE_TABLE }),
          }).id
        : undefined;

    const principals = props.sharePrincipals ?? [];
    if (principals.length > 0) {
      this.resourceShare = new RamResourceShare(this, 'share', {
        name: `${props.name}-transit-gateway`,
        allowExternalPrincipals: false,
        tags: tags(`${props.name}-transit-gateway`),
      });
      new RamResourceAssociation(this, 'share-transit-gateway', { resourceArn: this.transitGatewayArn, resourceShareArn: this.resourceShare.arn });
      for (const principal of principals) {
        new RamPrincipalAssociation(this, `share-with-${principal.replace(/^.*[:/]/, '')}`, { principal, resourceShareArn: this.resourceShare.arn });
      }
    } else {
      this.resourceShare = undefined;
    }
  }

  /**
   * The route tables an attachment of `segment` propagates its routes to: the tables of the segments that may reach
   * it; with inspection, its own segment's table and the inspection table (other segments reach it through the
   * firewall).
   */
  propagationRouteTables(segment: string): Array<{ readonly target: string; readonly routeTableId: string }> {
    if (this.inspectionRouteTableId !== undefined) {
      return [
        { target: segment, routeTableId: this.routeTableId(segment) },
        { target: INSPECTION_ROUTE_TABLE, routeTableId: this.inspectionRouteTableId },
      ];
    }
    return this.segments.reachable(segment).map((target) => ({ target, routeTableId: this.routeTableId(target) }));
  }

  /** Route table id of a segment; throws naming `prop` when there is no such segment. */
  routeTableId(segment: string, prop = 'segment'): string {
    const id = this.routeTableIds[segment];
    if (id === undefined) throw new ValidationError(this, prop, segment, `names no segment of this hub; use one of ${this.segments.names.join(', ')}`);
    return id;
  }
}
