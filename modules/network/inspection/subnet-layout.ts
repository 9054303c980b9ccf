import { VPC_PREFIX_RANGE, ipv4CidrProblem, packBlocks, prefixLength } from '../cidr';

/** Subnet roles of the inspection VPC. */
export type InspectionSubnetRole = 'transit-gateway' | 'firewall' | 'public';

/** One carved subnet of the inspection VPC. */
export interface InspectionSubnetBlock {
  readonly role: InspectionSubnetRole;
  readonly zoneIndex: number;
  readonly cidr: string;
}

/** Prefix length of every inspection subnet (/28: the Transit Gateway and firewall endpoints need few addresses). */
export const INSPECTION_SUBNET_PREFIX = 28;

/**
 * Carves the inspection VPC's subnets out of its block: per zone a Transit Gateway subnet and a firewall subnet, and
 * with central egress a public subnet (NAT), all /28, in role order then zone order. Pure: the same input gives the
 * same blocks. Returns the problems instead when the block is not a valid VPC block or too small.
 */
export function planInspectionSubnets(vpcCidr: string, zoneCount: number, centralEgress: boolean): { blocks: InspectionSubnetBlock[]; problems: string[] } {
  const problem = ipv4CidrProblem(vpcCidr);
  if (problem) return { blocks: [], problems: [problem] };
  const prefix = prefixLength(vpcCidr);
  if (prefix < VPC_PREFIX_RANGE.min || prefix > 26) return { blocks: [], problems: [`must be a /${VPC_PREFIX_RANGE.min} to /26 block (room for the inspection subnets)`] };
  const roles: InspectionSubnetRole[] = centralEgress ? ['transit-gateway', 'firewall', 'public'] : ['transit-gateway', 'firewall'];
  const requests = roles.flatMap((role) => Array.from({ length: zoneCount }, (_, zoneIndex) => ({ name: `${role} subnet ${zoneIndex + 1}`, prefixLength: INSPECTION_SUBNET_PREFIX, role, zoneIndex })));
  const plan = packBlocks(vpcCidr, requests);
  if (plan.problems.length > 0) return { blocks: [], problems: [...plan.problems] };
  return { blocks: plan.blocks.map((b, i) => ({ role: requests[i]!.role, zoneIndex: requests[i]!.zoneIndex, cidr: b.cidr })), problems: [] };
}
