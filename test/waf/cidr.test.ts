import { parseCidr } from '../../modules/waf';

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/24', 'IPV4', 24],
    ['198.51.100.7/32', 'IPV4', 32],
    ['10.0.0.0/8', 'IPV4', 8],
    ['2001:db8::/32', 'IPV6', 32],
    ['2001:DB8:0:0:0:0:0:1/128', 'IPV6', 128],
    ['::ffff:192.0.2.0/120', 'IPV6', 120],
    ['fe80::/10', 'IPV6', 10],
  ])('accepts %s as %s /%i', (text, version, prefixLength) => {
    expect(parseCidr(text)).toEqual({ ok: true, cidr: { text, version, prefixLength } });
  });

  it.each([
    ['203.0.113.0', /prefix length/],
    ['203.0.113.0/0', /WAF refuses \/0/],
    ['203.0.113.0/33', /from \/1 to \/32/],
    ['203.0.113.1/24', /host bits set after \/24/],
    ['203.0.113/24', /not an IPv4 or IPv6 address/],
    ['203.0.113.08/32', /not an IPv4 or IPv6 address/],
    ['2001:db8::1/64', /host bits set after \/64/],
    ['2001:db8::/129', /from \/1 to \/128/],
    ['2001:db8:::1/128', /not an IPv4 or IPv6 address/],
    ['1:2:3:4:5:6:7:8:9/128', /not an IPv4 or IPv6 address/],
    ['2001:db8::/abc', /must end in "\/<prefix length>"/],
  ])('refuses %s', (text, reason) => {
    const result = parseCidr(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
