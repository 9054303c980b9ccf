/**
 * Which AWS provider `endpoints` key serves each resource or data source type the stacks use, so the emulator
 * rewrite can point exactly those services at the emulator. A type with no entry fails the rewrite by name: a new
 * type is mapped here (or the emulator would silently send it to AWS, where the proxy refuses it).
 */

/** Longest-prefix table: type prefix (after `aws_`) -> provider endpoint keys. */
const SERVICE_BY_PREFIX: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['accessanalyzer_', ['accessanalyzer']],
  ['account_', ['account']],
  ['athena_', ['athena']],
  ['budgets_', ['budgets']],
  ['ce_', ['ce']],
  ['cloudtrail', ['cloudtrail']],
  ['cloudwatch_event_', ['events']],
  ['cloudwatch_log_', ['logs']],
  ['cloudwatch_metric_alarm', ['cloudwatch']],
  ['config_', ['configservice']],
  ['default_network_acl', ['ec2']],
  ['default_security_group', ['ec2']],
  ['dynamodb_', ['dynamodb']],
  ['ebs_', ['ec2']],
  ['ec2_', ['ec2']],
  ['eip', ['ec2']],
  ['flow_log', ['ec2']],
  ['glue_', ['glue']],
  ['guardduty_', ['guardduty']],
  ['iam_', ['iam']],
  ['inspector2_', ['inspector2']],
  ['internet_gateway', ['ec2']],
  ['kms_', ['kms']],
  ['lambda_', ['lambda']],
  ['lb', ['elbv2']],
  ['nat_gateway', ['ec2']],
  ['network_acl', ['ec2']],
  ['networkfirewall_', ['networkfirewall']],
  ['organizations_', ['organizations']],
  ['ram_', ['ram']],
  ['route', ['ec2']],
  ['route53_resolver_', ['route53resolver']],
  ['s3_account_public_access_block', ['s3control']],
  ['s3_', ['s3']],
  ['secretsmanager_', ['secretsmanager']],
  ['security_group', ['ec2']],
  ['securityhub_', ['securityhub']],
  ['sns_', ['sns']],
  ['sqs_', ['sqs']],
  ['ssm_', ['ssm']],
  ['ssoadmin_', ['ssoadmin']],
  ['subnet', ['ec2']],
  ['vpc', ['ec2']],
  ['wafv2_', ['wafv2']],
  // data sources that need no service call
  ['caller_identity', ['sts']],
  ['partition', []],
  ['region', []],
  ['service_principal', []],
  ['iam_policy_document', []],
];

/** Services every rewritten provider needs whatever its resources: role assumption and the account check. */
export const ALWAYS_EMULATED_SERVICES: readonly string[] = ['sts', 'iam'];

/** Endpoint keys serving `type` (`aws_kms_key` -> `kms`); throws for a type with no entry. */
export function servicesFor(type: string): readonly string[] {
  if (!type.startsWith('aws_')) return [];
  const rest = type.slice(4);
  let best: readonly [string, readonly string[]] | undefined;
  for (const entry of SERVICE_BY_PREFIX) {
    if (rest.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  if (!best) {
    throw new Error(`emulator rewrite: no provider endpoint known for ${type}; add its service to scripts/lib/terraform/emulator-services.ts`);
  }
  return best[1];
}
