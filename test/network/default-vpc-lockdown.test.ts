import { DefaultNetworkAcl } from '@cdktf/provider-aws/lib/default-network-acl';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DefaultVpc } from '@cdktf/provider-aws/lib/default-vpc';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { DefaultVpcLockdown, FlowLogDestination } from '../../modules/network';
import { onlyResource, synthConstruct } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

describe('DefaultVpcLockdown', () => {
  const { outdir, stack, synthesized } = synthConstruct((scope) => {
    new DefaultVpcLockdown(scope, 'default-vpc', {
      flowLog: { destination: FlowLogDestination.s3('arn:aws:s3:::example-flow-logs'), partition: 'aws', accountId: '123456789012', region: 'us-east-1' },
      tags: { Name: 'default (locked down)' },
    });
  }, 'default-vpc-lockdown');

  it('validates and plans', () => {
    expectValidAndPlannable(outdir);
  });

  it('adopts the default VPC without ever destroying it', () => {
    expect(synthesized).toHaveResourceWithProperties(DefaultVpc, { force_destroy: false, tags: { Name: 'default (locked down)' } });
  });

  it('removes every rule of the default security group and network ACL', () => {
    const group = onlyResource(stack, 'aws_default_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(group.vpc_id).toMatch(/^\$\{aws_default_vpc\.[\w-]+\.id\}$/);
    const acl = onlyResource(stack, 'aws_default_network_acl');
    expect(acl.ingress).toBeUndefined();
    expect(acl.egress).toBeUndefined();
    expect(acl.default_network_acl_id).toMatch(/^\$\{aws_default_vpc\.[\w-]+\.default_network_acl_id\}$/);
    expect(synthesized).toHaveResource(DefaultSecurityGroup);
    expect(synthesized).toHaveResource(DefaultNetworkAcl);
  });

  it('logs all of its traffic', () => {
    expect(synthesized).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL', log_destination_type: 's3', log_destination: 'arn:aws:s3:::example-flow-logs' });
  });
});
