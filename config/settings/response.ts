import { z } from 'zod';
import { REMEDIATION_ATTEMPTS_RANGE, REMEDIATION_RETRY_SECONDS_RANGE } from '../../modules/detection/remediation/config-remediation';
import { CONTAINABLE_FINDING_TYPES, CONTAINMENT_RUNBOOKS } from '../../modules/detection/remediation/containment-runbooks';
import { REMEDIATION_RUNBOOKS, TERRAFORM_MANAGED_RUNBOOKS } from '../../modules/detection/remediation/runbooks';
import { GUARDDUTY_SEVERITY_RANGE } from '../../modules/detection/guardduty/features';
import { BUDGET_THRESHOLD_RANGE } from '../../modules/cost/account-budget';
import { CONFIG_RULE_NAME } from '../../modules/detection/aws-config/managed-rules';
import { reportDuplicates, whenValid } from './refine';

/**
 * Incident-response settings (remediation, containment, quarantine, investigation) and cost guardrails. Everything
 * is off by default: each piece changes resources or costs money, and is switched on per control. Which rule a
 * remediation names, and whether the services it relies on are on, is checked across the config in
 * config/settings/response-rules.ts.
 */

const on = (fallback: boolean) => z.boolean({ error: 'must be true or false' }).default(fallback);

const wholeNumber = (min: number, max: number, fallback: number, unit: string) => {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

const runbookNames = REMEDIATION_RUNBOOKS.map((r) => r.name);

const remediationSchema = z.strictObject(
  {
    /** Name of a Config rule of detection.config.rules. */
    rule: z
      .string({ error: 'must be the name of a Config rule in detection.config.rules, e.g. "restricted-ssh"' })
      .regex(CONFIG_RULE_NAME, 'must be the name of a Config rule in detection.config.rules, e.g. "restricted-ssh"'),
    /** An AWS-owned runbook from the pinned list (modules/detection/remediation/runbooks.ts). */
    runbook: z.string({ error: `must be one of the pinned runbooks: ${runbookNames.join(', ')}` }).superRefine((name, ctx) => {
      const managed = TERRAFORM_MANAGED_RUNBOOKS[name];
      if (managed) {
        ctx.addIssue({ code: 'custom', message: `changes what Terraform manages (${managed}); a remediation would only drift against it. Leave it to the baseline` });
      } else if (!runbookNames.includes(name)) {
        ctx.addIssue({ code: 'custom', message: `is not a pinned remediation runbook; use one of ${runbookNames.join(', ')} (or add it to modules/detection/remediation/runbooks.ts with its permissions)` });
      }
    }),
    /** Run automatically when a resource turns non-compliant (otherwise responders start it from the console). */
    automatic: on(false),
    /** Automatic attempts per resource within `retryAttemptSeconds`. */
    maximumAutomaticAttempts: wholeNumber(REMEDIATION_ATTEMPTS_RANGE.min, REMEDIATION_ATTEMPTS_RANGE.max, 3, 'attempts'),
    retryAttemptSeconds: wholeNumber(REMEDIATION_RETRY_SECONDS_RANGE.min, REMEDIATION_RETRY_SECONDS_RANGE.max, 60, 'seconds'),
  },
  { error: 'must be a mapping with rule and runbook (and optionally automatic, maximumAutomaticAttempts, retryAttemptSeconds)' },
);

const containmentNames = CONTAINMENT_RUNBOOKS.map((r) => r.name);
const severityMessage = `must be a GuardDuty severity from ${GUARDDUTY_SEVERITY_RANGE.min} to ${GUARDDUTY_SEVERITY_RANGE.max}`;

const containmentSchema = z
  .strictObject(
    {
      /** GuardDuty finding types routed to the runbook (modules/detection/remediation/containment-runbooks.ts). */
      findingTypes: z
        .array(
          z.string({ error: 'must be a GuardDuty finding type' }).refine((t) => CONTAINABLE_FINDING_TYPES.includes(t), {
            message: `is not a finding type the baseline can contain; use one of ${CONTAINABLE_FINDING_TYPES.join(', ')}`,
          }),
          { error: 'must be a list of GuardDuty finding types' },
        )
        .min(1, 'must list at least one finding type'),
      /** The containment runbook. */
      runbook: z.enum(containmentNames as [string, ...string[]], { error: `must be a pinned containment runbook: ${containmentNames.join(', ')}` }).default('AWS-StopEC2Instance'),
      /** Only findings of this severity and above start it. */
      minimumSeverity: z.number({ error: severityMessage }).min(GUARDDUTY_SEVERITY_RANGE.min, severityMessage).max(GUARDDUTY_SEVERITY_RANGE.max, severityMessage).default(7),
    },
    { error: 'must be a mapping with findingTypes (and optionally runbook, minimumSeverity)' },
  )
  .check(
    whenValid((route, ctx) => {
      const runbook = CONTAINMENT_RUNBOOKS.find((r) => r.name === route.runbook)!;
      route.findingTypes.forEach((type, i) => {
        if (!runbook.findingTypes.includes(type)) ctx.addIssue({ code: 'custom', path: ['findingTypes', i], message: `is not contained by ${runbook.name}` });
      });
    }),
  );

const roleArnPatternSchema = z
  .string({ error: 'must be an IAM role ARN pattern, e.g. "arn:aws:iam::*:role/incident-responder"' })
  .regex(/^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/[\w+=,.@/*-]+$/, 'must be an IAM role ARN pattern, e.g. "arn:aws:iam::*:role/incident-responder"');

const quarantineSchema = z.strictObject(
  {
    /** Create the quarantine SCP in the management account. */
    enabled: on(false),
    /** Where it is attached: account names or OU ids (`ou-...`); empty keeps it ready but unattached. */
    targets: z
      .array(z.string({ error: 'must be an account name or an OU id ("ou-...")' }), { error: 'must be a list of account names or OU ids' })
      .check(whenValid((targets, ctx) => reportDuplicates(targets, ctx, { path: (i) => [i], key: (t) => t, what: 'target' })))
      .default([]),
    /** Roles that keep working in a quarantined account (besides break-glass principals). */
    responderRoleArnPatterns: z.array(roleArnPatternSchema, { error: 'must be a list of IAM role ARN patterns' }).default([]),
  },
  { error: 'must be a mapping, e.g. { enabled: true, targets: [quarantine OU id] }' },
);

const investigationSchema = z.strictObject(
  {
    /** Athena workgroup, CloudTrail table and saved queries in the security account (home Region). */
    enabled: on(false),
    /** Who may assume the investigator role (ARN patterns in the security account); empty: the account's IAM decides. */
    principalArnPatterns: z.array(roleArnPatternSchema, { error: 'must be a list of IAM role ARN patterns' }).default([]),
    /** First day the CloudTrail table projects (yyyy/MM/dd). */
    firstDate: z
      .string({ error: 'must be a date as "yyyy/MM/dd", e.g. "2025/01/01"' })
      .regex(/^20\d{2}\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/, 'must be a date as "yyyy/MM/dd", e.g. "2025/01/01"')
      .default('2025/01/01'),
    /** Days query results are kept. */
    resultsRetentionDays: wholeNumber(1, 3650, 30, 'days'),
  },
  { error: 'must be a mapping, e.g. { enabled: true }' },
);

export const organizationResponseSchema = z.strictObject(
  {
    /** AWS Config remediations, one per rule (each runbook at most once: it has its own role). */
    remediation: z
      .array(remediationSchema, { error: 'must be a list of { rule, runbook } remediations' })
      .check(
        whenValid((items, ctx) => {
          reportDuplicates(items, ctx, { path: (i) => [i, 'rule'], key: (r) => r.rule, what: 'rule' });
          reportDuplicates(items, ctx, { path: (i) => [i, 'runbook'], key: (r) => r.runbook, what: 'runbook' });
        }),
      )
      .default([]),
    /** GuardDuty containment routes (off unless listed). */
    containment: z
      .array(containmentSchema, { error: 'must be a list of { findingTypes, runbook } routes' })
      .check(
        whenValid((routes, ctx) => {
          reportDuplicates(routes, ctx, { path: (i) => [i, 'runbook'], key: (r) => r.runbook, what: 'runbook' });
          const types = routes.flatMap((r, i) => r.findingTypes.map((type, j) => ({ type, path: [i, 'findingTypes', j] })));
          reportDuplicates(types, ctx, { path: (i) => types[i]!.path, key: (t) => t.type, what: 'finding type' });
        }),
      )
      .default([]),
    quarantine: quarantineSchema.prefault({}),
    investigation: investigationSchema.prefault({}),
  },
  { error: 'must be a mapping with the incident-response settings' },
);

const thresholdMessage = `must be a percentage of the budget from ${BUDGET_THRESHOLD_RANGE.min} to ${BUDGET_THRESHOLD_RANGE.max}`;
const thresholdsSchema = (fallback: number[]) =>
  z
    .array(z.number({ error: thresholdMessage }).min(BUDGET_THRESHOLD_RANGE.min, thresholdMessage).max(BUDGET_THRESHOLD_RANGE.max, thresholdMessage), {
      error: 'must be a list of percentages, e.g. [80, 100]',
    })
    .check(whenValid((list, ctx) => reportDuplicates(list, ctx, { path: (i) => [i], key: (t) => String(t), what: 'threshold' })))
    .default(fallback);

const usdMessage = 'must be an amount in USD greater than 0, e.g. 1000';
const usdSchema = z.number({ error: usdMessage }).positive(usdMessage).max(1e9, 'must be at most 1000000000 USD');

const tagKeySchema = z
  .string({ error: 'must be a tag key, e.g. "cost-center"' })
  .min(1, 'must be a tag key, e.g. "cost-center"')
  .max(128, 'tag keys are at most 128 characters')
  .refine((key) => !key.toLowerCase().startsWith('aws:'), 'must be a user-defined tag ("aws:" tags are activated by AWS)');

export const organizationCostSchema = z.strictObject(
  {
    budgets: z
      .strictObject(
        {
          /** A monthly cost budget per account, in the management account, alerting the cost alert topic. */
          enabled: on(false),
          /** Monthly limit in USD for accounts that set none (accounts[].cost.monthlyBudgetUsd). */
          monthlyLimitUsd: usdSchema.default(1000),
          /** Alert when actual spend passes these percentages of the limit. */
          actualThresholdPercents: thresholdsSchema([80, 100]),
          /** Alert when forecast spend passes these percentages. */
          forecastThresholdPercents: thresholdsSchema([100]),
        },
        { error: 'must be a mapping, e.g. { enabled: true, monthlyLimitUsd: 1000 }' },
      )
      .check(
        whenValid((budgets, ctx) => {
          if (budgets.actualThresholdPercents.length + budgets.forecastThresholdPercents.length === 0) {
            ctx.addIssue({ code: 'custom', path: ['actualThresholdPercents'], message: 'and forecastThresholdPercents are both empty; a budget nobody is told about does nothing' });
          }
        }),
      )
      .prefault({}),
    anomalyDetection: z
      .strictObject(
        {
          /** A Cost Anomaly Detection monitor and immediate subscription in the management account. */
          enabled: on(false),
          /** Alert on anomalies with at least this total impact in USD. */
          impactThresholdUsd: usdSchema.default(100),
        },
        { error: 'must be a mapping, e.g. { enabled: true, impactThresholdUsd: 100 }' },
      )
      .prefault({}),
    /** User-defined tags activated for cost allocation. */
    costAllocationTags: z
      .array(tagKeySchema, { error: 'must be a list of tag keys' })
      .check(whenValid((keys, ctx) => reportDuplicates(keys, ctx, { path: (i) => [i], key: (k) => k, what: 'tag key' })))
      .default([]),
  },
  { error: 'must be a mapping with the cost settings' },
);

export const accountCostSchema = z.strictObject(
  {
    /** This account's monthly budget in USD (overrides cost.budgets.monthlyLimitUsd). */
    monthlyBudgetUsd: usdSchema.optional(),
  },
  { error: 'must be a mapping, e.g. { monthlyBudgetUsd: 500 }' },
);

export type OrganizationResponseSettings = z.output<typeof organizationResponseSchema>;
export type OrganizationCostSettings = z.output<typeof organizationCostSchema>;
