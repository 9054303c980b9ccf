import { Address4 } from 'ip-address';
import { FlowLogDestination, FLOW_LOG_RETENTION_DAYS, Vpc } from '../modules/network';
import { SUBNET_TIERS, TIER_LABELS, type SubnetTier } from '../modules/network/subnet-plan';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { KMS_KEY_ARN_REGEX, PROVIDER_REGION, declareAccountId, declareTagsVariable, hclList, providerContext } from './common';

/**
 * The Vpc construct carves its subnets in TypeScript from a concrete block, so the module is built on a placeholder
 * /16 and every placeholder block is then replaced by `cidrsubnet(var.cidr, newbits, netnum)`. The default tier
 * layout is relative to the VPC prefix (public /p+6, private and isolated /p+4, 3 zones), so the same newbits and
 * netnums hold for any /16 to /22 block (test/exports/export-modules.test.ts checks that against the planner).
 */
export const VPC_PLACEHOLDER_CIDR = '10.213.0.0/16';
/** Supported VPC prefix lengths: at /22 the public subnets are /28, the smallest AWS allows. */
export const VPC_EXPORT_PREFIX_RANGE = { min: 16, max: 22 } as const;
/** The flow-log delivery role's IAM validation needs a concrete account id; replaced by `var.account_id`. */
const ACCOUNT_PLACEHOLDER = '000000000000';
export const VPC_ZONE_SLOTS = ['a', 'b', 'c'] as const;

/** `cidrsubnet(var.cidr, newbits, netnum)` arguments of `subnet` inside `parent`. */
export function cidrsubnetArguments(parent: string, subnet: string): { newbits: number; netnum: number } {
  const outer = new Address4(parent);
  const inner = new Address4(subnet);
  const newbits = inner.subnetMask - outer.subnetMask;
  const offset = inner.startAddress().bigInt() - outer.startAddress().bigInt();
  return { newbits, netnum: Number(offset / 2n ** BigInt(32 - inner.subnetMask)) };
}

function build(stack: ModuleStack): void {
  const { partition, region } = providerContext(stack);
  declareAccountId(stack, 'the flow-log delivery role trusts VPC Flow Logs only for this account.');
  declareTagsVariable(stack);
  const name = stack.variable('name', {
    type: 'string',
    description: 'Name of the VPC, used in Name tags and the flow log group "/vpc-flow-logs/<name>", e.g. "workload-prod-us-east-1": 1-64 letters, digits, ".", "_" or "-".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9._-]{1,64}$", var.name))', errorMessage: 'name must be 1-64 letters, digits, ".", "_" or "-".' }],
  });
  stack.variable('cidr', {
    type: 'string',
    description: `IPv4 block of the VPC, /${VPC_EXPORT_PREFIX_RANGE.min} to /${VPC_EXPORT_PREFIX_RANGE.max}, e.g. "10.20.0.0/16" (network address, no host bits). Subnets are carved from it: per zone a public /p+6, a private /p+4 and an isolated /p+4.`,
    validation: [
      {
        condition: 'can(regex("^[0-9]{1,3}(\\\\.[0-9]{1,3}){3}/[0-9]{1,2}$", var.cidr)) && can(cidrhost(var.cidr, 0))',
        errorMessage: 'cidr must be an IPv4 CIDR block such as "10.0.0.0/16".',
      },
      {
        condition: 'can(cidrsubnet(var.cidr, 0, 0)) ? cidrsubnet(var.cidr, 0, 0) == var.cidr : false',
        errorMessage: 'cidr must not have host bits set: give the network address of the block.',
      },
      {
        condition: `can(tonumber(split("/", var.cidr)[1])) ? tonumber(split("/", var.cidr)[1]) >= ${VPC_EXPORT_PREFIX_RANGE.min} && tonumber(split("/", var.cidr)[1]) <= ${VPC_EXPORT_PREFIX_RANGE.max} : false`,
        errorMessage: `cidr must be a /${VPC_EXPORT_PREFIX_RANGE.min} to /${VPC_EXPORT_PREFIX_RANGE.max} block (AWS VPC limits, and /28 public subnets at most).`,
      },
    ],
  });
  stack.variable('availability_zones', {
    type: 'list(string)',
    description: 'The 3 availability zones of the VPC, in slot order a, b, c (resource names and Name tags use the slot letters), e.g. ["us-east-1a", "us-east-1b", "us-east-1d"]. Required: zone letters differ per account and not every Region has a, b and c, and a data source listing them would call AWS at plan. Must be zones of the provider\'s Region (checked at plan).',
    validation: [
      {
        condition: 'length(var.availability_zones) == 3 && length(distinct(var.availability_zones)) == 3 && alltrue([for z in var.availability_zones : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$", z))])',
        errorMessage: 'availability_zones must list 3 different zone names such as "us-east-1a".',
      },
    ],
  });
  const flowLogKey = stack.variable('flow_log_kms_key_arn', {
    type: 'string',
    description: 'ARN of the customer-managed KMS key that encrypts the flow log group; its policy must let CloudWatch Logs use it for "/vpc-flow-logs/<name>" (the kms-key module with cloudwatch_logs_log_group_name_pattern = "/vpc-flow-logs/*"). Flow logs are always on (CIS 3.7).',
    validation: [{ condition: `can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, var.flow_log_kms_key_arn))`, errorMessage: 'flow_log_kms_key_arn must be a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".' }],
  });
  const retention = stack.variable('flow_log_retention_days', {
    type: 'number',
    description: `Days the flow log group keeps records: one of ${FLOW_LOG_RETENTION_DAYS.join(', ')}. Default 365: investigations need at least a year.`,
    default: 365,
    validation: [{ condition: `contains(${hclList(FLOW_LOG_RETENTION_DAYS)}, var.flow_log_retention_days)`, errorMessage: `flow_log_retention_days must be one of ${FLOW_LOG_RETENTION_DAYS.join(', ')} (at least a year).` }],
  });
  const trafficType = stack.variable('flow_log_traffic_type', {
    type: 'string',
    description: 'Which traffic the flow log records: ALL, ACCEPT or REJECT. Default "ALL": accepted traffic is what an investigation needs most (what an intruder reached); REJECT alone misses it.',
    default: 'ALL',
    validation: [{ condition: 'contains(["ALL", "ACCEPT", "REJECT"], var.flow_log_traffic_type)', errorMessage: 'flow_log_traffic_type must be "ALL", "ACCEPT" or "REJECT".' }],
  });
  const interval = stack.variable('flow_log_max_aggregation_interval', {
    type: 'number',
    description: 'Seconds over which packets are aggregated into a flow log record: 60 or 600. Default 60: shorter windows give investigators finer timing.',
    default: 60,
    validation: [{ condition: 'contains([60, 600], var.flow_log_max_aggregation_interval)', errorMessage: 'flow_log_max_aggregation_interval must be 60 or 600.' }],
  });

  const vpc = new Vpc(stack, 'this', {
    name: name.stringValue,
    cidr: VPC_PLACEHOLDER_CIDR,
    region,
    partition,
    accountId: ACCOUNT_PLACEHOLDER,
    availabilityZoneCount: VPC_ZONE_SLOTS.length,
    natGateways: 'per-az',
    flowLog: {
      destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: { keyArn: flowLogKey.stringValue, aliasArn: '' }, retentionDays: retention.numberValue }),
      trafficType: trafficType.stringValue as 'ALL',
      maxAggregationIntervalSeconds: interval.numberValue as 60,
    },
    tags: stack.moduleTags,
  });

  stack.replaceLiteral(VPC_PLACEHOLDER_CIDR, 'var.cidr');
  for (const subnet of vpc.subnets) {
    const { newbits, netnum } = cidrsubnetArguments(VPC_PLACEHOLDER_CIDR, subnet.cidr);
    stack.replaceLiteral(subnet.cidr, `cidrsubnet(var.cidr, ${newbits}, ${netnum})`);
  }
  stack.forbid(VPC_PLACEHOLDER_CIDR.split('.').slice(0, 2).join('.') + '.');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  VPC_ZONE_SLOTS.forEach((slot, i) => stack.replaceLiteral(`\${${PROVIDER_REGION}}${slot}`, `var.availability_zones[${i}]`));
  // The zones must be in the provider's Region: checked on the VPC, where the data source is known.
  vpc.resource.addOverride('lifecycle.precondition', [
    {
      condition: `\${alltrue([for z in var.availability_zones : startswith(z, ${PROVIDER_REGION})])}`,
      error_message: 'availability_zones must be zones of the provider\'s Region (data.aws_region.current): a zone of another Region cannot hold this VPC\'s subnets.',
    },
  ]);

  const tierIds = (tier: SubnetTier) => vpc.subnets.filter((s) => s.tier === tier).map((s) => s.subnetId);
  const tierCidrs = (tier: SubnetTier) => vpc.subnets.filter((s) => s.tier === tier).map((s) => s.cidr);
  const tables = (tier: SubnetTier) => vpc.routeTables.filter((t) => t.tier === tier).map((t) => t.routeTableId);
  stack.output('vpc_id', vpc.vpcId, 'Id of the VPC.');
  stack.output('vpc_arn', vpc.resource.arn, 'ARN of the VPC.');
  stack.output('vpc_cidr_block', vpc.resource.cidrBlock, 'IPv4 block of the VPC.');
  stack.output('availability_zones', '${var.availability_zones}', 'Availability zones of slots a, b and c, in subnet order.');
  for (const tier of SUBNET_TIERS) {
    const label = TIER_LABELS[tier];
    const what = { public: 'public (NAT gateways and internet-facing load balancers only)', privateWithEgress: 'private (workloads; internet egress through NAT)', isolated: 'isolated (no route to or from the internet)' }[tier];
    stack.output(`${label}_subnet_ids`, tierIds(tier), `Ids of the ${what} subnets, one per zone in zone order.`);
    stack.output(`${label}_subnet_cidr_blocks`, tierCidrs(tier), `IPv4 blocks of the ${label} subnets, in zone order.`);
    stack.output(`${label}_route_table_ids`, tables(tier), `Route tables of the ${label} subnets${tier === 'privateWithEgress' ? ' (one per zone, each to its own NAT gateway)' : ''}.`);
    stack.output(`${label}_network_acl_id`, vpc.networkAcls[tier]!.networkAclId, `Network ACL of the ${label} subnets.`);
  }
  stack.output('internet_gateway_id', vpc.internetGateway!.id, 'Id of the internet gateway (public subnets only route to it).');
  stack.output('nat_gateway_ids', [...vpc.natGatewayIds], 'Ids of the NAT gateways, one per zone.');
  stack.output('default_security_group_id', vpc.defaults.defaultSecurityGroup.id, 'The default security group, stripped of all rules.');
  stack.output('flow_log_id', vpc.flowLog.flowLogId, 'Id of the VPC flow log.');
  stack.output('flow_log_cloudwatch_log_group_name', vpc.flowLog.logGroup!.name, 'Log group of the flow log records.');
  stack.output('flow_log_cloudwatch_log_group_arn', vpc.flowLog.logGroup!.arn, 'ARN of the flow log group.');
  stack.output('flow_log_iam_role_arn', vpc.flowLog.deliveryRole!.roleArn, 'Role VPC Flow Logs uses to write to the log group (only that group, only for this account).');
}

export const vpcModule: ModuleDefinition = {
  name: 'vpc',
  title: 'VPC with three subnet tiers, network ACLs and flow logs',
  summary: `
A VPC (the \`Vpc\` construct of \`modules/network\`) over 3 availability zones with three subnet tiers: public (internet
gateway; NAT gateways and load balancers only), private (egress through a NAT gateway per zone) and isolated (no route
to the internet). No public IPs on launch anywhere; a network ACL per tier that denies SSH and RDP from the internet
first and opens only HTTPS in (public tier) and HTTP/HTTPS out; the default security group and network ACL stripped
of all rules (CIS 5.4); flow logs of all traffic to a KMS-encrypted log group kept at least a year (CIS 3.7), written
by a role that may only write to that group.
`,
  example: `
module "vpc" {
  source = "../.."

  account_id           = "123456789012"
  name                 = "workload-prod-us-east-1"
  cidr                 = "10.20.0.0/16"
  availability_zones   = ["us-east-1a", "us-east-1b", "us-east-1d"]
  flow_log_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

output "private_subnet_ids" {
  value = module.vpc.private_subnet_ids
}
`,
  planOnlyRules: ['availability_zones are zones of the provider\'s Region (a precondition on the VPC compares them with data.aws_region.current).'],
  notes: [
    'Fixed shape: 3 zones, all three tiers, one NAT gateway per zone. The construct computes subnets in TypeScript; the module instead computes them in Terraform with `cidrsubnet(var.cidr, newbits, netnum)`, using the same relative layout the construct uses for any /16 to /22 block: per zone a public /p+6 (netnum 0-2), then private /p+4 (netnum 1-3) and isolated /p+4 (netnum 4-6). For a /16: public 10.20.0.0/22, 10.20.4.0/22, 10.20.8.0/22; private 10.20.16.0/20, 10.20.32.0/20, 10.20.48.0/20; isolated 10.20.64.0/20, 10.20.80.0/20, 10.20.96.0/20.',
    'Resource addresses and Name tags use the zone slots a, b, c: slot a is the first zone of `availability_zones`, and so on.',
    'Not exported (use the CDKTF construct for them): 2-zone VPCs, a single NAT gateway, custom tier sizes, Transit Gateway peer blocks in the ACLs, other public ingress or egress ports, S3 flow-log destinations, VPC endpoints.',
    'The flow log group keeps its records when the module is destroyed (`skip_destroy`).',
  ],
  build,
};
