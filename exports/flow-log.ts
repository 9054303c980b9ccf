import { FLOW_LOG_RETENTION_DAYS, FlowLogDestination, VpcFlowLog } from '../modules/network';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { KMS_KEY_ARN_REGEX, declareAccountId, declareTagsVariable, declareVpcId, hclList, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
const NAME_PLACEHOLDER = 'xexportflowlogx';

function build(stack: ModuleStack): void {
  const { partition, region } = providerContext(stack);
  declareAccountId(stack, 'the delivery role trusts VPC Flow Logs only for this account.');
  declareTagsVariable(stack);
  const vpcId = declareVpcId(stack, 'Id of an existing VPC to record ("vpc-..."). May be unknown until apply (a VPC of the same configuration). Flow logs are CIS 3.7.');
  stack.variable('name', {
    type: 'string',
    description: 'Name of the VPC in the log group "/vpc-flow-logs/<name>" and the delivery role: 1-48 letters, digits, ".", "_" or "-".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9._-]{1,48}$", var.name))', errorMessage: 'name must be 1-48 letters, digits, ".", "_" or "-".' }],
  });
  const key = stack.variable('kms_key_arn', {
    type: 'string',
    description: 'Customer-managed KMS key of the log group; its policy must let CloudWatch Logs use it for "/vpc-flow-logs/<name>" (kms-key module with cloudwatch_logs_log_group_name_pattern = "/vpc-flow-logs/*").',
    validation: [{ condition: `can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, var.kms_key_arn))`, errorMessage: 'kms_key_arn must be a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".' }],
  });
  const retention = stack.variable('retention_days', {
    type: 'number',
    description: `Days the log group keeps records: one of ${FLOW_LOG_RETENTION_DAYS.join(', ')}. Default 365: investigations need at least a year.`,
    default: 365,
    validation: [{ condition: `contains(${hclList(FLOW_LOG_RETENTION_DAYS)}, var.retention_days)`, errorMessage: `retention_days must be one of ${FLOW_LOG_RETENTION_DAYS.join(', ')} (at least a year).` }],
  });
  const traffic = stack.variable('traffic_type', {
    type: 'string',
    description: 'Which traffic is recorded: ALL, ACCEPT or REJECT. Default "ALL": accepted traffic is what an investigation needs most.',
    default: 'ALL',
    validation: [{ condition: 'contains(["ALL", "ACCEPT", "REJECT"], var.traffic_type)', errorMessage: 'traffic_type must be "ALL", "ACCEPT" or "REJECT".' }],
  });
  const interval = stack.variable('max_aggregation_interval', {
    type: 'number',
    description: 'Seconds per flow log record: 60 or 600. Default 60: finer timing for investigators.',
    default: 60,
    validation: [{ condition: 'contains([60, 600], var.max_aggregation_interval)', errorMessage: 'max_aggregation_interval must be 60 or 600.' }],
  });

  const flowLog = new VpcFlowLog(stack, 'this', {
    vpcId: vpcId,
    destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: { keyArn: key.stringValue, aliasArn: '' }, retentionDays: retention.numberValue }),
    trafficType: traffic.stringValue as 'ALL',
    maxAggregationIntervalSeconds: interval.numberValue as 60,
    partition,
    region,
    accountId: ACCOUNT_PLACEHOLDER,
    logGroupName: `/vpc-flow-logs/${NAME_PLACEHOLDER}`,
    tags: stack.moduleTags,
  });
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.name', 'substring');
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.forbid('xexport');

  stack.output('flow_log_id', flowLog.flowLogId, 'Id of the flow log.');
  stack.output('log_group_name', flowLog.logGroup!.name, 'Log group of the flow log records.');
  stack.output('iam_role_arn', flowLog.deliveryRole!.roleArn, 'Role VPC Flow Logs uses to write (only to that group, only for this account).');
}

export const flowLogModule: ModuleDefinition = {
  name: 'flow-log',
  title: 'VPC flow log to an encrypted CloudWatch Logs group',
  summary: `
A flow log for an existing VPC (\`VpcFlowLog\` of \`modules/network\`, CIS 3.7): all traffic by default, 60-second
records, to a KMS-encrypted log group kept at least a year (and kept when the module is destroyed), written by a role
that VPC Flow Logs of this account only may assume and that may only write to that group.
`,
  example: `
module "flow_log" {
  source = "../.."

  account_id  = "123456789012"
  vpc_id      = "vpc-0123456789abcdef0"
  name        = "legacy-prod"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

output "log_group_name" {
  value = module.flow_log.log_group_name
}
`,
  notes: ['For VPCs made outside the baseline; the vpc module has its own flow log. S3 destinations stay with the CDKTF construct.'],
  build,
};
