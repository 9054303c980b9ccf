import { Construct } from 'constructs';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import type { AwsPartition } from '../../core/regions';
import { ValidationError } from '../../core/errors';
import type { PolicyStatement } from '../../iam/policy-document';
import type { KeyServiceGrant } from '../../kms';
import type { IGuardDutyDetector } from './detector';
import { oneOrList } from '../../core/lists';

export interface GuardDutyFindingsExportProps {
  /** The detector whose findings are exported (the administrator's, which holds every member's findings). */
  readonly detector: IGuardDutyDetector;
  /** The bucket's ARN (it may be in another account). */
  readonly bucketArn: string;
  /**
   * Key prefix in the bucket, without slashes at either end.
   * @default "guardduty"
   * Security: none; keeps exports apart from other data in the bucket.
   */
  readonly prefix?: string;
  /** ARN of the KMS key GuardDuty encrypts exports with (key ARN, not alias). */
  readonly kmsKeyArn: string;
}

/**
 * Exports a detector's findings to S3 (GuardDuty itself keeps findings only 90 days). The bucket needs
 * `guardDutyExportBucketStatements` and the key `guardDutyExportKeyGrant`.
 */
export class GuardDutyFindingsExport extends Construct {
  readonly resource: GuarddutyPublishingDestination;

  constructor(scope: Construct, id: string, props: GuardDutyFindingsExportProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'guardduty';
    if (!/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(prefix)) {
      throw new ValidationError(this, 'prefix', prefix, 'must be an S3 key prefix without leading or trailing "/", e.g. "guardduty"');
    }
    if (!/^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketArn)) {
      throw new ValidationError(this, 'bucketArn', props.bucketArn, 'must be an S3 bucket ARN such as "arn:aws:s3:::example-findings"');
    }
    this.resource = new GuarddutyPublishingDestination(this, 'Resource', {
      detectorId: props.detector.detectorId,
      destinationType: 'S3',
      destinationArn: `${props.bucketArn}/${prefix}`,
      kmsKeyArn: props.kmsKeyArn,
    });
  }
}

/** Who exports: the administrator account's detectors in the listed Regions. */
export interface GuardDutyExportSource {
  readonly partition: AwsPartition;
  /** The account whose detectors export (12 digits). */
  readonly accountId: string;
  /** Regions of those detectors. */
  readonly regions: readonly string[];
  /** Key prefix used by `GuardDutyFindingsExport`. @default "guardduty" */
  readonly prefix?: string;
}

function detectorArns(source: GuardDutyExportSource): string | string[] {
  return oneOrList(source.regions.map((region) => `arn:${source.partition}:guardduty:${region}:${source.accountId}:detector/*`));
}

/** Bucket policy statements that let GuardDuty of one account write exports under the prefix, and nothing else. */
export function guardDutyExportBucketStatements(bucketArn: string, source: GuardDutyExportSource): PolicyStatement[] {
  const condition = { StringEquals: { 'aws:SourceAccount': source.accountId }, ArnLike: { 'aws:SourceArn': detectorArns(source) } };
  return [
    {
      Sid: 'GuardDutyGetBucketLocation',
      Effect: 'Allow',
      Principal: { Service: 'guardduty.amazonaws.com' },
      Action: 's3:GetBucketLocation',
      Resource: bucketArn,
      Condition: condition,
    },
    {
      Sid: 'GuardDutyWritesFindings',
      Effect: 'Allow',
      Principal: { Service: 'guardduty.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/${source.prefix ?? 'guardduty'}/*`,
      Condition: condition,
    },
  ];
}

/** The key grant GuardDuty needs to encrypt exports: data keys only, only for the account's detectors. */
export function guardDutyExportKeyGrant(source: GuardDutyExportSource): KeyServiceGrant {
  return {
    sid: 'GuardDutyEncryptsFindingExports',
    principal: 'guardduty.amazonaws.com',
    actions: ['kms:GenerateDataKey'],
    conditions: { StringEquals: { 'aws:SourceAccount': source.accountId }, ArnLike: { 'aws:SourceArn': detectorArns(source) } },
  };
}
