import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { Wafv2IpSet } from '@cdktf/provider-aws/lib/wafv2-ip-set';
import { ValidationError } from '../core/errors';
import { parseCidr, type IpAddressVersion } from './cidr';
import { ENTITY_NAME, type WebAclScope } from './render-context';
import type { IIpSet } from './statements';

/** WAF's quota of addresses in one IP set. */
export const MAX_IP_SET_ADDRESSES = 10_000;

const DESCRIPTION = /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/;

export interface IpSetProps {
  /** Physical name of the IP set (1-128 letters, digits, `_` or `-`). */
  readonly name: string;
  /** IPv4 or IPv6: one IP set holds one family. */
  readonly ipAddressVersion: IpAddressVersion;
  /**
   * CIDR ranges, each with its prefix length (`203.0.113.7/32`, `2001:db8::/32`); `/0` and set host bits are refused.
   * @default [] - an empty set, to be filled later
   * Security: every range is checked, so a typo cannot widen an allow list.
   */
  readonly addresses?: readonly string[];
  /**
   * Scope of the web ACLs that use the set.
   * @default 'REGIONAL'
   * Security: none; a CLOUDFRONT set must live in us-east-1 like its ACL.
   */
  readonly scope?: WebAclScope;
  /**
   * Description.
   * @default - none
   * Security: none.
   */
  readonly description?: string;
  /**
   * Tags.
   * @default {}
   * Security: none.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Checks a CIDR list for one address family; returns the ranges as given. */
export function checkAddresses(scope: Construct, prop: string, addresses: readonly string[], version: IpAddressVersion | 'ANY'): string[] {
  if (addresses.length > MAX_IP_SET_ADDRESSES) {
    throw new ValidationError(scope, prop, addresses.length, `must hold at most ${MAX_IP_SET_ADDRESSES.toLocaleString('en-US')} ranges (the WAF IP set quota)`);
  }
  const seen = new Map<string, number>();
  return addresses.map((address, i) => {
    if (Token.isUnresolved(address)) return address;
    const parsed = parseCidr(address);
    if (!parsed.ok) throw new ValidationError(scope, `${prop}[${i}]`, address, parsed.reason);
    if (version !== 'ANY' && parsed.cidr.version !== version) {
      throw new ValidationError(
        scope,
        `${prop}[${i}]`,
        address,
        `is an ${parsed.cidr.version === 'IPV4' ? 'IPv4' : 'IPv6'} range but the set is ${version === 'IPV4' ? 'IPv4' : 'IPv6'}; IPv4 and IPv6 ranges go in separate IP sets`,
      );
    }
    const key = parsed.cidr.text.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new ValidationError(scope, `${prop}[${i}]`, address, `repeats ${prop}[${first}]; list each range once`);
    seen.set(key, i);
    return parsed.cidr.text;
  });
}

/** A WAF IP set of one address family (`aws_wafv2_ip_set`). */
export class IpSet extends Construct implements IIpSet {
  readonly resource: Wafv2IpSet;
  readonly ipSetArn: string;
  readonly ipSetId: string;
  readonly ipSetName: string;
  readonly ipAddressVersion: IpAddressVersion;
  readonly scope: WebAclScope;
  /** The validated ranges. */
  readonly addresses: readonly string[];

  constructor(scope: Construct, id: string, props: IpSetProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !ENTITY_NAME.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'must be 1 to 128 letters, digits, "_" or "-"');
    }
    if (props.ipAddressVersion !== 'IPV4' && props.ipAddressVersion !== 'IPV6') {
      throw new ValidationError(this, 'ipAddressVersion', props.ipAddressVersion, 'must be "IPV4" or "IPV6"');
    }
    const wafScope = props.scope ?? 'REGIONAL';
    if (wafScope !== 'REGIONAL' && wafScope !== 'CLOUDFRONT') throw new ValidationError(this, 'scope', wafScope, 'must be "REGIONAL" or "CLOUDFRONT"');
    if (props.description !== undefined && !DESCRIPTION.test(props.description)) {
      throw new ValidationError(this, 'description', props.description, 'must be 3 to 256 letters, digits, spaces or "+=:#@/-,." (WAF description pattern)');
    }
    this.addresses = checkAddresses(this, 'addresses', props.addresses ?? [], props.ipAddressVersion);
    this.resource = new Wafv2IpSet(this, 'Resource', {
      name: props.name,
      scope: wafScope,
      ipAddressVersion: props.ipAddressVersion,
      addresses: [...this.addresses],
      description: props.description,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.ipSetArn = this.resource.arn;
    this.ipSetId = this.resource.id;
    this.ipSetName = props.name;
    this.ipAddressVersion = props.ipAddressVersion;
    this.scope = wafScope;
  }
}

export interface IpAddressListProps {
  /** Name prefix: the sets are `<name>-ipv4` and `<name>-ipv6` (1-123 letters, digits, `_` or `-`). */
  readonly name: string;
  /**
   * CIDR ranges of both families, mixed; each goes to the set of its family.
   * @default [] - two empty sets, to be filled later
   * Security: every range is checked (prefix length given, not `/0`, no host bits set).
   */
  readonly addresses?: readonly string[];
  /**
   * Scope of the web ACLs that use the list.
   * @default 'REGIONAL'
   * Security: none.
   */
  readonly scope?: WebAclScope;
  /**
   * Description of both sets.
   * @default - none
   * Security: none.
   */
  readonly description?: string;
  /**
   * Tags of both sets.
   * @default {}
   * Security: none.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An allow or block list of mixed IPv4 and IPv6 ranges, kept apart in two IP sets (`ipv4`, `ipv6`). Both sets always
 * exist, so adding the first range of a family later changes a set, not the rule that references them.
 */
export class IpAddressList extends Construct {
  readonly ipv4: IpSet;
  readonly ipv6: IpSet;
  /** Both sets, for `WafRules.ipSet({ ipSets })`. */
  readonly ipSets: readonly IIpSet[];

  constructor(scope: Construct, id: string, props: IpAddressListProps) {
    super(scope, id);
    if (!/^[\w-]{1,123}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'must be 1 to 123 letters, digits, "_" or "-" (the sets add "-ipv4" / "-ipv6")');
    }
    const given = props.addresses ?? [];
    const tokenAt = given.findIndex((a) => Token.isUnresolved(a));
    if (tokenAt >= 0) {
      throw new ValidationError(this, `addresses[${tokenAt}]`, given[tokenAt], 'must be a literal CIDR range: a list sorts ranges into IPv4 and IPv6 sets at synth (use IpSet for values known only at apply)');
    }
    const all = checkAddresses(this, 'addresses', given, 'ANY');
    const family = (version: IpAddressVersion): string[] =>
      all.filter((address) => {
        const parsed = parseCidr(address);
        return parsed.ok && parsed.cidr.version === version;
      });
    const common = { scope: props.scope, description: props.description, tags: props.tags };
    this.ipv4 = new IpSet(this, 'ipv4', { ...common, name: `${props.name}-ipv4`, ipAddressVersion: 'IPV4', addresses: family('IPV4') });
    this.ipv6 = new IpSet(this, 'ipv6', { ...common, name: `${props.name}-ipv6`, ipAddressVersion: 'IPV6', addresses: family('IPV6') });
    this.ipSets = [this.ipv4, this.ipv6];
  }
}
