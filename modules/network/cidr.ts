import { Address4, Address6 } from 'ip-address';

/**
 * IPv4/IPv6 CIDR helpers built on the `ip-address` library (parsing, masks, network boundaries). Pure functions with
 * no Terraform imports, so the config schema and the constructs check addresses with the same code.
 */

/** The smallest and largest IPv4 blocks AWS allows for a VPC or a subnet. */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;
export const SUBNET_PREFIX_RANGE = { min: 16, max: 28 } as const;

/** Why `cidr` is not a usable IPv4 network block, or undefined when it is one (e.g. `10.0.0.0/16`). */
export function ipv4CidrProblem(cidr: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr) || !Address4.isValid(cidr)) {
    return 'must be an IPv4 CIDR block such as "10.0.0.0/16"';
  }
  const address = new Address4(cidr);
  const network = address.networkForm();
  if (network !== cidr) return `has host bits set; the network address of this block is "${network}"`;
  return undefined;
}

/** Why `cidr` is not an IPv6 network block, or undefined when it is one (e.g. `2001:db8::/56`). */
export function ipv6CidrProblem(cidr: string): string | undefined {
  if (!cidr.includes('/') || !Address6.isValid(cidr)) return 'must be an IPv6 CIDR block such as "2001:db8::/56"';
  return undefined;
}

/** True when `cidr` is an IPv4 or IPv6 block covering every address (`0.0.0.0/0`, `::/0`). */
export function isAnyAddress(cidr: string): boolean {
  if (cidr.includes(':')) return Address6.isValid(cidr) && new Address6(cidr).subnetMask === 0;
  return Address4.isValid(cidr) && new Address4(cidr).subnetMask === 0;
}

/** Prefix length of an IPv4 block (`16` for `10.0.0.0/16`). */
export function prefixLength(cidr: string): number {
  return new Address4(cidr).subnetMask;
}

/** True when the two IPv4 blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const first = new Address4(a);
  const second = new Address4(b);
  return first.isInSubnet(second) || second.isInSubnet(first);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  return new Address4(inner).isInSubnet(new Address4(outer));
}

/** Number of addresses in an IPv4 block. */
export function addressCount(cidr: string): bigint {
  return 2n ** BigInt(32 - prefixLength(cidr));
}

/** A subnet block requested by the planner: a name for messages and the prefix length wanted. */
export interface SubnetRequest {
  readonly name: string;
  readonly prefixLength: number;
}

/** A block the planner placed. */
export interface PlannedBlock {
  readonly name: string;
  readonly cidr: string;
}

/** The outcome of packing blocks into a range: what was placed, and what did not fit (with why). */
export interface BlockPlan {
  readonly blocks: readonly PlannedBlock[];
  readonly problems: readonly string[];
}

/**
 * Packs blocks into `parent` in the order given: each block takes the first address after the previous block that is
 * aligned to its own size (so a `/24` after a `/26` skips to the next `/24` boundary). The result depends only on the
 * requests and their order, so the same config always yields the same subnets. A block that would run past the end of
 * `parent`, or a prefix outside `SUBNET_PREFIX_RANGE` or shorter than the parent's, is reported, not placed.
 */
export function packBlocks(parent: string, requests: readonly SubnetRequest[]): BlockPlan {
  const range = new Address4(parent);
  const blocks: PlannedBlock[] = [];
  const problems: string[] = [];
  let cursor: Address4 | undefined = range.startAddress();
  for (const request of requests) {
    const { min, max } = SUBNET_PREFIX_RANGE;
    if (!Number.isInteger(request.prefixLength) || request.prefixLength < Math.max(min, range.subnetMask) || request.prefixLength > max) {
      problems.push(
        `${request.name}: a /${request.prefixLength} subnet cannot be made in ${parent}; use a prefix length from /${Math.max(min, range.subnetMask)} to /${max}`,
      );
      continue;
    }
    if (cursor === undefined) {
      problems.push(`${request.name}: no room left in ${parent} for a /${request.prefixLength} subnet`);
      continue;
    }
    let candidate: Address4 = new Address4(`${cursor.correctForm()}/${request.prefixLength}`);
    if (candidate.startAddress().correctForm() !== cursor.correctForm()) candidate = nextNetworkOrUndefined(candidate) ?? candidate;
    const aligned: Address4 = new Address4(candidate.networkForm());
    if (aligned.startAddress().bigInt() < cursor.bigInt() || !aligned.isInSubnet(range)) {
      problems.push(`${request.name}: no room left in ${parent} for a /${request.prefixLength} subnet`);
      cursor = undefined;
      continue;
    }
    blocks.push({ name: request.name, cidr: aligned.networkForm() });
    const next = nextNetworkOrUndefined(aligned);
    cursor = next && next.isInSubnet(range) ? next.startAddress() : undefined;
  }
  return { blocks, problems };
}

function nextNetworkOrUndefined(address: Address4): Address4 | undefined {
  try {
    return address.nextNetwork();
  } catch {
    return undefined; // the last network of the address space
  }
}

/** Pairs of blocks (by name) that overlap, in input order. */
export function overlappingPairs<T extends { readonly cidr: string }>(items: readonly T[]): Array<readonly [T, T]> {
  const pairs: Array<readonly [T, T]> = [];
  items.forEach((item, i) => {
    for (const other of items.slice(i + 1)) {
      if (cidrsOverlap(item.cidr, other.cidr)) pairs.push([item, other] as const);
    }
  });
  return pairs;
}
