import { ConfigError } from '../../config/errors';
import type { OrganizationInput } from '../../config';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { onlyResource, resourcesOfType, stackJson, type SynthesizedStack } from '../support/synth';

const PROD_ALB_US = 'arn:aws:elasticloadbalancing:us-east-1:555555555555:loadbalancer/app/prod-web/0123456789abcdef';
const PROD_ALB_EU = 'arn:aws:elasticloadbalancing:eu-west-1:555555555555:loadbalancer/app/prod-web/fedcba9876543210';
const WEB_PRESET_RULES = ['ip-reputation', 'anonymous-ip', 'rate-limit', 'core-rule-set', 'known-bad-inputs', 'sql-injection', 'bot-control'];

type RawAccount = Record<string, unknown> & { name: string };

/** The raw workload-prod account of the example, and its index. */
function prodAccount(input: OrganizationInput): { account: RawAccount; index: number } {
  const accounts = input.accounts as unknown as RawAccount[];
  const index = accounts.findIndex((a) => a.name === 'workload-prod');
  return { account: accounts[index]!, index };
}

/** The example with workload-prod's `waf.webAcl` changed. */
function withWebAcl(change: (webAcl: Record<string, unknown>) => void) {
  return (input: OrganizationInput): void => {
    const { account } = prodAccount(input);
    const waf = account.waf as { webAcl: Record<string, unknown> };
    change(waf.webAcl);
  };
}

function configProblems(change: (input: OrganizationInput) => void): Array<{ path: string; message: string }> {
  try {
    exampleOrg(change);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => ({ path: p.path, message: p.message }));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The WAF log group of a stack (other modules add log groups too). */
function wafLogGroup(stack: SynthesizedStack): Record<string, unknown> {
  const found = resourcesOfType(stack, 'aws_cloudwatch_log_group').filter((g) => String(g.name).startsWith('aws-waf-logs-'));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const PROD_INDEX = prodAccount(exampleOrg() as unknown as OrganizationInput).index;

describe('the example organisation protects workload-prod with a web ACL per Region', () => {
  const org = exampleOrg();
  const { outdir, stackNames } = synthOrg(org);

  it.each([
    ['us-east-1', PROD_ALB_US],
    ['eu-west-1', PROD_ALB_EU],
  ])('in %s: the web preset, logged and associated with the ALB of that Region', (region, alb) => {
    const stack = stackJson(outdir, `workload-prod-${region}`);
    const acl = onlyResource(stack, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ name: 'example-workload-prod', scope: 'REGIONAL', default_action: { allow: {} } });
    const rules = [...(acl.rule as Array<{ name: string; priority: number }>)].sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => r.name)).toEqual(WEB_PRESET_RULES);
    expect(rules.map((r) => r.priority)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(onlyResource(stack, 'aws_wafv2_web_acl_association')).toMatchObject({ resource_arn: alb });
    expect(onlyResource(stack, 'aws_wafv2_web_acl_logging_configuration')).toMatchObject({
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
      logging_filter: { default_behavior: 'DROP' },
    });
    const logGroup = wafLogGroup(stack);
    expect(logGroup).toMatchObject({ name: 'aws-waf-logs-example-workload-prod', retention_in_days: 365, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.waf_web-acl_logging_key_[0-9A-F]{8}\.arn\}$/) });
    const aliases = resourcesOfType(stack, 'aws_kms_alias').map((a) => a.name);
    expect(aliases).toContain('alias/example/waf-logs');
  });

  it('gives no other account a web ACL', () => {
    for (const name of stackNames.filter((n) => !n.startsWith('workload-prod-'))) {
      expect(resourcesOfType(stackJson(outdir, name), 'aws_wafv2_web_acl')).toHaveLength(0);
    }
  });

  it('keeps the logical ids stable', () => {
    const stack = stackJson(outdir, 'workload-prod-us-east-1');
    expect(Object.keys(stack.resource?.aws_wafv2_web_acl ?? {})).toEqual([expect.stringMatching(/^waf_web-acl_[0-9A-F]{8}$/)]);
    expect(Object.keys(stack.resource?.aws_wafv2_web_acl_association ?? {})).toEqual([expect.stringMatching(/^waf_web-acl_association-alb-prod-web_[0-9A-F]{8}$/)]);
  });
});

describe('WAF settings', () => {
  it('block countries, log allowed requests and limit the ACL to listed Regions', () => {
    const org = exampleOrg(
      withWebAcl((webAcl) => {
        webAcl.preset = 'api';
        webAcl.blockedCountries = ['KP'];
        webAcl.regions = ['us-east-1'];
        webAcl.protectedResourceArns = [PROD_ALB_US];
        webAcl.logging = { logAllowedRequests: true, retentionDays: 731 };
        webAcl.adjust = { 'core-rule-set': { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', action: 'count' }] } };
      }),
    );
    const { outdir } = synthOrg(org);
    const us = stackJson(outdir, 'workload-prod-us-east-1');
    const rules = [...(onlyResource(us, 'aws_wafv2_web_acl').rule as Array<{ name: string; priority: number; statement: unknown }>)].sort((a, b) => a.priority - b.priority);
    expect(rules.map((r) => r.name)).toEqual(['blocked-countries', 'ip-reputation', 'rate-limit', 'core-rule-set', 'known-bad-inputs', 'sql-injection']);
    expect(rules[3]!.statement).toMatchObject({ managed_rule_group_statement: { rule_action_override: [{ name: 'SizeRestrictions_BODY', action_to_use: { count: {} } }] } });
    expect(onlyResource(us, 'aws_wafv2_web_acl_logging_configuration').logging_filter).toBeUndefined();
    expect(wafLogGroup(us)).toMatchObject({ retention_in_days: 731 });
    expect(resourcesOfType(stackJson(outdir, 'workload-prod-eu-west-1'), 'aws_wafv2_web_acl')).toHaveLength(0);
  });

  it.each<[string, (webAcl: Record<string, unknown>) => void, string, RegExp]>([
    ['a country code is not ISO alpha-2', (w) => (w.blockedCountries = ['UK']), 'blockedCountries[0]', /must be an upper-case ISO 3166-1 alpha-2 country code .*\(not "UK"\)/],
    ['the rate limit is out of range', (w) => (w.rateLimit = 5), 'rateLimit', /must be a whole number of requests from 10 to 2,000,000,000/],
    ['the rate window is not offered', (w) => (w.rateLimitWindowSec = 30), 'rateLimitWindowSec', /must be 60, 120, 300 or 600 seconds/],
    ['a protected resource is not an ALB, API stage or AppSync API', (w) => (w.protectedResourceArns = ['arn:aws:s3:::bucket']), 'protectedResourceArns[0]', /must be the ARN of an Application Load Balancer/],
    ['known-bad-inputs is removed', (w) => (w.remove = ['known-bad-inputs']), 'remove[0]', /must not remove known-bad-inputs: it holds the Log4j/],
    ['a Log4j rule is counted', (w) => (w.adjust = { 'known-bad-inputs': { ruleActionOverrides: [{ name: 'Log4JRCE_BODY', action: 'count' }] } }), 'adjust.known-bad-inputs.ruleActionOverrides[0].action', /must stay "block" for Log4JRCE_BODY/],
    ['the log retention is under a year', (w) => (w.logging = { retentionDays: 30 }), 'logging.retentionDays', /must be one of 365, 400, 545/],
    ['an unknown key is given', (w) => (w.presets = 'web'), 'presets', /unknown key "presets"/],
  ])('fail at load when %s, naming the setting', (_what, change, path, message) => {
    const problems = configProblems(withWebAcl(change));
    const prefix = `accounts[${PROD_INDEX}].waf.webAcl`;
    expect(problems).toContainEqual({ path: `${prefix}.${path}`, message: expect.stringMatching(message) });
  });

  it.each<[string, string[], RegExp]>([
    [
      'a resource is in a Region without a web ACL',
      [PROD_ALB_US.replace('us-east-1', 'us-west-2')],
      /^is in us-west-2, where the account has no web ACL \(us-east-1, eu-west-1\); add the Region or remove the ARN/,
    ],
    [
      'a resource belongs to another account',
      [PROD_ALB_US.replace('555555555555', '666666666666')],
      /^belongs to account 666666666666; a web ACL protects resources of its own account \(555555555555\) only/,
    ],
  ])('fail at load (a config rule, before any stack is built) when %s, naming the setting', (_what, arns, message) => {
    const problems = configProblems(withWebAcl((w) => (w.protectedResourceArns = arns)));
    expect(problems).toContainEqual({ path: `accounts[${PROD_INDEX}].waf.webAcl.protectedResourceArns[0]`, message: expect.stringMatching(message) });
  });
});
