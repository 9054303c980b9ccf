import { Construct } from 'constructs';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { DefaultLockdown } from './default-lockdown';
import { VpcFlowLog, type VpcFlowLogProps } from './flow-log';

export interface DefaultVpcLockdownProps {
  /**
   * Flow logs of the default VPC (destination, traffic type, account, Region...).
   * Security: CIS 3.7 asks for flow logs in every VPC; a default VPC is where unplanned instances land.
   */
  readonly flowLog: Omit<VpcFlowLogProps, 'vpcId'>;
  /** Tags (e.g. Name). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Adopts the default VPC of an account's Region and locks it down (CIS 5.x; the guides' "default VPC left open"
 * anti-pattern): its default security group and default network ACL lose every rule, and its traffic is logged.
 *
 * Use it ONLY where the default VPC exists: `aws_default_vpc` creates a default VPC where none exists, so the caller
 * (config) must say per account and Region whether one is there. Destroying this construct leaves the VPC in place
 * (`force_destroy` stays false: Terraform only forgets it). To get rid of a default VPC, delete it out of band
 * (`aws ec2 delete-vpc` after removing its subnets and internet gateway) and mark it deleted in config.
 */
export class DefaultVpcLockdown extends Construct {
  readonly defaultVpc: DefaultVpc;
  readonly lockdown: DefaultLockdown;
  readonly flowLog: VpcFlowLog;

  constructor(scope: Construct, id: string, props: DefaultVpcLockdownProps) {
    super(scope, id);
    const tags = props.tags ? { ...props.tags } : undefined;
    this.defaultVpc = new DefaultVpc(this, 'vpc', { forceDestroy: false, tags });
    this.lockdown = new DefaultLockdown(this, 'lockdown', { vpcId: this.defaultVpc.id, defaultNetworkAclId: this.defaultVpc.defaultNetworkAclId, tags: props.tags });
    this.flowLog = new VpcFlowLog(this, 'flow-log', { ...props.flowLog, vpcId: this.defaultVpc.id });
  }
}
