import type { PolicyStatement } from '../iam/policy-document';
import { oneOrList } from '../core/lists';

export { accessLogDeliveryStatement } from '../storage/access-log-delivery';

/**
 * Denies every request to the bucket from principals outside the organisation. AWS services acting through their
 * own service principal (CloudTrail, Config, GuardDuty, S3 log delivery) are left to the statements that admit them,
 * each with its own source conditions.
 */
export function organizationOnlyStatement(bucketArn: string, organizationId: string): PolicyStatement {
  if (!/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
    throw new Error(`organizationOnlyStatement: ${JSON.stringify(organizationId)} is not an AWS Organizations id such as "o-a1b2c3d4e5"`);
  }
  return {
    Sid: 'DenyPrincipalsOutsideOrganization',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: {
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    },
  };
}

/** Accounts whose VPC flow logs may be delivered into the central flow-log bucket. */
export interface FlowLogDeliverySources {
  readonly partition: string;
  readonly accountIds: readonly string[];
}

/**
 * Lets the log delivery service write VPC flow logs of the organisation's accounts into the bucket (`AWSLogs/`), and
 * check the bucket's ACL, only on behalf of those accounts (`aws:SourceAccount`, `aws:SourceArn`).
 */
export function flowLogDeliveryStatements(bucketArn: string, sources: FlowLogDeliverySources): PolicyStatement[] {
  const sourceAccount = { 'aws:SourceAccount': oneOrList(sources.accountIds) };
  const sourceArn = { 'aws:SourceArn': oneOrList(sources.accountIds.map((id) => `arn:${sources.partition}:logs:*:${id}:*`)) };
  return [
    {
      Sid: 'FlowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/AWSLogs/*`,
      Condition: { StringEquals: { ...sourceAccount, 's3:x-amz-acl': 'bucket-owner-full-control' }, ArnLike: sourceArn },
    },
    {
      Sid: 'FlowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: sourceAccount, ArnLike: sourceArn },
    },
  ];
}
