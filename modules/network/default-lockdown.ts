import { Construct } from 'constructs';
import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';

export interface DefaultLockdownProps {
  /** The VPC. */
  readonly vpcId: string;
  /** The VPC's default network ACL (`aws_vpc.default_network_acl_id`). */
  readonly defaultNetworkAclId: string;
  /** Tags (e.g. Name). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Takes over the default security group and default network ACL every VPC is created with, and removes all their
 * rules: anything launched without an explicit group, or a subnet left without its own ACL, gets no traffic at all
 * (CIS 5.4; Checkov CKV2_AWS_12).
 */
export class DefaultLockdown extends Construct {
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  readonly defaultNetworkAcl: DefaultNetworkAcl;

  constructor(scope: Construct, id: string, props: DefaultLockdownProps) {
    super(scope, id);
    const tags = props.tags ? { ...props.tags } : undefined;
    // No ingress or egress blocks: Terraform deletes every rule of the default group.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'security-group', { vpcId: props.vpcId, tags });
    // No entries: only the implicit deny-all remains. Subnets are associated with their tier ACLs instead.
    this.defaultNetworkAcl = new DefaultNetworkAcl(this, 'network-acl', {
      defaultNetworkAclId: props.defaultNetworkAclId,
      tags,
      lifecycle: { ignoreChanges: ['subnet_ids'] },
    });
  }
}
