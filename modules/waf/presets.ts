import { KNOWN_BAD_INPUTS_GROUP, LOG4J_RULES } from './managed-rule-groups';
import { checkOneOf, checkWholeNumber, type RenderContext } from './render-context';
import { WafRules, type RuleActionOverride, type WafRule } from './rules';
import { checkCountryCodes, type WafStatement } from './statements';

/** The rule sets a web ACL can start from. */
export type WebAclPresetName = 'api' | 'web';
export const WEB_ACL_PRESETS: readonly WebAclPresetName[] = ['api', 'web'];

/** Names of the rules the presets create (`blocked-countries` only when countries are listed). */
export type PresetRuleName =
  | 'blocked-countries'
  | 'ip-reputation'
  | 'anonymous-ip'
  | 'rate-limit'
  | 'core-rule-set'
  | 'known-bad-inputs'
  | 'sql-injection'
  | 'bot-control';

/** Changes to one managed rule group of a preset. */
export interface PresetRuleAdjustment {
  /**
   * `count` runs the group in count mode (for tuning).
   * @default 'none'
   * Security: `count` switches the group's protection off; refused for known-bad-inputs (Log4j).
   */
  readonly overrideAction?: 'none' | 'count';
  /**
   * Per-rule action changes inside the group, e.g. `{ name: 'SizeRestrictions_BODY', action: 'count' }`.
   * @default []
   * Security: each override switches one protection off; the Log4j rules cannot be overridden.
   */
  readonly ruleActionOverrides?: readonly RuleActionOverride[];
  /**
   * Evaluate the group only for requests matching this statement.
   * @default - every request
   * Security: requests outside the scope are not inspected by the group.
   */
  readonly scopeDownStatement?: WafStatement;
  /**
   * Pin a version of the group.
   * @default - the vendor's default version
   * Security: unpinned groups receive new protections as AWS publishes them.
   */
  readonly version?: string;
}

/** A preset and how it is adjusted. */
export interface WebAclPresetOptions {
  /**
   * `api`: IP reputation, a rate limit, the core rule set, known bad inputs (with Log4j) and SQL injection.
   * `web`: the same plus the anonymous IP list and Bot Control at the COMMON level.
   */
  readonly name: WebAclPresetName;
  /**
   * Requests per client IP in the evaluation window before the rate limit blocks.
   * @default 2000
   * Security: a lower limit slows credential stuffing and scraping, at the risk of blocking busy NAT gateways.
   */
  readonly rateLimit?: number;
  /**
   * Evaluation window of the rate limit: 60, 120, 300 or 600 seconds.
   * @default 300
   * Security: a short window reacts faster to bursts.
   */
  readonly rateLimitWindowSec?: number;
  /**
   * Countries (ISO 3166-1 alpha-2) whose requests are blocked by a first rule.
   * @default [] - no geo blocking
   * Security: cuts noise from regions you never serve; not a control on its own (VPNs cross borders).
   */
  readonly blockedCountries?: readonly string[];
  /**
   * Adjustments of the preset's managed rule groups, by preset rule name (e.g. `core-rule-set`).
   * @default {}
   * Security: see PresetRuleAdjustment; the Log4j protection cannot be adjusted away.
   */
  readonly adjust?: Readonly<Partial<Record<PresetRuleName, PresetRuleAdjustment>>>;
  /**
   * Preset rules to leave out, by name.
   * @default []
   * Security: `known-bad-inputs` cannot be removed (it carries the Log4j protection).
   */
  readonly remove?: readonly PresetRuleName[];
  /**
   * Rules added after the preset's rules.
   * @default []
   * Security: none; they are charged to the same capacity.
   */
  readonly append?: readonly WafRule[];
}

interface PresetEntry {
  readonly name: PresetRuleName;
  readonly build: (adjust: PresetRuleAdjustment) => WafRule;
  /** Whether `adjust` applies (managed rule groups only). */
  readonly managed: boolean;
}

const managed = (name: PresetRuleName, groupName: string, extra: { readonly botControl?: { readonly inspectionLevel: 'COMMON' } } = {}): PresetEntry => ({
  name,
  managed: true,
  build: (adjust) =>
    WafRules.managedRuleGroup({
      name,
      groupName,
      overrideAction: adjust.overrideAction,
      ruleActionOverrides: adjust.ruleActionOverrides,
      scopeDownStatement: adjust.scopeDownStatement,
      version: adjust.version,
      ...extra,
    }),
});

/** The rules of a preset in evaluation order, before adjustment. */
function presetEntries(options: WebAclPresetOptions): PresetEntry[] {
  const countries = options.blockedCountries ?? [];
  const entries: PresetEntry[] = [];
  if (countries.length > 0) {
    entries.push({ name: 'blocked-countries', managed: false, build: () => WafRules.geoMatch({ name: 'blocked-countries', action: 'block', countryCodes: countries }) });
  }
  // Cheap reputation lists first: requests they block never reach the costlier groups (or Bot Control's fees).
  entries.push(managed('ip-reputation', 'AWSManagedRulesAmazonIpReputationList'));
  if (options.name === 'web') entries.push(managed('anonymous-ip', 'AWSManagedRulesAnonymousIpList'));
  entries.push({
    name: 'rate-limit',
    managed: false,
    build: () => WafRules.rateBased({ name: 'rate-limit', limit: options.rateLimit ?? 2000, evaluationWindowSec: options.rateLimitWindowSec ?? 300 }),
  });
  entries.push(managed('core-rule-set', 'AWSManagedRulesCommonRuleSet'));
  entries.push(managed('known-bad-inputs', KNOWN_BAD_INPUTS_GROUP));
  entries.push(managed('sql-injection', 'AWSManagedRulesSQLiRuleSet'));
  // Bot Control last: AWS charges per request it inspects.
  if (options.name === 'web') entries.push(managed('bot-control', 'AWSManagedRulesBotControlRuleSet', { botControl: { inspectionLevel: 'COMMON' } }));
  return entries;
}

/**
 * The rules of a preset after its adjustments, validated against the preset's names. `ctx` is the web ACL's
 * context at `preset`. The Log4j protection is a floor: the known-bad-inputs group cannot be removed, counted, or
 * have its Log4JRCE rules counted or allowed.
 */
export function presetRules(ctx: RenderContext, options: WebAclPresetOptions): WafRule[] {
  checkOneOf(ctx, 'name', options.name, WEB_ACL_PRESETS);
  if (options.rateLimit !== undefined) checkWholeNumber(ctx, 'rateLimit', options.rateLimit, 10, 2_000_000_000, 'requests per evaluation window');
  if (options.rateLimitWindowSec !== undefined) checkOneOf(ctx, 'rateLimitWindowSec', options.rateLimitWindowSec, [60, 120, 300, 600]);
  if (options.blockedCountries !== undefined && options.blockedCountries.length > 0) checkCountryCodes(ctx, 'blockedCountries', options.blockedCountries);
  const entries = presetEntries(options);
  const names = entries.map((e) => e.name);
  const known = `the ${options.name} preset's rules are ${names.join(', ')}`;

  const remove = options.remove ?? [];
  remove.forEach((name, i) => {
    if (!names.includes(name)) ctx.fail(`remove[${i}]`, name, `must name a rule of the preset; ${known}`);
    if (name === 'known-bad-inputs') {
      ctx.fail(`remove[${i}]`, name, 'must not remove known-bad-inputs: it holds the Log4j (CVE-2021-44228) rules the baseline requires');
    }
  });

  const adjust = options.adjust ?? {};
  for (const [name, adjustment] of Object.entries(adjust) as Array<[PresetRuleName, PresetRuleAdjustment]>) {
    const entry = entries.find((e) => e.name === name);
    const at = ctx.at(`adjust.${name}`);
    if (!entry) ctx.fail(`adjust.${name}`, adjustment, `must name a managed rule group of the preset; ${known}`);
    if (!entry.managed) {
      ctx.fail(`adjust.${name}`, adjustment, `adjusts managed rule groups only; change ${name === 'rate-limit' ? 'rateLimit / rateLimitWindowSec' : 'blockedCountries'} instead`);
    }
    if (remove.includes(name)) ctx.fail(`adjust.${name}`, adjustment, `adjusts a rule that remove also lists; do one or the other`);
    if (name === 'known-bad-inputs') {
      if (adjustment.overrideAction === 'count') {
        at.fail('overrideAction', 'count', 'must stay "none" for known-bad-inputs: counting the group switches off the Log4j (CVE-2021-44228) protection');
      }
      (adjustment.ruleActionOverrides ?? []).forEach((override, i) => {
        if ((LOG4J_RULES as readonly string[]).includes(override.name) && override.action !== 'block') {
          at.fail(`ruleActionOverrides[${i}]`, override, `must not change ${override.name} to "${override.action}": it is a Log4j (CVE-2021-44228) rule and must keep blocking`);
        }
      });
    }
  }

  return [
    ...entries.filter((e) => !remove.includes(e.name)).map((e) => e.build(adjust[e.name] ?? {})),
    ...(options.append ?? []),
  ];
}
