import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import type { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import type { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { TransitGatewayHub } from '../modules/network/transit-gateway-hub';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable } from './common';
import { cidrsOverlapExpression, ipv4NetworkCondition } from './network-hcl';

/** The construct checks segments and principals in TypeScript; one placeholder of each, repeated with for_each. */
const SEGMENT_PLACEHOLDER = 'xexportsegmentx';
const NAME_PLACEHOLDER = 'xexportnamex';
const PRINCIPAL_PLACEHOLDER = '999999999999';
const SHARE_PRINCIPAL = String.raw`^([0-9]{12}|arn:aws(-cn|-us-gov)?:organizations::[0-9]{12}:(organization/o-[a-z0-9]{10,32}|ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$`;

/** Segment reachability of SegmentGraph: a segment reaches itself and every segment that lists it or that it lists. */
const REACH = '{ for s, d in var.segments : s => sort(distinct(concat([s], d.reaches, [for o, e in var.segments : o if contains(e.reaches, s)]))) }';
/** Blackholes: in each segment's table, every known block of every segment it must not reach. */
const BLACKHOLES = 'merge([for s in keys(var.segments) : { for pair in flatten([for o, d in var.segments : [for c in d.cidrs : { other = o, cidr = c }] if !contains(local.reach[s], o)]) : "${s}/${pair.cidr}" => { segment = s, cidr = pair.cidr } }]...)';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('name', {
    type: 'string',
    description: 'Name of the hub, for tags and the RAM share (e.g. "example-us-east-1"): 1-100 letters, digits, "-" or "_".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,100}$", var.name))', errorMessage: 'name must be 1-100 letters, digits, "-" or "_".' }],
  });
  stack.variable('segments', {
    type: 'map(object({ reaches = optional(list(string), []), cidrs = optional(list(string), []) }))',
    description: 'Routing segments by name (lower-case letters, digits, hyphens), one route table each: reaches lists the other segments it exchanges traffic with (mutual; a segment always reaches itself), cidrs the IPv4 blocks of the VPCs known to attach to it. Segments not linked cannot exchange traffic: no propagated routes, and a static blackhole in each table for every known block of every segment it must not reach (a propagation added by hand cannot open a path). At least one; every block unique.',
    validation: [
      { condition: 'length(var.segments) > 0 && alltrue([for s, d in var.segments : can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", s))])', errorMessage: 'segments must define at least one segment, named with lower-case letters, digits and hyphens.' },
      { condition: 'alltrue(flatten([for s, d in var.segments : [for t in d.reaches : t != s && contains(keys(var.segments), t)]]))', errorMessage: 'segments reaches must name other segments of the hub (not the segment itself: a segment always reaches itself).' },
      { condition: `alltrue(flatten([for s, d in var.segments : [for c in d.cidrs : ${ipv4NetworkCondition('c')}]]))`, errorMessage: 'segments cidrs must be IPv4 network blocks such as "10.1.0.0/16" (no host bits).' },
      {
        condition: `length(flatten([for s, d in var.segments : d.cidrs])) < 2 || alltrue(flatten([for i, a in flatten([for s, d in var.segments : d.cidrs]) : [for j, b in flatten([for s, d in var.segments : d.cidrs]) : i >= j || !(${cidrsOverlapExpression('a', 'b')})]]))`,
        errorMessage: 'segments cidrs must not overlap (every VPC block must be unique).',
      },
    ],
  });
  stack.variable('amazon_side_asn', {
    type: 'number',
    description: 'Private BGP ASN of the Amazon side: 64512-65534 or 4200000000-4294967294. Default 64512.',
    default: 64512,
    validation: [{ condition: 'floor(var.amazon_side_asn) == var.amazon_side_asn && ((var.amazon_side_asn >= 64512 && var.amazon_side_asn <= 65534) || (var.amazon_side_asn >= 4200000000 && var.amazon_side_asn <= 4294967294))', errorMessage: 'amazon_side_asn must be a private ASN: 64512 to 65534, or 4200000000 to 4294967294.' }],
  });
  stack.variable('share_principals', {
    type: 'map(string)',
    description: 'Principals the Transit Gateway is shared with through AWS RAM, by a stable label (part of the association address): the organisation ARN, OU ARNs or account ids. The share never allows principals outside the organisation (allow_external_principals = false). Default {}: not shared.',
    default: {},
    validation: [{ condition: `alltrue([for k, p in var.share_principals : can(regex(${JSON.stringify(SHARE_PRINCIPAL)}, p))])`, errorMessage: 'share_principals must be an organisation ARN, an OU ARN or a 12-digit account id.' }],
  });

  const hub = new TransitGatewayHub(stack, 'this', {
    name: NAME_PLACEHOLDER,
    segments: { [SEGMENT_PLACEHOLDER]: { reaches: [] } },
    amazonSideAsn: 64512,
    sharePrincipals: [PRINCIPAL_PLACEHOLDER],
    tags: stack.moduleTags,
  });
  hub.resource.addOverride('amazon_side_asn', '${var.amazon_side_asn}');
  hub.resource.addOverride('description', '${var.name} hub: segments ${join(", ", sort(keys(var.segments)))}');
  stack.local('reach', `\${${REACH}}`);
  stack.local('blackholes', `\${${BLACKHOLES}}`);

  const table = hub.node.findChild(`route-table-${SEGMENT_PLACEHOLDER}`) as Ec2TransitGatewayRouteTable;
  table.addOverride('for_each', '${var.segments}');
  table.addOverride('tags', '${merge(var.tags, {"Name" = "${var.name}-${each.key}", "segment" = each.key})}');
  stack.nameElement(table, 'this_route_table');
  const blackhole = new Ec2TransitGatewayRoute(stack, 'blackhole', {
    transitGatewayRouteTableId: '${aws_ec2_transit_gateway_route_table.this_route_table[each.value.segment].id}',
    destinationCidrBlock: '${each.value.cidr}',
    blackhole: true,
  });
  blackhole.addOverride('for_each', '${local.blackholes}');
  stack.nameElement(blackhole, 'this_blackhole');

  const share = hub.resourceShare!;
  share.addOverride('count', '${length(var.share_principals) > 0 ? 1 : 0}');
  const shareTgw = hub.node.findChild('share-transit-gateway') as unknown as { addOverride(path: string, value: unknown): void };
  shareTgw.addOverride('count', '${length(var.share_principals) > 0 ? 1 : 0}');
  const principal = hub.node.findChild(`share-with-${PRINCIPAL_PLACEHOLDER}`) as RamPrincipalAssociation;
  principal.addOverride('for_each', '${var.share_principals}');
  principal.addOverride('principal', '${each.value}');
  stack.nameElement(principal, 'this_share_with');
  stack.replaceLiteral('${aws_ram_resource_share.this_share.arn}', 'aws_ram_resource_share.this_share[0].arn');
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.name', 'substring');
  stack.forbid('xexport');

  stack.output('transit_gateway_id', hub.transitGatewayId, 'Id of the Transit Gateway.');
  stack.output('transit_gateway_arn', hub.transitGatewayArn, 'ARN of the Transit Gateway.');
  stack.output('route_table_ids', '${{for s, t in aws_ec2_transit_gateway_route_table.this_route_table : s => t.id}}', 'Route table of each segment.');
  stack.output(
    'segment_routing',
    '${{for s in keys(var.segments) : s => { route_table_id = aws_ec2_transit_gateway_route_table.this_route_table[s].id, propagation_route_table_ids = { for t in local.reach[s] : t => aws_ec2_transit_gateway_route_table.this_route_table[t].id } }}}',
    'Per segment, what an attachment of that segment needs (the transit-gateway-attachment module\'s routing input): its association table and the tables of the segments that may reach it, where it propagates its routes.',
  );
  stack.output('resource_share_arn', '${one(aws_ram_resource_share.this_share[*].arn)}', 'ARN of the RAM share (null when not shared).');
}

export const transitGatewayModule: ModuleDefinition = {
  name: 'transit-gateway',
  title: 'Transit Gateway hub with isolated routing segments and an organisation-only RAM share',
  summary: `
A Transit Gateway hub of \`modules/network\` (\`TransitGatewayHub\`): no default route table association or propagation
(nothing is routed until assigned a segment), attachments never accepted automatically, one route table per segment,
static blackholes between segments that must not reach each other, and a RAM share that never allows principals
outside the organisation. Attach VPCs with the transit-gateway-attachment module and the hub's segment_routing.
`,
  example: `
module "transit_gateway" {
  source = "../.."

  name = "example-us-east-1"
  segments = {
    shared = { reaches = ["prod", "dev"], cidrs = ["10.0.0.0/16"] }
    prod   = { cidrs = ["10.1.0.0/16"] }
    dev    = { cidrs = ["10.2.0.0/16"] }
  }
  share_principals = {
    organization = "arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5"
  }
}

output "segment_routing" {
  value = module.transit_gateway.segment_routing
}
`,
  notes: [
    'Central inspection (an inspection route table and default routes through an inspection VPC) stays with the CDKTF construct.',
    'Segment names and block keys are part of the resource addresses (`aws_ec2_transit_gateway_route_table.this_route_table["prod"]`, `aws_ec2_transit_gateway_route.this_blackhole["prod/10.2.0.0/16"]`).',
  ],
  build,
};
