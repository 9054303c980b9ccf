import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DEFAULT_INTERFACE_ENDPOINTS, INTERFACE_ENDPOINT_SERVICES } from '../modules/network/endpoint-catalogue';
import { InterfaceEndpoint, InterfaceEndpointTarget } from '../modules/network/interface-endpoint';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { ORGANIZATION_PLACEHOLDER, PROVIDER_PARTITION, PROVIDER_REGION, declareOrganizationId, declareTagsVariable, declareVpcId, providerContext } from './common';

/**
 * The construct builds one endpoint per service, checking the service name against the catalogue; the module builds
 * it once on a real but distinctive catalogue name and repeats it with `for_each` over `var.services` (validated
 * against the same catalogue), so the service name, security group and rule are each keyed by the service.
 */
const SERVICE_PLACEHOLDER = 'ssm-contacts';
/** A placeholder block for the construct's CIDR checks and rule id, replaced by var.vpc_cidr. */
const VPC_CIDR_PLACEHOLDER = '10.213.0.0/16';
const SUBNET_ID = '^subnet-[0-9a-f]{8,17}$';

function build(stack: ModuleStack): void {
  const { partition, region } = providerContext(stack);
  declareTagsVariable(stack);
  const vpcId = declareVpcId(stack, 'VPC of the endpoints ("vpc-..."); may be unknown until apply.');
  stack.variable('vpc_cidr', {
    type: 'string',
    description: 'IPv4 block of the VPC: the only source the endpoints\' security groups admit (HTTPS), so nothing outside the VPC can use their network interfaces. May be unknown until apply (the vpc module\'s vpc_cidr_block).',
    validation: [{ condition: 'can(cidrhost(var.vpc_cidr, 0)) && !strcontains(var.vpc_cidr, ":")', errorMessage: 'vpc_cidr must be an IPv4 block such as "10.0.0.0/16".' }],
  });
  stack.variable('subnet_ids', {
    type: 'list(string)',
    description: 'Subnets for the endpoints\' network interfaces, one per zone (the vpc module\'s private_subnet_ids); at least one. May be unknown until apply.',
    validation: [{ condition: `length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : s == null ? true : can(regex("${SUBNET_ID}", s))])`, errorMessage: 'subnet_ids must list at least one subnet id such as "subnet-0123456789abcdef0".' }],
  });
  stack.variable('services', {
    type: 'set(string)',
    description: `Interface endpoint services by short name (com.amazonaws.<region>.<name>), from the construct's catalogue (modules/network/endpoint-catalogue.ts; a typo is refused at validate, not at apply). Default ${DEFAULT_INTERFACE_ENDPOINTS.join(', ')}: enough for Session Manager, secrets, keys, role sessions and logs without the internet. Keys of the endpoint resources.`,
    default: [...DEFAULT_INTERFACE_ENDPOINTS],
    validation: [{ condition: `length(var.services) > 0 && length(setsubtract(var.services, ${JSON.stringify(INTERFACE_ENDPOINT_SERVICES)})) == 0`, errorMessage: 'services must list known interface endpoint services (modules/network/endpoint-catalogue.ts), such as "kms", "sts" or "secretsmanager".' }],
  });
  declareOrganizationId(stack, 'every endpoint policy allows only principals of the organisation to reach resources of the organisation (aws:PrincipalOrgID and aws:ResourceOrgID), so stolen credentials of another organisation cannot use the endpoints and data cannot be copied through them to resources outside.');
  stack.variable('private_dns_enabled', {
    type: 'bool',
    description: 'Resolve each service\'s public DNS name to its endpoint inside the VPC. Default true: SDKs use the endpoints without configuration, so traffic stays off the internet. Set false only when another VPC already hosts the private hosted zones.',
    default: true,
  });

  const endpoint = new InterfaceEndpoint(stack, 'this', {
    vpcId: vpcId,
    vpcCidr: VPC_CIDR_PLACEHOLDER,
    subnetIds: stack.var('subnet_ids').listValue,
    target: InterfaceEndpointTarget.awsService(SERVICE_PLACEHOLDER),
    partition,
    region,
    organizationId: ORGANIZATION_PLACEHOLDER,
    privateDnsEnabled: stack.expression('var.private_dns_enabled') as unknown as boolean,
    tags: stack.moduleTags,
  });
  const services = '${var.services}';
  endpoint.resource.addOverride('for_each', services);
  endpoint.securityGroup.resource.addOverride('for_each', services);
  endpoint.securityGroup.resource.addOverride('name_prefix', 'endpoint-${each.key}-');
  endpoint.securityGroup.resource.addOverride('description', 'Endpoint ${each.key}: clients in the VPC only');
  // The China partition prefixes endpoint service names with "cn." (endpointServiceName of the catalogue).
  endpoint.resource.addOverride('service_name', `\${${PROVIDER_PARTITION} == "aws-cn" ? "cn." : ""}com.amazonaws.\${${PROVIDER_REGION}}.\${each.key}`);
  for (const rule of endpoint.securityGroup.node.children) {
    if (rule instanceof VpcSecurityGroupIngressRule) {
      rule.addOverride('for_each', services);
      stack.nameElement(rule, 'this_security_group_https');
    }
  }
  stack.replaceLiteral(VPC_CIDR_PLACEHOLDER, 'var.vpc_cidr');
  stack.forbid('10.213.');
  stack.replaceLiteral('${aws_security_group.this_security_group.id}', 'aws_security_group.this_security_group[each.key].id');
  stack.replaceLiteral(ORGANIZATION_PLACEHOLDER, 'var.organization_id', 'substring');
  stack.forbid('xexport');

  stack.output('endpoint_ids', '${{for k, e in aws_vpc_endpoint.this : k => e.id}}', 'Ids of the interface endpoints by service.');
  stack.output('dns_entries', '${{for k, e in aws_vpc_endpoint.this : k => e.dns_entry}}', 'DNS entries of the interface endpoints by service (for clients that do not use private DNS).');
  stack.output('security_group_ids', '${{for k, g in aws_security_group.this_security_group : k => g.id}}', 'Security group of each endpoint by service (HTTPS from the VPC only, no egress).');
}

export const interfaceEndpointsModule: ModuleDefinition = {
  name: 'interface-endpoints',
  title: 'interface VPC endpoints with organisation-only policies, private DNS and their own security groups',
  summary: `
Interface endpoints of \`modules/network\` (\`InterfaceEndpoint\`), one per service: each with the organisation-only
endpoint policy (only principals of the organisation, only resources of the organisation), private DNS on, and its own
security group that admits HTTPS from the VPC's block only and allows no egress.
`,
  example: `
module "interface_endpoints" {
  source = "../.."

  vpc_id          = "vpc-0123456789abcdef0"
  vpc_cidr        = "10.0.0.0/16"
  subnet_ids      = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  organization_id = "o-a1b2c3d4e5"
  services        = ["kms", "sts", "secretsmanager", "ssm", "ssmmessages", "ec2messages", "logs"]
}

output "endpoint_ids" {
  value = module.interface_endpoints.endpoint_ids
}
`,
  notes: [
    'Endpoints to PrivateLink endpoint services of other VPCs, extra endpoint policy statements and ports other than 443 stay with the CDKTF construct.',
    'Service keys are part of the resource addresses (`aws_vpc_endpoint.this["kms"]`): adding or removing a service touches only that endpoint.',
  ],
  build,
};
