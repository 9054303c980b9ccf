import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import { Policy, Statement, singlePolicyRole, type Role } from '../iam';
import type { IEncryptionKey } from '../kms/key';
import { AUDIT_LOG_RETENTION_DAYS, isAuditLogRetention } from '../core/retention';

/** CloudWatch Logs retention values of a year or more (what flow logs may use). */
export const FLOW_LOG_RETENTION_DAYS = AUDIT_LOG_RETENTION_DAYS;

/** Where flow log records go. */
export class FlowLogDestination {
  /**
   * A CloudWatch Logs log group made for the VPC, encrypted with `encryptionKey` and kept `retentionDays` (365 or
   * more; default 365). The key must let CloudWatch Logs use it (see `cloudWatchLogsKeyGrant`).
   */
  static cloudWatchLogs(options: { readonly encryptionKey: IEncryptionKey; readonly retentionDays?: number }): FlowLogDestination {
    return new FlowLogDestination('cloud-watch-logs', options.encryptionKey, options.retentionDays ?? 365, undefined);
  }

  /** An S3 bucket (e.g. the log-archive bucket), optionally with a prefix: `arn:aws:s3:::bucket/prefix`. */
  static s3(bucketArn: string): FlowLogDestination {
    return new FlowLogDestination('s3', undefined, undefined, bucketArn);
  }

  private constructor(
    readonly kind: 'cloud-watch-logs' | 's3',
    readonly encryptionKey: IEncryptionKey | undefined,
    readonly retentionDays: number | undefined,
    readonly bucketArn: string | undefined,
  ) {}
}

export interface VpcFlowLogProps {
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;
  /**
   * Where the records go.
   * Security: CloudWatch destinations are encrypted with a customer-managed key and kept at least a year.
   */
  readonly destination: FlowLogDestination;
  /**
   * Which traffic is recorded.
   * @default 'ALL'
   * Security: accepted traffic is what an investigation needs most (what an intruder reached); REJECT alone misses it.
   */
  readonly trafficType?: 'ALL' | 'ACCEPT' | 'REJECT';
  /**
   * Seconds over which packets are aggregated into a record (60 or 600).
   * @default 60
   * Security: shorter windows give investigators finer timing.
   */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  /** Partition of the account. */
  readonly partition: AwsPartition;
  /** Account of the VPC (confused-deputy condition of the delivery role, log group ARNs). */
  readonly accountId: string;
  /** Region of the VPC. */
  readonly region: string;
  /**
   * Log group name (CloudWatch destination only).
   * @default - `/vpc-flow-logs/<construct id>`
   * Security: no effect.
   */
  readonly logGroupName?: string;
  /** Tags for the flow log, log group and role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPC flow log. To CloudWatch Logs: a dedicated log group (customer-managed key, retention of a year or more,
 * kept when the stack is destroyed) and a delivery role that may only write to that group and that only the VPC
 * Flow Logs service, acting for this account, may assume. To S3: straight to the bucket (no role needed; the bucket
 * policy grants the log delivery service), as hourly Parquet partitions.
 */
export class VpcFlowLog extends Construct {
  readonly resource: FlowLog;
  readonly flowLogId: string;
  /** The log group (CloudWatch destination only). */
  readonly logGroup: CloudwatchLogGroup | undefined;
  /** The delivery role (CloudWatch destination only). */
  readonly deliveryRole: Role | undefined;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const trafficType = props.trafficType ?? 'ALL';
    const interval = props.maxAggregationIntervalSeconds ?? 60;
    if (!Token.isUnresolved(interval) && interval !== 60 && interval !== 600) {
      throw new ValidationError(this, 'maxAggregationIntervalSeconds', interval, 'must be 60 or 600');
    }
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    const common = { vpcId: props.vpcId, trafficType, maxAggregationInterval: interval, tags };
    const destination = props.destination;

    if (destination.kind === 's3') {
      const bucketArn = destination.bucketArn!;
      if (!Token.isUnresolved(bucketArn) && !/^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(bucketArn)) {
        throw new ValidationError(this, 'destination', bucketArn, 'must be an S3 bucket ARN such as "arn:aws:s3:::example-logs" (optionally with "/prefix")');
      }
      this.resource = new FlowLog(this, 'Resource', {
        ...common,
        logDestinationType: 's3',
        logDestination: bucketArn,
        destinationOptions: { fileFormat: 'parquet', hiveCompatiblePartitions: true, perHourPartition: true },
      });
      this.logGroup = undefined;
      this.deliveryRole = undefined;
    } else {
      const retentionDays = destination.retentionDays!;
      if (!Token.isUnresolved(retentionDays) && !isAuditLogRetention(retentionDays)) {
        throw new ValidationError(this, 'destination.retentionDays', retentionDays, `must be one of ${FLOW_LOG_RETENTION_DAYS.join(', ')} (at least a year)`);
      }
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        name: props.logGroupName ?? `/vpc-flow-logs/${id}`,
        kmsKeyId: destination.encryptionKey!.keyArn,
        retentionInDays: retentionDays,
        skipDestroy: true,
        tags,
      });
      const logGroupArn = this.logGroup.arn;
      this.deliveryRole = singlePolicyRole(this, 'delivery-role', {
        principal: 'vpc-flow-logs.amazonaws.com',
        policyName: 'deliver-flow-logs',
        policy: Policy.of(
          Statement.allow({
            sid: 'WriteThisLogGroupOnly',
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            resources: [logGroupArn, `${logGroupArn}:*`],
          }),
        ),
        description: 'VPC Flow Logs delivers records to one log group',
        partition: props.partition,
        accountId: props.accountId,
        tags,
      });
      this.resource = new FlowLog(this, 'Resource', {
        ...common,
        logDestinationType: 'cloud-watch-logs',
        logDestination: logGroupArn,
        iamRoleArn: this.deliveryRole.roleArn,
      });
    }
    this.flowLogId = this.resource.id;
  }
}
