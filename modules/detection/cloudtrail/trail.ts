import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Cloudtrail, type CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { arn } from '../../core/arn';
import { ValidationError } from '../../core/errors';
import { Policy, Role, Statement, Trust } from '../../iam';
import { renderPolicy } from '../../iam/policy-document';
import { EncryptionKey, cloudWatchLogsKeyGrant } from '../../kms';
import { AUDIT_LOG_RETENTION_DAYS, isAuditLogRetention } from '../../core/retention';
import type { AccountContext } from '../../core/account-context';

/** Which S3 object-level (data) events the trail records: CIS 3.8 asks for writes, 3.9 for reads. */
export type S3DataEvents = 'all' | 'write' | 'read' | 'none';

/** What alarms and readers need from a trail. */
export interface ITrail {
  readonly trailArn: string;
  readonly trailName: string;
  /** The CloudWatch log group the trail delivers to (for metric filters). */
  readonly logGroupName: string;
}

/**
 * `accountId` owns the trail (the management account for an organisation trail); `region` is its home Region, where
 * the trail, its key and its log group live.
 */
export interface TrailProps extends AccountContext {
  /** Trail name (3-128 letters, digits, `.`, `_`, `-`). */
  readonly trailName: string;
  /** The bucket log files go to (usually in the log-archive account; it needs `cloudTrailBucketStatements`). */
  readonly bucketName: string;
  /**
   * Record every account of the organisation (only from the management account or CloudTrail's delegated admin).
   * @default true
   * Security: one trail no member account can stop or change.
   */
  readonly organizationTrail?: boolean;
  /**
   * Days the CloudWatch log group keeps events: a retention CloudWatch Logs accepts, at least 365.
   * @default 365
   * Security: investigations often start months after the event.
   */
  readonly cloudWatchLogsRetentionDays?: number;
  /**
   * S3 object-level events recorded, for every bucket except the trail's own (whose writes would log themselves).
   * @default "all"
   * Security: CIS 3.8/3.9; shows who read or changed which object, at a cost per event.
   */
  readonly s3DataEvents?: S3DataEvents;
  /**
   * More bucket ARNs left out of data events (high-volume buckets).
   * @default []
   * Security: each exclusion is a bucket whose object access goes unrecorded.
   */
  readonly excludeDataEventBucketArns?: readonly string[];
  /**
   * CloudTrail Insights on API call and error rates.
   * @default false
   * Security: flags unusual bursts (credential misuse, enumeration); billed per event analysed.
   */
  readonly insights?: boolean;
  /**
   * IAM principals (role or account-root ARNs) allowed to decrypt the log files, e.g. an investigation role.
   * @default [] - only principals of the trail's account, through IAM policies
   * Security: reading logs is a named, reviewable permission.
   */
  readonly logReaderArns?: readonly string[];
  /**
   * Publish a notice to an SNS topic (encrypted with the trail key) for every log file delivered, for SIEM ingestion.
   * @default true
   * Security: lets consumers pick up logs within minutes instead of polling the bucket.
   */
  readonly deliveryNotifications?: boolean;
  /**
   * Days before a scheduled deletion of the trail key takes effect (7-30).
   * @default 30
   * Security: a deleted key makes every log file unreadable; the longest window leaves time to notice.
   */
  readonly keyDeletionWindowDays?: number;
  /** Alias of the trail key, without `alias/`. @default "cloudtrail/<trailName>" */
  readonly keyAliasName?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A multi-Region trail with global service events and log file validation, encrypted with its own customer-managed
 * key (CloudTrail may use it only for this trail), delivering to S3 and to an encrypted CloudWatch log group through a
 * role that may only write that group's streams, with selectable S3 data events and optional Insights.
 */
export class Trail extends Construct implements ITrail {
  readonly resource: Cloudtrail;
  readonly key: EncryptionKey;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: Role;
  readonly trailArn: string;
  readonly trailName: string;
  readonly logGroupName: string;
  /** ARN of the log group (without the `:*` suffix). */
  readonly logGroupArn: string;
  readonly deliveryTopic: SnsTopic | undefined;

  constructor(scope: Construct, id: string, props: TrailProps) {
    super(scope, id);
    validate(this, props);
    const { partition, accountId, region } = props;
    this.trailName = props.trailName;
    this.trailArn = `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${props.trailName}`;
    this.logGroupName = `/aws/cloudtrail/${props.trailName}`;
    this.logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${this.logGroupName}`;
    const deliveryNotifications = props.deliveryNotifications ?? true;
    const fromThisTrail = { 'aws:SourceArn': this.trailArn };

    this.key = new EncryptionKey(this, 'Key', {
      accountId,
      partition,
      region,
      aliasName: props.keyAliasName ?? `cloudtrail/${props.trailName}`,
      description: `Encrypts the ${props.trailName} trail's log files and log group`,
      deletionWindowDays: props.keyDeletionWindowDays,
      userArns: props.logReaderArns,
      serviceGrants: [
        {
          sid: 'CloudTrailEncryptsThisTrail',
          principal: 'cloudtrail.amazonaws.com',
          actions: ['kms:GenerateDataKey*'],
          conditions: {
            StringEquals: fromThisTrail,
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${accountId}:trail/${props.trailName}` },
          },
        },
        { sid: 'CloudTrailDescribesKey', principal: 'cloudtrail.amazonaws.com', actions: ['kms:DescribeKey'], conditions: { StringEquals: fromThisTrail } },
        ...(deliveryNotifications
          ? [{ sid: 'CloudTrailPublishesDeliveryNotices', principal: 'cloudtrail.amazonaws.com', actions: ['kms:GenerateDataKey*', 'kms:Decrypt'], conditions: { StringEquals: fromThisTrail } }]
          : []),
        cloudWatchLogsKeyGrant({ partition, region, accountId, logGroupNamePattern: this.logGroupName }),
      ],
      tags: props.tags,
    });

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: this.logGroupName,
      retentionInDays: props.cloudWatchLogsRetentionDays ?? 365,
      kmsKeyId: this.key.keyArn,
      tags: props.tags ? { ...props.tags } : undefined,
    });

    this.role = new Role(this, 'LogsRole', {
      roleName: `${props.trailName}-cloudwatch-logs`.slice(0, 64),
      description: `Lets CloudTrail write the ${props.trailName} trail to its log group`,
      partition,
      accountId,
      trust: [Trust.service('cloudtrail.amazonaws.com', { sourceAccount: accountId })],
      inlinePolicies: {
        'write-trail-log-group': Policy.of(
          Statement.allow({
            sid: 'WriteTrailLogStreams',
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [`${this.logGroupArn}:log-stream:*`],
          }),
        ),
      },
      tags: props.tags,
    });

    if (deliveryNotifications) {
      this.deliveryTopic = new SnsTopic(this, 'DeliveryTopic', {
        name: `${props.trailName}-log-delivery`.slice(0, 256),
        kmsMasterKeyId: this.key.keyArn,
        tags: props.tags ? { ...props.tags } : undefined,
      });
      new SnsTopicPolicy(this, 'DeliveryTopicPolicy', {
        arn: this.deliveryTopic.arn,
        policy: renderPolicy([
          {
            Sid: 'CloudTrailPublishesDeliveryNotices',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: `arn:${partition}:sns:${region}:${accountId}:${props.trailName}-log-delivery`,
            Condition: { StringEquals: fromThisTrail },
          },
        ]),
      });
    }

    const bucketArn = arn.bucket(partition, props.bucketName);
    this.resource = new Cloudtrail(this, 'Resource', {
      name: props.trailName,
      s3BucketName: props.bucketName,
      isOrganizationTrail: props.organizationTrail ?? true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.keyArn,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.role.roleArn,
      snsTopicName: this.deliveryTopic?.name,
      advancedEventSelector: eventSelectors(props.s3DataEvents ?? 'all', [bucketArn, ...(props.excludeDataEventBucketArns ?? [])]),
      insightSelector: props.insights ? [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }] : undefined,
      tags: props.tags ? { ...props.tags } : undefined,
      // CloudTrail checks at create time that it can assume the role and write the group.
      dependsOn: [this.role.resource, ...roleInlinePolicies(this.role), this.logGroup],
    });
  }
}

/** The role's inline policy resources (the trail must wait for them, not only for the role). */
function roleInlinePolicies(role: Role): ITerraformDependable[] {
  return role.node.children.filter((child): child is IamRolePolicy => child instanceof IamRolePolicy);
}

/** Every management event (read and write: CIS 3.1), plus the chosen S3 object-level events. */
export function eventSelectors(s3DataEvents: S3DataEvents, excludedBucketArns: readonly string[]): CloudtrailAdvancedEventSelector[] {
  const selectors: CloudtrailAdvancedEventSelector[] = [
    { name: 'All management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
  ];
  if (s3DataEvents !== 'none') {
    selectors.push({
      name: `S3 object-level ${s3DataEvents === 'all' ? 'read and write' : s3DataEvents} events`,
      fieldSelector: [
        { field: 'eventCategory', equalTo: ['Data'] },
        { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
        ...(s3DataEvents === 'all' ? [] : [{ field: 'readOnly', equalTo: [s3DataEvents === 'read' ? 'true' : 'false'] }]),
        { field: 'resources.ARN', notStartsWith: excludedBucketArns.map((b) => `${b}/`) },
      ],
    });
  }
  return selectors;
}

function validate(scope: Construct, props: TrailProps): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(props.trailName)) {
    throw new ValidationError(scope, 'trailName', props.trailName, 'must be 3-128 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(scope, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName)) {
    throw new ValidationError(scope, 'bucketName', props.bucketName, 'must be an S3 bucket name (3-63 lower-case letters, digits, "." or "-")');
  }
  const retention = props.cloudWatchLogsRetentionDays ?? 365;
  if (!isAuditLogRetention(retention)) {
    throw new ValidationError(
      scope,
      'cloudWatchLogsRetentionDays',
      retention,
      `must be a retention CloudWatch Logs accepts and at least 365 days: one of ${AUDIT_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }
  const dataEvents = props.s3DataEvents ?? 'all';
  if (!['all', 'write', 'read', 'none'].includes(dataEvents)) {
    throw new ValidationError(scope, 's3DataEvents', dataEvents, 'must be "all", "write", "read" or "none"');
  }
}
