import { cidrContains, prefixLength } from '../../modules/network/cidr';
import type { SynthesizedStack } from '../support/synth';

/**
 * A tiny resolver over synthesized routes: longest-prefix match over a route table's static routes and the blocks
 * propagated into it, as AWS evaluates them (a static route wins over a propagated one of the same block). Route
 * tables and attachments are named by the references Terraform sees, resolved across stacks through the network
 * stack's outputs (remote state).
 */

type Resource = Record<string, unknown>;

/** Where a matched route sends a packet. */
export type Hop =
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'attachment'; readonly attachment: string }
  | { readonly kind: 'none' };

interface TableRoute {
  readonly cidr: string;
  readonly hop: Hop;
  readonly propagated: boolean;
}

/** A Terraform address from a reference `${type.name.attr}`, or from a remote-state output of the network stack. */
export function addressOf(network: SynthesizedStack, reference: string): string {
  const local = /^\$\{([a-z0-9_]+\.[^.}]+)\.[a-z_]+\}$/.exec(reference);
  if (local) return local[1]!;
  const remote = /outputs\.([A-Za-z0-9_-]+)\}$/.exec(reference);
  const output = remote ? (network.output?.[remote[1]!]?.value as string | undefined) : undefined;
  const viaOutput = output ? /^\$\{([a-z0-9_]+\.[^.}]+)\.[a-z_]+\}$/.exec(output) : null;
  if (viaOutput) return viaOutput[1]!;
  throw new Error(`cannot resolve reference ${reference}`);
}

function resources(stack: SynthesizedStack, type: string): Array<[string, Resource]> {
  return Object.entries(stack.resource?.[type] ?? {}).map(([name, r]) => [`${type}.${name}`, r as Resource]);
}

/** The Transit Gateway routing of an organisation, read from its synthesized stacks (the network stack first). */
export class TransitGatewayRoutes {
  private readonly tables = new Map<string, TableRoute[]>();
  /** Route table (address) each attachment is associated with. */
  private readonly associations = new Map<string, string>();
  /** VPC block of each attachment. */
  private readonly attachmentCidrs = new Map<string, string>();
  /** Segment tag of each route table. */
  readonly tableSegments = new Map<string, string>();
  /** Attachment (address, stack-qualified) of each segment's VPCs and of the inspection VPC, by tag. */
  readonly attachmentsBySegment = new Map<string, string[]>();

  constructor(network: SynthesizedStack, stacks: Readonly<Record<string, SynthesizedStack>>) {
    for (const [address, table] of resources(network, 'aws_ec2_transit_gateway_route_table')) {
      this.tables.set(address, []);
      this.tableSegments.set(address, (table.tags as Record<string, string>).segment!);
    }
    for (const [stackName, stack] of Object.entries(stacks)) {
      const vpcCidrs = new Map(resources(stack, 'aws_vpc').map(([address, vpc]) => [address, vpc.cidr_block as string]));
      const qualified = (address: string) => `${stackName}:${address}`;
      for (const [address, attachment] of resources(stack, 'aws_ec2_transit_gateway_vpc_attachment')) {
        const vpc = /^\$\{(aws_vpc\.[^.]+)\.id\}$/.exec(attachment.vpc_id as string)![1]!;
        this.attachmentCidrs.set(qualified(address), vpcCidrs.get(vpc)!);
        const segment = (attachment.tags as Record<string, string>).segment!;
        this.attachmentsBySegment.set(segment, [...(this.attachmentsBySegment.get(segment) ?? []), qualified(address)]);
      }
      // The attachment id the owner-side resources use: the accepter's (cross-account) or the attachment's own.
      const attachmentOf = (reference: string): string => {
        const address = /^\$\{([a-z0-9_]+\.[^.}]+)\./.exec(reference)![1]!;
        if (address.startsWith('aws_ec2_transit_gateway_vpc_attachment_accepter.')) {
          const accepter = stack.resource!.aws_ec2_transit_gateway_vpc_attachment_accepter![address.split('.')[1]!]!;
          return qualified(/^\$\{([a-z0-9_]+\.[^.}]+)\./.exec(accepter.transit_gateway_attachment_id as string)![1]!);
        }
        return qualified(address);
      };
      for (const [, association] of resources(stack, 'aws_ec2_transit_gateway_route_table_association')) {
        this.associations.set(attachmentOf(association.transit_gateway_attachment_id as string), addressOf(network, association.transit_gateway_route_table_id as string));
      }
      for (const [, propagation] of resources(stack, 'aws_ec2_transit_gateway_route_table_propagation')) {
        const attachment = attachmentOf(propagation.transit_gateway_attachment_id as string);
        const table = addressOf(network, propagation.transit_gateway_route_table_id as string);
        this.tables.get(table)!.push({ cidr: this.attachmentCidrs.get(attachment)!, hop: { kind: 'attachment', attachment }, propagated: true });
      }
      for (const [, route] of resources(stack, 'aws_ec2_transit_gateway_route')) {
        const table = addressOf(network, route.transit_gateway_route_table_id as string);
        const hop: Hop = route.blackhole === true ? { kind: 'blackhole' } : { kind: 'attachment', attachment: attachmentOf(route.transit_gateway_attachment_id as string) };
        this.tables.get(table)!.push({ cidr: route.destination_cidr_block as string, hop, propagated: false });
      }
    }
  }

  /** The route table of an attachment's segment. */
  tableOf(attachment: string): string {
    const table = this.associations.get(attachment);
    if (!table) throw new Error(`attachment ${attachment} is associated with no table`);
    return table;
  }

  /** Where the table sends a packet for `destination` (an address, written as a /32). */
  lookup(table: string, destination: string): Hop {
    const host = destination.includes('/') ? destination : `${destination}/32`;
    const matches = (this.tables.get(table) ?? []).filter((r) => cidrContains(r.cidr, host));
    if (matches.length === 0) return { kind: 'none' };
    matches.sort((a, b) => prefixLength(b.cidr) - prefixLength(a.cidr) || Number(a.propagated) - Number(b.propagated));
    return matches[0]!.hop;
  }

  /** The segment tag of the attachment a hop goes to. */
  segmentOfAttachment(attachment: string): string | undefined {
    for (const [segment, attachments] of this.attachmentsBySegment) if (attachments.includes(attachment)) return segment;
    return undefined;
  }

  /**
   * The hops a packet from an attachment's VPC to `destination` takes at the hub: the first table's answer, and when
   * that is the inspection attachment, the inspection table's answer after the firewall (the firewall passes it).
   */
  path(fromAttachment: string, destination: string): string[] {
    const hops: string[] = [];
    let table = this.tableOf(fromAttachment);
    for (let i = 0; i < 3; i++) {
      const hop = this.lookup(table, destination);
      if (hop.kind !== 'attachment') {
        hops.push(hop.kind);
        return hops;
      }
      const segment = this.segmentOfAttachment(hop.attachment)!;
      hops.push(segment);
      if (segment !== 'inspection' || hops.length > 1) return hops;
      table = this.tableOf(hop.attachment);
    }
    return hops;
  }
}
