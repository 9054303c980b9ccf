import { Construct, type IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { SecurityGroup as SecurityGroupResource } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ValidationError } from '../core/errors';
import { ipv4CidrProblem, ipv6CidrProblem, isAnyAddress } from './cidr';
import type { Port } from './port';

/** What other constructs need from a security group. */
export interface ISecurityGroup extends IConstruct {
  readonly securityGroupId: string;
}

type PeerKind = 'ipv4' | 'ipv6' | 'security-group' | 'prefix-list';

/** The other side of a rule: an address block, another security group, or a managed prefix list. */
export class Peer {
  /** An IPv4 block, e.g. `10.20.0.0/16`. */
  static ipv4(cidr: string): Peer {
    return new Peer('ipv4', cidr, Token.isUnresolved(cidr) ? undefined : cidr.replace(/\//g, '_'));
  }

  /** An IPv6 block, e.g. `2001:db8::/56`. */
  static ipv6(cidr: string): Peer {
    return new Peer('ipv6', cidr, Token.isUnresolved(cidr) ? undefined : cidr.replace(/[/:]/g, '_'));
  }

  /** Every IPv4 address. Ingress from it to 22, 3389 or all ports needs `worldAccessReason`. */
  static anyIpv4(): Peer {
    return Peer.ipv4('0.0.0.0/0');
  }

  /** Every IPv6 address. Ingress from it to 22, 3389 or all ports needs `worldAccessReason`. */
  static anyIpv6(): Peer {
    return Peer.ipv6('::/0');
  }

  /** Another security group (members of that group). */
  static securityGroup(group: ISecurityGroup): Peer {
    return new Peer('security-group', group.securityGroupId, `sg-${group.node.path.replace(/[^A-Za-z0-9-]+/g, '-')}`);
  }

  /** A security group known only by id (e.g. from another stack); `label` names it in construct ids. */
  static securityGroupId(securityGroupId: string, label: string): Peer {
    return new Peer('security-group', securityGroupId, `sg-${label}`);
  }

  /** A managed prefix list (e.g. the S3 gateway endpoint's); `label` names it in construct ids when the id is a token. */
  static prefixList(prefixListId: string, label?: string): Peer {
    return new Peer('prefix-list', prefixListId, label ? `pl-${label}` : Token.isUnresolved(prefixListId) ? undefined : prefixListId);
  }

  private constructor(
    readonly kind: PeerKind,
    /** CIDR, security group id or prefix list id. */
    readonly value: string,
    /** Stable text for construct ids; undefined when the value is a token and no label was given. */
    readonly key: string | undefined,
  ) {}

  /** True for 0.0.0.0/0 and ::/0. */
  get isWorld(): boolean {
    return (this.kind === 'ipv4' || this.kind === 'ipv6') && !Token.isUnresolved(this.value) && isAnyAddress(this.value);
  }
}

/** One security group rule. */
export interface SecurityGroupRule {
  /** Who may connect (ingress) or be connected to (egress). */
  readonly peer: Peer;
  /** Protocol and port range. */
  readonly port: Port;
  /**
   * Why the rule exists (1-255 characters of letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`).
   * Security: required, so every opening can be traced to a purpose at review (Checkov CKV_AWS_23).
   */
  readonly description: string;
  /**
   * Accepts ingress from 0.0.0.0/0 or ::/0 to port 22, 3389 or all ports, with the reason (at least 20 characters).
   * @default - such a rule is refused
   * Security: remote administration from the internet is the most attacked opening there is (CIS 5.2, 5.3).
   */
  readonly worldAccessReason?: string;
}

export interface SecurityGroupProps {
  /** VPC of the group. */
  readonly vpcId: string;
  /**
   * What the group is for (1-255 characters; AWS cannot change it later without replacing the group).
   * Security: required, so a group's purpose is visible wherever it is attached (Checkov CKV_AWS_23).
   */
  readonly description: string;
  /**
   * Name prefix of the group (Terraform appends a unique suffix).
   * @default - the construct id
   * Security: no effect.
   */
  readonly namePrefix?: string;
  /**
   * Inbound rules.
   * @default [] - nothing may connect
   * Security: ingress from the whole internet to 22, 3389 or all ports is refused without `worldAccessReason`.
   */
  readonly ingress?: readonly SecurityGroupRule[];
  /**
   * Outbound rules.
   * @default [] - no outbound traffic (Terraform removes the allow-all rule AWS adds to new groups)
   * Security: egress exists only where declared, which limits what a compromised instance can reach.
   */
  readonly egress?: readonly SecurityGroupRule[];
  /** Tags for the group. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/**
 * A security group whose rules are separate rule resources (`aws_vpc_security_group_*_rule`), each with a required
 * description. No rule is implied: without egress rules nothing leaves. Rule construct ids come from the rule itself
 * (direction, port, peer), so reordering rules in code changes nothing in Terraform.
 */
export class SecurityGroup extends Construct implements ISecurityGroup {
  readonly resource: SecurityGroupResource;
  readonly securityGroupId: string;
  readonly securityGroupArn: string;

  private readonly vpcRules = new Set<string>();

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    if (!DESCRIPTION.test(props.description)) {
      throw new ValidationError(this, 'description', props.description, 'must be 1-255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* saying what the group is for');
    }
    this.resource = new SecurityGroupResource(this, 'Resource', {
      vpcId: props.vpcId,
      description: props.description,
      namePrefix: `${props.namePrefix ?? id}-`,
      revokeRulesOnDelete: true,
      tags: props.tags ? { ...props.tags } : undefined,
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = this.resource.id;
    this.securityGroupArn = this.resource.arn;
    (props.ingress ?? []).forEach((rule, i) => this.addIngressRule(rule, `ingress[${i}]`));
    (props.egress ?? []).forEach((rule, i) => this.addEgressRule(rule, `egress[${i}]`));
  }

  /** Adds an inbound rule. `prop` names the rule in error messages. */
  addIngressRule(rule: SecurityGroupRule, prop = 'ingressRule'): void {
    this.checkRule(rule, prop);
    const admin = rule.port.adminPorts;
    if (rule.peer.isWorld && (admin.length > 0 || rule.port.isAllPorts)) {
      const what = rule.port.isAllPorts ? 'all ports' : `administration port${admin.length > 1 ? 's' : ''} ${admin.join(' and ')}`;
      if (rule.worldAccessReason === undefined) {
        throw new ValidationError(
          this,
          prop,
          { peer: rule.peer.value, port: rule.port.label },
          `opens ${what} to ${rule.peer.value}, which is refused (CIS 5.2/5.3); narrow the peer, use Session Manager, or set worldAccessReason`,
        );
      }
      if (rule.worldAccessReason.trim().length < 20) {
        throw new ValidationError(this, `${prop}.worldAccessReason`, rule.worldAccessReason, 'must say why in at least 20 characters');
      }
    } else if (rule.worldAccessReason !== undefined) {
      throw new ValidationError(this, `${prop}.worldAccessReason`, rule.worldAccessReason, 'is only for ingress from 0.0.0.0/0 or ::/0 to 22, 3389 or all ports; remove it');
    }
    new VpcSecurityGroupIngressRule(this, this.ruleId('ingress', rule, prop), {
      securityGroupId: this.securityGroupId,
      description: rule.description,
      ...ruleArguments(rule),
    });
  }

  /** Adds an outbound rule. `prop` names the rule in error messages. */
  addEgressRule(rule: SecurityGroupRule, prop = 'egressRule'): void {
    this.checkRule(rule, prop);
    if (rule.worldAccessReason !== undefined) {
      throw new ValidationError(this, `${prop}.worldAccessReason`, rule.worldAccessReason, 'applies to ingress rules only; remove it');
    }
    new VpcSecurityGroupEgressRule(this, this.ruleId('egress', rule, prop), {
      securityGroupId: this.securityGroupId,
      description: rule.description,
      ...ruleArguments(rule),
    });
  }

  private checkRule(rule: SecurityGroupRule, prop: string): void {
    if (typeof rule.description !== 'string' || !DESCRIPTION.test(rule.description)) {
      throw new ValidationError(
        this,
        `${prop}.description`,
        rule.description,
        'is required: 1-255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* saying why the rule exists',
      );
    }
    const portProblem = rule.port.problem;
    if (portProblem) throw new ValidationError(this, `${prop}.port`, rule.port.label, portProblem);
    const { kind, value } = rule.peer;
    if (!Token.isUnresolved(value)) {
      const problem = kind === 'ipv4' ? ipv4CidrProblem(value) : kind === 'ipv6' ? ipv6CidrProblem(value) : undefined;
      if (problem) throw new ValidationError(this, `${prop}.peer`, value, problem);
    }
    if (rule.peer.key === undefined) {
      throw new ValidationError(this, `${prop}.peer`, value, 'is only known at apply time; give it a label (Peer.securityGroupId(id, label) or Peer.prefixList(id, label))');
    }
  }

  private ruleId(direction: 'ingress' | 'egress', rule: SecurityGroupRule, prop: string): string {
    const id = `${direction}-${rule.port.label}-${direction === 'ingress' ? 'from' : 'to'}-${rule.peer.key}`;
    if (this.vpcRules.has(id)) {
      throw new ValidationError(this, prop, { peer: rule.peer.value, port: rule.port.label }, `duplicates another ${direction} rule with the same peer and port`);
    }
    this.vpcRules.add(id);
    return id;
  }
}

function ruleArguments(rule: SecurityGroupRule): {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  referencedSecurityGroupId?: string;
  prefixListId?: string;
} {
  const ports = rule.port.protocol === 'all' ? {} : { fromPort: rule.port.fromPort, toPort: rule.port.toPort };
  const peer =
    rule.peer.kind === 'ipv4'
      ? { cidrIpv4: rule.peer.value }
      : rule.peer.kind === 'ipv6'
        ? { cidrIpv6: rule.peer.value }
        : rule.peer.kind === 'security-group'
          ? { referencedSecurityGroupId: rule.peer.value }
          : { prefixListId: rule.peer.value };
  return { ipProtocol: rule.port.securityGroupProtocol, ...ports, ...peer };
}
