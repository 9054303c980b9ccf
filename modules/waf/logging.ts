import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import {
  Wafv2WebAclLoggingConfiguration,
  type Wafv2WebAclLoggingConfigurationLoggingFilter,
  type Wafv2WebAclLoggingConfigurationRedactedFields,
} from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import { EncryptionKey, type IEncryptionKey } from '../kms/key';
import { cloudWatchLogsKeyGrant } from '../kms/grants';
import type { IWebAcl } from './web-acl-ref';
import { AUDIT_LOG_RETENTION_DAYS, isAuditLogRetention } from '../core/retention';

/** WAF only delivers to log groups and buckets whose names start with this. */
export const WAF_LOG_NAME_PREFIX = 'aws-waf-logs-';

/** CloudWatch Logs retention values of a year or more (the service accepts only listed values). */
export const WAF_LOG_RETENTION_DAYS = AUDIT_LOG_RETENTION_DAYS;

/** Headers always redacted from WAF logs. */
export const ALWAYS_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/** Terminating or counting actions a log filter can keep. */
export type WafLogAction = 'ALLOW' | 'BLOCK' | 'COUNT' | 'CAPTCHA' | 'CHALLENGE' | 'EXCLUDED_AS_COUNT';
const LOG_ACTIONS: readonly WafLogAction[] = ['ALLOW', 'BLOCK', 'COUNT', 'CAPTCHA', 'CHALLENGE', 'EXCLUDED_AS_COUNT'];

/** Where WAF logs go. */
export type WafLogDestination =
  | {
      readonly type: 'cloudwatch-logs';
      /**
       * Log group name; must start with `aws-waf-logs-`.
       * @default `aws-waf-logs-<web ACL name>`
       * Security: none; WAF delivers only to that prefix.
       */
      readonly logGroupName?: string;
      /**
       * Retention of a year or more (365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days).
       * @default 365
       * Security: a year covers most investigations and audits (CIS, PCI DSS 10.5.1).
       */
      readonly retentionDays?: number;
      /**
       * Customer-managed key of the log group; its policy must let `logs.<region>.amazonaws.com` use it for this log
       * group (`cloudWatchLogsKeyGrant`).
       * @default - a dedicated key, whose policy grants CloudWatch Logs use for this log group only
       */
      readonly encryptionKey?: IEncryptionKey;
    }
  | {
      readonly type: 's3';
      /**
       * ARN of a bucket whose name starts with `aws-waf-logs-`. Its policy must let `delivery.logs.amazonaws.com`
       * write (the bucket's owner sets that up, e.g. with SecureBucket).
       */
      readonly bucketArn: string;
    };

export interface WebAclLoggingProps {
  /** The web ACL whose traffic is logged. */
  readonly webAcl: IWebAcl;
  /** Account of the web ACL (12 digits), for the log group ARN in the key policy. */
  readonly accountId: string;
  /** Partition of the account. */
  readonly partition: AwsPartition;
  /**
   * Where the logs go.
   * @default - a CloudWatch log group `aws-waf-logs-<acl>`, 365 days, encrypted with a dedicated key
   * Security: logs are the record the incident response starts from; they are always encrypted with a
   * customer-managed key or written to a bucket you control.
   */
  readonly destination?: WafLogDestination;
  /**
   * Further headers to redact (lower case); `authorization` and `cookie` are always redacted.
   * @default []
   * Security: redaction keeps credentials and session tokens out of logs that many people can read.
   */
  readonly redactedHeaders?: readonly string[];
  /**
   * Also redact the query string.
   * @default false
   * Security: turn on when query strings carry tokens or personal data.
   */
  readonly redactQueryString?: boolean;
  /**
   * Requests to keep, by the action taken; the rest are dropped.
   * @default ['BLOCK', 'COUNT']
   * Security: blocked and counted requests are what an investigation needs; logging every allowed request costs
   * more and spreads more personal data. Give every action to log all requests.
   */
  readonly keepActions?: readonly WafLogAction[];
  /**
   * Alias of the dedicated key (without `alias/`).
   * @default `waf-logs/<web ACL name>`
   * Security: none; the alias names the key in audits.
   */
  readonly keyAliasName?: string;
  /**
   * Tags of the log group and key.
   * @default {}
   * Security: none.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const LOG_GROUP_NAME = /^[\w./#-]{1,512}$/;
const WAF_LOG_BUCKET_ARN = /^arn:aws(-cn|-us-gov)?:s3:::aws-waf-logs-[a-z0-9][a-z0-9.-]{0,48}$/;

/**
 * Logging of a web ACL (`aws_wafv2_web_acl_logging_configuration`) to a CloudWatch log group encrypted with a
 * customer-managed key (retention of a year or more), or to an `aws-waf-logs-` bucket, with the `authorization`
 * and `cookie` headers redacted and a filter that keeps blocked and counted requests.
 *
 * WAF adds the log group's resource policy for `delivery.logs.amazonaws.com` itself when logging is enabled
 * (the deploying role needs `logs:PutResourcePolicy` and `logs:DescribeResourcePolicies`).
 */
export class WebAclLogging extends Construct {
  readonly resource: Wafv2WebAclLoggingConfiguration;
  /** The log group (CloudWatch destination). */
  readonly logGroup: CloudwatchLogGroup | undefined;
  /** The dedicated key (CloudWatch destination without `encryptionKey`). */
  readonly encryptionKey: EncryptionKey | undefined;
  /** ARN of the log destination. */
  readonly destinationArn: string;

  constructor(scope: Construct, id: string, props: WebAclLoggingProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.accountId) && !/^\d{12}$/.test(props.accountId)) {
      throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    }
    const destination: WafLogDestination = props.destination ?? { type: 'cloudwatch-logs' };
    const acl = props.webAcl;

    const extra = props.redactedHeaders ?? [];
    extra.forEach((header, i) => {
      if (!/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(header)) {
        throw new ValidationError(this, `redactedHeaders[${i}]`, header, 'must be a lower-case HTTP header name, e.g. "x-api-key"');
      }
    });
    const headers = [...ALWAYS_REDACTED_HEADERS, ...extra.filter((h) => !(ALWAYS_REDACTED_HEADERS as readonly string[]).includes(h))];
    const redactedFields: Wafv2WebAclLoggingConfigurationRedactedFields[] = [
      ...[...new Set(headers)].map((name) => ({ singleHeader: { name } })),
      ...(props.redactQueryString ? [{ queryString: {} }] : []),
    ];

    const keep = props.keepActions ?? ['BLOCK', 'COUNT'];
    if (keep.length === 0) throw new ValidationError(this, 'keepActions', keep, 'must keep at least one action; a filter that drops everything disables logging');
    keep.forEach((action, i) => {
      if (!LOG_ACTIONS.includes(action)) throw new ValidationError(this, `keepActions[${i}]`, action, `must be one of ${LOG_ACTIONS.join(', ')}`);
    });
    const keepsEverything = LOG_ACTIONS.every((a) => keep.includes(a));
    const loggingFilter: Wafv2WebAclLoggingConfigurationLoggingFilter | undefined = keepsEverything
      ? undefined
      : {
          defaultBehavior: 'DROP',
          filter: [
            {
              behavior: 'KEEP',
              requirement: 'MEETS_ANY',
              condition: [...new Set(keep)].map((action) => ({ actionCondition: { action } })),
            },
          ],
        };

    if (destination.type === 'cloudwatch-logs') {
      const logGroupName = destination.logGroupName ?? `${WAF_LOG_NAME_PREFIX}${acl.webAclName}`;
      if (!logGroupName.startsWith(WAF_LOG_NAME_PREFIX) || !LOG_GROUP_NAME.test(logGroupName)) {
        throw new ValidationError(this, 'destination.logGroupName', logGroupName, `must start with "${WAF_LOG_NAME_PREFIX}" (WAF delivers only there) and be at most 512 of letters, digits and "_-./#"`);
      }
      const retentionDays = destination.retentionDays ?? 365;
      if (!isAuditLogRetention(retentionDays)) {
        throw new ValidationError(this, 'destination.retentionDays', retentionDays, `must be a CloudWatch Logs retention of a year or more: ${WAF_LOG_RETENTION_DAYS.join(', ')}`);
      }
      const grant = cloudWatchLogsKeyGrant({ partition: props.partition, region: acl.region, accountId: props.accountId, logGroupNamePattern: logGroupName });
      this.encryptionKey = destination.encryptionKey
        ? undefined
        : new EncryptionKey(this, 'key', {
            accountId: props.accountId,
            partition: props.partition,
            region: acl.region,
            aliasName: props.keyAliasName ?? `waf-logs/${acl.webAclName}`,
            description: `Encrypts the WAF logs of web ACL ${acl.webAclName}`,
            serviceGrants: [grant],
            tags: props.tags,
          });
      const key = destination.encryptionKey ?? this.encryptionKey!;
      this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
        name: logGroupName,
        retentionInDays: retentionDays,
        kmsKeyId: key.keyArn,
        tags: props.tags ? { ...props.tags } : undefined,
      });
      this.destinationArn = this.logGroup.arn;
    } else {
      if (!Token.isUnresolved(destination.bucketArn) && !WAF_LOG_BUCKET_ARN.test(destination.bucketArn)) {
        throw new ValidationError(this, 'destination.bucketArn', destination.bucketArn, `must be the ARN of a bucket whose name starts with "${WAF_LOG_NAME_PREFIX}", e.g. "arn:aws:s3:::aws-waf-logs-example"`);
      }
      this.logGroup = undefined;
      this.encryptionKey = undefined;
      this.destinationArn = destination.bucketArn;
    }

    this.resource = new Wafv2WebAclLoggingConfiguration(this, 'Resource', {
      resourceArn: acl.webAclArn,
      logDestinationConfigs: [this.destinationArn],
      redactedFields,
      loggingFilter,
    });
  }
}
