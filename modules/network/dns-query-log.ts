import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { ValidationError } from '../core/errors';
import { isAuditLogRetention } from '../core/retention';
import type { IEncryptionKey } from '../kms/key';

/** Where a VPC's DNS query logs go. */
export type DnsQueryLogDestination =
  | { readonly kind: 'cloud-watch-logs'; readonly encryptionKey: IEncryptionKey; readonly retentionDays?: number }
  | { readonly kind: 's3'; readonly bucketArn: string };

export interface DnsQueryLoggingProps {
  /** Name of the query log config (and log group suffix), e.g. `example-workload-prod-us-east-1`. */
  readonly name: string;
  /** The VPC whose Route 53 Resolver queries are logged. */
  readonly vpcId: string;
  /**
   * Destination: a log group under a customer-managed key (kept a year or more, kept on destroy), or an S3 bucket
   * such as the log-archive account's.
   * Security: query logs show which names a compromised host looked up (exfiltration, command and control).
   */
  readonly destination: DnsQueryLogDestination;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Log group name prefix of DNS query logs (the key grant of CloudWatch Logs is scoped to it). */
export const DNS_QUERY_LOG_GROUP_PREFIX = '/vpc-dns-queries/';

/** Route 53 Resolver query logging of a VPC. */
export class DnsQueryLogging extends Construct {
  readonly config: Route53ResolverQueryLogConfig;

  constructor(scope: Construct, id: string, props: DnsQueryLoggingProps) {
    super(scope, id);
    const destination = props.destination;
    let destinationArn: string;
    if (destination.kind === 's3') {
      destinationArn = destination.bucketArn;
    } else {
      const retention = destination.retentionDays ?? 365;
      if (!isAuditLogRetention(retention)) throw new ValidationError(this, 'destination.retentionDays', retention, 'must be a CloudWatch Logs retention of a year or more');
      destinationArn = new CloudwatchLogGroup(this, 'log-group', {
        name: `${DNS_QUERY_LOG_GROUP_PREFIX}${props.name}`,
        retentionInDays: retention,
        kmsKeyId: destination.encryptionKey.keyArn,
        skipDestroy: true,
        tags: props.tags,
      }).arn;
    }
    this.config = new Route53ResolverQueryLogConfig(this, 'Resource', { name: props.name, destinationArn, tags: { ...(props.tags ?? {}), Name: props.name } });
    new Route53ResolverQueryLogConfigAssociation(this, 'association', { resolverQueryLogConfigId: this.config.id, resourceId: props.vpcId });
  }
}
