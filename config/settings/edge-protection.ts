import { z } from 'zod';
import { ALL_REGIONS } from '../regions';
import { SHIELD_ADVANCED_COST, SHIELD_RESOURCE_ARN_EXAMPLES, parseShieldResourceArn } from '../../modules/edge';
import { reportDuplicates, whenValid } from './refine';

/**
 * Edge protection: AWS Firewall Manager (a baseline WAF policy and a security-group audit, run from the security
 * account) and AWS Shield Advanced. Both are off by default: each costs money per month (Firewall Manager per policy
 * and Region, Shield Advanced a 1-year subscription). How they relate to the accounts (the administrator, the scope,
 * the conflict with accounts[].waf, AWS Config) is checked in config/settings/edge-protection-rules.ts.
 */

const on = (fallback: boolean) => z.boolean({ error: 'must be true or false' }).default(fallback);
const TARGET = /^([a-z][a-z0-9-]*[a-z0-9]|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const targetList = z
  .array(z.string({ error: 'must be an account name or an OU id ("ou-...")' }).regex(TARGET, 'must be an account name of accounts or an OU id such as "ou-ab12-cdef3456"'), {
    error: 'must be a list of account names or OU ids',
  })
  .default([]);

const FMS_PRESET_GROUPS = ['ip-reputation', 'anonymous-ip', 'core-rule-set', 'sql-injection'] as const;

const scopeSchema = z
  .strictObject(
    {
      /** Only these accounts (names) and OUs (ids); empty: the whole organisation. */
      include: targetList,
      /** Every account except these (names) and OUs (ids). Firewall Manager takes include or exclude, not both. */
      exclude: targetList,
    },
    { error: 'must be a mapping with include or exclude (account names or OU ids)' },
  )
  .check(
    whenValid((scope, ctx) => {
      if (scope.include.length > 0 && scope.exclude.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['exclude'], message: 'cannot be used with include: Firewall Manager ignores the exclude map when an include map is given; keep one of them' });
      }
    }),
  );

const wafPolicySchema = z.strictObject(
  {
    /** A WAFV2 policy that applies the baseline web ACL to every ALB and API Gateway stage in scope. */
    enabled: on(true),
    /** The modules/waf preset whose managed rule groups the web ACL carries (`api` or `web`; rate limit and Bot Control stay per account). */
    preset: z.enum(['api', 'web'], { error: 'must be "api" or "web"' }).default('web'),
    /** Preset rule groups to leave out (known-bad-inputs, the Log4j rules, cannot be removed). */
    remove: z
      .array(z.enum(FMS_PRESET_GROUPS, { error: `must be one of ${FMS_PRESET_GROUPS.join(', ')} (known-bad-inputs carries the Log4j rules and stays)` }), {
        error: 'must be a list of preset rule group names',
      })
      .default([]),
    /** The most WCUs the rule groups may use. */
    capacityLimit: z.number({ error: 'must be a whole number of WCUs from 1 to 5,000' }).int('must be a whole number of WCUs from 1 to 5,000').min(1, 'must be a whole number of WCUs from 1 to 5,000').max(5000, 'must be a whole number of WCUs from 1 to 5,000').default(1500),
    /** Resource types covered. */
    resourceTypes: z
      .array(z.enum(['alb', 'api-gateway-stage'], { error: 'must be "alb" or "api-gateway-stage"' }), { error: 'must be a list of resource types' })
      .min(1, 'must list at least one resource type')
      .default(['alb', 'api-gateway-stage']),
    /** Firewall Manager associates the web ACL itself; off: it only reports non-compliant resources. */
    remediation: on(false),
  },
  { error: 'must be a mapping with enabled, preset, remove, capacityLimit, resourceTypes and/or remediation' },
).check(
  whenValid((policy, ctx) => {
    policy.remove.forEach((name, i) => {
      if (name === 'anonymous-ip' && policy.preset === 'api') ctx.addIssue({ code: 'custom', path: ['remove', i], message: 'is not in the api preset (only web has anonymous-ip)' });
    });
  }),
);

const portSchema = z.number({ error: 'must be a TCP port number from 0 to 65535' }).int('must be a TCP port number from 0 to 65535').min(0, 'must be a TCP port number from 0 to 65535').max(65535, 'must be a TCP port number from 0 to 65535');

const securityGroupAuditSchema = z.strictObject(
  {
    /** A content audit policy: no security group in scope may open these ports to 0.0.0.0/0 or ::/0. */
    enabled: on(true),
    /** The administration ports audited (SSH and RDP by default). */
    adminPorts: z.array(portSchema, { error: 'must be a list of port numbers, e.g. [22, 3389]' }).min(1, 'must list at least one port').default([22, 3389]),
    /** Firewall Manager deletes offending rules itself; off: it only reports them. */
    remediation: on(false),
  },
  { error: 'must be a mapping with enabled, adminPorts and/or remediation' },
);

const firewallManagerSchema = z.strictObject(
  {
    /** Firewall Manager with the administrator account below (its association is applied from the management account in us-east-1). */
    enabled: on(false),
    /** Name of the administrator account; defaults to the security account. */
    adminAccount: z.string({ error: 'must be the name of an account in accounts, e.g. "security"' }).optional(),
    /** Regions the policies are created in; defaults to the administrator account's Regions. */
    regions: z.array(z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }), { error: 'must be a list of Region codes' }).min(1, 'must list at least one Region').optional(),
    /** Which accounts the policies cover. */
    scope: scopeSchema.prefault({}),
    wafPolicy: wafPolicySchema.prefault({}),
    securityGroupAudit: securityGroupAuditSchema.prefault({}),
  },
  { error: 'must be a mapping with enabled, adminAccount, regions, scope, wafPolicy and/or securityGroupAudit' },
);

const protectedResourceSchema = z.strictObject(
  {
    /** Protection name; also its Terraform address, so keep it stable. */
    name: z.string({ error: 'must be a protection name, e.g. "public-web"' }).regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (up to 63), e.g. "public-web"'),
    /** ARN of the resource (its account must be one of accounts). */
    arn: z
      .string({ error: 'must be the ARN of a resource Shield Advanced protects' })
      .refine((arn) => parseShieldResourceArn(arn) !== undefined, {
        message: `must be the ARN of a CloudFront distribution, ALB/NLB, Classic Load Balancer, Global Accelerator or Elastic IP allocation, e.g. "${SHIELD_RESOURCE_ARN_EXAMPLES[1]}"`,
      }),
  },
  { error: 'must be a mapping with name and arn' },
);

const emergencyContactSchema = z.strictObject(
  {
    email: z.email({ error: 'must be an email address, e.g. "soc@example.com"' }),
    /** E.164 number, e.g. "+442079460000". */
    phone: z.string({ error: 'must be an E.164 phone number in quotes, e.g. "+442079460000"' }).regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number (no spaces), e.g. "+442079460000"').optional(),
    notes: z.string({ error: 'must be text' }).max(1024, 'must be at most 1,024 characters').regex(/^[\w\s.,:;'!?@()+/-]*$/, 'must be plain text (letters, digits, spaces and .,:;\'!?@()+/-)').optional(),
  },
  { error: 'must be a mapping with email (and optionally phone and notes)' },
);

const shieldAdvancedSchema = z
  .strictObject(
    {
      /** A Shield Advanced subscription in each account that owns a listed resource. */
      enabled: on(false),
      /** Must be true with enabled: the subscription costs USD 3,000 per month with a 1-year commitment. */
      acknowledgeCommitment: on(false),
      /** Renew at the end of each term (a lapse silently ends Advanced protection). */
      autoRenew: on(true),
      /** Resources to protect; each in its own account's subscription. */
      protectedResources: z
        .array(protectedResourceSchema, { error: 'must be a list of { name, arn }' })
        .check(whenValid((items, ctx) => reportDuplicates(items, ctx, { path: (i) => [i, 'name'], key: (r) => r.name, what: 'name' })))
        .check(whenValid((items, ctx) => reportDuplicates(items, ctx, { path: (i) => [i, 'arn'], key: (r) => r.arn, what: 'resource' })))
        .default([]),
      /** A role for the Shield Response Team (trust drt.shield.amazonaws.com, AWSShieldDRTAccessPolicy). */
      responseTeamAccess: on(true),
      /** The Shield Response Team calls these contacts during an event (needs health checks on the resources). */
      proactiveEngagement: z
        .strictObject(
          {
            enabled: on(false),
            emergencyContacts: z.array(emergencyContactSchema, { error: 'must be a list of { email, phone, notes }' }).max(10, 'must list at most 10 contacts').default([]),
          },
          { error: 'must be a mapping with enabled and emergencyContacts' },
        )
        .prefault({}),
    },
    { error: 'must be a mapping with enabled, acknowledgeCommitment, protectedResources, responseTeamAccess and/or proactiveEngagement' },
  )
  .check(
    whenValid((shield, ctx) => {
      if (!shield.enabled) return;
      if (!shield.acknowledgeCommitment) {
        ctx.addIssue({
          code: 'custom',
          path: ['acknowledgeCommitment'],
          message: `must be true to subscribe: Shield Advanced costs ${SHIELD_ADVANCED_COST}; set acknowledgeCommitment: true or turn shieldAdvanced off`,
        });
      }
      if (shield.protectedResources.length === 0) ctx.addIssue({ code: 'custom', path: ['protectedResources'], message: 'must list at least one resource: the subscription is made in the accounts that own them' });
      if (shield.proactiveEngagement.enabled && shield.proactiveEngagement.emergencyContacts.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['proactiveEngagement', 'emergencyContacts'], message: 'must list at least one contact when proactive engagement is enabled' });
      }
    }),
  );

export const edgeProtectionSchema = z.strictObject(
  {
    firewallManager: firewallManagerSchema.prefault({}),
    shieldAdvanced: shieldAdvancedSchema.prefault({}),
  },
  { error: 'must be a mapping with firewallManager and/or shieldAdvanced' },
);

export type EdgeProtectionSettings = z.output<typeof edgeProtectionSchema>;
