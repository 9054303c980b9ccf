import { AWS_MANAGED_RULE_GROUP_CAPACITY as PUBLISHED, FieldToMatch, WafRules, WafStatements } from '../../modules/waf';
import { aclError, synthAcl } from './helpers';

const managed = (name: string, groupName: string, priority: number, extra: Record<string, unknown> = {}) => ({
  name,
  priority,
  override_action: { none: {} },
  statement: { managed_rule_group_statement: { name: groupName, vendor_name: 'AWS', ...extra } },
  visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
});

const RATE_LIMIT = (priority: number, limit = 2000, window = 300) => ({
  name: 'rate-limit',
  priority,
  action: { block: {} },
  statement: { rate_based_statement: { limit, evaluation_window_sec: window, aggregate_key_type: 'IP' } },
  visibility_config: { cloudwatch_metrics_enabled: true, metric_name: 'rate-limit', sampled_requests_enabled: true },
});

describe('preset api', () => {
  const { acl, rules } = synthAcl({ preset: { name: 'api' } });

  it('is IP reputation, a rate limit, core rule set, known bad inputs and SQL injection, in that order', () => {
    expect(rules).toEqual([
      managed('ip-reputation', 'AWSManagedRulesAmazonIpReputationList', 0),
      RATE_LIMIT(1),
      managed('core-rule-set', 'AWSManagedRulesCommonRuleSet', 2),
      managed('known-bad-inputs', 'AWSManagedRulesKnownBadInputsRuleSet', 3),
      managed('sql-injection', 'AWSManagedRulesSQLiRuleSet', 4),
    ]);
  });

  it('costs 1,127 WCUs: the published group capacities plus 2 for the rate limit', () => {
    const expected =
      PUBLISHED.AWSManagedRulesAmazonIpReputationList + 2 + PUBLISHED.AWSManagedRulesCommonRuleSet + PUBLISHED.AWSManagedRulesKnownBadInputsRuleSet + PUBLISHED.AWSManagedRulesSQLiRuleSet;
    expect(expected).toBe(25 + 2 + 700 + 200 + 200);
    expect(acl.capacity).toBe(1127);
    expect(acl.capacityBreakdown.map((l) => [l.name, l.wcu])).toEqual([
      ['ip-reputation', 25],
      ['rate-limit', 2],
      ['core-rule-set', 700],
      ['known-bad-inputs', 200],
      ['sql-injection', 200],
    ]);
  });
});

describe('preset web', () => {
  const { acl, rules } = synthAcl({ preset: { name: 'web' } });

  it('adds the anonymous IP list after IP reputation and Bot Control (COMMON) last', () => {
    expect(rules).toEqual([
      managed('ip-reputation', 'AWSManagedRulesAmazonIpReputationList', 0),
      managed('anonymous-ip', 'AWSManagedRulesAnonymousIpList', 1),
      RATE_LIMIT(2),
      managed('core-rule-set', 'AWSManagedRulesCommonRuleSet', 3),
      managed('known-bad-inputs', 'AWSManagedRulesKnownBadInputsRuleSet', 4),
      managed('sql-injection', 'AWSManagedRulesSQLiRuleSet', 5),
      managed('bot-control', 'AWSManagedRulesBotControlRuleSet', 6, {
        managed_rule_group_configs: [{ aws_managed_rules_bot_control_rule_set: { inspection_level: 'COMMON' } }],
      }),
    ]);
  });

  it('costs 1,227 WCUs: api plus the anonymous IP list (50) and Bot Control (50)', () => {
    expect(acl.capacity).toBe(1127 + PUBLISHED.AWSManagedRulesAnonymousIpList + PUBLISHED.AWSManagedRulesBotControlRuleSet);
    expect(acl.capacity).toBe(1227);
  });
});

describe('preset adjustments', () => {
  it('changes the rate limit, blocks countries first, overrides, removes and appends rules', () => {
    const { acl, rules } = synthAcl({
      rules: [WafRules.statement({ name: 'body-8kb', action: 'block', statement: WafStatements.sizeConstraint({ field: FieldToMatch.body(), comparisonOperator: 'GT', size: 8192 }) })],
      preset: {
        name: 'web',
        rateLimit: 300,
        rateLimitWindowSec: 60,
        blockedCountries: ['KP', 'IR'],
        adjust: {
          'core-rule-set': { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', action: 'count' }] },
          'anonymous-ip': { overrideAction: 'count' },
        },
        remove: ['bot-control'],
        append: [WafRules.geoMatch({ name: 'count-eu', action: 'count', countryCodes: ['DE'] })],
      },
    });
    expect(rules.map((r) => [r.priority, r.name])).toEqual([
      [0, 'body-8kb'],
      [1, 'blocked-countries'],
      [2, 'ip-reputation'],
      [3, 'anonymous-ip'],
      [4, 'rate-limit'],
      [5, 'core-rule-set'],
      [6, 'known-bad-inputs'],
      [7, 'sql-injection'],
      [8, 'count-eu'],
    ]);
    expect(rules[1]).toMatchObject({ action: { block: {} }, statement: { geo_match_statement: { country_codes: ['KP', 'IR'] } } });
    expect(rules[3]!.override_action).toEqual({ count: {} });
    expect(rules[4]).toEqual(RATE_LIMIT(4, 300, 60));
    expect(rules[5]!.statement).toEqual({
      managed_rule_group_statement: {
        name: 'AWSManagedRulesCommonRuleSet',
        vendor_name: 'AWS',
        rule_action_override: [{ name: 'SizeRestrictions_BODY', action_to_use: { count: {} } }],
      },
    });
    // 1 + 1 + 1227 - 50 (bot control) + 1
    expect(acl.capacity).toBe(1180);
  });

  it('fails when the preset rate limit is out of range', () => {
    expect(aclError({ preset: { name: 'api', rateLimit: 5 } }).message).toMatch(/preset\.rateLimit must be a whole number from 10 to 2,000,000,000 requests per evaluation window \(got 5\)/);
  });

  it('fails when a preset rule to remove or adjust does not exist', () => {
    expect(aclError({ preset: { name: 'api', remove: ['bot-control'] } }).message).toMatch(/preset\.remove\[0\] must name a rule of the preset; the api preset's rules are ip-reputation, rate-limit, /);
    expect(aclError({ preset: { name: 'web', adjust: { 'rate-limit': { overrideAction: 'count' } } } }).message).toMatch(/preset\.adjust\.rate-limit adjusts managed rule groups only; change rateLimit/);
  });

  it.each([
    ['removing known-bad-inputs', { remove: ['known-bad-inputs' as const] }, /preset\.remove\[0\] must not remove known-bad-inputs: it holds the Log4j/],
    ['counting known-bad-inputs', { adjust: { 'known-bad-inputs': { overrideAction: 'count' as const } } }, /preset\.adjust\.known-bad-inputs\.overrideAction must stay "none"/],
    [
      'counting a Log4j rule',
      { adjust: { 'known-bad-inputs': { ruleActionOverrides: [{ name: 'Log4JRCE_HEADER', action: 'count' as const }] } } },
      /preset\.adjust\.known-bad-inputs\.ruleActionOverrides\[0\] must not change Log4JRCE_HEADER to "count"/,
    ],
  ])('fails when %s (the Log4j protection is a floor)', (_what, change, message) => {
    expect(aclError({ preset: { name: 'web', ...change } }).message).toMatch(message);
  });
});
