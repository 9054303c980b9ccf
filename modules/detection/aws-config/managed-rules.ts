/** An AWS Config managed rule: its name in the account, the AWS identifier, parameters and where it runs. */
export interface ManagedRuleDefinition {
  /** Rule name in the account (letters, digits, `-` and `_`, up to 128). */
  readonly name: string;
  /** The managed rule's source identifier, e.g. `S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED`. */
  readonly identifier: string;
  /** The rule's parameters (the API takes them as a JSON object of strings). */
  readonly inputParameters?: Readonly<Record<string, string>>;
  /**
   * Evaluate only in the home Region: rules about account-wide settings (root MFA, the password policy, access keys,
   * multi-Region trails) give the same answer everywhere and would only repeat their findings per Region.
   */
  readonly homeRegionOnly?: boolean;
}

/**
 * The default rule set: the checks the guides recommend (S3 encryption and public access, RDS storage encryption,
 * CloudTrail on and multi-Region, root MFA, the IAM password policy, restricted SSH, VPC flow logs, encrypted
 * volumes, rotated access keys), with the CIS v3.0 thresholds where the benchmark gives one.
 */
export const DEFAULT_MANAGED_RULES: readonly ManagedRuleDefinition[] = [
  { name: 's3-bucket-server-side-encryption-enabled', identifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED' },
  { name: 's3-bucket-level-public-access-prohibited', identifier: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED' },
  { name: 'rds-storage-encrypted', identifier: 'RDS_STORAGE_ENCRYPTED' },
  { name: 'cloudtrail-enabled', identifier: 'CLOUD_TRAIL_ENABLED' },
  { name: 'multi-region-cloudtrail-enabled', identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED', homeRegionOnly: true },
  { name: 'root-account-mfa-enabled', identifier: 'ROOT_ACCOUNT_MFA_ENABLED', homeRegionOnly: true },
  {
    name: 'iam-password-policy',
    identifier: 'IAM_PASSWORD_POLICY',
    // CIS 1.8 (length 14) and 1.9 (no reuse of the last 24).
    inputParameters: { MinimumPasswordLength: '14', PasswordReusePrevention: '24' },
    homeRegionOnly: true,
  },
  { name: 'restricted-ssh', identifier: 'INCOMING_SSH_DISABLED' },
  { name: 'vpc-flow-logs-enabled', identifier: 'VPC_FLOW_LOGS_ENABLED' },
  { name: 'encrypted-volumes', identifier: 'ENCRYPTED_VOLUMES' },
  // CIS 1.14: access keys rotated every 90 days or less.
  { name: 'access-keys-rotated', identifier: 'ACCESS_KEYS_ROTATED', inputParameters: { maxAccessKeyAge: '90' }, homeRegionOnly: true },
];

/** Config rule names: letters, digits, `-` and `_`, 1 to 128. */
export const CONFIG_RULE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Managed rule identifiers are upper-case words joined by `_`. */
export const MANAGED_RULE_IDENTIFIER = /^[A-Z0-9]+(_[A-Z0-9]+)*$/;
/** Conformance pack names: a letter, then letters, digits and `-`, up to 256. */
export const CONFORMANCE_PACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,255}$/;

/** How often Config delivers configuration snapshots. */
export const CONFIG_SNAPSHOT_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours'] as const;
export type ConfigSnapshotFrequency = (typeof CONFIG_SNAPSHOT_FREQUENCIES)[number];
