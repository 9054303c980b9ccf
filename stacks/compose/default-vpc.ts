import { arn } from '../../modules/core/arn';
import { DefaultVpcLockdown, FlowLogDestination } from '../../modules/network';
import type { AccountBaselineStack } from '../baseline-stack';
import { centralFlowLogsBucketName } from '../naming';

/**
 * The account's default VPC in this Region, locked down (config `defaultVpcs`): adopted, its default security group and
 * network ACL without rules, its flow logs on, unless config says it was deleted here (the baseline never creates one).
 * Flow logs go to the S3 bucket of `network.flowLogs` when it names one, else to the log archive's flow-log bucket.
 */
export function composeDefaultVpc(stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const settings = org.defaultVpcs;
  if (!settings?.lockDown) return;
  if ((settings.deleted[account.name] ?? []).includes(region)) return;
  const flowLogs = org.network.flowLogs;
  const bucketArn = flowLogs.destination === 's3' ? flowLogs.s3BucketArn! : arn.bucket(org.partition, centralFlowLogsBucketName(org));
  new DefaultVpcLockdown(stack, 'default-vpc', {
    flowLog: {
      ...stack.accountContext,
      destination: FlowLogDestination.s3(bucketArn),
      trafficType: flowLogs.trafficType,
      maxAggregationIntervalSeconds: flowLogs.maxAggregationIntervalSeconds,
    },
    tags: { Name: `${org.name}-default-locked-down` },
  });
}
