import { cidrContains, cidrsOverlap, ipv4CidrProblem, isAnyAddress, packBlocks } from '../../modules/network/cidr';
import { defaultTierPrefix, planSubnets } from '../../modules/network/subnet-plan';

describe('CIDR helpers', () => {
  it('accepts network blocks and explains host bits and garbage', () => {
    expect(ipv4CidrProblem('10.0.0.0/16')).toBeUndefined();
    expect(ipv4CidrProblem('10.0.0.5/16')).toMatch(/host bits set; the network address of this block is "10.0.0.0\/16"/);
    expect(ipv4CidrProblem('10.0.0/16')).toMatch(/IPv4 CIDR block/);
    expect(ipv4CidrProblem('300.0.0.0/8')).toMatch(/IPv4 CIDR block/);
  });

  it('detects overlap and containment both ways', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.128.0/20')).toBe(true);
    expect(cidrsOverlap('10.0.128.0/20', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrContains('10.0.0.0/16', '10.0.3.0/24')).toBe(true);
    expect(cidrContains('10.0.3.0/24', '10.0.0.0/16')).toBe(false);
    expect(isAnyAddress('0.0.0.0/0')).toBe(true);
    expect(isAnyAddress('::/0')).toBe(true);
    expect(isAnyAddress('10.0.0.0/8')).toBe(false);
  });

  it('packs blocks at their own size boundaries, in order', () => {
    const plan = packBlocks('10.0.0.0/16', [
      { name: 'a', prefixLength: 26 },
      { name: 'b', prefixLength: 24 },
      { name: 'c', prefixLength: 26 },
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.blocks).toEqual([
      { name: 'a', cidr: '10.0.0.0/26' },
      { name: 'b', cidr: '10.0.1.0/24' },
      { name: 'c', cidr: '10.0.2.0/26' },
    ]);
  });

  it('reports blocks that do not fit, by name', () => {
    const plan = packBlocks('10.0.0.0/24', [
      { name: 'big', prefixLength: 25 },
      { name: 'big2', prefixLength: 25 },
      { name: 'one-too-many', prefixLength: 28 },
    ]);
    expect(plan.blocks.map((b) => b.cidr)).toEqual(['10.0.0.0/25', '10.0.0.128/25']);
    expect(plan.problems).toEqual(['one-too-many: no room left in 10.0.0.0/24 for a /28 subnet']);
    expect(packBlocks('10.0.0.0/24', [{ name: 'x', prefixLength: 20 }]).problems[0]).toMatch(/x: a \/20 subnet cannot be made in 10.0.0.0\/24/);
  });

  it('plans three tiers over three zones in a /16 without overlap', () => {
    const { subnets, problems } = planSubnets('10.10.0.0/16', 3, { public: {}, privateWithEgress: {}, isolated: {} });
    expect(problems).toEqual([]);
    expect(defaultTierPrefix('10.10.0.0/16', 'public')).toBe(22);
    expect(subnets.map((s) => `${s.tier}[${s.zoneIndex}] ${s.cidr}`)).toEqual([
      'public[0] 10.10.0.0/22',
      'public[1] 10.10.4.0/22',
      'public[2] 10.10.8.0/22',
      'privateWithEgress[0] 10.10.16.0/20',
      'privateWithEgress[1] 10.10.32.0/20',
      'privateWithEgress[2] 10.10.48.0/20',
      'isolated[0] 10.10.64.0/20',
      'isolated[1] 10.10.80.0/20',
      'isolated[2] 10.10.96.0/20',
    ]);
  });

  it('fits the smallest VPC with /28 subnets', () => {
    expect(planSubnets('10.0.0.0/24', 3, { public: {}, privateWithEgress: {}, isolated: {} }).problems).toEqual([]);
  });
});
