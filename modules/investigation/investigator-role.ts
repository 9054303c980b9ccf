import type { Construct } from 'constructs';
import type { AwsPartition } from '../core/regions';
import type { IManagedPolicy } from '../iam/managed-policy';
import { Policy } from '../iam/policy';
import { NamedSinglePolicyRole } from '../iam/role';
import { Statement } from '../iam/statement';
import { Trust } from '../iam/trust';

/** Where the investigator reads from and writes to. */
export interface InvestigatorAccess {
  readonly partition: AwsPartition;
  /** Account and Region of the workgroup, database and results. */
  readonly accountId: string;
  readonly region: string;
  readonly workgroupArn: string;
  readonly databaseName: string;
  readonly tableName: string;
  readonly resultsBucketArn: string;
  readonly resultsKeyArn: string;
  /** The organisation trail's bucket (log-archive account) and the prefix the organisation writes under. */
  readonly trailBucketArn: string;
  readonly organizationId: string;
  /** The trail key: account, Region and alias (the key ARN is not known outside its account). */
  readonly trailKey: { readonly accountId: string; readonly region: string; readonly aliasName: string };
}

/** Athena actions of a query's life cycle in one workgroup (no workgroup changes). */
export const INVESTIGATOR_ATHENA_ACTIONS = [
  'athena:BatchGetNamedQuery',
  'athena:BatchGetQueryExecution',
  'athena:GetNamedQuery',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetWorkGroup',
  'athena:ListNamedQueries',
  'athena:ListQueryExecutions',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
] as const;

/**
 * The investigator's identity policy: run queries in the one workgroup, read the one table's metadata, write and read
 * results in the results bucket with its key, read the trail's objects and decrypt them with the trail key (found by
 * alias, through S3 only). Nothing is writable outside the results prefix.
 */
export function investigatorPolicy(access: InvestigatorAccess): Policy {
  const glue = (resource: string) => `arn:${access.partition}:glue:${access.region}:${access.accountId}:${resource}`;
  return Policy.of(
    Statement.allow({ sid: 'QueryInWorkgroup', actions: [...INVESTIGATOR_ATHENA_ACTIONS], resources: [access.workgroupArn] }),
    Statement.allow({
      sid: 'ReadTableMetadata',
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
      resources: [glue('catalog'), glue(`database/${access.databaseName}`), glue(`table/${access.databaseName}/${access.tableName}`)],
    }),
    Statement.allow({ sid: 'ListResults', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [access.resultsBucketArn] }),
    Statement.allow({
      sid: 'WriteReadResults',
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [`${access.resultsBucketArn}/results/*`],
    }),
    Statement.allow({ sid: 'UseResultsKey', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [access.resultsKeyArn] }),
    Statement.allow({ sid: 'ListTrail', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [access.trailBucketArn] }),
    Statement.allow({ sid: 'ReadTrail', actions: ['s3:GetObject'], resources: [`${access.trailBucketArn}/AWSLogs/${access.organizationId}/*`] }),
    Statement.allow({
      sid: 'DecryptTrail',
      actions: ['kms:Decrypt'],
      resources: [`arn:${access.partition}:kms:${access.trailKey.region}:${access.trailKey.accountId}:key/*`],
      conditions: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': `alias/${access.trailKey.aliasName}` },
        StringEquals: { 'kms:ViaService': `s3.${access.trailKey.region}.amazonaws.com` },
      },
    }),
  );
}

export interface InvestigatorRoleProps {
  readonly roleName: string;
  readonly access: InvestigatorAccess;
  /**
   * ARN patterns of the people who may assume the role (e.g. an IAM Identity Center permission set's roles).
   * @default [] - any principal of the account whose own policy allows it
   * Security: narrows who can read the whole organisation's audit trail.
   */
  readonly principalArnPatterns?: readonly string[];
  /** The account's permissions boundary (people assume this role). */
  readonly permissionsBoundary: IManagedPolicy;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The role responders assume to query the organisation trail in Athena (read-only, one workgroup). */
export class InvestigatorRole extends NamedSinglePolicyRole {
  constructor(scope: Construct, id: string, props: InvestigatorRoleProps) {
    super(scope, id, {
      principal: Trust.account({ accountId: props.access.accountId, principalArnPatterns: props.principalArnPatterns }),
      policyName: 'investigate',
      policy: investigatorPolicy(props.access),
      roleName: props.roleName,
      description: 'Responders query the organisation trail in the investigation workgroup (read-only)',
      partition: props.access.partition,
      accountId: props.access.accountId,
      permissionsBoundary: props.permissionsBoundary,
      tags: props.tags,
    });
  }
}
