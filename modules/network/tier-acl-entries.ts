import type { NetworkAclEntry } from './network-acl';
import { Port, returnTrafficPorts } from './port';
import type { SubnetTier } from './subnet-plan';

const ANYWHERE = '0.0.0.0/0';

/** What the tier ACLs need to know about the VPC. */
export interface TierAclContext {
  /** The VPC's block: all traffic within the VPC is allowed (security groups decide per instance). */
  readonly vpcCidr: string;
  /** Blocks of other networks the VPC reaches through the Transit Gateway (private and isolated tiers only). */
  readonly peerCidrs: readonly string[];
  /** TCP ports the public tier admits from the internet. */
  readonly publicIngressPorts: readonly number[];
  /** TCP ports the public and private tiers may open to the internet (through NAT for the private tier). */
  readonly internetEgressPorts: readonly number[];
}

/** Rule-number bands, so that each kind of entry keeps its number when others are added. */
const BAND = { denyAdmin: 10, vpc: 100, peers: 110, publicIngress: 200, returnTraffic: 300, internetEgress: 400 } as const;

/** Explicit denials first: no later entry can open SSH or RDP to the internet, whatever is added. */
function denyAdminFromInternet(): NetworkAclEntry[] {
  return [
    { ruleNumber: BAND.denyAdmin, action: 'deny', cidr: ANYWHERE, port: Port.tcp(22) },
    { ruleNumber: BAND.denyAdmin + 1, action: 'deny', cidr: ANYWHERE, port: Port.tcp(3389) },
    { ruleNumber: BAND.denyAdmin + 2, action: 'deny', cidr: ANYWHERE, port: Port.udp(3389) },
  ];
}

function allFrom(cidrs: readonly string[], first: number): NetworkAclEntry[] {
  return cidrs.map((cidr, i) => ({ ruleNumber: first + i, action: 'allow' as const, cidr, port: Port.allTraffic() }));
}

function returnTrafficFromInternet(): NetworkAclEntry[] {
  return returnTrafficPorts('tcp').map((port, i) => ({ ruleNumber: BAND.returnTraffic + i, action: 'allow' as const, cidr: ANYWHERE, port }));
}

function tcpToInternet(ports: readonly number[], first: number): NetworkAclEntry[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port, i) => ({ ruleNumber: first + i, action: 'allow' as const, cidr: ANYWHERE, port: Port.tcp(port) }));
}

/**
 * The numbered entries of a tier's network ACL. ACLs are stateless, so every opening has its reply:
 * - public: in from the internet on `publicIngressPorts` and replies (1024-65535 without 3389); out to the internet on
 *   `internetEgressPorts` (what NAT forwards) and replies to internet clients; everything within the VPC.
 * - privateWithEgress: everything within the VPC and with peer networks; out to the internet on
 *   `internetEgressPorts` (through NAT) and the replies.
 * - isolated: everything within the VPC and with peer networks; HTTPS out and its replies, which only the gateway
 *   endpoints (S3, DynamoDB) can carry, as the tier has no route to the internet.
 * Every ACL that admits anything from the internet first denies SSH and RDP from it.
 */
export function tierAclEntries(tier: SubnetTier, context: TierAclContext): { ingress: NetworkAclEntry[]; egress: NetworkAclEntry[] } {
  const vpc = allFrom([context.vpcCidr], BAND.vpc);
  const peers = allFrom([...context.peerCidrs].sort(), BAND.peers);
  switch (tier) {
    case 'public':
      return {
        ingress: [...denyAdminFromInternet(), ...vpc, ...tcpFromInternet(context.publicIngressPorts), ...returnTrafficFromInternet()],
        egress: [
          ...vpc,
          { ruleNumber: BAND.returnTraffic, action: 'allow', cidr: ANYWHERE, port: Port.tcpRange(1024, 65535) },
          ...tcpToInternet(context.internetEgressPorts, BAND.internetEgress),
        ],
      };
    case 'privateWithEgress':
      return {
        ingress: [...denyAdminFromInternet(), ...vpc, ...peers, ...returnTrafficFromInternet()],
        egress: [...vpc, ...peers, ...tcpToInternet(context.internetEgressPorts, BAND.internetEgress)],
      };
    case 'isolated':
      return {
        ingress: [...denyAdminFromInternet(), ...vpc, ...peers, ...returnTrafficFromInternet()],
        egress: [...vpc, ...peers, ...tcpToInternet([443], BAND.internetEgress)],
      };
  }
}

function tcpFromInternet(ports: readonly number[]): NetworkAclEntry[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port, i) => ({ ruleNumber: BAND.publicIngress + i, action: 'allow' as const, cidr: ANYWHERE, port: Port.tcp(port) }));
}
