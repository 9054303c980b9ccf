import { z } from 'zod';
import { ALL_REGIONS } from '../regions';

/**
 * Adoption settings: what already exists in an account (per account and Region) or in the organisation, so that synth
 * emits Terraform `import` blocks for it and the first plan shows imports instead of creates that would fail with
 * "already exists". Every id has the shape AWS gives it; a name that would force a replacement (the recorder, the
 * delivery channel, the analyzer, the trail) is taken from the existing resource, so an import never becomes a
 * replacement. Existing SCPs are never imported (that would overwrite them): the config only counts them per target.
 */

/** GuardDuty detector ids: 32 lower-case hex characters (`aws guardduty list-detectors`). */
export const GUARDDUTY_DETECTOR_ID = /^[0-9a-f]{32}$/;
/** AWS Config recorder and delivery channel names: 1-256 characters, not only blanks. */
export const CONFIG_RESOURCE_NAME = /^(?=.*\S)[^\s][ -~]{0,255}$/;
/** IAM Access Analyzer names: a letter first, then letters, digits, ".", "_" and "-", up to 255. */
export const ACCESS_ANALYZER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;
/** CloudTrail trail names: 3-128 letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;

const yes = z.boolean({ error: 'must be true or false' }).default(false);

const adoptRegionSchema = z.strictObject(
  {
    /** The existing GuardDuty detector's id (`aws guardduty list-detectors --region <r>`). */
    guardDutyDetectorId: z
      .string({ error: 'must be a GuardDuty detector id in quotes, e.g. "12abc34d567e8fa901bc2d34e56789f0"' })
      .regex(GUARDDUTY_DETECTOR_ID, 'must be 32 lower-case hex characters, as `aws guardduty list-detectors` prints it, e.g. "12abc34d567e8fa901bc2d34e56789f0"')
      .optional(),
    /** The existing Config recorder's name (`aws configservice describe-configuration-recorders`); usually "default". */
    configRecorderName: z
      .string({ error: 'must be a Config recorder name, e.g. "default"' })
      .regex(CONFIG_RESOURCE_NAME, 'must be 1-256 printable characters, as `aws configservice describe-configuration-recorders` prints it, e.g. "default"')
      .optional(),
    /** The existing delivery channel's name (`aws configservice describe-delivery-channels`); needs configRecorderName. */
    configDeliveryChannelName: z
      .string({ error: 'must be a Config delivery channel name, e.g. "default"' })
      .regex(CONFIG_RESOURCE_NAME, 'must be 1-256 printable characters, as `aws configservice describe-delivery-channels` prints it, e.g. "default"')
      .optional(),
    /** Security Hub is already enabled here (`aws securityhub describe-hub` answers). */
    securityHub: yes,
    /** The existing account analyzer's name (`aws accessanalyzer list-analyzers --type ACCOUNT`): it keeps that name. */
    accessAnalyzerName: z
      .string({ error: 'must be an Access Analyzer name, e.g. "ConsoleAnalyzer-1a2b3c"' })
      .regex(ACCESS_ANALYZER_NAME, 'must start with a letter and be letters, digits, ".", "_" or "-" (up to 255), e.g. "ConsoleAnalyzer-1a2b3c"')
      .optional(),
    /** EBS encryption by default is already managed here (`aws ec2 get-ebs-encryption-by-default`). */
    ebsEncryptionByDefault: yes,
  },
  { error: 'must be a mapping of what exists in this Region, e.g. { guardDutyDetectorId: "12abc...", securityHub: true }' },
);

const adoptRegionsSchema = z
  .record(z.string(), adoptRegionSchema, { error: 'must be a mapping of Region codes to what exists there, e.g. { us-east-1: { securityHub: true } }' })
  .superRefine((regions, ctx) => {
    for (const region of Object.keys(regions)) {
      if (!(ALL_REGIONS as readonly string[]).includes(region)) {
        ctx.addIssue({ code: 'custom', path: [region], message: 'is not a known AWS Region; use a Region code such as "us-east-1" as the key' });
      }
    }
  });

export const accountAdoptionSchema = z.strictObject(
  {
    /** The account password policy exists (`aws iam get-account-password-policy` answers): it is imported and then set to the baseline's. */
    passwordPolicy: yes,
    /** The account-level S3 Block Public Access exists (`aws s3control get-public-access-block --account-id <id>`). */
    s3AccountPublicAccessBlock: yes,
    /**
     * The organisation trail exists in this (management) account under `detection.cloudTrail.trailName`
     * (`aws cloudtrail describe-trails`): it is imported and then pointed at the baseline's bucket and log group.
     */
    trail: yes,
    /** What exists per Region. */
    regions: adoptRegionsSchema.default({}),
  },
  { error: 'must be a mapping of what already exists in this account, e.g. { passwordPolicy: true, regions: { us-east-1: { ... } } }' },
);

const existingScpsSchema = z.strictObject(
  {
    /** "root", an OU id ("ou-..."), an account id, or the name of an account in accounts. */
    target: z
      .string({ error: 'must be "root", an OU id such as "ou-ab12-cdef3456", an account id or an account name' })
      .min(1, 'must not be empty'),
    /** SCPs already attached to the target and not managed by the baseline, FullAWSAccess included (1-5). */
    attached: z
      .number({ error: 'must be a whole number of SCPs from 1 to 5 (FullAWSAccess counts)' })
      .int('must be a whole number of SCPs from 1 to 5 (FullAWSAccess counts)')
      .min(1, 'must be a whole number of SCPs from 1 to 5 (FullAWSAccess counts)')
      .max(5, 'must be a whole number of SCPs from 1 to 5 (FullAWSAccess counts)'),
  },
  { error: 'must be a mapping with target and attached, e.g. { target: root, attached: 2 }' },
);

const adoptOrganizationSchema = z.strictObject(
  {
    /** Import the organisation (`aws organizations describe-organization`; its id is `organizationId`) into the management stack. */
    enabled: yes,
    /**
     * Service principals with trusted access today that the baseline does not need but must keep
     * (`aws organizations list-aws-service-access-for-organization`): the adopted organisation's list is the
     * baseline's plus these, so nothing enabled today is turned off.
     */
    keepServicePrincipals: z
      .array(
        z.string({ error: 'must be a service principal, e.g. "sso.amazonaws.com"' }).regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, 'must be a service principal, e.g. "sso.amazonaws.com"'),
        { error: 'must be a list of service principals, e.g. [sso.amazonaws.com]' },
      )
      .default([]),
  },
  { error: 'must be a mapping, e.g. { enabled: true, keepServicePrincipals: [sso.amazonaws.com] }' },
);

/** Organisation-level adoption (top-level `adoption`). */
export const adoptionSchema = z.strictObject(
  {
    /** The organisation itself (opt-in). */
    organization: adoptOrganizationSchema.prefault({}),
    /** SCPs already attached per target (never imported); synth checks AWS's 5-per-target limit with them counted. */
    existingServiceControlPolicies: z
      .array(existingScpsSchema, { error: 'must be a list of { target, attached }' })
      .default([]),
  },
  { error: 'must be a mapping with organization and/or existingServiceControlPolicies' },
);

export type AccountAdoptionSettings = z.output<typeof accountAdoptionSchema>;
export type AdoptRegionSettings = z.output<typeof adoptRegionSchema>;
export type AdoptionSettings = z.output<typeof adoptionSchema>;
