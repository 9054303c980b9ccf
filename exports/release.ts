/**
 * The release of the HCL modules under terraform-modules/. Cut a release: bump MODULES_VERSION, add a CHANGELOG entry
 * on top, run `npm run export-modules`, commit, tag `v<MODULES_VERSION>`. Callers pin `?ref=v<MODULES_VERSION>`.
 */
export const MODULES_VERSION = '0.3.0';

/** Where the repository is published; the README `source` lines use it. */
export const MODULES_GIT_URL = 'git::https://github.com/example-org/aws-security-baseline-cdktf.git';

/** One release: version and what changed for callers (breaking changes first). */
export interface ChangelogEntry {
  readonly version: string;
  readonly changes: readonly string[];
}

/** Newest first. */
export const CHANGELOG: readonly ChangelogEntry[] = [
  {
    version: '0.3.0',
    changes: [
      'BREAKING: iam-role takes `trust = { services, accounts, saml_provider_arns }` (the trust builders of modules/iam/trust.ts: services on behalf of account_id, account principals with external id / MFA / ARN patterns, SAML federation) instead of `service_principals`; `service_principals = [...]` becomes `trust = { services = [...] }`. The role\'s address is unchanged.',
      'Service principals follow the calling provider\'s partition: global principals come from data.aws_service_principal (the provider\'s own table: most services keep amazonaws.com in China), regional names and endpoints take data.aws_partition.current.dns_suffix, endpoint service names get the cn. prefix in aws-cn. Plans in the commercial partition are unchanged apart from the new data sources.',
      'New modules: interface-endpoints, transit-gateway, transit-gateway-attachment, secret, waf-web-acl, guardduty-organization, organization-policies (guardrail SCPs and the RCP data perimeter), from the same constructs and rules.',
      'examples/hcl-estate applies on the emulator (`npm run apply:emulator:hcl`) and re-plans clean; its access-log bucket now has the log-delivery policy S3 requires before it turns logging on.',
    ],
  },
  {
    version: '0.2.0',
    changes: [
      'BREAKING: modules take the Region and partition from the calling provider (data sources aws_region and aws_partition); the `region` and `partition` inputs are gone, so a module can no longer be told a Region its provider does not use.',
      'BREAKING: resource addresses are readable and stable (`aws_kms_key.this`, `aws_s3_bucket.this`, `aws_s3_bucket_logging.this_access_logging`, ...) instead of cdktf logical ids; state of 0.1.0 needs `moved` blocks (terraform-modules/README.md).',
      'BREAKING: secure-bucket takes `access_logging = { enabled, target_bucket, prefix, disabled_reason }` (one object, so its rules are checked together and `count` depends only on the known `enabled` flag; a target bucket created in the same apply works).',
      'BREAKING: kms-key takes `principals = { administrator_arns, user_arns }` (the overlap rule is checked with the lists); vpc requires `availability_zones` (no more assumed a/b/c zones).',
      'Every module declares `required_version` (versions.tf) and has examples/complete; the tree is committed under terraform-modules/ so `git::...//terraform-modules/<name>?ref=v0.2.0` works.',
      'New modules exported from the same constructs (see terraform-modules/README.md).',
    ],
  },
  { version: '0.1.0', changes: ['First export: kms-key, secure-bucket, vpc, guardduty-alerts (written to build/, not published).'] },
];
