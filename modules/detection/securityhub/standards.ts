import type { AwsPartition } from '../../core/regions';

/**
 * Security Hub standards the baseline can subscribe to, by the id that appears in their ARN
 * (`arn:<partition>:securityhub:<region>::standards/<id>`). Standard ARNs are Regional; CIS 1.2.0 is the one
 * exception, a global `ruleset` ARN.
 */
export const SECURITY_HUB_STANDARD_IDS = [
  'aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark/v/3.0.0',
  'cis-aws-foundations-benchmark/v/1.4.0',
  'cis-aws-foundations-benchmark/v/1.2.0',
  'nist-800-53/v/5.0.0',
  'pci-dss/v/3.2.1',
  'pci-dss/v/4.0.1',
  'aws-resource-tagging-standard/v/1.0.0',
] as const;

export type SecurityHubStandardId = (typeof SECURITY_HUB_STANDARD_IDS)[number];

/** AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0.0. */
export const DEFAULT_SECURITY_HUB_STANDARDS: readonly SecurityHubStandardId[] = [
  'aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark/v/3.0.0',
];

export function isSecurityHubStandardId(id: string): id is SecurityHubStandardId {
  return (SECURITY_HUB_STANDARD_IDS as readonly string[]).includes(id);
}

/** The standard's ARN in a Region (what `aws_securityhub_standards_subscription` takes). */
export function securityHubStandardArn(partition: AwsPartition, region: string, id: SecurityHubStandardId): string {
  if (id === 'cis-aws-foundations-benchmark/v/1.2.0') return `arn:${partition}:securityhub:::ruleset/${id}`;
  return `arn:${partition}:securityhub:${region}::standards/${id}`;
}

/** Security control ids as Security Hub names them: `IAM.6`, `CloudTrail.1`, `EC2.19`. */
export const SECURITY_CONTROL_ID = /^[A-Za-z][A-Za-z0-9]*\.\d{1,3}$/;
