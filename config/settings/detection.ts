import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { reportDuplicates, whenValid } from './refine';
import {
  CONFIG_RULE_NAME,
  CONFIG_SNAPSHOT_FREQUENCIES,
  CONFORMANCE_PACK_NAME,
  DEFAULT_MANAGED_RULES,
  MANAGED_RULE_IDENTIFIER,
} from '../../modules/detection/aws-config/managed-rules';
import { FINDING_PUBLISHING_FREQUENCIES, GUARDDUTY_SEVERITY_RANGE } from '../../modules/detection/guardduty/features';
import { AUDIT_LOG_RETENTION_DAYS, isAuditLogRetention } from '../../modules/core/retention';
import {
  DEFAULT_SECURITY_HUB_STANDARDS,
  SECURITY_CONTROL_ID,
  SECURITY_HUB_STANDARD_IDS,
} from '../../modules/detection/securityhub/standards';
import { IAM_ROLE_OR_ROOT_ARN } from '../../modules/core/arn-patterns';

/**
 * Detection settings (owned by the detection modules: alert routing, GuardDuty, CloudTrail, CIS alarms, AWS Config,
 * Security Hub, Inspector, Macie, the security contact). Strict objects: unknown keys are errors. Every service is on
 * by default except Macie (billed per object inspected), and every default is the secure choice; the alert
 * subscriptions come from the organisation's top-level `alerts` (emails and HTTPS endpoints).
 */

/** Project root: conformance pack template paths are relative to it, whatever the working folder. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const on = (fallback: boolean) => z.boolean({ error: 'must be true or false' }).default(fallback);

const reasonSchema = z
  .string({ error: 'must be a reason of at least 20 characters' })
  .refine((r) => r.trim().length >= 20, 'must say why in at least 20 characters (who decided, and what covers the risk instead)');

const iamPrincipalArnSchema = z
  .string({ error: 'must be an IAM role or account-root ARN, e.g. "arn:aws:iam::333333333333:role/security-auditor"' })
  .regex(
    IAM_ROLE_OR_ROOT_ARN,
    'must be an IAM role or account-root ARN without wildcards, e.g. "arn:aws:iam::333333333333:role/security-auditor"',
  );

const retentionMessage = `must be a retention CloudWatch Logs accepts that keeps logs at least a year: one of ${AUDIT_LOG_RETENTION_DAYS.join(', ')}`;
const auditRetentionSchema = z
  .number({ error: retentionMessage })
  .refine((d) => isAuditLogRetention(d), retentionMessage)
  .default(365);

/** Days of Object Lock on the trail bucket below which a written reason is needed. */
export const OBJECT_LOCK_FLOOR_DAYS = 365;

const severityMessage = `must be a GuardDuty severity from ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max} (7 = high and above, 4 = medium and above)`;

const alertsSchema = z.strictObject(
  {
    /** Name of the alert topic in the security account (every Region) and the management account (home Region). */
    topicName: z
      .string({ error: 'must be an SNS topic name, e.g. "example-security-alerts"' })
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic name (letters, digits, "-" and "_"), e.g. "example-security-alerts"')
      .optional(),
  },
  { error: 'must be a mapping, e.g. { topicName: example-security-alerts }' },
);

const guardDutySchema = z.strictObject(
  {
    /** A detector in every account and Region, administered from the security account. */
    enabled: on(true),
    /** How often updates of existing findings are published (new findings are always sent at once). */
    findingPublishingFrequency: z
      .enum(FINDING_PUBLISHING_FREQUENCIES, { error: `must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}` })
      .default('FIFTEEN_MINUTES'),
    /** Protection plans. */
    protection: z
      .strictObject(
        {
          s3DataEvents: on(true),
          eksAuditLogs: on(true),
          ebsMalwareProtection: on(true),
          rdsLoginEvents: on(true),
          lambdaNetworkLogs: on(true),
          /** Deploys GuardDuty's agent to EKS, ECS Fargate and EC2: opt in. */
          runtimeMonitoring: on(false),
        },
        { error: 'must be a mapping of protection plans to true/false, e.g. { runtimeMonitoring: true }' },
      )
      .prefault({}),
    /** Findings of this severity and above are sent to the alert topic (GuardDuty severities run 1 to 8.9). */
    alertMinimumSeverity: z
      .number({ error: severityMessage })
      .min(GUARDDUTY_SEVERITY_RANGE.min, severityMessage)
      .max(GUARDDUTY_SEVERITY_RANGE.max, severityMessage)
      .default(7),
    /** Which organisation accounts the security account enables GuardDuty for: all of them, or only new ones. */
    autoEnableOrganizationMembers: z.enum(['ALL', 'NEW'], { error: 'must be "ALL" or "NEW"' }).default('ALL'),
    /** Export findings to the log-archive findings bucket (GuardDuty keeps them only 90 days). */
    exportFindings: on(true),
  },
  { error: 'must be a mapping with the GuardDuty settings, e.g. { alertMinimumSeverity: 7 }' },
);

const cloudTrailSchema = z.strictObject(
  {
    /** The organisation trail, from the management account. */
    enabled: on(true),
    /** Trail name. Defaults to `<organisation name>-organization-trail`. */
    trailName: z
      .string({ error: 'must be a trail name, e.g. "example-organization-trail"' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, 'must be 3-128 letters, digits, ".", "_" or "-", starting with a letter or digit')
      .optional(),
    /** Days the trail's CloudWatch log group keeps events. */
    cloudWatchLogsRetentionDays: auditRetentionSchema,
    /** S3 object-level data events: CIS 3.8 asks for writes, 3.9 for reads. */
    s3DataEvents: z.enum(['all', 'write', 'read', 'none'], { error: 'must be "all", "write", "read" or "none"' }).default('all'),
    /** CloudTrail Insights (unusual API call and error rates); billed per event analysed. */
    insights: on(false),
    /** IAM roles (or account roots) that may decrypt the trail's log files, e.g. an investigation role. */
    logReaderArns: z.array(iamPrincipalArnSchema, { error: 'must be a list of IAM role ARNs' }).default([]),
    /** Object Lock on the log-archive CloudTrail, Config and flow-log buckets: nobody can delete a log before this many days. */
    objectLock: z
      .strictObject(
        {
          /**
           * COMPLIANCE (default): nobody, not even the account root, can delete or shorten a log's retention.
           * GOVERNANCE lets principals with s3:BypassGovernanceRetention do so, and needs governanceReason.
           */
          mode: z.enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be "GOVERNANCE" or "COMPLIANCE"' }).default('COMPLIANCE'),
          /** Why GOVERNANCE instead of COMPLIANCE (at least 20 characters); required with mode GOVERNANCE. */
          governanceReason: reasonSchema.optional(),
          retentionDays: z
            .number({ error: 'must be a whole number of days from 1 to 36500' })
            .int('must be a whole number of days from 1 to 36500')
            .min(1, 'must be a whole number of days from 1 to 36500')
            .max(36500, 'must be a whole number of days from 1 to 36500')
            .default(365),
          /** Why the lock may be shorter than the floor of OBJECT_LOCK_FLOOR_DAYS (at least 20 characters). */
          retentionBelowFloorReason: reasonSchema.optional(),
        },
        { error: 'must be a mapping, e.g. { mode: GOVERNANCE, retentionDays: 365 }' },
      )
      .check(
        whenValid((lock, ctx) => {
          if (lock.mode === 'GOVERNANCE' && lock.governanceReason === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['mode'],
              message:
                'is GOVERNANCE, which lets a principal with s3:BypassGovernanceRetention delete logs before their retention ends; use COMPLIANCE, or set governanceReason saying why (at least 20 characters)',
            });
          }
          if (lock.retentionDays < OBJECT_LOCK_FLOOR_DAYS && lock.retentionBelowFloorReason === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['retentionDays'],
              message: `is below the floor of ${OBJECT_LOCK_FLOOR_DAYS} days (a year of trail logs nobody can delete); raise it, or set retentionBelowFloorReason saying why (at least 20 characters)`,
            });
          }
        }),
      )
      .prefault({}),
  },
  { error: 'must be a mapping with the CloudTrail settings, e.g. { s3DataEvents: all }' },
);

const cisAlarmsSchema = z.strictObject(
  {
    /** CIS 4.1-4.15 metric filters and alarms on the trail's log group, sent to the alert topic. */
    enabled: on(true),
    /**
     * CIS 4.2 gives two patterns: every console sign-in without MFA (`all-sign-ins`), or only IAM users' successful
     * ones (`iam-users`, the benchmark's choice for organisations that sign in through SSO, where federated
     * sign-ins never carry MFA in the event and would alarm on every login).
     */
    consoleSignInWithoutMfa: z.enum(['iam-users', 'all-sign-ins'], { error: 'must be "iam-users" or "all-sign-ins"' }).default('iam-users'),
    /**
     * CIS 4.1: `corrected` groups the benchmark's four terms as intended; `benchmark-text` uses the v3.0 text
     * verbatim, whose OR-ed negations match nearly every event (see modules/detection/cis/patterns.ts).
     */
    unauthorizedApiCalls: z.enum(['corrected', 'benchmark-text'], { error: 'must be "corrected" or "benchmark-text"' }).default('corrected'),
  },
  { error: 'must be a mapping with the CIS alarm settings, e.g. { enabled: true }' },
);

const managedRuleSchema = z.strictObject(
  {
    name: z
      .string({ error: 'must be a rule name, e.g. "s3-bucket-logging-enabled"' })
      .regex(CONFIG_RULE_NAME, 'must be 1-128 letters, digits, "-" or "_", e.g. "s3-bucket-logging-enabled"'),
    identifier: z
      .string({ error: 'must be a managed rule identifier, e.g. "S3_BUCKET_LOGGING_ENABLED"' })
      .regex(MANAGED_RULE_IDENTIFIER, 'must be an AWS managed rule identifier in upper case, e.g. "S3_BUCKET_LOGGING_ENABLED"'),
    inputParameters: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'must be a mapping of parameter names to values' })
      .transform((params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])))
      .optional(),
    homeRegionOnly: on(false),
  },
  { error: 'must be a mapping with name and identifier (and optionally inputParameters, homeRegionOnly)' },
);

const conformancePackSchema = z.strictObject(
  {
    name: z
      .string({ error: 'must be a conformance pack name, e.g. "logging-essentials"' })
      .regex(CONFORMANCE_PACK_NAME, 'must start with a letter and be letters, digits and "-", e.g. "logging-essentials"'),
    /** YAML template, relative to the project root. */
    templateFile: z
      .string({ error: 'must be a path to a YAML template, e.g. "modules/detection/aws-config/templates/logging-essentials.yaml"' })
      .refine((file) => !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..'), 'must be a path inside the project, relative to its root')
      .refine((file) => fs.existsSync(path.join(PROJECT_ROOT, file)), { message: 'names no file (paths are relative to the project root)', abort: true })
      .refine((file) => fs.statSync(path.join(PROJECT_ROOT, file)).isFile(), 'is a folder, not a file; name the YAML template inside it'),
    /** Deploy only in the home Region. */
    homeRegionOnly: on(true),
  },
  { error: 'must be a mapping with name and templateFile' },
);

const awsConfigSchema = z.strictObject(
  {
    /** A recorder in every account and Region, delivering to the log-archive Config bucket. */
    enabled: on(true),
    /** Managed rules in every account (the default covers the guides' checks). */
    rules: z
      .array(managedRuleSchema, { error: 'must be a list of managed rules, each with name and identifier' })
      .default(() => DEFAULT_MANAGED_RULES.map((r) => ({ ...r, homeRegionOnly: r.homeRegionOnly ?? false })))
      .superRefine((rules, ctx) => {
        rules.forEach((rule, i) => {
          if (rules.findIndex((r) => r.name === rule.name) !== i) {
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${rule.name}" is used twice; rule names must be unique` });
          }
        });
      }),
    /** Conformance packs deployed in every account. */
    conformancePacks: z
      .array(conformancePackSchema, { error: 'must be a list of conformance packs' })
      .check(whenValid((packs, ctx) => reportDuplicates(packs, ctx, { path: (i) => [i, 'name'], key: (p) => p.name, what: 'conformance pack name' })))
      .default([]),
    /** How often configuration snapshots are delivered. */
    snapshotFrequency: z
      .enum(CONFIG_SNAPSHOT_FREQUENCIES, { error: `must be one of ${CONFIG_SNAPSHOT_FREQUENCIES.join(', ')}` })
      .default('TwentyFour_Hours'),
  },
  { error: 'must be a mapping with the AWS Config settings, e.g. { enabled: true }' },
);

const standardMessage = `must be a Security Hub standard: one of ${SECURITY_HUB_STANDARD_IDS.join(', ')}`;
const standardSchema = z.enum(SECURITY_HUB_STANDARD_IDS, { error: standardMessage });

const disabledControlSchema = z.strictObject(
  {
    /** The standard the control is disabled in. */
    standard: standardSchema,
    /** Security control id, e.g. "Macie.1". */
    controlId: z
      .string({ error: 'must be a Security Hub control id, e.g. "Macie.1"' })
      .regex(SECURITY_CONTROL_ID, 'must be a Security Hub control id such as "IAM.6" or "CloudTrail.1"'),
    /** Why: recorded in Security Hub with the control. */
    reason: reasonSchema,
  },
  { error: 'must be a mapping with standard, controlId and reason' },
);

const SEVERITY_LABELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

const securityHubSchema = z
  .strictObject(
    {
      /** Security Hub in every account and Region, administered from the security account. */
      enabled: on(true),
      /** Standards to subscribe to. */
      standards: z
        .array(standardSchema, { error: 'must be a list of standards' })
        .min(1, 'must list at least one standard')
        .default(() => [...DEFAULT_SECURITY_HUB_STANDARDS]),
      /** Controls turned off, each with the reason. */
      disabledControls: z
        .array(disabledControlSchema, { error: 'must be a list of { standard, controlId, reason }' })
        .check(
          whenValid((controls, ctx) =>
            reportDuplicates(controls, ctx, { path: (i) => [i, 'controlId'], key: (c) => `${c.standard} ${c.controlId}`, what: 'control' }),
          ),
        )
        .default([]),
      /** Finding severities routed to the alert topic. */
      alertSeverities: z
        .array(z.enum(SEVERITY_LABELS, { error: `must be one of ${SEVERITY_LABELS.join(', ')}` }))
        .min(1, 'must list at least one severity')
        .default(['CRITICAL', 'HIGH']),
      /** Aggregate every Region's findings into the home Region. */
      crossRegionAggregation: on(true),
    },
    { error: 'must be a mapping with the Security Hub settings, e.g. { standards: [...] }' },
  )
  .check(whenValid((value, ctx) => {
    value.standards.forEach((standard, i) => {
      if (value.standards.indexOf(standard) !== i) ctx.addIssue({ code: 'custom', path: ['standards', i], message: 'is listed twice' });
    });
    value.disabledControls.forEach((control, i) => {
      if (!value.standards.includes(control.standard)) {
        ctx.addIssue({
          code: 'custom',
          path: ['disabledControls', i, 'standard'],
          message: `is not in standards (${value.standards.join(', ')}); a control can only be disabled in a subscribed standard`,
        });
      }
    });
  }));

const inspectorSchema = z.strictObject(
  {
    /** Amazon Inspector for the organisation, from the security account. */
    enabled: on(true),
    ec2: on(true),
    ecr: on(true),
    lambda: on(true),
    /** Lambda code scanning (needs `lambda`). */
    lambdaCode: on(false),
  },
  { error: 'must be a mapping, e.g. { enabled: true, lambdaCode: true }' },
);

const macieSchema = z.strictObject(
  {
    /** Amazon Macie in every account and Region (billed per bucket and object inspected). */
    enabled: on(false),
    findingPublishingFrequency: z
      .enum(FINDING_PUBLISHING_FREQUENCIES, { error: `must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}` })
      .default('FIFTEEN_MINUTES'),
  },
  { error: 'must be a mapping, e.g. { enabled: true }' },
);

export const organizationDetectionSchema = z.strictObject(
  {
    alerts: alertsSchema.prefault({}),
    guardDuty: guardDutySchema.prefault({}),
    cloudTrail: cloudTrailSchema.prefault({}),
    cisAlarms: cisAlarmsSchema.prefault({}),
    config: awsConfigSchema.prefault({}),
    securityHub: securityHubSchema.prefault({}),
    inspector: inspectorSchema.prefault({}),
    macie: macieSchema.prefault({}),
    /** Register each account's `securityContact` as its SECURITY alternate contact (CIS 1.2). */
    securityContact: on(true),
  },
  { error: 'must be a mapping with the detection settings' },
);

const classificationJobSchema = z.strictObject(
  {
    /** Buckets of this account to classify. */
    bucketNames: z
      .array(
        z.string({ error: 'must be a bucket name' }).regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
        { error: 'must be a list of bucket names' },
      )
      .min(1, 'must list at least one bucket'),
    schedule: z.enum(['ONE_TIME', 'DAILY', 'WEEKLY', 'MONTHLY'], { error: 'must be "ONE_TIME", "DAILY", "WEEKLY" or "MONTHLY"' }).default('WEEKLY'),
    samplingPercentage: z
      .number({ error: 'must be a whole percentage from 1 to 100' })
      .int('must be a whole percentage from 1 to 100')
      .min(1, 'must be a whole percentage from 1 to 100')
      .max(100, 'must be a whole percentage from 1 to 100')
      .default(100),
  },
  { error: 'must be a mapping with bucketNames (and optionally schedule, samplingPercentage)' },
);

export const accountDetectionSchema = z.strictObject(
  {
    /** A Macie sensitive-data discovery job over named buckets of this account, in its home Region (needs detection.macie.enabled). */
    macieClassificationJob: classificationJobSchema.optional(),
  },
  { error: 'must be a mapping with the account detection settings' },
);

export type OrganizationDetectionSettings = z.output<typeof organizationDetectionSchema>;
export type AccountDetectionSettings = z.output<typeof accountDetectionSchema>;
