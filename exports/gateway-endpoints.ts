import { GATEWAY_ENDPOINT_SERVICES } from '../modules/network/endpoint-catalogue';
import { GatewayEndpoint } from '../modules/network/gateway-endpoint';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { ORGANIZATION_PLACEHOLDER, PROVIDER_PARTITION, PROVIDER_REGION, declareOrganizationId, declareTagsVariable, declareVpcId, hclList, providerContext } from './common';

/** The organisation id is checked in TypeScript; a placeholder of the right shape, replaced by the input. */

function build(stack: ModuleStack): void {
  const { partition, region } = providerContext(stack);
  declareTagsVariable(stack);
  const vpcId = declareVpcId(stack, 'VPC of the endpoints ("vpc-..."); may be unknown until apply.');
  stack.variable('route_table_ids', {
    type: 'list(string)',
    description: 'Route tables that get the endpoints\' routes (private and isolated tiers, e.g. the vpc module\'s private_route_table_ids and isolated_route_table_ids); at least one. May be unknown until apply.',
    validation: [{ condition: 'length(var.route_table_ids) > 0', errorMessage: 'route_table_ids must list at least one route table.' }],
  });
  stack.variable('services', {
    type: 'set(string)',
    description: `Gateway endpoint services: ${GATEWAY_ENDPOINT_SERVICES.join(', ')}. Default both: S3 and DynamoDB traffic stays on the AWS network, under the organisation-only policy.`,
    default: [...GATEWAY_ENDPOINT_SERVICES],
    validation: [{ condition: `length(var.services) > 0 && alltrue([for s in var.services : contains(${hclList(GATEWAY_ENDPOINT_SERVICES)}, s)])`, errorMessage: `services must list gateway endpoint services: ${GATEWAY_ENDPOINT_SERVICES.join(', ')}.` }],
  });
  declareOrganizationId(stack, 'the endpoint policies allow only principals of the organisation to reach resources of the organisation (aws:PrincipalOrgID and aws:ResourceOrgID), so a stolen credential of another account cannot move data out through the endpoint.');

  const endpoints = GATEWAY_ENDPOINT_SERVICES.map((service) => {
    const endpoint = new GatewayEndpoint(stack, `this-${service}`, {
      vpcId: vpcId,
      service,
      routeTableIds: stack.var('route_table_ids').listValue,
      partition,
      region,
      organizationId: ORGANIZATION_PLACEHOLDER,
      tags: stack.moduleTags,
    });
    endpoint.resource.addOverride('count', `\${contains(var.services, ${JSON.stringify(service)}) ? 1 : 0}`);
    // The China partition prefixes endpoint service names with "cn." (endpointServiceName of the catalogue).
    endpoint.resource.addOverride('service_name', `\${${PROVIDER_PARTITION} == "aws-cn" ? "cn." : ""}com.amazonaws.\${${PROVIDER_REGION}}.${service}`);
    return { service, endpoint };
  });
  stack.replaceLiteral(ORGANIZATION_PLACEHOLDER, 'var.organization_id', 'substring');
  stack.forbid('xexport');

  stack.output('endpoint_ids', `\${{${endpoints.map(({ service }) => `${JSON.stringify(service)} = one(aws_vpc_endpoint.this_${service}[*].id)`).join(', ')}}}`, 'Ids of the gateway endpoints by service (null for a service not listed).');
  stack.output('prefix_list_ids', `\${{${endpoints.map(({ service }) => `${JSON.stringify(service)} = one(aws_vpc_endpoint.this_${service}[*].prefix_list_id)`).join(', ')}}}`, 'Managed prefix lists of the services, for security group egress rules (null for a service not listed).');
}

export const gatewayEndpointsModule: ModuleDefinition = {
  name: 'gateway-endpoints',
  title: 'S3 and DynamoDB gateway endpoints with organisation-only policies',
  summary: `
Gateway endpoints of \`modules/network\` (\`GatewayEndpoint\`) for S3 and DynamoDB on the given route tables, each with
the organisation-only endpoint policy: only principals of the organisation, only resources of the organisation.
`,
  example: `
module "gateway_endpoints" {
  source = "../.."

  vpc_id          = "vpc-0123456789abcdef0"
  route_table_ids = ["rtb-0123456789abcdef0"]
  organization_id = "o-a1b2c3d4e5"
}

output "prefix_list_ids" {
  value = module.gateway_endpoints.prefix_list_ids
}
`,
  notes: ['Interface endpoints: the interface-endpoints module. Extra policy statements stay with the CDKTF constructs. Service names are `com.amazonaws.<region>.<service>` (`cn.com.amazonaws...` in China, from the provider\'s partition).'],
  build,
};
