import { SUBNET_PREFIX_RANGE, packBlocks, prefixLength } from './cidr';

/**
 * Subnet tiers:
 * - `public`: route to an internet gateway; holds NAT gateways and internet-facing load balancers only.
 * - `privateWithEgress`: no inbound route from the internet; outbound through NAT in the public tier.
 * - `isolated`: no route to or from the internet at all.
 */
export type SubnetTier = 'public' | 'privateWithEgress' | 'isolated';

/** Tiers in the order their subnets are carved out of the VPC block. */
export const SUBNET_TIERS: readonly SubnetTier[] = ['public', 'privateWithEgress', 'isolated'];

/** Kebab-case tier names for construct ids and tags. */
export const TIER_LABELS: Readonly<Record<SubnetTier, string>> = {
  public: 'public',
  privateWithEgress: 'private',
  isolated: 'isolated',
};

/** Size of one tier's subnets. */
export interface TierLayout {
  /**
   * Prefix length of each of the tier's subnets (one per availability zone), /16 to /28.
   * @default - VPC prefix + 6 for public, + 4 for the other tiers, at most /28
   */
  readonly prefixLength?: number;
}

/** One planned subnet. */
export interface PlannedSubnet {
  readonly tier: SubnetTier;
  /** Index of the availability zone in the VPC's zone list. */
  readonly zoneIndex: number;
  readonly cidr: string;
}

/** The default prefix length of a tier's subnets in a VPC of `vpcCidr`. */
export function defaultTierPrefix(vpcCidr: string, tier: SubnetTier): number {
  const extra = tier === 'public' ? 6 : 4;
  return Math.min(SUBNET_PREFIX_RANGE.max, prefixLength(vpcCidr) + extra);
}

/**
 * Carves one subnet per tier and availability zone out of `vpcCidr`: tier by tier (public, private-with-egress,
 * isolated), zone by zone, each at the next boundary of its size. Returns the subnets and, when some do not fit,
 * one problem per subnet naming the tier and zone.
 */
export function planSubnets(
  vpcCidr: string,
  zoneCount: number,
  tiers: Readonly<Partial<Record<SubnetTier, TierLayout>>>,
): { readonly subnets: readonly PlannedSubnet[]; readonly problems: readonly string[] } {
  const requests = SUBNET_TIERS.filter((tier) => tiers[tier] !== undefined).flatMap((tier) =>
    Array.from({ length: zoneCount }, (_, zoneIndex) => ({
      name: `${tier}[${zoneIndex}]`,
      tier,
      zoneIndex,
      prefixLength: tiers[tier]?.prefixLength ?? defaultTierPrefix(vpcCidr, tier),
    })),
  );
  const plan = packBlocks(vpcCidr, requests);
  const byName = new Map(plan.blocks.map((b) => [b.name, b.cidr]));
  const subnets = requests
    .filter((r) => byName.has(r.name))
    .map((r) => ({ tier: r.tier, zoneIndex: r.zoneIndex, cidr: byName.get(r.name)! }));
  return { subnets, problems: plan.problems };
}
