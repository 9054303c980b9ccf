import { SecurityGroup as SecurityGroup_ } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Peer, Port, SecurityGroup, type SecurityGroupRule } from '../../modules/network';
import { resourcesOfType, synthConstruct } from '../support/synth';

const VPC = 'vpc-0123456789abcdef0';

function group(ingress: SecurityGroupRule[] = [], egress: SecurityGroupRule[] = []) {
  return synthConstruct((scope) => {
    const lb = new SecurityGroup(scope, 'load-balancer', { vpcId: VPC, description: 'Internet-facing load balancer' });
    new SecurityGroup(scope, 'app', {
      vpcId: VPC,
      description: 'Application servers',
      ingress: [{ peer: Peer.securityGroup(lb), port: Port.tcp(8080), description: 'From the load balancer' }, ...ingress],
      egress,
    });
  });
}

describe('SecurityGroup', () => {
  it('builds rules from a peer group, a prefix list and a block, each with its description', () => {
    const { stack, synthesized } = group(
      [{ peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcpRange(9000, 9100), description: 'Metrics scrapers on the corporate network' }],
      [{ peer: Peer.prefixList('pl-63a5400a'), port: Port.tcp(443), description: 'S3 through the gateway endpoint' }],
    );
    const appGroup = expect.stringMatching(/^\$\{aws_security_group\.app_[0-9A-F]{8}\.id\}$/);
    expect(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: appGroup,
      referenced_security_group_id: expect.stringMatching(/aws_security_group\..*load-balancer.*\.id/),
      ip_protocol: 'tcp',
      from_port: 8080,
      to_port: 8080,
      description: 'From the load balancer',
    });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: appGroup,
      cidr_ipv4: '10.0.0.0/8',
      ip_protocol: 'tcp',
      from_port: 9000,
      to_port: 9100,
      description: 'Metrics scrapers on the corporate network',
    });
    expect(resourcesOfType(stack, 'aws_vpc_security_group_egress_rule')).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: appGroup,
      prefix_list_id: 'pl-63a5400a',
      from_port: 443,
      to_port: 443,
      description: 'S3 through the gateway endpoint',
    });
    for (const description of ['Internet-facing load balancer', 'Application servers']) {
      expect(synthesized).toHaveResourceWithProperties(SecurityGroup_, { vpc_id: VPC, description, revoke_rules_on_delete: true });
    }
    for (const sg of resourcesOfType(stack, 'aws_security_group')) {
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
      expect(sg.revoke_rules_on_delete).toBe(true);
    }
  });

  it('has no egress unless declared', () => {
    expect(group().synthesized).not.toHaveResource(VpcSecurityGroupEgressRule);
  });

  it('names rules from what they are, so reordering them changes no logical id', () => {
    const a: SecurityGroupRule = { peer: Peer.ipv4('10.1.0.0/16'), port: Port.tcp(443), description: 'Service A' };
    const b: SecurityGroupRule = { peer: Peer.ipv6('2001:db8::/56'), port: Port.udp(53), description: 'Service B' };
    const ids = (rules: SecurityGroupRule[]) => Object.keys(group(rules).stack.resource?.aws_vpc_security_group_ingress_rule ?? {}).sort();
    expect(ids([a, b])).toEqual(ids([b, a]));
    expect(ids([a, b])).toEqual(expect.arrayContaining([expect.stringMatching(/ingress-tcp-443-from-10100_16/)]));
  });

  it('accepts world ingress to SSH only with a reason', () => {
    const { stack, synthesized } = group([
      { peer: Peer.anyIpv4(), port: Port.tcp(22), description: 'SFTP partner drop', worldAccessReason: 'Partner SFTP endpoint; sshd allows sftp only, reviewed quarterly' },
    ]);
    expect(resourcesOfType(stack, 'aws_vpc_security_group_ingress_rule')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 22, to_port: 22, description: 'SFTP partner drop' });
  });

  it('accepts world ingress to HTTPS without a reason', () => {
    expect(() => group([{ peer: Peer.anyIpv4(), port: Port.tcp(443), description: 'Public HTTPS' }])).not.toThrow();
  });

  describe('fails on', () => {
    it.each([
      ['SSH from 0.0.0.0/0', { peer: Peer.anyIpv4(), port: Port.tcp(22), description: 'ssh' }, /ingress\[1\] opens administration port 22 to 0.0.0.0\/0.*CIS 5.2\/5.3/],
      ['RDP from ::/0', { peer: Peer.anyIpv6(), port: Port.tcp(3389), description: 'rdp' }, /ingress\[1\] opens administration port 3389 to ::\/0/],
      ['a range covering both from the world', { peer: Peer.anyIpv4(), port: Port.tcpRange(1, 5000), description: 'wide' }, /opens administration ports 22 and 3389/],
      ['all traffic from the world', { peer: Peer.anyIpv4(), port: Port.allTraffic(), description: 'everything' }, /ingress\[1\] opens all ports to 0.0.0.0\/0/],
      ['a rule without a description', { peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(443), description: '' }, /ingress\[1\]\.description is required/],
      ['a description with forbidden characters', { peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(443), description: 'caf\u00e9 <b>' }, /ingress\[1\]\.description is required/],
      ['a reversed port range', { peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcpRange(443, 80), description: 'x' }, /ingress\[1\]\.port .*reversed/],
      ['a peer block with host bits', { peer: Peer.ipv4('10.0.0.1/8'), port: Port.tcp(443), description: 'x' }, /ingress\[1\]\.peer has host bits set/],
      ['a short world access reason', { peer: Peer.anyIpv4(), port: Port.tcp(22), description: 'x', worldAccessReason: 'because' }, /ingress\[1\]\.worldAccessReason must say why/],
      ['a world access reason on an ordinary rule', { peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(22), description: 'x', worldAccessReason: 'not needed for a private block at all' }, /ingress\[1\]\.worldAccessReason is only for ingress from 0.0.0.0\/0/],
    ])('%s', (_name, rule, message) => {
      expect(() => group([rule as SecurityGroupRule])).toThrow(message);
    });

    it('a duplicate rule', () => {
      const rule: SecurityGroupRule = { peer: Peer.ipv4('10.0.0.0/8'), port: Port.tcp(443), description: 'x' };
      expect(() => group([rule, { ...rule, description: 'y' }])).toThrow(/ingress\[2\] duplicates another ingress rule/);
    });

    it('a group without a description', () => {
      expect(() => synthConstruct((scope) => new SecurityGroup(scope, 'g', { vpcId: VPC, description: '' }))).toThrow(/description must be 1-255 characters/);
    });
  });
});
