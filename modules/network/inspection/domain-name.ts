/**
 * Domain names as AWS Network Firewall domain lists and Route 53 Resolver DNS Firewall domain lists accept them:
 * lower-case labels of letters, digits and hyphens (1-63 characters, no hyphen at either end), at least two labels,
 * at most 253 characters, a top-level label that is not all digits (so an IP address is refused).
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** How a list writes "this domain and its subdomains". */
export type DomainWildcardStyle = 'leading-dot' | 'star-dot';

/**
 * Why `value` is not a domain a list accepts, or undefined when it is.
 * - `leading-dot` (Network Firewall): `.example.com` matches example.com's subdomains; `example.com` the name alone.
 * - `star-dot` (DNS Firewall): `*.example.com` matches the subdomains; `example.com` the name alone.
 */
export function domainNameProblem(value: string, wildcard: DomainWildcardStyle): string | undefined {
  const prefix = wildcard === 'leading-dot' ? '.' : '*.';
  const example = wildcard === 'leading-dot' ? '"example.com" or ".example.com" (subdomains)' : '"example.com" or "*.example.com" (subdomains)';
  if (value !== value.trim() || value.length === 0) return `is not a domain name; write e.g. ${example}`;
  if (/[A-Z]/.test(value)) return `must be lower case; write e.g. ${example}`;
  if (/^[a-z]+:\/\//.test(value) || value.includes('/')) return `is a URL, not a domain name; write the host only, e.g. ${example}`;
  const name = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  if (name.includes('*')) return `has a wildcard the list does not accept; only a leading "${prefix}" is allowed, e.g. ${example}`;
  if (name.length > 253) return 'is longer than 253 characters, the limit of a domain name';
  const labels = name.split('.');
  if (labels.length < 2) return `is not a domain name (it needs at least two labels); write e.g. ${example}`;
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return `has the label "${bad}", which is not 1-63 letters, digits or hyphens (no hyphen at either end); write e.g. ${example}`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `is an IP address, not a domain name; write e.g. ${example}`;
  return undefined;
}
