/** Physical names of what the log archive holds. Each is derived from plain values, so other stacks can name them. */
export interface LogArchiveNames {
  /** The CloudTrail bucket. */
  readonly trailBucket: string;
  /** The AWS Config bucket. */
  readonly configBucket: string;
  /** GuardDuty finding exports. */
  readonly findingsBucket: string;
  /** Central VPC flow logs. */
  readonly flowLogsBucket: string;
  /** S3 server access logs of the other buckets (logs go to a bucket in the same Region, hence the Region). */
  readonly accessLogsBucket: string;
  /** Key of the Config, findings and flow-log buckets, without `alias/`. */
  readonly securityLogsKeyAlias: string;
}

/**
 * The naming rule of the log archive: `<prefix>-<what>-<account id>` (bucket names are global, the account id makes
 * them unique per organisation), the access-log bucket also by Region.
 */
export function logArchiveNames(prefix: string, accountId: string, region: string): LogArchiveNames {
  return {
    trailBucket: `${prefix}-cloudtrail-${accountId}`,
    configBucket: `${prefix}-config-${accountId}`,
    findingsBucket: `${prefix}-findings-${accountId}`,
    flowLogsBucket: `${prefix}-flow-logs-${accountId}`,
    accessLogsBucket: `${prefix}-s3-logs-${accountId}-${region}`,
    securityLogsKeyAlias: `${prefix}/security-logs`,
  };
}
