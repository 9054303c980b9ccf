import { z } from 'zod';
import { ALL_REGIONS, PARTITIONS, partitionOfRegion, type AwsPartition, type AwsRegion } from './regions';
import { accountIdentitySchema, organizationIdentitySchema } from './settings/identity';
import { accountDataProtectionSchema, organizationDataProtectionSchema } from './settings/data-protection';
import { accountNetworkSchema, organizationNetworkProblems, organizationNetworkSchema } from './settings/network';
import { accountWafSchema, organizationWafSchema } from './settings/waf';
import { accountDetectionSchema, organizationDetectionSchema } from './settings/detection';
import { organizationPoliciesSchema } from './settings/organization-policies';
import { defaultVpcsSchema } from './settings/default-vpcs';
import { accountAdoptionSchema, adoptionSchema } from './settings/adoption';
import { controlTowerSchema } from './settings/control-tower';
import { accountCostSchema, organizationCostSchema, organizationResponseSchema } from './settings/response';
import { edgeProtectionSchema } from './settings/edge-protection';

/**
 * The organisation config schema. It is the single place where input is checked: everything after
 * `loadOrganization` receives typed, normalised values. Unknown keys are errors everywhere
 * (`strictObject`), so a misspelt security setting can never be silently ignored.
 */

const KEBAB_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

export const regionSchema = z.enum(ALL_REGIONS, {
  error: (issue) =>
    issue.input === undefined
      ? 'is required: a Region code such as "us-east-1" or "eu-west-1"'
      : 'is not a known AWS Region; use a Region code such as "us-east-1" or "eu-west-1"',
});

const regionListSchema = z
  .array(regionSchema, { error: 'must be a list of Region codes, e.g. [us-east-1, eu-west-1]' })
  .min(1, 'must list at least one Region');

const accountIdSchema = z
  .string({ error: 'must be a 12-digit AWS account id in quotes, e.g. "123456789012"' })
  .regex(/^\d{12}$/, 'must be exactly 12 digits, e.g. "123456789012" (quote it so leading zeros survive)');

const nameSchema = (what: string, max: number, example: string) =>
  z
    .string({ error: `must be a ${what} (lower-case letters, digits and hyphens), e.g. "${example}"` })
    .min(2, `must be 2 to ${max} characters, e.g. "${example}"`)
    .max(max, `must be 2 to ${max} characters, e.g. "${example}"`)
    .regex(KEBAB_NAME, `must be lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen, e.g. "${example}"`);

const emailSchema = z.email({ error: 'must be an email address, e.g. "security@example.com"' });

const httpsUrlSchema = z
  // `abort`: a value that is not a URL at all gets one problem, not also the https one below.
  .url({ error: 'must be an https:// URL, e.g. "https://hooks.example.com/aws-alerts"', abort: true })
  .refine(
    (value) => value.startsWith('https://'),
    'must use https:// so alerts are not sent in clear text, e.g. "https://hooks.example.com/aws-alerts"',
  );

const tagMapSchema = z.record(
  z
    .string()
    .min(1, 'tag keys must not be empty')
    .max(128, 'tag keys are at most 128 characters')
    .refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys must not start with "aws:" (reserved by AWS); use another prefix'),
  z
    .string({ error: 'tag values must be strings (quote numbers and booleans), e.g. "prod"' })
    .max(256, 'tag values are at most 256 characters'),
  { error: 'must be a mapping of tag keys to string values, e.g. { owner: platform-security }' },
);

export const ACCOUNT_ROLES = ['management', 'log-archive', 'security', 'network', 'workload'] as const;

const PHONE_MESSAGE = 'must be an international phone number starting with "+", e.g. "+44 20 7946 0000"';

const securityContactSchema = z.strictObject(
  {
    /** Person or team that AWS contacts about security issues (CIS 1.2). */
    name: z
      .string({ error: 'must be the name of the security contact, e.g. "Security Operations"' })
      .refine((name) => name.trim().length > 0, 'must not be empty or only spaces; give the person or team, e.g. "Security Operations"'),
    title: z
      .string({ error: 'must be a job title, e.g. "Security"' })
      .refine((title) => title.trim().length > 0, 'must not be empty or only spaces, e.g. "Security"')
      .default('Security'),
    email: emailSchema,
    phone: z.string({ error: `${PHONE_MESSAGE} (in quotes)` }).regex(/^\+[0-9 ()-]{6,}$/, PHONE_MESSAGE),
  },
  { error: 'must be a mapping with name, email and phone (and optionally title) of the security contact' },
);

const daysSchema = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number of days from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

const baselineKeySettingsSchema = z.strictObject(
  {
    /** Days AWS waits before deleting the key once deletion is scheduled (7-30). */
    deletionWindowDays: daysSchema(7, 30, 30),
    /** Days between automatic rotations of the key material (90-2560). */
    rotationPeriodDays: daysSchema(90, 2560, 365),
  },
  { error: 'must be a mapping with deletionWindowDays and/or rotationPeriodDays' },
);

const accountSchema = z.strictObject(
  {
    id: accountIdSchema,
    name: nameSchema('short account name used in stack names', 32, 'workload-prod'),
    role: z.enum(ACCOUNT_ROLES, {
      error: `must be one of ${ACCOUNT_ROLES.map((r) => `"${r}"`).join(', ')}`,
    }),
    securityContact: securityContactSchema,
    /** Regions this account runs in; defaults to every allowed Region. */
    regions: regionListSchema.optional(),
    /** Tags added to every resource of this account, over the organisation's default tags. */
    tags: tagMapSchema.default({}),
    /** The account's baseline KMS key. */
    baselineKey: baselineKeySettingsSchema.default({ deletionWindowDays: 30, rotationPeriodDays: 365 }),
    /** Identity settings of this account (see config/settings/identity.ts). */
    identity: accountIdentitySchema.prefault({}),
    /** Data-protection settings of this account (see config/settings/data-protection.ts). */
    dataProtection: accountDataProtectionSchema.prefault({}),
    /** Network settings of this account (see config/settings/network.ts). */
    network: accountNetworkSchema.prefault({}),
    /** WAF settings of this account (see config/settings/waf.ts). */
    waf: accountWafSchema.prefault({}),
    /** Detection settings of this account (see config/settings/detection.ts). */
    detection: accountDetectionSchema.prefault({}),
    /** What already exists in this account and is imported, not created (see config/settings/adoption.ts). */
    adopt: accountAdoptionSchema.prefault({}),
    /** Cost settings of this account (see config/settings/response.ts). */
    cost: accountCostSchema.prefault({}),
  },
  { error: 'must be a mapping with id, name, role and securityContact of an account' },
);

const localStateSchema = z.strictObject({
  mode: z.literal('local'),
  /** Folder for state files, relative to the project root. Kept outside cdktf.out so a clean synth never deletes state. */
  directory: z
    .string({ error: 'must be a relative folder path such as "terraform-state"' })
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a relative folder path such as "terraform-state"')
    .refine((dir) => !dir.split('/').includes('..'), 'must stay inside the project (no "..")')
    .default('terraform-state'),
});

const s3StateSchema = z.strictObject({
  mode: z.literal('s3'),
  /** `per-account`: each account keeps its state in its own bucket; `central`: one bucket in `centralAccount`. */
  layout: z.enum(['per-account', 'central'], { error: 'must be "per-account" or "central"' }).default('per-account'),
  /** Name of the account that holds the central state bucket (layout `central` only). */
  centralAccount: z.string({ error: 'must be the name of an account in accounts, e.g. "log-archive"' }).optional(),
  /** Bucket names are `<bucketPrefix>-<account id>-<region>`. Defaults to `<organisation name>-tfstate`. */
  bucketPrefix: nameSchema('bucket name prefix', 24, 'example-tfstate').optional(),
  /** Region of the state buckets; defaults to the home Region. */
  region: regionSchema.optional(),
  /** `lockfile`: S3-native lock files (Terraform 1.10+); `dynamodb`: a lock table per state bucket. */
  locking: z.enum(['lockfile', 'dynamodb'], { error: 'must be "lockfile" or "dynamodb"' }).default('lockfile'),
  /** Role assumed in the state account to read and write state; defaults to the deploy role. */
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name').optional(),
});

const cloudStateSchema = z.strictObject({
  mode: z.literal('cloud'),
  /** HCP Terraform / Terraform Cloud organisation. */
  organization: z
    .string({ error: 'must be an HCP Terraform organisation name, e.g. "example-org"' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an HCP Terraform organisation name (letters, digits, _ and -, up to 64), e.g. "example-org"'),
  hostname: z.string().regex(/^[a-z0-9.-]+$/, 'must be a host name such as "app.terraform.io"').default('app.terraform.io'),
  /** HCP Terraform project that holds the workspaces. */
  project: z
    .string({ error: 'must be an HCP Terraform project name, e.g. "Default Project"' })
    .regex(/^[A-Za-z0-9 _-]{1,40}$/, 'must be an HCP Terraform project name (letters, digits, spaces, _ and -, up to 40), e.g. "Default Project"')
    .optional(),
  /** Workspaces are named `<workspacePrefix>-<account>-<region>-<stack>`; defaults to the organisation name. */
  workspacePrefix: nameSchema('workspace name prefix', 32, 'example').optional(),
});

export const stateSchema = z.discriminatedUnion('mode', [localStateSchema, s3StateSchema, cloudStateSchema], {
  error: (issue) =>
    issue.input !== null && typeof issue.input === 'object'
      ? 'must be "local", "s3" or "cloud"'
      : 'must be a mapping with a mode ("local", "s3" or "cloud"), e.g. { mode: local }',
});

const alertsSchema = z.strictObject(
  {
    /** Email addresses subscribed to security alert topics (each must confirm the subscription). */
    emails: z.array(emailSchema, { error: 'must be a list of email addresses, e.g. [security@example.com]' }).default([]),
    /** HTTPS endpoints (chat webhooks, incident tools) subscribed to the alert topics. */
    httpsEndpoints: z
      .array(httpsUrlSchema, { error: 'must be a list of https:// URLs, e.g. [https://hooks.example.com/aws-alerts]' })
      .default([]),
  },
  { error: 'must be a mapping with emails and/or httpsEndpoints lists' },
);

export const organizationSchema = z
  .strictObject(
    {
      /** Short organisation name, used in resource and stack names. */
      name: nameSchema('short organisation name', 24, 'example'),
      /** AWS Organizations id, used in `aws:PrincipalOrgID` conditions. */
      organizationId: z
        .string({ error: 'must be an AWS Organizations id such as "o-a1b2c3d4e5"' })
        .regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id such as "o-a1b2c3d4e5"'),
      partition: z.enum(PARTITIONS, { error: `must be one of ${PARTITIONS.join(', ')}` }).default('aws'),
      homeRegion: regionSchema,
      allowedRegions: regionListSchema,
      /** Role the baseline assumes in every account to deploy. */
      deployRoleName: z
        .string({ error: 'must be an IAM role name, e.g. "OrganizationAccountAccessRole"' })
        .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (letters, digits and +=,.@_-, up to 64)')
        .default('OrganizationAccountAccessRole'),
      defaultTags: tagMapSchema.default({}),
      alerts: alertsSchema.default({ emails: [], httpsEndpoints: [] }),
      state: stateSchema.default({ mode: 'local', directory: 'terraform-state' }),
      accounts: z
        .array(accountSchema, { error: 'must be a list of accounts, each with id, name, role and securityContact' })
        .min(1, 'must list at least the management, log-archive and security accounts'),
      /** Organisation-wide identity settings (see config/settings/identity.ts). */
      identity: organizationIdentitySchema.prefault({}),
      /** Organisation-wide data-protection settings (see config/settings/data-protection.ts). */
      dataProtection: organizationDataProtectionSchema.prefault({}),
      /** Organisation-wide network settings (see config/settings/network.ts). */
      network: organizationNetworkSchema.prefault({}),
      /** Organisation-wide WAF settings (see config/settings/waf.ts). */
      waf: organizationWafSchema.prefault({}),
      /** Organisation-wide detection settings (see config/settings/detection.ts). */
      detection: organizationDetectionSchema.prefault({}),
      /** RCPs, tag and EC2 declarative policies, more SCPs, custom policies (see config/settings/organization-policies.ts); omit for none. */
      organizationPolicies: organizationPoliciesSchema.optional(),
      /** Default VPCs locked down in every account and Region (see config/settings/default-vpcs.ts); omit to leave them alone. */
      defaultVpcs: defaultVpcsSchema.optional(),
      /** The organisation and its existing SCPs, for an estate adopted as it is (see config/settings/adoption.ts). */
      adoption: adoptionSchema.prefault({}),
      /** Control Tower mode (see config/settings/control-tower.ts). */
      controlTower: controlTowerSchema.optional(),
      /** Incident response: remediation, containment, quarantine, investigation (see config/settings/response.ts). */
      response: organizationResponseSchema.prefault({}),
      /** Cost guardrails: budgets, anomaly detection, cost-allocation tags (see config/settings/response.ts). */
      cost: organizationCostSchema.prefault({}),
      /** Firewall Manager and Shield Advanced, off by default (see config/settings/edge-protection.ts). */
      edgeProtection: edgeProtectionSchema.prefault({}),
    },
    {
      error:
        'must be a mapping with the organisation settings (name, organizationId, homeRegion, allowedRegions, accounts, ...); ' +
        'see config/example-organization.yaml',
    },
  )
  .check(crossFieldRules());

/**
 * Rules that relate several fields. zod skips refinements once any field has a type error or an unknown key, which
 * would hide these problems until the others are fixed; `when` makes them run whenever the config is an object, so
 * one run reports everything. The value may therefore be only partly valid: every rule checks the types it relies on
 * and leaves malformed fields to the problems already reported for them.
 */
function crossFieldRules() {
  const check = z.superRefine((value: unknown, ctx) => {
    if (!isRecord(value)) return;
    const allowedList = Array.isArray(value.allowedRegions) ? value.allowedRegions.filter(isRegion) : undefined;
    const allowed = new Set<string>(allowedList ?? []);
    const allowedText = (allowedList ?? []).join(', ');

    if (allowedList && isRegion(value.homeRegion) && !allowed.has(value.homeRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['homeRegion'],
        message: `must be one of allowedRegions (${allowedText}); add it there or choose another home Region`,
      });
    }
    const partition = (PARTITIONS as readonly unknown[]).includes(value.partition) ? (value.partition as AwsPartition) : undefined;
    if (Array.isArray(value.allowedRegions)) {
      const regions: unknown[] = value.allowedRegions;
      regions.forEach((region, i) => {
        if (!isRegion(region)) return;
        if (regions.indexOf(region) !== i) {
          ctx.addIssue({ code: 'custom', path: ['allowedRegions', i], message: 'is listed twice; list each Region once' });
        }
        if (partition && partitionOfRegion(region) !== partition) {
          ctx.addIssue({
            code: 'custom',
            path: ['allowedRegions', i],
            message: `belongs to partition ${partitionOfRegion(region)}, not ${partition}; set partition or remove the Region`,
          });
        }
      });
    }

    const accounts = Array.isArray(value.accounts) ? value.accounts : [];
    const seenIds = new Map<string, number>();
    const seenNames = new Map<string, number>();
    accounts.forEach((account: unknown, i) => {
      if (!isRecord(account)) return;
      if (typeof account.id === 'string') {
        const idAt = seenIds.get(account.id);
        if (idAt !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['accounts', i, 'id'], message: `duplicates accounts[${idAt}].id; each account id must appear once` });
        } else seenIds.set(account.id, i);
      }
      if (typeof account.name === 'string') {
        const nameAt = seenNames.get(account.name);
        if (nameAt !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `duplicates accounts[${nameAt}].name; account names must be unique` });
        } else seenNames.set(account.name, i);
      }
      if (Array.isArray(account.regions)) {
        const regions: unknown[] = account.regions;
        regions.forEach((region, j) => {
          if (!isRegion(region)) return;
          if (allowedList && !allowed.has(region)) {
            ctx.addIssue({
              code: 'custom',
              path: ['accounts', i, 'regions', j],
              message: `is not in allowedRegions (${allowedText}); add it there or remove it here`,
            });
          }
          if (regions.indexOf(region) !== j) {
            ctx.addIssue({ code: 'custom', path: ['accounts', i, 'regions', j], message: 'is listed twice; list each Region once' });
          }
        });
      }
    });

    // An empty or malformed list already has its own problem; "no management account" would only repeat it.
    if (accounts.length > 0) {
      const exactlyOne: readonly AccountRole[] = ['management', 'log-archive', 'security'];
      for (const role of ACCOUNT_ROLES) {
        const holders: number[] = [];
        accounts.forEach((account: unknown, i) => {
          if (isRecord(account) && account.role === role) holders.push(i);
        });
        if (exactlyOne.includes(role) && holders.length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts'],
            message: `has no "${role}" account; the baseline needs exactly one (add an account with role: ${role})`,
          });
        }
        if (role !== 'workload' && holders.length > 1) {
          for (const i of holders.slice(1)) {
            ctx.addIssue({
              code: 'custom',
              path: ['accounts', i, 'role'],
              message: `is "${role}" but accounts[${holders[0]}] already has that role; only one ${role} account is allowed`,
            });
          }
        }
      }
    }

    const state = value.state;
    if (isRecord(state) && state.mode === 's3') {
      const layout = state.layout ?? 'per-account';
      const central = state.centralAccount;
      if (layout === 'central') {
        if (central === undefined || central === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['state', 'centralAccount'],
            message: 'is required when layout is "central"; name the account that holds the state bucket',
          });
        } else if (typeof central === 'string' && !seenNames.has(central)) {
          ctx.addIssue({
            code: 'custom',
            path: ['state', 'centralAccount'],
            message: `names no account; use one of ${[...seenNames.keys()].map((n) => JSON.stringify(n)).join(', ')}`,
          });
        }
      } else if (layout === 'per-account' && central !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['state', 'centralAccount'], message: 'is only used with layout "central"; remove it or set layout: central' });
      }
      if (allowedList && isRegion(state.region) && !allowed.has(state.region)) {
        ctx.addIssue({ code: 'custom', path: ['state', 'region'], message: `is not in allowedRegions (${allowedText}); add it there or choose another` });
      }
    }

    // Rules that span accounts and belong to a concern (VPC overlap across accounts, TGW segments).
    for (const problem of organizationNetworkProblems(value)) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });
  check._zod.def.when = (payload) => isRecord(payload.value);
  return check;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRegion(value: unknown): value is AwsRegion {
  return (ALL_REGIONS as readonly unknown[]).includes(value);
}


/** The config as written in a file (defaults optional). */
export type OrganizationInput = z.input<typeof organizationSchema>;
/** The config after validation, with every default applied. */
export type OrganizationConfig = z.output<typeof organizationSchema>;
export type AccountConfig = OrganizationConfig['accounts'][number];
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export type StateConfig = OrganizationConfig['state'];
