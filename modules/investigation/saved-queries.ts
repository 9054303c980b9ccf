import { Construct } from 'constructs';
import { AthenaNamedQuery } from '@cdktf/provider-aws/lib/athena-named-query';
import { escapeForTerraform } from '../iam/policy';

/** A saved Athena query a responder starts an investigation with. */
export interface SavedQuery {
  /** Stable id (construct id and README anchor). */
  readonly id: string;
  /** Name shown in the Athena console. */
  readonly name: string;
  /** What it finds. */
  readonly description: string;
  /** SQL over the CloudTrail table; `{table}` is replaced by the table's name. */
  readonly sql: string;
}

/** The last 7 days of partitions (partition projection reads only these days). */
const LAST_WEEK = "date >= date_format(current_date - interval '7' day, '%Y/%m/%d')";

/** Security-service API calls that weaken the guardrails (the same services the guardrail SCP protects). */
const GUARDRAIL_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'organizations.amazonaws.com': ['AttachPolicy', 'DetachPolicy', 'UpdatePolicy', 'DeletePolicy', 'DisablePolicyType', 'LeaveOrganization'],
  'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors'],
  'guardduty.amazonaws.com': ['DeleteDetector', 'UpdateDetector', 'DisassociateFromAdministratorAccount', 'DeletePublishingDestination'],
  'config.amazonaws.com': ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigRule'],
  'securityhub.amazonaws.com': ['DisableSecurityHub', 'BatchDisableStandards', 'DisassociateFromAdministratorAccount'],
  'access-analyzer.amazonaws.com': ['DeleteAnalyzer'],
  's3.amazonaws.com': ['PutAccountPublicAccessBlock', 'DeleteAccountPublicAccessBlock'],
  'kms.amazonaws.com': ['ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy'],
};

function guardrailCondition(): string {
  return Object.entries(GUARDRAIL_EVENTS)
    .map(([source, names]) => `(eventsource = '${source}' AND eventname IN (${names.map((n) => `'${n}'`).join(', ')}))`)
    .join('\n    OR ');
}

export const SAVED_QUERIES: readonly SavedQuery[] = [
  {
    id: 'console-login-without-mfa',
    name: 'Console sign-ins without MFA (last 7 days)',
    description: 'Successful console sign-ins whose event says no MFA was used',
    sql: [
      'SELECT eventtime, account, region, useridentity.arn, sourceipaddress, useragent',
      'FROM {table}',
      "WHERE eventname = 'ConsoleLogin'",
      "  AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'",
      "  AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Success'",
      `  AND ${LAST_WEEK}`,
      'ORDER BY eventtime DESC',
      'LIMIT 1000',
    ].join('\n'),
  },
  {
    id: 'root-activity',
    name: 'Root user activity (last 7 days)',
    description: 'Every API call or sign-in by an account root user',
    sql: [
      'SELECT eventtime, account, region, eventsource, eventname, sourceipaddress, errorcode',
      'FROM {table}',
      "WHERE useridentity.type = 'Root'",
      "  AND eventtype <> 'AwsServiceEvent'",
      `  AND ${LAST_WEEK}`,
      'ORDER BY eventtime DESC',
      'LIMIT 1000',
    ].join('\n'),
  },
  {
    id: 'access-denied-bursts',
    name: 'Access denied bursts (last 7 days)',
    description: 'Principals with 20 or more denied calls in one hour: credential probing or a broken deployment',
    sql: [
      "SELECT useridentity.arn AS principal, account, date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hour, count(*) AS denied,",
      '       array_agg(DISTINCT eventname) AS calls',
      'FROM {table}',
      "WHERE errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')",
      `  AND ${LAST_WEEK}`,
      "GROUP BY useridentity.arn, account, date_trunc('hour', from_iso8601_timestamp(eventtime))",
      'HAVING count(*) >= 20',
      'ORDER BY denied DESC',
      'LIMIT 1000',
    ].join('\n'),
  },
  {
    id: 'guardrail-changes',
    name: 'Changes to the guardrails (last 7 days)',
    description: 'SCP changes and calls that stop or weaken CloudTrail, GuardDuty, Config, Security Hub, Access Analyzer, S3 Block Public Access or KMS keys',
    sql: [
      'SELECT eventtime, account, region, useridentity.arn, eventsource, eventname, errorcode, requestparameters',
      'FROM {table}',
      `WHERE ${LAST_WEEK}`,
      `  AND (${guardrailCondition()})`,
      'ORDER BY eventtime DESC',
      'LIMIT 1000',
    ].join('\n'),
  },
];

export interface SavedQueriesProps {
  readonly workgroupName: string;
  readonly databaseName: string;
  readonly tableName: string;
  /** The queries. @default SAVED_QUERIES */
  readonly queries?: readonly SavedQuery[];
}

/** The saved queries as Athena named queries in the investigation workgroup. */
export class SavedQueries extends Construct {
  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    for (const query of props.queries ?? SAVED_QUERIES) {
      new AthenaNamedQuery(this, query.id, {
        name: query.name,
        description: query.description,
        workgroup: props.workgroupName,
        database: props.databaseName,
        query: escapeForTerraform(query.sql.replace(/\{table\}/g, props.tableName)),
      });
    }
  }
}
