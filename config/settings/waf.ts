import { z } from 'zod';
import { reportDuplicates, whenValid } from './refine';
import { ALL_REGIONS } from '../regions';
import { WAF_COUNTRY_CODES } from '../../modules/waf/country-codes';
import { LOG4J_RULES } from '../../modules/waf/managed-rule-groups';
import { PROTECTED_RESOURCE_EXAMPLES, parseProtectedResourceArn } from '../../modules/waf/association';
import { WAF_LOG_RETENTION_DAYS } from '../../modules/waf/logging';

/**
 * WAF settings (owned by the WAF modules). Strict objects: unknown keys are errors. An account with `waf.webAcl`
 * gets a regional web ACL in each of its Regions (or the Regions listed), built from the `api` or `web` preset,
 * logged to an encrypted CloudWatch log group and associated with the resources listed by ARN.
 */

const PRESET_MANAGED_RULES = ['ip-reputation', 'anonymous-ip', 'core-rule-set', 'known-bad-inputs', 'sql-injection', 'bot-control'] as const;
const PRESET_RULES = ['blocked-countries', 'rate-limit', ...PRESET_MANAGED_RULES] as const;
const ACTIONS = ['allow', 'block', 'count', 'captcha', 'challenge'] as const;

const wholeNumber = (min: number, max: number, unit: string, fallback: number) => {
  const message = `must be a whole number of ${unit} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

const countryCodeSchema = z.enum(WAF_COUNTRY_CODES, {
  error: 'must be an upper-case ISO 3166-1 alpha-2 country code that AWS WAF knows, e.g. "KP" or "GB" (not "UK")',
});

const protectedResourceArnSchema = z
  .string({ error: 'must be the ARN of an ALB, API Gateway REST API stage or AppSync API' })
  .refine(
    (arn) => parseProtectedResourceArn(arn) !== undefined,
    `must be the ARN of an Application Load Balancer, API Gateway REST API stage or AppSync API, e.g. "${PROTECTED_RESOURCE_EXAMPLES[0]}"`,
  );

const ruleActionOverrideSchema = z.strictObject(
  {
    /** Name of the rule inside the managed group, e.g. `SizeRestrictions_BODY`. */
    name: z.string({ error: 'must be the name of a rule in the group, e.g. "SizeRestrictions_BODY"' }).regex(/^[\w-]{1,128}$/, 'must be a rule name of letters, digits, "_" or "-"'),
    /** The action to use instead of the rule's own. */
    action: z.enum(ACTIONS, { error: `must be one of ${ACTIONS.join(', ')}` }),
  },
  { error: 'must be a mapping with name and action, e.g. { name: SizeRestrictions_BODY, action: count }' },
);

const adjustmentSchema = z.strictObject(
  {
    /** `count` runs the whole group in count mode (for tuning); `none` applies its actions. */
    overrideAction: z.enum(['none', 'count'], { error: 'must be "none" or "count"' }).default('none'),
    /** Per-rule action changes inside the group. */
    ruleActionOverrides: z
      .array(ruleActionOverrideSchema, { error: 'must be a list of { name, action }' })
      .check(whenValid((overrides, ctx) => reportDuplicates(overrides, ctx, { path: (i) => [i, 'name'], key: (o) => o.name, what: 'rule' })))
      .default([]),
  },
  { error: 'must be a mapping with overrideAction and/or ruleActionOverrides' },
);

const loggingSchema = z.strictObject(
  {
    /** Days WAF logs are kept in CloudWatch Logs (a year or more). */
    retentionDays: z
      .number({ error: `must be one of ${WAF_LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retentions of a year or more)` })
      .refine((d) => (WAF_LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be one of ${WAF_LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retentions of a year or more)`)
      .default(365),
    /** Headers redacted from the logs besides `authorization` and `cookie` (always redacted), lower case. */
    redactedHeaders: z
      .array(z.string().regex(/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'must be a lower-case HTTP header name, e.g. "x-api-key"'), { error: 'must be a list of header names' })
      .default([]),
    /** Also log allowed requests (by default only blocked and counted requests are kept). */
    logAllowedRequests: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'must be a mapping with retentionDays, redactedHeaders and/or logAllowedRequests' },
);

const webAclSettingsSchema = z
  .strictObject(
    {
      /** `api`: core rule set, known bad inputs (Log4j), SQL injection, IP reputation, rate limit. `web`: + anonymous IP list and Bot Control (COMMON). */
      preset: z.enum(['api', 'web'], { error: 'must be "api" or "web"' }).default('web'),
      /** Requests per client IP in the rate-limit window before requests are blocked. */
      rateLimit: wholeNumber(10, 2_000_000_000, 'requests', 2000),
      /** Rate-limit window in seconds (60, 120, 300 or 600). */
      rateLimitWindowSec: z
        .union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)], { error: 'must be 60, 120, 300 or 600 seconds' })
        .default(300),
      /** Countries (ISO 3166-1 alpha-2) whose requests are blocked, e.g. [KP]. */
      blockedCountries: z.array(countryCodeSchema, { error: 'must be a list of country codes, e.g. [KP]' }).default([]),
      /** Regions with a web ACL; defaults to every Region of the account. */
      regions: z.array(z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }), { error: 'must be a list of Region codes' }).min(1, 'must list at least one Region').optional(),
      /** ALB, API Gateway REST API stage and AppSync API ARNs to protect; each is associated with the ACL of its Region. */
      protectedResourceArns: z.array(protectedResourceArnSchema, { error: 'must be a list of resource ARNs' }).default([]),
      /** Adjustments of the preset's managed rule groups, by preset rule name. */
      adjust: z
        .partialRecord(z.enum(PRESET_MANAGED_RULES, { error: `must be one of ${PRESET_MANAGED_RULES.join(', ')}` }), adjustmentSchema, {
          error: `must be a mapping of preset rule names (${PRESET_MANAGED_RULES.join(', ')}) to adjustments`,
        })
        .default({}),
      /** Preset rules to leave out (known-bad-inputs cannot be removed). */
      remove: z.array(z.enum(PRESET_RULES, { error: `must be one of ${PRESET_RULES.join(', ')}` }), { error: 'must be a list of preset rule names' }).default([]),
      /** The most WCUs the ACL may use (synth fails above it). */
      capacityLimit: wholeNumber(1, 5000, 'WCUs', 1500),
      /** Logging to a KMS-encrypted CloudWatch log group named aws-waf-logs-<organisation>-<account>. */
      logging: loggingSchema.prefault({}),
    },
    { error: 'must be a mapping of web ACL settings (preset, rateLimit, blockedCountries, protectedResourceArns, ...)' },
  )
  .check(whenValid((settings, ctx) => {
    // The Log4j (CVE-2021-44228) protection is a floor: say so with the config path, before any stack is built.
    settings.remove.forEach((name, i) => {
      if (name === 'known-bad-inputs') ctx.addIssue({ code: 'custom', path: ['remove', i], message: 'must not remove known-bad-inputs: it holds the Log4j (CVE-2021-44228) rules' });
      if (settings.adjust[name as (typeof PRESET_MANAGED_RULES)[number]]) {
        ctx.addIssue({ code: 'custom', path: ['remove', i], message: `removes a rule that adjust also changes; do one or the other` });
      }
    });
    const kbi = settings.adjust['known-bad-inputs'];
    if (kbi?.overrideAction === 'count') {
      ctx.addIssue({ code: 'custom', path: ['adjust', 'known-bad-inputs', 'overrideAction'], message: 'must stay "none": counting known-bad-inputs switches off the Log4j protection' });
    }
    kbi?.ruleActionOverrides.forEach((override, i) => {
      if ((LOG4J_RULES as readonly string[]).includes(override.name) && override.action !== 'block') {
        ctx.addIssue({ code: 'custom', path: ['adjust', 'known-bad-inputs', 'ruleActionOverrides', i, 'action'], message: `must stay "block" for ${override.name}, a Log4j (CVE-2021-44228) rule` });
      }
    });
    if (settings.preset === 'api') {
      (['anonymous-ip', 'bot-control'] as const).forEach((name) => {
        if (settings.adjust[name]) ctx.addIssue({ code: 'custom', path: ['adjust', name], message: `is not in the api preset (only web has ${name})` });
      });
      settings.remove.forEach((name, i) => {
        if (name === 'anonymous-ip' || name === 'bot-control') ctx.addIssue({ code: 'custom', path: ['remove', i], message: `is not in the api preset (only web has ${name})` });
      });
    }
    if (settings.remove.includes('blocked-countries') && settings.blockedCountries.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['blockedCountries'], message: 'lists countries but remove drops the blocked-countries rule; do one or the other' });
    }
  }));

export type WebAclSettings = z.infer<typeof webAclSettingsSchema>;

export const organizationWafSchema = z.strictObject({});

export const accountWafSchema = z.strictObject(
  {
    /** A regional web ACL for the account's web resources (none by default: the baseline creates no ALB). */
    webAcl: webAclSettingsSchema.optional(),
  },
  { error: 'must be a mapping with webAcl' },
);
