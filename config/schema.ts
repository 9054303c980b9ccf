import { z } from 'zod';
import { ALL_REGIONS, PARTITIONS, partitionOfRegion } from './regions';

/**
 * The organisation config schema. It is the single place where input is checked: everything after
 * `loadOrganization` receives typed, normalised values. Unknown keys are errors everywhere
 * (`strictObject`), so a misspelt security setting can never be silently ignored.
 */

const KEBAB_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

export const regionSchema = z.enum(ALL_REGIONS, {
  error: 'is not a known AWS Region; use a Region code such as "us-east-1" or "eu-west-1"',
});

const accountIdSchema = z
  .string({ error: 'must be a 12-digit AWS account id in quotes, e.g. "123456789012"' })
  .regex(/^\d{12}$/, 'must be exactly 12 digits, e.g. "123456789012" (quote it so leading zeros survive)');

const nameSchema = (what: string, max: number) =>
  z
    .string({ error: `must be a ${what}` })
    .min(2, `must be 2 to ${max} characters`)
    .max(max, `must be 2 to ${max} characters`)
    .regex(KEBAB_NAME, 'must be lower-case letters, digits and hyphens, starting with a letter, e.g. "workload-prod"');

const emailSchema = z.email({ error: 'must be an email address, e.g. "security@example.com"' });

const httpsUrlSchema = z
  .url({ error: 'must be an https:// URL, e.g. "https://hooks.example.com/aws-alerts"' })
  .refine((value) => value.startsWith('https://'), 'must use https:// so alerts are not sent in clear text');

const tagMapSchema = z.record(
  z
    .string()
    .min(1, 'tag keys must not be empty')
    .max(128, 'tag keys are at most 128 characters')
    .refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys must not start with "aws:" (reserved by AWS)'),
  z.string().max(256, 'tag values are at most 256 characters'),
);

export const ACCOUNT_ROLES = ['management', 'log-archive', 'security', 'network', 'workload'] as const;

const securityContactSchema = z.strictObject({
  /** Person or team that AWS contacts about security issues (CIS 1.2). */
  name: z.string().min(1, 'must not be empty'),
  title: z.string().min(1, 'must not be empty').default('Security'),
  email: emailSchema,
  phone: z.string().regex(/^\+[0-9 ()-]{6,}$/, 'must be an international phone number starting with "+", e.g. "+44 20 7946 0000"'),
});

const baselineKeySettingsSchema = z.strictObject({
  /** Days AWS waits before deleting the key once deletion is scheduled (7-30). */
  deletionWindowDays: z.number().int().min(7, 'must be 7 to 30 days').max(30, 'must be 7 to 30 days').default(30),
  /** Days between automatic rotations of the key material (90-2560). */
  rotationPeriodDays: z.number().int().min(90, 'must be 90 to 2560 days').max(2560, 'must be 90 to 2560 days').default(365),
});

const accountSchema = z.strictObject({
  id: accountIdSchema,
  name: nameSchema('short account name used in stack names', 32),
  role: z.enum(ACCOUNT_ROLES, {
    error: `must be one of ${ACCOUNT_ROLES.map((r) => `"${r}"`).join(', ')}`,
  }),
  securityContact: securityContactSchema,
  /** Regions this account runs in; defaults to every allowed Region. */
  regions: z.array(regionSchema).min(1, 'must list at least one Region').optional(),
  /** Tags added to every resource of this account, over the organisation's default tags. */
  tags: tagMapSchema.default({}),
  /** The account's baseline KMS key. */
  baselineKey: baselineKeySettingsSchema.default({ deletionWindowDays: 30, rotationPeriodDays: 365 }),
});

const localStateSchema = z.strictObject({
  mode: z.literal('local'),
  /** Folder for state files, relative to the project root. Kept outside cdktf.out so a clean synth never deletes state. */
  directory: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a relative folder path such as "terraform-state"')
    .refine((dir) => !dir.split('/').includes('..'), 'must stay inside the project (no "..")')
    .default('terraform-state'),
});

const s3StateSchema = z.strictObject({
  mode: z.literal('s3'),
  /** `per-account`: each account keeps its state in its own bucket; `central`: one bucket in `centralAccount`. */
  layout: z.enum(['per-account', 'central'], { error: 'must be "per-account" or "central"' }).default('per-account'),
  /** Name of the account that holds the central state bucket (layout `central` only). */
  centralAccount: z.string().optional(),
  /** Bucket names are `<bucketPrefix>-<account id>-<region>`. Defaults to `<organisation name>-tfstate`. */
  bucketPrefix: nameSchema('bucket name prefix', 24).optional(),
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
  organization: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an HCP Terraform organisation name'),
  hostname: z.string().regex(/^[a-z0-9.-]+$/, 'must be a host name such as "app.terraform.io"').default('app.terraform.io'),
  /** HCP Terraform project that holds the workspaces. */
  project: z.string().min(1).optional(),
  /** Workspaces are named `<workspacePrefix>-<account>-<region>-<stack>`; defaults to the organisation name. */
  workspacePrefix: nameSchema('workspace name prefix', 32).optional(),
});

export const stateSchema = z.discriminatedUnion('mode', [localStateSchema, s3StateSchema, cloudStateSchema], {
  error: 'state.mode must be "local", "s3" or "cloud"',
});

const alertsSchema = z.strictObject({
  /** Email addresses subscribed to security alert topics (each must confirm the subscription). */
  emails: z.array(emailSchema).default([]),
  /** HTTPS endpoints (chat webhooks, incident tools) subscribed to the alert topics. */
  httpsEndpoints: z.array(httpsUrlSchema).default([]),
});

export const organizationSchema = z
  .strictObject({
    /** Short organisation name, used in resource and stack names. */
    name: nameSchema('short organisation name', 24),
    /** AWS Organizations id, used in `aws:PrincipalOrgID` conditions. */
    organizationId: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id such as "o-a1b2c3d4e5"'),
    partition: z.enum(PARTITIONS, { error: `must be one of ${PARTITIONS.join(', ')}` }).default('aws'),
    homeRegion: regionSchema,
    allowedRegions: z.array(regionSchema).min(1, 'must list at least one Region'),
    /** Role the baseline assumes in every account to deploy. */
    deployRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name (letters, digits and +=,.@_-, up to 64)')
      .default('OrganizationAccountAccessRole'),
    defaultTags: tagMapSchema.default({}),
    alerts: alertsSchema.default({ emails: [], httpsEndpoints: [] }),
    state: stateSchema.default({ mode: 'local', directory: 'terraform-state' }),
    accounts: z.array(accountSchema).min(1, 'must list at least the management account'),
  })
  .superRefine((org, ctx) => {
    const allowed = new Set<string>(org.allowedRegions);
    if (!allowed.has(org.homeRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['homeRegion'],
        message: `must be one of allowedRegions (${org.allowedRegions.join(', ')}); add it there or choose another home Region`,
      });
    }
    org.allowedRegions.forEach((region, i) => {
      if (org.allowedRegions.indexOf(region) !== i) {
        ctx.addIssue({ code: 'custom', path: ['allowedRegions', i], message: 'is listed twice; list each Region once' });
      }
      if (partitionOfRegion(region) !== org.partition) {
        ctx.addIssue({
          code: 'custom',
          path: ['allowedRegions', i],
          message: `belongs to partition ${partitionOfRegion(region)}, not ${org.partition}; set partition or remove the Region`,
        });
      }
    });

    const seenIds = new Map<string, number>();
    const seenNames = new Map<string, number>();
    org.accounts.forEach((account, i) => {
      const idAt = seenIds.get(account.id);
      if (idAt !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'id'], message: `duplicates accounts[${idAt}].id; each account id must appear once` });
      } else seenIds.set(account.id, i);
      const nameAt = seenNames.get(account.name);
      if (nameAt !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `duplicates accounts[${nameAt}].name; account names must be unique` });
      } else seenNames.set(account.name, i);
      (account.regions ?? []).forEach((region, j) => {
        if (!allowed.has(region)) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', i, 'regions', j],
            message: `is not in allowedRegions (${org.allowedRegions.join(', ')}); add it there or remove it here`,
          });
        }
        if ((account.regions ?? []).indexOf(region) !== j) {
          ctx.addIssue({ code: 'custom', path: ['accounts', i, 'regions', j], message: 'is listed twice; list each Region once' });
        }
      });
    });

    const exactlyOne: ReadonlyArray<(typeof ACCOUNT_ROLES)[number]> = ['management', 'log-archive', 'security'];
    for (const role of ACCOUNT_ROLES) {
      const holders = org.accounts.map((a, i) => ({ a, i })).filter(({ a }) => a.role === role);
      if (exactlyOne.includes(role) && holders.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts'],
          message: `has no "${role}" account; the baseline needs exactly one (add an account with role: ${role})`,
        });
      }
      if (role !== 'workload' && holders.length > 1) {
        for (const { i } of holders.slice(1)) {
          ctx.addIssue({
            code: 'custom',
            path: ['accounts', i, 'role'],
            message: `is "${role}" but accounts[${holders[0]!.i}] already has that role; only one ${role} account is allowed`,
          });
        }
      }
    }

    if (org.state.mode === 's3') {
      const state = org.state;
      if (state.layout === 'central') {
        if (!state.centralAccount) {
          ctx.addIssue({ code: 'custom', path: ['state', 'centralAccount'], message: 'is required when layout is "central"; name the account that holds the state bucket' });
        } else if (!seenNames.has(state.centralAccount)) {
          ctx.addIssue({
            code: 'custom',
            path: ['state', 'centralAccount'],
            message: `names no account; use one of ${[...seenNames.keys()].join(', ')}`,
          });
        }
      } else if (state.centralAccount) {
        ctx.addIssue({ code: 'custom', path: ['state', 'centralAccount'], message: 'is only used with layout "central"; remove it or set layout: central' });
      }
      if (state.region && !allowed.has(state.region)) {
        ctx.addIssue({ code: 'custom', path: ['state', 'region'], message: `is not in allowedRegions (${org.allowedRegions.join(', ')})` });
      }
    }
  });

/** The config as written in a file (defaults optional). */
export type OrganizationInput = z.input<typeof organizationSchema>;
/** The config after validation, with every default applied. */
export type OrganizationConfig = z.output<typeof organizationSchema>;
export type AccountConfig = OrganizationConfig['accounts'][number];
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export type StateConfig = OrganizationConfig['state'];
