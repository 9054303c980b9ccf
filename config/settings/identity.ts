import { z } from 'zod';
import { whenValid } from './refine';
import { abacAllow } from '../../modules/iam/abac';
import { isOpenRefPattern } from '../../modules/iam/github-actions';
import { ADMIN_EQUIVALENT_AWS_POLICIES } from '../../modules/iam/managed-policy';
import { Policy, policyProblems } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';
import { exemptActionProblem } from '../../modules/organizations/guardrail-policies';
import { IAM_ROLE_ARN_PATTERN } from '../../modules/core/arn-patterns';

/**
 * Identity settings (owned by the identity modules: IAM roles, GitHub OIDC, SCPs, Access Analyzer).
 * Strict objects: unknown keys are errors. Action names and policy sizes are checked when the stacks are built
 * (against the IAM action catalogue), so a typo fails `cdktf synth` with the setting's path in the message.
 */

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const TAG_KEY = /^[\w.:/=+@-]{1,128}$/;

const roleNameSchema = (example: string) =>
  z.string({ error: `must be an IAM role name, e.g. "${example}"` }).regex(ROLE_NAME, `must be an IAM role name (letters, digits and +=,.@_-, up to 64), e.g. "${example}"`);

const wholeNumber = (min: number, max: number, unit: string, fallback: number) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

const sessionHoursSchema = (fallback: number) => wholeNumber(1, 12, 'hours (IAM allows 1 to 12)', fallback);

const reasonSchema = z
  .string({ error: 'must be a reason of at least 20 characters' })
  .refine((r) => r.trim().length >= 20, 'must say why in at least 20 characters');

const tagKeySchema = z
  .string({ error: 'must be a tag key, e.g. "project"' })
  .regex(TAG_KEY, 'must be a tag key (1-128 of letters, digits and _.:/=+@-)')
  .refine((k) => !k.toLowerCase().startsWith('aws:'), 'must not start with "aws:" (reserved by AWS)');

const awsManagedPolicyNameSchema = z
  .string({ error: 'must be an AWS managed policy name, e.g. "ReadOnlyAccess"' })
  .regex(/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/, 'must be an AWS managed policy name, e.g. "ReadOnlyAccess" or "job-function/ViewOnlyAccess"');

const arnPatternSchema = z.string({ error: 'must be an ARN, e.g. "arn:aws:s3:::example-bucket/*"' }).regex(/^(\*|arn:[^:]+:[^:]*:[^:]*:[^:]*:.+)$/, 'must be an ARN (wildcards allowed), e.g. "arn:aws:s3:::example-bucket/*"');

/** A permission statement written in config: actions on resources, optionally tag-scoped (ABAC). */
const statementSchema = z.strictObject(
  {
    /** Statement id: letters and digits. */
    sid: z.string().regex(/^[A-Za-z0-9]+$/, 'must be letters and digits only, e.g. "DeploySite"').optional(),
    /** Actions, e.g. ["s3:PutObject"]; checked against the IAM action catalogue at synth. */
    actions: z.array(z.string({ error: 'must be an action such as "s3:PutObject"' }), { error: 'must be a list of actions, e.g. ["s3:PutObject"]' }).min(1, 'must list at least one action'),
    /** Resource ARNs (patterns allowed). */
    resources: z.array(arnPatternSchema, { error: 'must be a list of resource ARNs' }).min(1, 'must list at least one resource'),
    /**
     * ABAC: the statement applies only where these tags of the resource equal the caller's tags of the same keys
     * (`aws:ResourceTag` = `aws:PrincipalTag`; `s3:ExistingObjectTag` for S3 objects with `tagSource: s3-object`).
     */
    matchPrincipalTags: z
      .array(tagKeySchema, { error: 'must be a list of tag keys, e.g. [team]' })
      .min(1, 'must list at least one tag key: an empty list would leave the statement without its tag condition (remove matchPrincipalTags for a statement that is not tag-scoped)')
      .optional(),
    /** Where the resource-side tag is read (`resource`, `s3-object` or `request`). */
    tagSource: z.enum(['resource', 's3-object', 'request'], { error: 'must be "resource", "s3-object" or "request"' }).default('resource'),
  },
  { error: 'must be a mapping with actions and resources (and optionally sid, matchPrincipalTags, tagSource)' },
);

/**
 * A list of config statements, linted as the inline policy they become (modules/iam/policy.ts `policyProblems`): every
 * action in the IAM action catalogue, no administrator grant (any wildcard form of action on any wildcard form of
 * resource), unique Sids. The size limit is left to the role, which splits or reports it.
 */
const statementListSchema = z
  .array(statementSchema, { error: 'must be a list of statements, each with actions and resources' })
  .check(
    whenValid((statements, ctx) => {
      if (statements.length === 0) return;
      const policy = Policy.of(...statements.map(toStatement));
      for (const problem of policyProblems(policy, 'inline')) {
        const match = /^Statement\[(\d+)\](?: \([^)]*\))?: ([\s\S]*)$/.exec(problem);
        if (!match) continue; // size: the role's own rule
        ctx.addIssue({ code: 'custom', path: [Number(match[1])], message: match[2]! });
      }
    }),
  )
  .default([]);

/** The policy statement a config statement becomes (an ABAC statement when it has matchPrincipalTags). */
export function toStatement(s: z.output<typeof statementSchema>): Statement {
  return s.matchPrincipalTags !== undefined
    ? abacAllow({ sid: s.sid, actions: s.actions, resources: s.resources, tagKeys: s.matchPrincipalTags, source: s.tagSource })
    : Statement.allow({ sid: s.sid, actions: s.actions, resources: s.resources });
}

/** Branch, environment and tag names or patterns, as the GitHub OIDC `sub` claim carries them. */
const refPatternListSchema = (example: string) =>
  z
    .array(
      z
        .string({ error: `must be a name or pattern such as "${example}"` })
        .regex(/^[A-Za-z0-9._/*?-]{1,200}$/, `must be a name or pattern of letters, digits and ._/*?- (up to 200), e.g. "${example}"`)
        .refine((v) => !/^[?]+$/.test(v), `must name something, e.g. "${example}"`),
      { error: `must be a list of names, e.g. [${example}]` },
    )
    .default([]);

/** Adds the "matches any ref" problem for each open pattern when no reason is given. */
function openRefProblems(access: { branches: string[]; environments: string[]; tags: string[]; openRefPatternsReason?: string }, ctx: z.RefinementCtx<unknown>): void {
  if (access.openRefPatternsReason !== undefined) return;
  for (const list of ['branches', 'environments', 'tags'] as const) {
    access[list].forEach((pattern, i) => {
      if (isOpenRefPattern(pattern)) {
        ctx.addIssue({
          code: 'custom',
          path: [list, i],
          message: 'matches any ref: every workflow run of the repository could assume the role; name the branch, environment or tag (e.g. "main", "release/*"), or set openRefPatternsReason with a reason of at least 20 characters',
        });
      }
    });
  }
}

const repositoryAccessSchema = z.strictObject(
  {
    /** "owner/repository"; "owner/*" needs allowOrganizationWildcard. */
    repository: z
      .string({ error: 'must be "owner/repository", e.g. "example-org/infrastructure"' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/([A-Za-z0-9._-]{1,100}|\*)$/, 'must be "owner/repository", e.g. "example-org/infrastructure"'),
    /** Branches whose workflow runs may assume the role, e.g. [main]. */
    branches: refPatternListSchema('main'),
    /** GitHub environments whose jobs may assume the role, e.g. [production]. */
    environments: refPatternListSchema('production'),
    /** Git tags whose workflow runs may assume the role, e.g. ["v*"]. */
    tags: refPatternListSchema('v*'),
    /** Allows `repository: owner/*` (every repository of the owner), with the reason. */
    allowOrganizationWildcard: z.strictObject({ reason: reasonSchema }).optional(),
    /** Allows branch, environment or tag patterns that name nothing (`*`, `**`, only wildcards and separators), with the reason. */
    openRefPatternsReason: reasonSchema.optional(),
  },
  { error: 'must be a mapping with repository and branches, environments or tags' },
).check(
  whenValid((access, ctx) => {
    openRefProblems(access, ctx as z.RefinementCtx<unknown>);
    if (access.repository.endsWith('/*') && access.allowOrganizationWildcard === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['repository'],
        message: 'is an organisation wildcard: every repository of the owner could assume the role; name the repository, or set allowOrganizationWildcard with a reason of at least 20 characters',
      });
    }
    if (access.branches.length + access.environments.length + access.tags.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['branches'],
        message: 'is empty and so are environments and tags: pin the role to at least one branch, environment or tag (any ref, including pull requests, would otherwise match)',
      });
    }
  }),
);

/** AWS managed policies for a role without a break-glass mark: administrator-equivalent ones are refused. */
const rolePolicyNamesSchema = z
  .array(z.lazy(() => awsManagedPolicyNameSchema), { error: 'must be a list of AWS managed policy names, e.g. [ReadOnlyAccess]' })
  .check(
    whenValid((names, ctx) => {
      names.forEach((name, i) => {
        if (ADMIN_EQUIVALENT_AWS_POLICIES.includes(name)) {
          ctx.addIssue({ code: 'custom', path: [i], message: 'grants administrator-equivalent access; attach specific policies (this role cannot be break-glass)' });
        }
      });
    }),
  )
  .default([]);

const deployRoleSchema = z.strictObject(
  {
    /** The role name workflows put in `role-to-assume`. */
    roleName: roleNameSchema('github-deploy'),
    description: z.string().max(1000).optional(),
    /** Repositories (with branches, environments or tags) that may assume the role. */
    repositories: z.array(repositoryAccessSchema, { error: 'must be a list of repositories' }).min(1, 'must list at least one repository'),
    /** Longest session; a CI job needs minutes. */
    maxSessionHours: sessionHoursSchema(1),
    /** AWS managed policies to attach (administrator-equivalent ones are refused at synth). */
    awsManagedPolicies: rolePolicyNamesSchema,
    /** Permission statements of the role's inline policy. */
    statements: statementListSchema,
    /** Tags of the role; they are also the session's principal tags for ABAC statements. */
    tags: z.record(tagKeySchema, z.string().max(256)).default({}),
  },
  { error: 'must be a mapping with roleName and repositories' },
);

const crossAccountRoleSchema = z.strictObject(
  {
    roleName: roleNameSchema('security-audit'),
    description: z.string().max(1000).optional(),
    /** The account whose principals may assume the role. */
    trustedAccountId: z.string({ error: 'must be a 12-digit account id in quotes' }).regex(/^\d{12}$/, 'must be a 12-digit account id in quotes, e.g. "123456789012"'),
    /** Specific roles or users of that account; by default its root (any principal its IAM policies allow). */
    trustedPrincipalArns: z.array(z.string()).optional(),
    /** External ID the caller must pass: at least 16 characters (confused-deputy protection). */
    externalId: z
      .string({ error: 'is required: an external ID of at least 16 characters' })
      .min(16, 'must be at least 16 characters (a short external ID is guessable)')
      .max(1224, 'must be at most 1224 characters')
      .regex(/^[\w+=,.@:/-]+$/, 'must be letters, digits and +=,.@:/-'),
    /** Require MFA from the caller (IAM users only; role sessions never carry MFA). */
    requireMfa: z.boolean().default(false),
    maxSessionHours: sessionHoursSchema(1),
    awsManagedPolicies: rolePolicyNamesSchema,
    statements: statementListSchema,
  },
  { error: 'must be a mapping with roleName, trustedAccountId and externalId' },
);

/**
 * Where an SCP is attached: `root` (needs organizationRootId), `all-accounts` (every account of the config except the
 * management account, which SCPs never restrict), an account name from `accounts`, an OU id or an account id.
 */
export const scpTargetSchema = z
  .string({ error: 'must be "root", "all-accounts", an account name, an OU id or an account id' })
  .regex(
    /^(root|all-accounts|[a-z][a-z0-9-]*[a-z0-9]|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/,
    'must be "root", "all-accounts", an account name, an OU id ("ou-...-...") or a 12-digit account id',
  );

const scpShape = (enabled: boolean, targets: readonly string[]) => ({
  /** Create and attach this policy. */
  enabled: z.boolean().default(enabled),
  /** Where to attach it. */
  targets: z.array(scpTargetSchema).min(1, 'must list at least one target').default([...targets]),
});

const scpSchema = (enabled: boolean, targets: readonly string[]) => z.strictObject(scpShape(enabled, targets)).prefault({});

const serviceControlPoliciesSchema = z
  .strictObject(
    {
      /** The organisation root id ("r-..."), needed to attach policies to `root`. */
      organizationRootId: z.string().regex(/^r-[0-9a-z]{4,32}$/, 'must be an organisation root id such as "r-a1b2"').optional(),
      /** Exempt the baseline's deploy role (deployRoleName) so it can manage the controls the SCPs protect. */
      exemptDeployRole: z.boolean().default(true),
      denyLeaveOrganization: scpSchema(true, ['root']),
      regionAllowlist: z
        .strictObject({
          ...scpShape(true, ['root']),
          /** Actions of global features to exempt in addition to the built-in global-service list. */
          extraExemptActions: z
            .array(
              z.string({ error: 'must be an action such as "iam:CreateRole"' }).superRefine((action, ctx) => {
                const problem = exemptActionProblem(action);
                if (problem) ctx.addIssue({ code: 'custom', message: problem.replace(/^"[^"]*" /, '') });
              }),
              { error: 'must be a list of single actions, e.g. ["iam:CreateRole"]' },
            )
            .default([]),
        })
        .prefault({}),
      protectSecurityServices: scpSchema(true, ['root']),
      denyRootUser: scpSchema(true, ['root']),
      protectS3PublicAccessBlock: scpSchema(true, ['all-accounts']),
      protectBreakGlass: scpSchema(true, ['all-accounts']),
      denyIamUsers: scpSchema(false, ['all-accounts']),
      /**
       * The log-archive account's SCP (attached to that account only): no bypassing Object Lock, deleting logs,
       * weakening the log buckets or destroying their keys, except by break-glass principals and the deploy role.
       */
      protectLogArchive: z.strictObject({ enabled: z.boolean().default(true) }, { error: 'must be a mapping, e.g. { enabled: true }' }).prefault({}),
    },
    { error: 'must be a mapping of SCP settings (organizationRootId, denyLeaveOrganization, regionAllowlist, ...)' },
  )
  .check(whenValid((value, ctx) => {
    const policies = ['denyLeaveOrganization', 'regionAllowlist', 'protectSecurityServices', 'denyRootUser', 'protectS3PublicAccessBlock', 'protectBreakGlass', 'denyIamUsers'] as const;
    for (const name of policies) {
      const policy = value[name];
      if (policy.enabled && policy.targets.includes('root') && value.organizationRootId === undefined) {
        ctx.addIssue({ code: 'custom', path: [name, 'targets'], message: 'uses "root" but organizationRootId is not set; set it or list OUs or accounts' });
      }
    }
  }));

/** An Identity Store group id: a UUID, optionally prefixed by 10 hex digits and "-". */
const IDENTITY_STORE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;

const permissionSetSchema = z
  .strictObject(
    {
      /** Permission set name (1-32 of letters, digits and +=,.@_-), shown in the access portal. */
      name: z.string({ error: 'must be a permission set name, e.g. "security-auditor"' }).regex(PERMISSION_SET_NAME, 'must be 1 to 32 letters, digits or +=,.@_-, e.g. "security-auditor"'),
      description: z.string().min(1).max(700).optional(),
      /** Session duration in whole hours (written as ISO-8601 PT<n>H). */
      sessionHours: sessionHoursSchema(1),
      /** AWS managed policies by name, with their path where they have one (e.g. "job-function/ViewOnlyAccess"). */
      awsManagedPolicies: z.array(awsManagedPolicyNameSchema).default([]),
      /** Permission statements of the set's inline policy (linted like every other policy). */
      statements: statementListSchema,
      /** Allows administrator-equivalent AWS managed policies (AdministratorAccess, ...), with the reason. */
      breakGlassReason: reasonSchema.optional(),
    },
    { error: 'must be a mapping with name and awsManagedPolicies or statements' },
  )
  .check(
    whenValid((set, ctx) => {
      if (set.awsManagedPolicies.length === 0 && set.statements.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['awsManagedPolicies'], message: 'grants nothing; list awsManagedPolicies or statements' });
      }
      set.awsManagedPolicies.forEach((name, i) => {
        if (ADMIN_EQUIVALENT_AWS_POLICIES.includes(name) && set.breakGlassReason === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['awsManagedPolicies', i],
            message: 'grants administrator-equivalent access; attach specific policies, or set breakGlassReason (at least 20 characters) on the permission set',
          });
        }
      });
    }),
  );

const assignmentSchema = z.strictObject(
  {
    /** Name of a permission set in permissionSets. */
    permissionSet: z.string({ error: 'must name a permission set in permissionSets' }),
    /** Identity Store id of the group (from the Identity Center console or `aws identitystore list-groups`). */
    groupId: z.string({ error: 'must be an Identity Store group id' }).regex(IDENTITY_STORE_ID, 'must be an Identity Store group id, e.g. "906742d3d7-1f2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"'),
    /** Names of accounts (from accounts) where the group gets the permission set. */
    accounts: z.array(z.string(), { error: 'must be a list of account names' }).min(1, 'must list at least one account name'),
  },
  { error: 'must be a mapping with permissionSet, groupId and accounts' },
);

const identityCenterSchema = z
  .strictObject(
    {
      /** The IAM Identity Center instance, in the organisation's home Region. */
      instanceArn: z
        .string({ error: 'must be an instance ARN, e.g. "arn:aws:sso:::instance/ssoins-1234567890abcdef"' })
        .regex(/^arn:(aws|aws-us-gov|aws-cn):sso:::instance\/ssoins-[a-zA-Z0-9-.]{16}$/, 'must be an instance ARN, e.g. "arn:aws:sso:::instance/ssoins-1234567890abcdef"'),
      permissionSets: z.array(permissionSetSchema, { error: 'must be a list of permission sets' }).min(1, 'must list at least one permission set'),
      /** Group access to accounts (account names are checked against accounts when the stacks are built). */
      assignments: z.array(assignmentSchema, { error: 'must be a list of assignments' }).default([]),
    },
    { error: 'must be a mapping with instanceArn, permissionSets and assignments' },
  )
  .check(whenValid((value, ctx) => {
    const names = value.permissionSets.map((s) => s.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['permissionSets', i, 'name'], message: `duplicates permissionSets[${names.indexOf(name)}].name; names must be unique` });
    });
    value.assignments.forEach((assignment, i) => {
      if (!names.includes(assignment.permissionSet)) {
        ctx.addIssue({ code: 'custom', path: ['assignments', i, 'permissionSet'], message: `names no permission set; use one of ${names.map((n) => JSON.stringify(n)).join(', ')}` });
      }
    });
  }));

export const organizationIdentitySchema = z.strictObject({
  /** The emergency role in every account, and the tag the SCPs exempt. */
  breakGlass: z
    .strictObject({
      roleName: roleNameSchema('break-glass').default('break-glass'),
      tagKey: tagKeySchema.default('break-glass'),
      tagValue: z.string().min(1).max(256).default('true'),
      /** Require MFA to assume the role. */
      requireMfa: z.boolean().default(true),
      maxSessionHours: sessionHoursSchema(1),
    })
    .prefault({}),
  /** Account password policy (CIS 1.8/1.9). */
  passwordPolicy: z
    .strictObject({
      minimumLength: wholeNumber(14, 128, 'characters (CIS 1.8 asks for at least 14)', 14),
      maxAgeDays: wholeNumber(1, 1095, 'days', 90),
    })
    .prefault({}),
  /** The AWS Support role of every account (CIS 1.17). */
  supportRole: z
    .strictObject({
      roleName: roleNameSchema('aws-support').default('aws-support'),
      /** ARN patterns (aws:PrincipalArn) of who may assume it; by default any principal its account allows. */
      principalArnPatterns: z.array(z.string()).default([]),
    })
    .prefault({}),
  /** The permissions boundary of every account. */
  permissionsBoundary: z
    .strictObject({
      policyName: z.string().regex(/^[\w+=,.@-]{1,128}$/, 'must be a policy name').default('permissions-boundary'),
      /** Role ARN patterns bounded roles may pass to services (iam:PassRole only), e.g. "arn:aws:iam::*:role/app-*". */
      passableRoleArns: z
        .array(z.string().regex(IAM_ROLE_ARN_PATTERN, 'must be an IAM role ARN pattern, e.g. "arn:aws:iam::*:role/app-*"'))
        .default([]),
    })
    .prefault({}),
  /** IAM Access Analyzer: account analyzers everywhere, an organisation analyzer in the security account. */
  accessAnalyzer: z
    .strictObject({
      /** Also run an organisation unused-access analyzer (billed per analysed role and user). */
      unusedAccess: z.boolean().default(false),
      unusedAccessAgeDays: wholeNumber(1, 365, 'days', 90),
    })
    .prefault({}),
  /** Service control policies (management account); omit to create none. */
  serviceControlPolicies: serviceControlPoliciesSchema.optional(),
  /** IAM Identity Center permission sets and group assignments (management account, home Region); omit for none. */
  identityCenter: identityCenterSchema.optional(),
});

export const accountIdentitySchema = z.strictObject({
  /** GitHub Actions OIDC deploy roles of this account (the OIDC provider is created when there is at least one). */
  githubDeployRoles: z.array(deployRoleSchema, { error: 'must be a list of deploy roles' }).default([]),
  /** Roles that principals of another account assume with an external ID. */
  crossAccountRoles: z.array(crossAccountRoleSchema, { error: 'must be a list of cross-account roles' }).default([]),
});

export type OrganizationIdentitySettings = z.output<typeof organizationIdentitySchema>;
export type AccountIdentitySettings = z.output<typeof accountIdentitySchema>;
export type ServiceControlPolicySettings = z.output<typeof serviceControlPoliciesSchema>;
export type StatementSettings = z.output<typeof statementSchema>;
export type IdentityCenterSettings = z.output<typeof identityCenterSchema>;
