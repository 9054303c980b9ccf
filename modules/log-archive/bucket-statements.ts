import type { PolicyStatement } from '../iam/policy-document';

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

/** Who may deliver VPC flow logs into the central flow-log bucket: the accounts of one organisation. */
export interface FlowLogDeliverySources {
  readonly partition: string;
  /** The organisation (`o-...`) whose accounts' flow logs are delivered (`aws:SourceOrgID`). */
  readonly organizationId: string;
}

/**
 * Lets the log delivery service write VPC flow logs of the organisation's accounts into the bucket, each account only
 * under its own `AWSLogs/<account>/` prefix (the policy variable `${aws:SourceAccount}`), and check the bucket's ACL.
 * Pinned with `aws:SourceOrgID` and a policy variable, not a list of accounts: the policy is the same size for 5 or
 * 5,000 accounts, and account A's delivery cannot land in account B's prefix.
 */
export function flowLogDeliveryStatements(bucketArn: string, sources: FlowLogDeliverySources): PolicyStatement[] {
  const fromOrganization = { 'aws:SourceOrgID': sources.organizationId };
  // The delivery acts for a log resource of the source account (its own account in the ARN). StringLike, not ArnLike:
  // AWS substitutes policy variables in string comparisons.
  const sourceArn = { 'aws:SourceArn': `arn:${sources.partition}:logs:*:\${aws:SourceAccount}:*` };
  return [
    {
      Sid: 'FlowLogDeliveryWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/AWSLogs/\${aws:SourceAccount}/*`,
      Condition: { StringEquals: { ...fromOrganization, 's3:x-amz-acl': 'bucket-owner-full-control' }, StringLike: sourceArn },
    },
    {
      Sid: 'FlowLogDeliveryAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: { StringEquals: fromOrganization, StringLike: sourceArn },
    },
  ];
}
