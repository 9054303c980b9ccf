import { accountWithRole, type Account, type Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { logArchiveNames } from '../modules/log-archive/names';

/**
 * The one place where stacks name things. Stack names are stable API: they name the synthesized folder, the state
 * key and the HCP Terraform workspace. Physical names and ARNs are derived from config only, so every stack can name
 * another account's bucket, topic or trail without a cross-stack reference.
 */

/** `<account>-<region>` for the regional baseline. */
export function regionalStackName(account: Account, region: AwsRegion): string {
  return `${account.name}-${region}`;
}

/** `<account>-state-bootstrap` for the state bootstrap. */
export function bootstrapStackName(account: Account): string {
  return `${account.name}-state-bootstrap`;
}

/** The HCP Terraform workspace of a stack: `<prefix>-<account>-<region>` (the stack name carries account and Region). */
export function cloudWorkspaceName(org: Organization, stackName: string): string {
  const prefix = org.state.mode === 'cloud' ? (org.state.workspacePrefix ?? org.name) : org.name;
  return `${prefix}-${stackName}`;
}

/** Names of the s3-mode state resources in a holder account (bucket, key alias, lock table) and their Region. */
export function stateBackendNames(org: Organization, holder: Account) {
  const state = org.state as Extract<Organization['state'], { mode: 's3' }>;
  const region = state.region ?? org.homeRegion;
  const prefix = state.bucketPrefix ?? `${org.name}-tfstate`;
  return {
    bucketName: `${prefix}-${holder.id}-${region}`,
    region,
    keyAliasName: `${org.name}/terraform-state`,
    lockTableName: state.locking === 'dynamodb' ? `${prefix}-lock` : undefined,
  };
}

/** Prefix for physical names of organisation-wide resources. */
export function resourcePrefix(org: Organization): string {
  return org.name;
}

/** Names of the log archive (log-archive account, home Region). */
function organizationLogArchiveNames(org: Organization) {
  const logArchive = org.accounts.find((a) => a.role === 'log-archive');
  if (!logArchive) throw new Error('config rule bypassed at accounts'); // unreachable: schema crossFieldRules (exactly one log-archive account)
  return logArchiveNames(resourcePrefix(org), logArchive.id, org.homeRegion);
}

/** The organisation's central VPC flow-log bucket, in the log-archive account's home Region. */
export function centralFlowLogsBucketName(org: Organization): string {
  return organizationLogArchiveNames(org).flowLogsBucket;
}

/** Names of the detection resources: the log archive's buckets and key, and the detection services' own names. */
export function detectionNames(org: Organization) {
  return {
    alertTopic: org.detection.alerts.topicName ?? `${org.name}-security-alerts`,
    trail: org.detection.cloudTrail.trailName ?? `${org.name}-organization-trail`,
    /** The CloudTrail, Config, findings, flow-log and access-log buckets and their key (log-archive account, home Region). */
    ...organizationLogArchiveNames(org),
    configRecorderRole: (region: AwsRegion) => `${org.name}-config-recorder-${region}`,
    configPrefix: 'config',
    guardDutyPrefix: 'guardduty',
    aggregator: `${org.name}-organization`,
    guardDutyAlertRule: 'guardduty-findings-to-alerts',
    securityHubAlertRule: 'securityhub-findings-to-alerts',
  };
}

/** The alert topic's ARN in an account and Region (known from config). */
export function alertTopicArn(org: Organization, account: Account, region: AwsRegion): string {
  return `arn:${org.partition}:sns:${region}:${account.id}:${detectionNames(org).alertTopic}`;
}

/** The organisation trail's ARN (management account, home Region), known from config. */
export function trailArn(org: Organization): string {
  const management = accountWithRole(org, 'management');
  return `arn:${org.partition}:cloudtrail:${org.homeRegion}:${management.id}:trail/${detectionNames(org).trail}`;
}

/** Names of the network resources other stacks and tests refer to. */
export function networkNames(org: Organization, account: Account, region: AwsRegion) {
  return {
    vpc: `${account.name}-${region}`,
    hub: `${org.name}-${region}`,
    flowLogKeyAlias: `${org.name}/vpc-flow-logs`,
  };
}
