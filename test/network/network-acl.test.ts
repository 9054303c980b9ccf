import { NetworkAcl as NetworkAcl_ } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAcl, Port, returnTrafficPorts, type NetworkAclEntry } from '../../modules/network';
import { onlyResource, synthConstruct } from '../support/synth';

function acl(ingress: NetworkAclEntry[], egress: NetworkAclEntry[] = []) {
  return synthConstruct((scope) => new NetworkAcl(scope, 'acl', { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'], ingress, egress }));
}

describe('NetworkAcl', () => {
  it('writes numbered entries inline, in evaluation order, with protocol numbers', () => {
    const { stack, synthesized } = acl([
      { ruleNumber: 200, action: 'allow', cidr: '0.0.0.0/0', port: Port.tcp(443) },
      { ruleNumber: 10, action: 'deny', cidr: '0.0.0.0/0', port: Port.tcp(22) },
      ...returnTrafficPorts().map((port, i) => ({ ruleNumber: 300 + i, action: 'allow' as const, cidr: '0.0.0.0/0', port })),
    ]);
    const resource = onlyResource(stack, 'aws_network_acl');
    expect(synthesized).toHaveResourceWithProperties(NetworkAcl_, { vpc_id: 'vpc-0123456789abcdef0', subnet_ids: ['subnet-0123456789abcdef0'] });
    expect((resource.ingress as Array<Record<string, unknown>>).map((e) => [e.rule_no, e.action, e.protocol, e.from_port, e.to_port])).toEqual([
      [10, 'deny', '6', 22, 22],
      [200, 'allow', '6', 443, 443],
      [300, 'allow', '6', 1024, 3388],
      [301, 'allow', '6', 3390, 65535],
    ]);
  });

  it('allows SSH from a private block', () => {
    expect(() => acl([{ ruleNumber: 100, action: 'allow', cidr: '10.0.0.0/8', port: Port.tcp(22) }])).not.toThrow();
  });

  describe('fails on', () => {
    it.each([
      ['SSH allowed from 0.0.0.0/0', [{ ruleNumber: 100, action: 'allow', cidr: '0.0.0.0/0', port: Port.tcp(22) }], /ingress\[0\] allows 0.0.0.0\/0 to administration port 22.*CIS 5.1/],
      ['RDP allowed from ::/0', [{ ruleNumber: 100, action: 'allow', cidr: '::/0', port: Port.tcp(3389) }], /ingress\[0\] allows ::\/0 to administration port 3389/],
      ['ephemeral ports from the world that include 3389', [{ ruleNumber: 100, action: 'allow', cidr: '0.0.0.0/0', port: Port.tcpRange(1024, 65535) }], /administration port 3389/],
      ['all traffic from the world', [{ ruleNumber: 100, action: 'allow', cidr: '0.0.0.0/0', port: Port.allTraffic() }], /administration ports 22 and 3389/],
      ['a duplicate rule number', [
        { ruleNumber: 100, action: 'allow', cidr: '10.0.0.0/8', port: Port.tcp(443) },
        { ruleNumber: 100, action: 'allow', cidr: '10.0.0.0/8', port: Port.tcp(80) },
      ], /ingress\[1\]\.ruleNumber is used twice in ingress/],
      ['a rule number out of range', [{ ruleNumber: 32767, action: 'allow', cidr: '10.0.0.0/8', port: Port.tcp(443) }], /ingress\[0\]\.ruleNumber must be a whole number from 1 to 32766/],
      ['a malformed block', [{ ruleNumber: 100, action: 'allow', cidr: '10.0.0/8', port: Port.tcp(443) }], /ingress\[0\]\.cidr must be an IPv4 CIDR block/],
    ])('%s', (_name, ingress, message) => {
      expect(() => acl(ingress as NetworkAclEntry[])).toThrow(message);
    });

    it('more entries than the AWS quota', () => {
      const many = Array.from({ length: 21 }, (_, i) => ({ ruleNumber: 100 + i, action: 'allow' as const, cidr: `10.${i}.0.0/16`, port: Port.allTraffic() }));
      expect(() => acl([], many)).toThrow(/egress must have at most 20 entries/);
    });

    it('an ACL attached to no subnet', () => {
      expect(() => synthConstruct((scope) => new NetworkAcl(scope, 'acl', { vpcId: 'vpc-1', subnetIds: [] }))).toThrow(/subnetIds must list at least one subnet/);
    });
  });
});
