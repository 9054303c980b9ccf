import type { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import type { Route } from '@cdktf/provider-aws/lib/route';
import { SegmentGraph } from '../modules/network/segments';
import { TransitGatewayAttachment } from '../modules/network/transit-gateway-attachment';
import type { Vpc } from '../modules/network/vpc';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable } from './common';
import { cidrsOverlapExpression, ipv4NetworkCondition } from './network-hcl';

/**
 * The construct reads a Vpc and a hub; the module gives it stand-ins with one segment, one route table and one
 * destination (placeholders), then repeats propagations and routes with for_each over the inputs.
 */
const SEGMENT_PLACEHOLDER = 'xexportsegmentx';
const TABLE_PLACEHOLDER = 'xexporttablex';
const DESTINATION_PLACEHOLDER = '10.213.0.0/16';
const VPC_CIDR_PLACEHOLDER = '10.214.0.0/16';

/** One route per (VPC route table, destination), keyed by both (known at plan: labels and literal blocks). */
const ROUTES = '{ for pair in setproduct(keys(var.vpc_route_table_ids), var.route_destinations) : "${pair[0]}/${pair[1]}" => { table = pair[0], cidr = pair[1] } }';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('transit_gateway_id', {
    type: 'string',
    description: 'The hub (the transit-gateway module\'s transit_gateway_id); may be unknown until apply.',
    validation: [{ condition: 'can(regex("^tgw-[0-9a-f]{8,17}$", var.transit_gateway_id))', errorMessage: 'transit_gateway_id must be a Transit Gateway id such as "tgw-0123456789abcdef0".' }],
  });
  stack.variable('segment', {
    type: 'string',
    description: 'Segment of the VPC (a key of the hub\'s segments): decides which other VPCs can exchange traffic with this one.',
    validation: [{ condition: 'can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.segment))', errorMessage: 'segment must be a segment name of lower-case letters, digits and hyphens.' }],
  });
  stack.variable('routing', {
    type: 'object({ route_table_id = string, propagation_route_table_ids = map(string) })',
    description: 'The hub\'s routing for the segment (the transit-gateway module\'s segment_routing[segment]): the attachment is associated with route_table_id and propagates its routes only to the tables of the segments that may reach it.',
    validation: [{ condition: 'length(var.routing.propagation_route_table_ids) > 0', errorMessage: 'routing.propagation_route_table_ids must hold at least the segment\'s own table (use the hub\'s segment_routing output).' }],
  });
  stack.variable('vpc', {
    type: 'object({ vpc_id = string, cidr = string, subnet_ids = list(string) })',
    description: 'The VPC to attach: its id, IPv4 block and the subnets that carry the attachment, one per zone (the vpc module\'s vpc_id, vpc_cidr_block and private_subnet_ids). May be unknown until apply.',
    validation: [{ condition: 'length(var.vpc.subnet_ids) > 0', errorMessage: 'vpc.subnet_ids must list at least one subnet (private or isolated, one per zone).' }],
  });
  stack.variable('vpc_route_table_ids', {
    type: 'map(string)',
    description: 'VPC route tables that send route_destinations to the hub, by a stable label (part of the route address), e.g. { private_a = module.vpc.private_route_table_ids[0] }; values may be unknown until apply. Default {}.',
    default: {},
  });
  stack.variable('route_destinations', {
    type: 'list(string)',
    description: 'IPv4 blocks the VPC route tables send to the hub: the blocks of the VPCs this one may reach (or a summary of them). Default []: attached, but nothing routed (least-access routing, CIS 5.5: unreachable segments get no route, not even a default one). Never the VPC\'s own block.',
    default: [],
    validation: [{ condition: `alltrue([for c in var.route_destinations : ${ipv4NetworkCondition('c')}])`, errorMessage: 'route_destinations must be IPv4 network blocks such as "10.1.0.0/16" (no host bits).' }],
  });

  const segments = SegmentGraph.from(stack, 'segments', { [SEGMENT_PLACEHOLDER]: { reaches: [] } });
  const vpc = {
    vpcId: '${var.vpc.vpc_id}',
    vpcCidr: VPC_CIDR_PLACEHOLDER,
    privateSubnetIds: ['${var.vpc.subnet_ids}'],
    privateRouteTables: [{ key: TABLE_PLACEHOLDER, tier: 'private', routeTableId: '${each.value.table}' }],
  } as unknown as Vpc;
  const attachment = new TransitGatewayAttachment(stack, 'this', {
    vpc,
    hub: { transitGatewayId: '${var.transit_gateway_id}', segments, routeTableId: () => '${var.routing.route_table_id}' },
    segment: SEGMENT_PLACEHOLDER,
    routeDestinations: [DESTINATION_PLACEHOLDER],
    tags: stack.moduleTags,
  });
  attachment.resource.addOverride('subnet_ids', '${var.vpc.subnet_ids}');
  attachment.resource.addOverride('tags', '${merge(var.tags, {"segment" = var.segment})}');
  const propagation = attachment.propagations[SEGMENT_PLACEHOLDER] as Ec2TransitGatewayRouteTablePropagation;
  propagation.addOverride('for_each', '${var.routing.propagation_route_table_ids}');
  propagation.addOverride('transit_gateway_route_table_id', '${each.value}');
  stack.nameElement(propagation, 'this_propagation');
  const route = attachment.node.findChild(`route-${TABLE_PLACEHOLDER}-${DESTINATION_PLACEHOLDER.replace(/\//g, '_')}`) as Route;
  route.addOverride('for_each', `\${${ROUTES}}`);
  route.addOverride('route_table_id', '${var.vpc_route_table_ids[each.value.table]}');
  route.addOverride('destination_cidr_block', '${each.value.cidr}');
  route.addOverride('lifecycle.precondition', [
    {
      condition: `\${!(${cidrsOverlapExpression('each.value.cidr', 'var.vpc.cidr')})}`,
      error_message: 'route_destinations must not overlap the VPC\'s own block (vpc.cidr): route only other networks to the hub.',
    },
  ]);
  stack.nameElement(route, 'this_route');
  stack.forbid('xexport');
  stack.forbid('10.213.');
  stack.forbid('10.214.');

  stack.output('attachment_id', attachment.transitGatewayAttachmentId, 'Id of the Transit Gateway VPC attachment.');
  stack.output('propagated_to', '${keys(var.routing.propagation_route_table_ids)}', 'Segments whose route tables learn this VPC\'s routes.');
}

export const transitGatewayAttachmentModule: ModuleDefinition = {
  name: 'transit-gateway-attachment',
  title: 'VPC attachment to a Transit Gateway hub, in one segment, with least-access routes',
  summary: `
A VPC attachment of \`modules/network\` (\`TransitGatewayAttachment\`): associated with its segment's route table,
propagating its routes only to the tables of the segments that may reach it, no default association or propagation,
and routes from the VPC's route tables to the hub only for the blocks it may reach (never its own block).
`,
  example: `
module "transit_gateway_attachment" {
  source = "../.."

  transit_gateway_id = "tgw-0123456789abcdef0"
  segment            = "prod"
  routing = {
    route_table_id              = "tgw-rtb-0123456789abcdef0"
    propagation_route_table_ids = { prod = "tgw-rtb-0123456789abcdef0", shared = "tgw-rtb-0123456789abcdef1" }
  }
  vpc = {
    vpc_id     = "vpc-0123456789abcdef0"
    cidr       = "10.1.0.0/16"
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
  vpc_route_table_ids = { private_a = "rtb-0123456789abcdef0", private_b = "rtb-0123456789abcdef1" }
  route_destinations  = ["10.0.0.0/16"]
}

output "attachment_id" {
  value = module.transit_gateway_attachment.attachment_id
}
`,
  planOnlyRules: ['route_destinations do not overlap vpc.cidr (a precondition on each route: the VPC block may be known only at apply).'],
  notes: [
    'Same-account attachments only: the cross-account flow (request in the VPC account, accept, associate and propagate in the hub owner\'s account) stays with the CDKTF construct.',
    'Route keys are "<table label>/<block>" (`aws_route.this_route["private_a/10.0.0.0/16"]`): keep the labels stable.',
  ],
  build,
};
