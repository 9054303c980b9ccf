import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { DEFAULT_CAPACITY_LIMIT, MAX_WEB_ACL_CAPACITY, WebAcl } from '../modules/waf/web-acl';
import { WEB_ACL_PRESETS, type WebAclPresetName } from '../modules/waf/presets';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { PROVIDER_REGION, declareTagsVariable, hclList, providerContext } from './common';

/**
 * The construct renders a preset's rules and their capacity (WCUs) at synth; the module builds one ACL per preset
 * (only the chosen one is created: `count` on the known `preset` input) and checks the preset's capacity, computed
 * by the construct, against `capacity_limit` in a precondition.
 */
const NAME_PLACEHOLDER = 'xexportaclx';
/** Numbers the construct checks, replaced by the inputs; chosen to occur nowhere else in the rendered rules. */
const RATE_LIMIT_PLACEHOLDER = 1234567;
const RATE_WINDOW_PLACEHOLDER = 600;
const PARTITION = '(aws|aws-cn|aws-us-gov)';
const PROTECTED_RESOURCE = String.raw`^arn:${PARTITION}:(elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,16}|apigateway:[a-z0-9-]+::/restapis/[a-z0-9]{10}/stages/[A-Za-z0-9_-]{1,128}|appsync:[a-z0-9-]+:[0-9]{12}:apis/[a-z0-9]{26})$`;

function build(stack: ModuleStack): void {
  providerContext(stack);
  declareTagsVariable(stack);
  stack.variable('name', {
    type: 'string',
    description: 'Name of the web ACL (1-128 letters, digits, "_" or "-"); also its CloudWatch metric name.',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,128}$", var.name)) && !contains(["All", "Default_Action"], var.name)', errorMessage: 'name must be 1-128 letters, digits, "_" or "-" (not "All" or "Default_Action", reserved metric names).' }],
  });
  stack.variable('preset', {
    type: 'string',
    description: 'Rule set: "api" (IP reputation, a per-IP rate limit, the core rule set, known bad inputs with the Log4j rules, SQL injection) or "web" (the same plus the anonymous IP list and Bot Control at the COMMON level). The Log4j protection cannot be removed. Changing the preset replaces the ACL (one resource per preset).',
    default: 'api',
    validation: [{ condition: `contains(${hclList(WEB_ACL_PRESETS)}, var.preset)`, errorMessage: `preset must be one of ${WEB_ACL_PRESETS.join(', ')}.` }],
  });
  stack.variable('scope', {
    type: 'string',
    description: '"REGIONAL" (ALBs, API Gateway stages and AppSync APIs of the provider\'s Region) or "CLOUDFRONT" (distributions; only with a us-east-1 provider). Default "REGIONAL".',
    default: 'REGIONAL',
    validation: [{ condition: 'contains(["REGIONAL", "CLOUDFRONT"], var.scope)', errorMessage: 'scope must be "REGIONAL" or "CLOUDFRONT".' }],
  });
  stack.variable('rate_limit', {
    type: 'object({ limit = optional(number, 2000), window_seconds = optional(number, 300) })',
    description: 'The per-client-IP rate limit: requests in the evaluation window before the rule blocks (10 to 2,000,000,000; default 2000: slows credential stuffing and scraping) and the window (60, 120, 300 or 600 seconds; default 300).',
    default: {},
    validation: [
      { condition: 'var.rate_limit.limit >= 10 && var.rate_limit.limit <= 2000000000 && floor(var.rate_limit.limit) == var.rate_limit.limit', errorMessage: 'rate_limit.limit must be a whole number of requests from 10 to 2000000000.' },
      { condition: 'contains([60, 120, 300, 600], var.rate_limit.window_seconds)', errorMessage: 'rate_limit.window_seconds must be 60, 120, 300 or 600.' },
    ],
  });
  stack.variable('default_action', {
    type: 'string',
    description: 'What happens to requests no rule decides on: "allow" (with blocking rules: public sites and APIs) or "block" (the ACL becomes an allow list). Default "allow".',
    default: 'allow',
    validation: [{ condition: 'contains(["allow", "block"], var.default_action)', errorMessage: 'default_action must be "allow" or "block".' }],
  });
  stack.variable('capacity_limit', {
    type: 'number',
    description: `The most WCUs the rules may use, 1 to ${MAX_WEB_ACL_CAPACITY}. Default ${DEFAULT_CAPACITY_LIMIT}: the capacity the basic WAF price includes. The preset's capacity (computed by the construct) is checked against it at plan.`,
    default: DEFAULT_CAPACITY_LIMIT,
    validation: [integer('capacity_limit', 1, MAX_WEB_ACL_CAPACITY)],
  });
  stack.variable('resource_arns', {
    type: 'map(string)',
    description: 'Resources the ACL protects, by a stable label (part of the association address): ALB, API Gateway stage or AppSync API ARNs of the provider\'s Region (REGIONAL ACLs only; CloudFront distributions name the ACL themselves). Values may be unknown until apply. Default {}.',
    default: {},
    validation: [{ condition: `alltrue([for k, a in var.resource_arns : a == null ? true : can(regex(${JSON.stringify(PROTECTED_RESOURCE)}, a))])`, errorMessage: 'resource_arns must be ALB, API Gateway stage or AppSync API ARNs such as "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef".' }],
  });

  const capacities: Record<string, number> = {};
  const acls = WEB_ACL_PRESETS.map((preset: WebAclPresetName) => {
    const acl = new WebAcl(stack, `this-${preset}`, {
      name: NAME_PLACEHOLDER,
      scope: 'REGIONAL',
      region: 'us-east-1',
      preset: { name: preset, rateLimit: RATE_LIMIT_PLACEHOLDER, rateLimitWindowSec: RATE_WINDOW_PLACEHOLDER },
      capacityLimit: MAX_WEB_ACL_CAPACITY,
      tags: stack.moduleTags,
    });
    capacities[preset] = acl.capacity;
    acl.resource.addOverride('count', `\${var.preset == ${JSON.stringify(preset)} ? 1 : 0}`);
    acl.resource.addOverride('scope', '${var.scope}');
    return { preset, acl };
  });
  // The default action is one block named after the input: allow {} or block {}.
  const capacityText = Object.entries(capacities).map(([p, c]) => `${p}: ${c}`).join(', ');
  for (const { acl } of acls) {
    acl.resource.addOverride('lifecycle.precondition', [
      { condition: `\${var.scope == "REGIONAL" || ${PROVIDER_REGION} == "us-east-1"}`, error_message: 'scope "CLOUDFRONT" needs a us-east-1 provider: CloudFront web ACLs exist only in us-east-1.' },
      { condition: '${local.preset_capacity[var.preset] <= var.capacity_limit}', error_message: `The preset's rules need more WCUs than capacity_limit (${capacityText}): raise capacity_limit (at most ${MAX_WEB_ACL_CAPACITY}) or pick the smaller preset.` },
    ]);
    acl.resource.addOverride('default_action.allow', undefined);
    acl.resource.addOverride('default_action.dynamic', {
      allow: { for_each: '${var.default_action == "allow" ? [1] : []}', content: {} },
      block: { for_each: '${var.default_action == "block" ? [1] : []}', content: {} },
    });
  }
  stack.local('preset_capacity', capacities);
  stack.replaceNumber(RATE_LIMIT_PLACEHOLDER, 'var.rate_limit.limit');
  stack.replaceNumber(RATE_WINDOW_PLACEHOLDER, 'var.rate_limit.window_seconds');
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.name', 'substring');
  stack.forbid('xexport');

  const aclArn = `one(concat(${acls.map(({ preset }) => `aws_wafv2_web_acl.this_${preset}[*].arn`).join(', ')}))`;
  const association = new Wafv2WebAclAssociation(stack, 'association', { webAclArn: `\${${aclArn}}`, resourceArn: '${each.value}' });
  association.addOverride('for_each', '${var.resource_arns}');
  association.addOverride('lifecycle.precondition', [
    { condition: `\${var.scope == "REGIONAL" && (each.value == null ? true : split(":", each.value)[3] == ${PROVIDER_REGION})}`, error_message: 'resource_arns must be resources of the provider\'s Region, for a REGIONAL ACL (CloudFront distributions name their ACL themselves).' },
  ]);
  stack.nameElement(association, 'this_association');

  stack.output('web_acl_arn', `\${${aclArn}}`, 'ARN of the web ACL.');
  stack.output('web_acl_id', `\${one(concat(${acls.map(({ preset }) => `aws_wafv2_web_acl.this_${preset}[*].id`).join(', ')}))}`, 'Id of the web ACL.');
  stack.output('capacity', '${local.preset_capacity[var.preset]}', 'WCUs the rules use (computed by the construct for the preset).');
}

function integer(name: string, min: number, max: number): { condition: string; errorMessage: string } {
  return { condition: `var.${name} >= ${min} && var.${name} <= ${max} && floor(var.${name}) == var.${name}`, errorMessage: `${name} must be a whole number from ${min} to ${max} WCUs.` };
}

export const wafWebAclModule: ModuleDefinition = {
  name: 'waf-web-acl',
  title: 'WAFv2 web ACL from the api or web preset, with the WCU check',
  summary: `
A web ACL of \`modules/waf\` (\`WebAcl\` with a preset): the \`api\` preset (Amazon IP reputation list, a per-IP rate
limit, the core rule set, known bad inputs with the Log4j rules, SQL injection) or the \`web\` preset (the same plus the
anonymous IP list and Bot Control), rules as blocks Checkov reads, CloudWatch metrics and sampled requests on, the
preset's capacity (WCUs) computed by the construct and checked against \`capacity_limit\`, and associations with ALBs,
API Gateway stages or AppSync APIs of the provider's Region.
`,
  example: `
module "waf_web_acl" {
  source = "../.."

  name   = "orders-api"
  preset = "api"
  rate_limit = {
    limit          = 1000
    window_seconds = 300
  }
  resource_arns = {
    orders_alb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders/0123456789abcdef"
  }
}

output "web_acl_arn" {
  value = module.waf_web_acl.web_acl_arn
}
`,
  planOnlyRules: [
    'The preset\'s capacity is within capacity_limit, and scope "CLOUDFRONT" has a us-east-1 provider (preconditions on the ACL).',
    'resource_arns are resources of the provider\'s Region (a precondition on each association).',
  ],
  notes: [
    'Geo blocking, rule adjustments (count mode, rule action overrides, scope-down statements), custom rules, custom responses and logging stay with the CDKTF construct.',
  ],
  build,
};
