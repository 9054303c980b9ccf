import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { NetworkAcl as NetworkAclResource, type NetworkAclEgress, type NetworkAclIngress } from '@cdktf/provider-aws/lib/network-acl';
import { ValidationError } from '../core/errors';
import { ipv4CidrProblem, ipv6CidrProblem, isAnyAddress } from './cidr';
import type { Port } from './port';

/** One numbered network ACL entry. Entries are evaluated lowest number first; the first match decides. */
export interface NetworkAclEntry {
  /** Evaluation order, 1 to 32766, unique per direction. */
  readonly ruleNumber: number;
  /** `allow` or `deny`. */
  readonly action: 'allow' | 'deny';
  /** IPv4 or IPv6 block the entry matches (source for ingress, destination for egress). */
  readonly cidr: string;
  /** Protocol and ports. */
  readonly port: Port;
}

export interface NetworkAclProps {
  /** VPC of the ACL. */
  readonly vpcId: string;
  /**
   * Subnets the ACL applies to (each subnet has exactly one ACL).
   * Security: an ACL attached to nothing protects nothing (Checkov CKV2_AWS_1).
   */
  readonly subnetIds: readonly string[];
  /**
   * Inbound entries.
   * @default [] - all inbound traffic denied
   * Security: an allow from 0.0.0.0/0 or ::/0 that covers port 22 or 3389 is refused (CIS 5.1).
   */
  readonly ingress?: readonly NetworkAclEntry[];
  /**
   * Outbound entries. ACLs are stateless: replies need their own entries (see `returnTrafficPorts`).
   * @default [] - all outbound traffic denied
   * Security: only what is listed leaves the subnets.
   */
  readonly egress?: readonly NetworkAclEntry[];
  /** Tags for the ACL (e.g. Name). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The AWS quota of entries per direction without a quota increase. */
export const NACL_ENTRY_QUOTA = 20;

/**
 * A network ACL with explicitly numbered entries, written inline on the ACL so the whole rule set is one resource
 * that reviewers and Checkov read in evaluation order. Refuses at synth: duplicate or out-of-range numbers, bad
 * blocks, more entries than the AWS quota, and any allow from the whole internet to an administration port.
 */
export class NetworkAcl extends Construct {
  readonly resource: NetworkAclResource;
  readonly networkAclId: string;

  constructor(scope: Construct, id: string, props: NetworkAclProps) {
    super(scope, id);
    if (props.subnetIds.length === 0) {
      throw new ValidationError(this, 'subnetIds', [], 'must list at least one subnet; an ACL attached to nothing protects nothing');
    }
    const ingress = props.ingress ?? [];
    const egress = props.egress ?? [];
    this.validate('ingress', ingress);
    this.validate('egress', egress);
    const sorted = (entries: readonly NetworkAclEntry[]) => [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
    this.resource = new NetworkAclResource(this, 'Resource', {
      vpcId: props.vpcId,
      subnetIds: [...props.subnetIds],
      ingress: sorted(ingress).map(toBlock),
      egress: sorted(egress).map(toBlock),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.networkAclId = this.resource.id;
  }

  private validate(direction: 'ingress' | 'egress', entries: readonly NetworkAclEntry[]): void {
    if (entries.length > NACL_ENTRY_QUOTA) {
      throw new ValidationError(
        this,
        direction,
        entries.length,
        `must have at most ${NACL_ENTRY_QUOTA} entries (the AWS quota per direction); summarise peer blocks into larger ones`,
      );
    }
    const seen = new Set<number>();
    entries.forEach((entry, i) => {
      const prop = `${direction}[${i}]`;
      if (!Number.isInteger(entry.ruleNumber) || entry.ruleNumber < 1 || entry.ruleNumber > 32766) {
        throw new ValidationError(this, `${prop}.ruleNumber`, entry.ruleNumber, 'must be a whole number from 1 to 32766');
      }
      if (seen.has(entry.ruleNumber)) {
        throw new ValidationError(this, `${prop}.ruleNumber`, entry.ruleNumber, `is used twice in ${direction}; each entry needs its own number`);
      }
      seen.add(entry.ruleNumber);
      if (!Token.isUnresolved(entry.cidr)) {
        const problem = entry.cidr.includes(':') ? ipv6CidrProblem(entry.cidr) : ipv4CidrProblem(entry.cidr);
        if (problem) throw new ValidationError(this, `${prop}.cidr`, entry.cidr, problem);
      }
      const portProblem = entry.port.problem;
      if (portProblem) throw new ValidationError(this, `${prop}.port`, entry.port.label, portProblem);
      const admin = entry.port.adminPorts;
      if (direction === 'ingress' && entry.action === 'allow' && !Token.isUnresolved(entry.cidr) && isAnyAddress(entry.cidr) && admin.length > 0) {
        throw new ValidationError(
          this,
          prop,
          { cidr: entry.cidr, port: entry.port.label },
          `allows ${entry.cidr} to administration port${admin.length > 1 ? 's' : ''} ${admin.join(' and ')}; ` +
            'no network ACL may open SSH or RDP to the internet (CIS 5.1): narrow the range (see returnTrafficPorts) or the source',
        );
      }
    });
  }
}

function toBlock(entry: NetworkAclEntry): NetworkAclIngress & NetworkAclEgress {
  const ipv6 = entry.cidr.includes(':');
  const ports = entry.port.protocol === 'all' ? { fromPort: 0, toPort: 0 } : entry.port.protocol === 'icmp' ? { fromPort: 0, toPort: 0 } : { fromPort: entry.port.fromPort, toPort: entry.port.toPort };
  return {
    ruleNo: entry.ruleNumber,
    action: entry.action,
    protocol: entry.port.protocolNumber,
    ...ports,
    ...(entry.port.protocol === 'icmp' ? { icmpType: entry.port.fromPort, icmpCode: entry.port.toPort } : {}),
    ...(ipv6 ? { ipv6CidrBlock: entry.cidr } : { cidrBlock: entry.cidr }),
  };
}
