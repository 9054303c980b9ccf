/**
 * CIDR parsing for WAF IP sets. WAF takes every IPv4 and IPv6 CIDR range except `/0`, always with the prefix length,
 * and one IP set holds one address family only. A range whose host bits are set (`10.0.0.5/24`) is refused rather than
 * silently widened: it is usually a typo for a single address or for another range.
 */

export type IpAddressVersion = 'IPV4' | 'IPV6';

/** A parsed CIDR range. */
export interface ParsedCidr {
  readonly version: IpAddressVersion;
  /** The range as given (trimmed). */
  readonly text: string;
  readonly prefixLength: number;
}

/** Why a string is not a usable CIDR range, or the parsed range. */
export type CidrResult = { readonly ok: true; readonly cidr: ParsedCidr } | { readonly ok: false; readonly reason: string };

function parseIpv4(address: string): number[] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => Number.isInteger(o) && o >= 0 && o <= 255) ? octets : undefined;
}

/** The 8 16-bit groups of an IPv6 address (with `::` expanded), or undefined. Embedded IPv4 tails are accepted. */
function parseIpv6(address: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(address)) return undefined;
  let text = address;
  if (text.includes('.')) {
    // An embedded IPv4 tail (`::ffff:192.0.2.1`) becomes its two 16-bit groups.
    const lastColon = text.lastIndexOf(':');
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const high = ((v4[0]! << 8) | v4[1]!).toString(16);
    const low = ((v4[2]! << 8) | v4[3]!).toString(16);
    text = `${text.slice(0, lastColon + 1)}${high}:${low}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':');
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = toGroups(halves[0]!);
  const rest = halves.length === 2 ? toGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 2) {
    if (known > 7) return undefined;
    return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
  }
  return known === 8 ? head : undefined;
}

/** True when every bit after `prefix` of the address (as `bitsPerGroup`-bit groups) is zero. */
function hostBitsZero(groups: readonly number[], bitsPerGroup: number, prefix: number): boolean {
  return groups.every((group, i) => {
    const start = i * bitsPerGroup;
    const keep = Math.max(0, Math.min(bitsPerGroup, prefix - start));
    const hostMask = (1 << (bitsPerGroup - keep)) - 1;
    return (group & hostMask) === 0;
  });
}

/** Parses `a.b.c.d/n` or `x:x::x/n`; refuses bare addresses, `/0`, prefixes out of range and set host bits. */
export function parseCidr(input: string): CidrResult {
  const text = input.trim();
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'must be a CIDR range with its prefix length, e.g. "203.0.113.7/32" or "2001:db8::/32"' };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: 'must end in "/<prefix length>", e.g. "/24"' };
  const prefixLength = Number(prefixText);
  const v4 = parseIpv4(address);
  if (v4) {
    if (prefixLength < 1 || prefixLength > 32) return { ok: false, reason: 'must have an IPv4 prefix length from /1 to /32 (WAF refuses /0)' };
    if (!hostBitsZero(v4, 8, prefixLength)) return { ok: false, reason: `has host bits set after /${prefixLength}; give the network address of the range` };
    return { ok: true, cidr: { version: 'IPV4', text, prefixLength } };
  }
  const v6 = parseIpv6(address);
  if (v6) {
    if (prefixLength < 1 || prefixLength > 128) return { ok: false, reason: 'must have an IPv6 prefix length from /1 to /128 (WAF refuses /0)' };
    if (!hostBitsZero(v6, 16, prefixLength)) return { ok: false, reason: `has host bits set after /${prefixLength}; give the network address of the range` };
    return { ok: true, cidr: { version: 'IPV6', text, prefixLength } };
  }
  return { ok: false, reason: 'is not an IPv4 or IPv6 address with a prefix length, e.g. "203.0.113.0/24" or "2001:db8::/32"' };
}
