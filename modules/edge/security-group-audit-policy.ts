import { Construct } from 'constructs';
import { FmsPolicy } from '@cdktf/provider-aws/lib/fms-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { ValidationError } from '../core/errors';
import { DefaultLockdown } from '../network/default-lockdown';
import { FMS_POLICY_NAME, renderPolicyScope, type FmsPolicyScope } from './policy-scope';

/** Administration ports a security group must never open to the internet: SSH and RDP (CIS 5.2, 5.3). */
export const DEFAULT_ADMIN_PORTS: readonly number[] = [22, 3389];

/** The `managed_service_data` of a content audit policy. */
export interface FmsContentAuditManagedServiceData {
  readonly type: 'SECURITY_GROUPS_CONTENT_AUDIT';
  readonly securityGroups: ReadonlyArray<{ readonly id: string }>;
  readonly securityGroupAction: { readonly type: 'DENY' };
}

export interface FmsSecurityGroupAuditPolicyProps {
  /** Policy name (letters, digits, spaces and `_.:/=+-@`, up to 1,024). */
  readonly name: string;
  /**
   * TCP ports that no in-scope security group may open to 0.0.0.0/0 or ::/0.
   * @default [22, 3389]
   * Security: SSH and RDP open to the internet are the findings CIS 5.2/5.3 name; add database ports if you have them.
   */
  readonly adminPorts?: readonly number[];
  /**
   * Accounts the policy covers.
   * @default - every account of the organisation
   * Security: see FmsPolicyScope.
   */
  readonly scope?: FmsPolicyScope;
  /**
   * Let Firewall Manager delete offending rules in member accounts (otherwise it only reports them).
   * @default false
   * Security: deleting a rule can cut a running service off; member accounts fix findings through their own change
   * control until the findings are understood.
   */
  readonly remediationEnabled?: boolean;
  /**
   * CIDR of the empty VPC that holds the reference group (no subnets, gateways or attachments, so it carries no
   * traffic and may overlap other networks).
   * @default '192.168.255.240/28'
   * Security: none; the VPC's default group and ACL are emptied.
   */
  readonly referenceVpcCidr?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Firewall Manager security-group content audit policy (`aws_fms_policy`, SECURITY_GROUPS_CONTENT_AUDIT) in the
 * administrator account. Content audit, not usage audit: usage audit only finds unused and redundant groups, while
 * the baseline finding is a rule that opens an administration port to the internet, which only a content audit sees.
 * The policy's action is DENY against a reference group that opens exactly those ports to 0.0.0.0/0 and ::/0: an
 * in-scope rule that matches or contains one of them (a 0-65535 range from anywhere, too) is non-compliant. The
 * reference group lives in an empty VPC of its own and is attached to nothing.
 */
export class FmsSecurityGroupAuditPolicy extends Construct {
  readonly resource: FmsPolicy;
  readonly policyId: string;
  readonly policyArn: string;
  /** The reference group the audit compares against. */
  readonly referenceSecurityGroup: SecurityGroup;
  readonly managedServiceData: FmsContentAuditManagedServiceData;

  constructor(scope: Construct, id: string, props: FmsSecurityGroupAuditPolicyProps) {
    super(scope, id);
    if (!FMS_POLICY_NAME.test(props.name)) throw new ValidationError(this, 'name', props.name, 'must be 1 to 1,024 letters, digits, spaces or _.:/=+-@');
    const ports = props.adminPorts ?? DEFAULT_ADMIN_PORTS;
    if (ports.length === 0) throw new ValidationError(this, 'adminPorts', [], 'must list at least one port: an audit without rules finds nothing');
    ports.forEach((port, i) => {
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError(this, `adminPorts[${i}]`, port, 'must be a whole number from 0 to 65535');
      if (ports.indexOf(port) !== i) throw new ValidationError(this, `adminPorts[${i}]`, port, 'is listed twice; list each port once');
    });
    const cidr = props.referenceVpcCidr ?? '192.168.255.240/28';
    if (!/^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-8])$/.test(cidr)) throw new ValidationError(this, 'referenceVpcCidr', cidr, 'must be an IPv4 CIDR from /16 to /28');
    const tags = props.tags ? { ...props.tags } : {};

    const vpc = new Vpc(this, 'reference-vpc', { cidrBlock: cidr, assignGeneratedIpv6CidrBlock: false, tags: { ...tags, Name: `${props.name}-reference` } });
    new DefaultLockdown(this, 'reference-vpc-defaults', { vpcId: vpc.id, defaultNetworkAclId: vpc.defaultNetworkAclId, tags: { ...tags, Name: `${props.name}-reference-default` } });
    this.referenceSecurityGroup = new SecurityGroup(this, 'reference-group', {
      name: `${props.name}-reference`,
      description: 'Firewall Manager audit reference: the admin ports no group may open to the internet (attached to nothing)',
      vpcId: vpc.id,
      ingress: ports.map((port) => ({
        description: `Audit reference: port ${port} from anywhere is a finding`,
        protocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrBlocks: ['0.0.0.0/0'],
        ipv6CidrBlocks: ['::/0'],
      })),
      // No egress blocks: Terraform removes the default allow-all egress rule, so the audit has no egress findings.
      tags: { ...tags, Name: `${props.name}-reference` },
    });

    this.managedServiceData = {
      type: 'SECURITY_GROUPS_CONTENT_AUDIT',
      securityGroups: [{ id: this.referenceSecurityGroup.id }],
      securityGroupAction: { type: 'DENY' },
    };
    this.resource = new FmsPolicy(this, 'Resource', {
      name: props.name,
      description: props.description,
      excludeResourceTags: false,
      remediationEnabled: props.remediationEnabled ?? false,
      deleteAllPolicyResources: false,
      resourceType: 'AWS::EC2::SecurityGroup',
      ...renderPolicyScope(this, 'scope', props.scope),
      securityServicePolicyData: { type: 'SECURITY_GROUPS_CONTENT_AUDIT', managedServiceData: JSON.stringify(this.managedServiceData) },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policyId = this.resource.id;
    this.policyArn = this.resource.arn;
  }
}
