import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformIterator } from 'cdktf';
import { SecurityGroup } from '../modules/network';
import { ADMIN_PORTS } from '../modules/network/port';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable, declareVpcId, hclList } from './common';

const DESCRIPTION_PLACEHOLDER = 'xexportdescriptionx';
const DESCRIPTION = String.raw`^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$`;
const RULE_TYPE = 'map(object({ description = string, ip_protocol = optional(string, "tcp"), from_port = optional(number), to_port = optional(number), cidr_ipv4 = optional(string), cidr_ipv6 = optional(string), referenced_security_group_id = optional(string), prefix_list_id = optional(string), world_access_reason = optional(string) }))';

/** The construct's rule checks, as validation over one rule map (`r` is a rule). */
function ruleValidations(name: string, ingress: boolean): Array<{ condition: string; errorMessage: string }> {
  const peers = '[r.cidr_ipv4, r.cidr_ipv6, r.referenced_security_group_id, r.prefix_list_id]';
  const world = '(r.cidr_ipv4 == "0.0.0.0/0" || r.cidr_ipv6 == "::/0")';
  // HCL's && and || evaluate both sides: null ports are guarded with conditionals.
  const admin = `(r.ip_protocol == "-1" ? true : anytrue([for p in ${hclList(ADMIN_PORTS)} : r.from_port == null || r.to_port == null ? false : r.from_port <= p && r.to_port >= p]))`;
  const rules = [
    { condition: `alltrue([for k, r in var.${name} : can(regex(${JSON.stringify(DESCRIPTION)}, r.description))])`, errorMessage: `${name} descriptions must be 1-255 characters saying what each rule is for (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*).` },
    { condition: `alltrue([for k, r in var.${name} : length([for p in ${peers} : p if p != null]) == 1])`, errorMessage: `${name} must give each rule exactly one peer: cidr_ipv4, cidr_ipv6, referenced_security_group_id or prefix_list_id.` },
    {
      condition: `alltrue([for k, r in var.${name} : contains(["tcp", "udp", "icmp", "-1"], r.ip_protocol) && (r.ip_protocol == "-1" ? r.from_port == null && r.to_port == null : (r.from_port == null || r.to_port == null ? false : r.from_port <= r.to_port))])`,
      errorMessage: `${name} rules must use ip_protocol tcp, udp, icmp or -1 (all), with from_port <= to_port (no ports for -1).`,
    },
  ];
  if (ingress) {
    rules.push({
      condition: `alltrue([for k, r in var.${name} : ${world} && ${admin} ? (r.world_access_reason == null ? false : length(trimspace(r.world_access_reason)) >= 20) : r.world_access_reason == null])`,
      errorMessage: `${name} must not open ports ${ADMIN_PORTS.join(' or ')} or all ports to 0.0.0.0/0 or ::/0 (CIS 5.2/5.3): narrow the peer, use Session Manager, or give world_access_reason (at least 20 characters); world_access_reason is only for such rules.`,
    });
  } else {
    rules.push({ condition: `alltrue([for k, r in var.${name} : r.world_access_reason == null])`, errorMessage: `${name} rules take no world_access_reason (it is for ingress only).` });
  }
  return rules;
}

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  const vpcId = declareVpcId(stack, 'VPC of the group ("vpc-..."); may be unknown until apply.');
  stack.variable('name_prefix', {
    type: 'string',
    description: 'Prefix of the group name (Terraform adds a unique suffix, so the group can be replaced before the old one is deleted): 1-100 letters, digits, "-" or "_".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,100}$", var.name_prefix))', errorMessage: 'name_prefix must be 1-100 letters, digits, "-" or "_".' }],
  });
  stack.variable('description', {
    type: 'string',
    description: 'What the group is for (1-255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*). Required: an undocumented group cannot be reviewed.',
    validation: [{ condition: `can(regex(${JSON.stringify(DESCRIPTION)}, var.description))`, errorMessage: 'description must be 1-255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*.' }],
  });
  stack.variable('ingress_rules', {
    type: RULE_TYPE,
    description: 'Ingress rules by a stable key (the key names the rule resource): description, ip_protocol (default tcp), ports, exactly one peer. Opening 22, 3389 or all ports to 0.0.0.0/0 or ::/0 is refused unless world_access_reason says why. Default {}: nothing gets in.',
    default: {},
    validation: ruleValidations('ingress_rules', true),
  });
  stack.variable('egress_rules', {
    type: RULE_TYPE,
    description: 'Egress rules by a stable key, same shape as ingress_rules. Default {}: nothing leaves (no rule is implied).',
    default: {},
    validation: ruleValidations('egress_rules', false),
  });

  const group = new SecurityGroup(stack, 'this', { vpcId: vpcId, description: DESCRIPTION_PLACEHOLDER, namePrefix: 'xexportprefixx', tags: stack.moduleTags });
  stack.replaceLiteral(DESCRIPTION_PLACEHOLDER, 'var.description');
  stack.replaceLiteral('xexportprefixx-', '"${var.name_prefix}-"');
  stack.forbid('xexport');
  // The construct adds one rule resource per concrete rule; the module has one for_each resource per direction.
  const rule = (iterator: TerraformIterator) => ({
    forEach: iterator,
    securityGroupId: group.securityGroupId,
    description: '${each.value.description}',
    ipProtocol: '${each.value.ip_protocol}',
    fromPort: stack.expression('each.value.from_port') as unknown as number,
    toPort: stack.expression('each.value.to_port') as unknown as number,
    cidrIpv4: '${each.value.cidr_ipv4}',
    cidrIpv6: '${each.value.cidr_ipv6}',
    referencedSecurityGroupId: '${each.value.referenced_security_group_id}',
    prefixListId: '${each.value.prefix_list_id}',
  });
  new VpcSecurityGroupIngressRule(stack, 'ingress', rule(TerraformIterator.fromMap(stack.var('ingress_rules').value as Record<string, unknown>)));
  new VpcSecurityGroupEgressRule(stack, 'egress', rule(TerraformIterator.fromMap(stack.var('egress_rules').value as Record<string, unknown>)));

  stack.output('security_group_id', group.securityGroupId, 'Id of the security group.');
  stack.output('security_group_arn', group.securityGroupArn, 'ARN of the security group.');
}

export const securityGroupModule: ModuleDefinition = {
  name: 'security-group',
  title: 'security group with described rules and the admin-port rule',
  summary: `
A security group of \`modules/network\` (\`SecurityGroup\`): every rule its own resource with a required description, no
implied egress, rules revoked on delete, created before it is destroyed; and the construct's admin-port rule: SSH
(22), RDP (3389) or all ports open to 0.0.0.0/0 or ::/0 are refused unless a written reason is given (CIS 5.2/5.3).
`,
  example: `
module "security_group" {
  source = "../.."

  vpc_id      = "vpc-0123456789abcdef0"
  name_prefix = "web"
  description = "Web tier: HTTPS from the internet, HTTPS out"
  ingress_rules = {
    https = { description = "HTTPS from the internet", from_port = 443, to_port = 443, cidr_ipv4 = "0.0.0.0/0" }
  }
  egress_rules = {
    https = { description = "HTTPS to AWS APIs and updates", from_port = 443, to_port = 443, cidr_ipv4 = "0.0.0.0/0" }
  }
}

output "security_group_id" {
  value = module.security_group.security_group_id
}
`,
  notes: ['Rule keys are part of the resource addresses (`aws_vpc_security_group_ingress_rule.ingress["https"]`): keep them stable.'],
  build,
};
