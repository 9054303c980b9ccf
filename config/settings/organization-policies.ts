import { z } from 'zod';
import {
  allowedServiceProblem,
  customPolicyProblems,
  instanceTypeProblem,
  RCP_SERVICES,
  TAG_POLICY_RESOURCE_TYPE,
} from '../../modules/organizations';
import type { PolicyStatement } from '../../modules/iam/policy-document';
import { scpTargetSchema } from './identity';
import { reportDuplicates, whenValid } from './refine';

/**
 * Organisation policies beyond the baseline SCPs of `identity.serviceControlPolicies` (created from the management
 * account, home Region): a public-S3 SCP, optional instance-type and service allowlist SCPs, the data-perimeter RCP,
 * a tag policy, the EC2 declarative policy, and user-defined SCPs and RCPs. The whole block is optional: RCPs, tag
 * and declarative policies need their policy type enabled on the organisation root first (README "Organisation
 * policies"), so an organisation opts in by writing the block; inside it every protection is on by default.
 */

const targetsSchema = (targets: readonly string[]) => z.array(scpTargetSchema).min(1, 'must list at least one target').default([...targets]);

const policyShape = (enabled: boolean, targets: readonly string[]) => ({
  /** Create and attach this policy. */
  enabled: z.boolean().default(enabled),
  /** Where to attach it: "root", "all-accounts", account names, OU ids or account ids. */
  targets: targetsSchema(targets),
});

const accountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id in quotes, e.g. "123456789012"');

const stringOrList = z.union([z.string(), z.array(z.string()).min(1, 'must not be empty')], { error: 'must be a string or a list of strings' });

/** One IAM policy statement written as JSON/YAML (keys as IAM spells them). */
const statementSchema = z.strictObject(
  {
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny'], { error: 'must be "Allow" or "Deny"' }),
    Principal: z
      .union([z.literal('*'), z.strictObject({ AWS: stringOrList.optional(), Service: stringOrList.optional(), Federated: stringOrList.optional() })], {
        error: 'must be "*" or a mapping of AWS/Service/Federated principals',
      })
      .optional(),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.array(z.string())])), {
        error: 'must be a mapping of condition operators to keys and values, e.g. { StringEquals: { "aws:PrincipalOrgID": "o-..." } }',
      })
      .optional(),
  },
  { error: 'must be an IAM policy statement (Sid, Effect, Principal, Action/NotAction, Resource/NotResource, Condition)' },
);

const CUSTOM_POLICY_NAME = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

const customPolicySchema = z
  .strictObject(
    {
      /** Name (lower-case letters, digits and hyphens); the policy is called `<org name>-<name>`. */
      name: z.string({ error: 'must be a policy name such as "deny-expensive-services"' }).regex(CUSTOM_POLICY_NAME, 'must be 2 to 64 lower-case letters, digits and hyphens, e.g. "deny-expensive-services"'),
      /** `scp` (a service control policy, on principals) or `rcp` (a resource control policy, on resources). */
      type: z.enum(['scp', 'rcp'], { error: 'must be "scp" or "rcp"' }),
      /** What the policy prevents. */
      description: z.string().min(1, 'must say what the policy prevents').max(512, 'must be at most 512 characters'),
      /**
       * Add the guardrail exemption (break-glass tag, deploy role) to every Deny statement, as the built-in policies have.
       * Security: keeps responders and the baseline's own deploys from being locked out by a custom deny.
       */
      exempt: z.boolean().default(true),
      /** Where to attach it (counted with the baseline policies against the 5-per-target limit). */
      targets: z.array(scpTargetSchema).min(1, 'must list at least one target'),
      /** The statements, as IAM JSON; linted like the built-in policies. */
      statements: z.array(statementSchema, { error: 'must be a list of IAM policy statements' }).min(1, 'must list at least one statement'),
    },
    { error: 'must be a mapping with name, type, description, targets and statements' },
  )
  .check(
    whenValid((policy, ctx) => {
      for (const problem of customPolicyProblems(policy.type, policy.statements as readonly PolicyStatement[])) {
        const fix = policy.type === 'rcp' ? ` (RCP services: ${RCP_SERVICES.join(', ')})` : '';
        ctx.addIssue({ code: 'custom', path: ['statements'], message: `${problem}${problem.includes('RCPs apply to') ? '' : fix}` });
      }
    }),
  );

export const organizationPoliciesSchema = z
  .strictObject(
    {
      /** SCP: no public canned ACLs on buckets or objects, and bucket ACLs stay disabled. */
      denyPublicS3: z.strictObject(policyShape(true, ['all-accounts'])).prefault({}),
      /** SCP (off by default): EC2 instances only of the listed types. */
      instanceTypeAllowlist: z
        .strictObject({
          ...policyShape(false, ['all-accounts']),
          /** Instance types or family wildcards, e.g. ["t3.*", "m7g.large"]. */
          allowedTypes: z
            .array(
              z.string().superRefine((type, ctx) => {
                const problem = instanceTypeProblem(type);
                if (problem) ctx.addIssue({ code: 'custom', message: problem });
              }),
            )
            .default([]),
        })
        .check(whenValid((value, ctx) => {
          if (value.enabled && value.allowedTypes.length === 0) ctx.addIssue({ code: 'custom', path: ['allowedTypes'], message: 'must list at least one instance type when enabled (an empty list would deny every launch)' });
        }))
        .prefault({}),
      /** SCP (off by default): only the listed services (STS always stays). */
      serviceAllowlist: z
        .strictObject({
          ...policyShape(false, ['all-accounts']),
          /** Service prefixes as actions use them, e.g. ["s3", "ec2", "lambda"]. */
          allowedServices: z
            .array(
              z.string().superRefine((service, ctx) => {
                const problem = allowedServiceProblem(service);
                if (problem) ctx.addIssue({ code: 'custom', message: problem });
              }),
            )
            .default([]),
        })
        .check(whenValid((value, ctx) => {
          if (value.enabled && value.allowedServices.length === 0) ctx.addIssue({ code: 'custom', path: ['allowedServices'], message: 'must list at least one service when enabled (an empty list would deny everything but STS)' });
        }))
        .prefault({}),
      /** RCP: the organisation data perimeter on S3, SQS, KMS, Secrets Manager and STS. */
      dataPerimeter: z
        .strictObject({
          ...policyShape(true, ['root']),
          /** Accounts outside the organisation that may still reach its resources (each one is a hole in the perimeter). */
          trustedAccountIds: z.array(accountIdSchema).default([]),
        })
        .prefault({}),
      /** Tag policy: the baseline's tag keys (exact case) and values, and the organisation's default tag keys. */
      tagPolicy: z
        .strictObject({
          ...policyShape(true, ['root']),
          /** Resource types for which non-compliant tagging is refused, e.g. ["s3:bucket"]. Default: reported only. */
          enforcedFor: z.array(z.string().regex(TAG_POLICY_RESOURCE_TYPE, 'must be a resource type such as "s3:bucket" or "ec2:ALL_SUPPORTED"')).default([]),
        })
        .prefault({}),
      /**
       * EC2 declarative policy: IMDSv2 required (hop limit from dataProtection.instanceMetadataHopLimit), no public AMI
       * or snapshot sharing, no serial console. Accounts it covers no longer get the per-account IMDS defaults.
       */
      ec2DeclarativePolicy: z
        .strictObject({
          ...policyShape(true, ['root']),
          /** Message shown to whoever is refused, e.g. a link to the exception process. */
          exceptionMessage: z.string().min(1).max(1024).optional(),
        })
        .prefault({}),
      /** User-defined SCPs and RCPs. */
      customPolicies: z.array(customPolicySchema, { error: 'must be a list of custom policies' }).default([]),
    },
    { error: 'must be a mapping of organisation policy settings (denyPublicS3, dataPerimeter, tagPolicy, ec2DeclarativePolicy, customPolicies, ...)' },
  )
  .check(
    whenValid((value, ctx) => {
      reportDuplicates(value.customPolicies, ctx, { path: (i) => ['customPolicies', i, 'name'], key: (p) => p.name, what: 'name', listPath: 'customPolicies' });
    }),
  );

export type OrganizationPoliciesSettings = z.output<typeof organizationPoliciesSchema>;
export type CustomPolicySettings = OrganizationPoliciesSettings['customPolicies'][number];

/** The SCP keys of this block, in build order. */
export const ORGANIZATION_SCP_KEYS = ['denyPublicS3', 'instanceTypeAllowlist', 'serviceAllowlist'] as const;
