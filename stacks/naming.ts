import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';

/**
 * Stack names are stable API: they name the synthesized folder, the state key and the HCP Terraform workspace.
 * `<account>-<region>` for the regional baseline, `<account>-state-bootstrap` for the state bootstrap.
 */
export function regionalStackName(account: Account, region: AwsRegion): string {
  return `${account.name}-${region}`;
}

export function bootstrapStackName(account: Account): string {
  return `${account.name}-state-bootstrap`;
}

/** Prefix for physical names of organisation-wide resources. */
export function resourcePrefix(org: Organization): string {
  return org.name;
}

/** The organisation's central VPC flow-log bucket, in the log-archive account's home Region. */
export function centralFlowLogsBucketName(org: Organization): string {
  const logArchive = org.accounts.find((a) => a.role === 'log-archive');
  if (!logArchive) throw new Error('config rule bypassed at accounts'); // unreachable: schema crossFieldRules (exactly one log-archive account)
  return `${org.name}-flow-logs-${logArchive.id}`;
}
