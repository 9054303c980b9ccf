import type { Wafv2WebAclRuleAction, Wafv2WebAclRuleOverrideAction } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { renderTextTransformations, type TextTransformationType } from './field-to-match';
import {
  AWS_MANAGED_RULE_GROUP_CAPACITY,
  BOT_CONTROL_GROUP,
  GROUPS_NEEDING_CONFIG,
  awsManagedRuleGroupCapacity,
} from './managed-rule-groups';
import {
  ENTITY_NAME,
  LABEL_NAME,
  checkEntityName,
  checkMetricName,
  checkOneOf,
  checkWholeNumber,
  type JsonObject,
  type RenderContext,
} from './render-context';
import {
  WafStatements,
  renderForwardedIpConfig,
  renderNestedStatement,
  type ForwardedIpConfig,
  type IIpSet,
  type IpSetMatchOptions,
  type WafStatement,
} from './statements';

/** What a rule does with a matching request. */
export type WafAction = 'allow' | 'block' | 'count' | 'captcha' | 'challenge';
export const WAF_ACTIONS: readonly WafAction[] = ['allow', 'block', 'count', 'captcha', 'challenge'];

/** A custom response for a `block` action. */
export interface BlockResponse {
  /** HTTP status code to return (200-599). */
  readonly responseCode: number;
  /**
   * Key of a body in the web ACL's `customResponseBodies`.
   * @default - no body
   * Security: none; keep bodies free of internal detail (rule names, versions).
   */
  readonly customResponseBodyKey?: string;
  /**
   * Headers to add to the response (WAF prefixes them with `x-amzn-waf-`).
   * @default {}
   * Security: none.
   */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/** Props every rule builder takes. */
export interface WafRuleBaseProps {
  /** Rule name (1-128 letters, digits, `_` or `-`), unique in the web ACL. */
  readonly name: string;
  /**
   * Evaluation priority. Leave it out: priorities follow the rule order (0, 1, 2, ...). A pinned priority must be
   * higher than the rule before it, so the list order stays the evaluation order.
   * @default - the rule before it plus one
   * Security: order decides which rule wins; deriving it from the list keeps reviews honest.
   */
  readonly priority?: number;
  /**
   * CloudWatch metric name of the rule (1-255 of letters, digits, `_#:.-/`).
   * @default - the rule name
   * Security: none; per-rule metrics show which rule blocks what.
   */
  readonly metricName?: string;
  /**
   * Labels to add to matching requests, for later rules.
   * @default []
   * Security: none.
   */
  readonly ruleLabels?: readonly string[];
}

/** A rule rendered into the provider's shape, with its cost. */
export interface RenderedRule {
  readonly name: string;
  readonly metricName: string;
  /** What the rule is, for the capacity breakdown, e.g. `managed AWS/AWSManagedRulesCommonRuleSet`. */
  readonly kind: string;
  /** Web ACL capacity units (WCUs) the rule costs. */
  readonly wcu: number;
  /** Content of the rule's `statement` block. */
  readonly statement: JsonObject;
  /** `action` block (custom rules). */
  readonly action?: Wafv2WebAclRuleAction;
  /** `override_action` block (managed rule groups). */
  readonly overrideAction?: Wafv2WebAclRuleOverrideAction;
  readonly ruleLabels: readonly string[];
  /** Custom response body keys the rule uses (each must exist in the web ACL). */
  readonly responseBodyKeys: readonly string[];
  /** For managed rule groups: what the group is and how its actions were changed. */
  readonly managedGroup?: {
    readonly vendorName: string;
    readonly name: string;
    readonly overrideAction: 'none' | 'count';
    readonly ruleActionOverrides: readonly RuleActionOverride[];
  };
}

/** A rule of a web ACL. Build one with `WafRules`. */
export interface WafRule {
  readonly name: string;
  readonly priority?: number;
  /** Validates and renders the rule; errors name the prop path of `ctx`. */
  render(ctx: RenderContext): RenderedRule;
}

/** Changes the action of one rule inside a managed rule group. */
export interface RuleActionOverride {
  /** Name of the rule inside the group, e.g. `SizeRestrictions_BODY`. */
  readonly name: string;
  /** The action to use instead of the rule's own. */
  readonly action: WafAction;
}

/** Bot Control's managed rule group configuration. */
export interface BotControlConfig {
  /** `COMMON` (self-identifying bots) or `TARGETED` (sophisticated bots, higher fees). */
  readonly inspectionLevel: 'COMMON' | 'TARGETED';
  /**
   * Use machine learning (TARGETED only).
   * @default - the service's default (true) for TARGETED
   * Security: ML finds distributed bots that single-request rules miss.
   */
  readonly enableMachineLearning?: boolean;
}

export interface ManagedRuleGroupRuleProps extends Omit<WafRuleBaseProps, 'name'> {
  /**
   * Rule name.
   * @default - the group name
   * Security: none.
   */
  readonly name?: string;
  /**
   * Vendor of the group.
   * @default 'AWS'
   * Security: none; third-party groups need their `capacity`.
   */
  readonly vendorName?: string;
  /** Group name, e.g. `AWSManagedRulesCommonRuleSet`. */
  readonly groupName: string;
  /**
   * Pin a version of the group.
   * @default - the vendor's default version, which AWS updates
   * Security: unpinned groups receive new protections as AWS publishes them.
   */
  readonly version?: string;
  /**
   * `none` applies the group's own actions; `count` only counts (for tuning).
   * @default 'none'
   * Security: `count` switches the whole group's protection off.
   */
  readonly overrideAction?: 'none' | 'count';
  /**
   * Per-rule action changes inside the group (up to 100).
   * @default []
   * Security: each `count` or `allow` override switches one protection off; keep them few and reviewed.
   */
  readonly ruleActionOverrides?: readonly RuleActionOverride[];
  /**
   * Evaluate only requests that match this statement.
   * @default - every request
   * Security: requests outside the scope are not inspected by the group.
   */
  readonly scopeDownStatement?: WafStatement;
  /**
   * Bot Control configuration (only for AWSManagedRulesBotControlRuleSet).
   * @default { inspectionLevel: 'COMMON' } for Bot Control
   * Security: TARGETED also catches bots that hide, at a higher price.
   */
  readonly botControl?: BotControlConfig;
  /**
   * WCUs of a group outside the table of AWS-published capacities (required for such groups).
   * @default - from the table
   * Security: none; a wrong figure only moves the capacity check.
   */
  readonly capacity?: number;
}

/** A key a rate-based rule aggregates requests by (with `aggregateKeyType: 'CUSTOM_KEYS'`). */
export type RateLimitKey =
  | { readonly key: 'ip' }
  | { readonly key: 'forwarded-ip' }
  | { readonly key: 'http-method' }
  | { readonly key: 'header' | 'cookie' | 'query-argument'; readonly name: string; readonly textTransformations?: readonly TextTransformationType[] }
  | { readonly key: 'query-string' | 'uri-path'; readonly textTransformations?: readonly TextTransformationType[] }
  | { readonly key: 'label-namespace'; readonly namespace: string };

export interface RateBasedRuleProps extends WafRuleBaseProps {
  /** Requests allowed per aggregation instance in the evaluation window (10 to 2,000,000,000). */
  readonly limit: number;
  /**
   * Seconds of history counted: 60, 120, 300 or 600.
   * @default 300
   * Security: a short window reacts faster to bursts; a long one catches slow, steady abuse.
   */
  readonly evaluationWindowSec?: number;
  /**
   * Action once the limit is passed.
   * @default 'block'
   * Security: `count` only reports floods.
   */
  readonly action?: Exclude<WafAction, 'allow'>;
  /**
   * Custom response when the action is `block`.
   * @default - WAF's 403
   * Security: none; say nothing about the rules in the body.
   */
  readonly blockResponse?: BlockResponse;
  /**
   * What requests are counted by: the source IP, a forwarded IP header, custom keys, or all together (`CONSTANT`,
   * needs a scope-down statement).
   * @default 'IP'
   * Security: a forwarded header is client-controlled unless your own proxy sets it.
   */
  readonly aggregateKeyType?: 'IP' | 'FORWARDED_IP' | 'CUSTOM_KEYS' | 'CONSTANT';
  /**
   * The header to read (required with `FORWARDED_IP` or a `forwarded-ip` custom key).
   * @default - none
   * Security: only trust a header that your own proxy or CDN sets.
   */
  readonly forwardedIpConfig?: ForwardedIpConfig;
  /**
   * Aggregation keys (1-5, with `CUSTOM_KEYS`; 30 WCUs each).
   * @default - none
   * Security: keys a client controls (headers, cookies) let it spread requests over many counters.
   */
  readonly customKeys?: readonly RateLimitKey[];
  /**
   * Count only requests that match this statement.
   * @default - every request
   * Security: none; scope a strict limit to sensitive paths such as `/login`.
   */
  readonly scopeDownStatement?: WafStatement;
}

export interface StatementRuleProps extends WafRuleBaseProps {
  /** What the rule does with a matching request. */
  readonly action: WafAction;
  /**
   * Custom response when the action is `block`.
   * @default - WAF's 403
   * Security: none; say nothing about the rules in the body.
   */
  readonly blockResponse?: BlockResponse;
  /** The statement requests are matched against. */
  readonly statement: WafStatement;
}

export interface IpSetRuleProps extends WafRuleBaseProps, IpSetMatchOptions {
  /** `allow` for an allow list, `block` for a block list (or `count`). */
  readonly action: 'allow' | 'block' | 'count';
  /**
   * Custom response when the action is `block`.
   * @default - WAF's 403
   * Security: none; say nothing about the rules in the body.
   */
  readonly blockResponse?: BlockResponse;
  /** The IP sets to match (IPv4 and IPv6 sets are separate; an `IpAddressList` has both). */
  readonly ipSets: readonly IIpSet[];
}

export interface GeoMatchRuleProps extends WafRuleBaseProps {
  /** What to do with requests from the listed countries (or from the others, with `negate`). */
  readonly action: WafAction;
  /** ISO 3166-1 alpha-2 country codes, e.g. `["KP", "IR"]`. */
  readonly countryCodes: readonly string[];
  /**
   * Match requests from every country *except* the listed ones (an allow list of countries).
   * @default false
   * Security: none.
   */
  readonly negate?: boolean;
  /**
   * Read the client IP from a header.
   * @default - the source IP
   * Security: a header is client-controlled unless your own proxy sets it.
   */
  readonly forwardedIpConfig?: ForwardedIpConfig;
  /**
   * Custom response when the action is `block`.
   * @default - WAF's 403
   * Security: none; say nothing about the rules in the body.
   */
  readonly blockResponse?: BlockResponse;
}

const RATE_WINDOWS = [60, 120, 300, 600];

function checkBase(ctx: RenderContext, props: WafRuleBaseProps): { metricName: string; ruleLabels: string[] } {
  checkEntityName(ctx, 'name', props.name);
  const metricName = props.metricName ?? props.name;
  checkMetricName(ctx, 'metricName', metricName);
  const ruleLabels = [...(props.ruleLabels ?? [])];
  ruleLabels.forEach((label, i) => {
    if (!LABEL_NAME.test(label)) ctx.fail(`ruleLabels[${i}]`, label, 'must be a label of letters, digits and "_-:", e.g. "team:blocked"');
  });
  return { metricName, ruleLabels };
}

/** The provider's `action` block, and the response body keys it uses. */
export function renderAction(
  ctx: RenderContext,
  action: WafAction,
  blockResponse: BlockResponse | undefined,
  prop = 'action',
  responseProp = 'blockResponse',
): { action: Wafv2WebAclRuleAction; responseBodyKeys: string[] } {
  checkOneOf(ctx, prop, action, WAF_ACTIONS);
  if (blockResponse && action !== 'block') {
    ctx.fail(responseProp, blockResponse, `can only be given when ${prop} is "block" (${prop} is "${action}")`);
  }
  if (action !== 'block' || !blockResponse) return { action: { [action]: {} }, responseBodyKeys: [] };
  const response = ctx.at(responseProp);
  checkWholeNumber(response, 'responseCode', blockResponse.responseCode, 200, 599);
  const headers = Object.entries(blockResponse.responseHeaders ?? {});
  for (const [name, value] of headers) {
    if (!/^[a-zA-Z0-9._$-]{1,64}$/.test(name)) response.fail(`responseHeaders.${name}`, name, 'must be a header name of 1-64 letters, digits or "._$-"');
    if (value.length < 1 || value.length > 255) response.fail(`responseHeaders.${name}`, value, 'must be a header value of 1 to 255 characters');
  }
  const key = blockResponse.customResponseBodyKey;
  if (key !== undefined && !ENTITY_NAME.test(key)) response.fail('customResponseBodyKey', key, 'must be 1 to 128 letters, digits, "_" or "-"');
  return {
    action: {
      block: {
        customResponse: {
          responseCode: blockResponse.responseCode,
          ...(key !== undefined ? { customResponseBodyKey: key } : {}),
          ...(headers.length > 0 ? { responseHeader: headers.map(([name, value]) => ({ name, value })) } : {}),
        },
      },
    },
    responseBodyKeys: key !== undefined ? [key] : [],
  };
}

function renderRateKey(ctx: RenderContext, key: RateLimitKey): JsonObject {
  switch (key.key) {
    case 'ip':
      return { ip: {} };
    case 'forwarded-ip':
      return { forwarded_ip: {} };
    case 'http-method':
      return { http_method: {} };
    case 'header':
    case 'cookie':
    case 'query-argument': {
      if (key.name.trim() === '' || key.name.length > 64) ctx.fail('name', key.name, 'must be 1 to 64 characters');
      const block = key.key === 'query-argument' ? 'query_argument' : key.key;
      return { [block]: { name: key.name, text_transformation: renderTextTransformations(ctx, key.textTransformations) } };
    }
    case 'query-string':
    case 'uri-path':
      return { [key.key.replace('-', '_')]: { text_transformation: renderTextTransformations(ctx, key.textTransformations) } };
    case 'label-namespace':
      if (!/^[0-9A-Za-z_:-]{1,1024}$/.test(key.namespace) || !key.namespace.endsWith(':')) {
        ctx.fail('namespace', key.namespace, 'must be a label namespace ending in ":", e.g. "awswaf:managed:aws:bot-control:"');
      }
      return { label_namespace: { namespace: key.namespace } };
    default:
      return ctx.fail('key', (key as { key: unknown }).key, 'must be one of "ip", "forwarded-ip", "http-method", "header", "cookie", "query-argument", "query-string", "uri-path", "label-namespace"');
  }
}

/**
 * Rule builders. Each returns a `WafRule` that the web ACL validates and renders in its constructor (so errors name
 * the ACL's construct path and the rule: `rules[2] "rate-limit".limit`), gives a priority from its position and
 * charges to the ACL's capacity.
 */
export const WafRules = {
  /**
   * Runs a managed rule group. Capacity: the group's published WCUs (see AWS_MANAGED_RULE_GROUP_CAPACITY) plus the
   * scope-down statement's.
   */
  managedRuleGroup(props: ManagedRuleGroupRuleProps): WafRule {
    const name = props.name ?? props.groupName;
    return {
      name,
      priority: props.priority,
      render: (ctx) => {
        const { metricName, ruleLabels } = checkBase(ctx, { ...props, name });
        const vendorName = props.vendorName ?? 'AWS';
        if (vendorName.trim() === '' || vendorName.length > 128) ctx.fail('vendorName', vendorName, 'must be 1 to 128 characters, e.g. "AWS"');
        if (!/^[A-Za-z0-9_-]{1,128}$/.test(props.groupName)) {
          ctx.fail('groupName', props.groupName, 'must be a rule group name such as "AWSManagedRulesCommonRuleSet"');
        }
        if ((GROUPS_NEEDING_CONFIG as readonly string[]).includes(props.groupName) && vendorName === 'AWS') {
          ctx.fail('groupName', props.groupName, 'needs login/registration page configuration that this builder does not model yet; add it with the provider resource directly');
        }
        if (props.version !== undefined && !/^[\w#:./-]{1,64}$/.test(props.version)) {
          ctx.fail('version', props.version, 'must be a version name such as "Version_1.10"');
        }
        const overrideAction = props.overrideAction ?? 'none';
        checkOneOf(ctx, 'overrideAction', overrideAction, ['none', 'count']);

        const overrides = props.ruleActionOverrides ?? [];
        if (overrides.length > 100) ctx.fail('ruleActionOverrides', overrides.length, 'must hold at most 100 overrides');
        overrides.forEach((override, i) => {
          const at = ctx.at(`ruleActionOverrides[${i}]`);
          if (!ENTITY_NAME.test(override.name)) at.fail('name', override.name, 'must be the name of a rule in the group, e.g. "SizeRestrictions_BODY"');
          checkOneOf(at, 'action', override.action, WAF_ACTIONS);
          if (overrides.findIndex((o) => o.name === override.name) !== i) at.fail('name', override.name, 'is overridden twice; keep one override per rule');
        });

        const isBotControl = vendorName === 'AWS' && props.groupName === BOT_CONTROL_GROUP;
        if (props.botControl && !isBotControl) {
          ctx.fail('botControl', props.botControl, `can only be given for ${BOT_CONTROL_GROUP} (groupName is "${props.groupName}")`);
        }
        const botControl = isBotControl ? (props.botControl ?? { inspectionLevel: 'COMMON' as const }) : undefined;
        if (botControl) {
          checkOneOf(ctx.at('botControl'), 'inspectionLevel', botControl.inspectionLevel, ['COMMON', 'TARGETED']);
          if (botControl.enableMachineLearning !== undefined && botControl.inspectionLevel !== 'TARGETED') {
            ctx.fail('botControl.enableMachineLearning', botControl.enableMachineLearning, 'applies only to inspectionLevel "TARGETED"');
          }
        }

        const published = awsManagedRuleGroupCapacity(vendorName, props.groupName);
        if (props.capacity !== undefined) {
          checkWholeNumber(ctx, 'capacity', props.capacity, 1, 5000, 'WCUs');
          if (published !== undefined && props.capacity !== published) {
            ctx.fail('capacity', props.capacity, `must be left out for ${props.groupName}: AWS publishes its capacity as ${published} WCUs`);
          }
        }
        const groupWcu =
          published ??
          props.capacity ??
          ctx.fail(
            'capacity',
            undefined,
            `is required for ${vendorName}/${props.groupName}, which is not in the table of published capacities (${Object.keys(AWS_MANAGED_RULE_GROUP_CAPACITY).length} AWS groups); give the vendor's WCU figure`,
          );
        const scopeDown = props.scopeDownStatement ? renderNestedStatement(ctx.at('scopeDownStatement'), props.scopeDownStatement, 'scopeDown') : undefined;

        const statement: JsonObject = {
          managed_rule_group_statement: {
            name: props.groupName,
            vendor_name: vendorName,
            ...(props.version !== undefined ? { version: props.version } : {}),
            ...(overrides.length > 0
              ? { rule_action_override: overrides.map((o) => ({ name: o.name, action_to_use: { [o.action]: {} } })) }
              : {}),
            ...(scopeDown ? { scope_down_statement: scopeDown.json } : {}),
            ...(botControl
              ? {
                  managed_rule_group_configs: [
                    {
                      aws_managed_rules_bot_control_rule_set: {
                        inspection_level: botControl.inspectionLevel,
                        ...(botControl.enableMachineLearning !== undefined ? { enable_machine_learning: botControl.enableMachineLearning } : {}),
                      },
                    },
                  ],
                }
              : {}),
          },
        };
        return {
          name,
          metricName,
          kind: `managed ${vendorName}/${props.groupName}${botControl ? ` (${botControl.inspectionLevel})` : ''}`,
          wcu: groupWcu + (scopeDown?.wcu ?? 0),
          statement,
          overrideAction: { [overrideAction]: {} },
          ruleLabels,
          responseBodyKeys: [],
          managedGroup: { vendorName, name: props.groupName, overrideAction, ruleActionOverrides: overrides },
        };
      },
    };
  },

  /**
   * Rate limiting. Capacity: 2 WCUs, plus 30 per custom aggregation key, plus the scope-down statement's (AWS WAF
   * Developer Guide, "Using rate-based rule statements").
   */
  rateBased(props: RateBasedRuleProps): WafRule {
    return {
      name: props.name,
      priority: props.priority,
      render: (ctx) => {
        const { metricName, ruleLabels } = checkBase(ctx, props);
        checkWholeNumber(ctx, 'limit', props.limit, 10, 2_000_000_000, 'requests per evaluation window');
        const window = props.evaluationWindowSec ?? 300;
        checkOneOf(ctx, 'evaluationWindowSec', window, RATE_WINDOWS);
        if (props.action === ('allow' as WafAction)) ctx.fail('action', props.action, 'must be "block", "count", "captcha" or "challenge" for a rate-based rule');
        const rendered = renderAction(ctx, props.action ?? 'block', props.blockResponse);

        const keyType = props.aggregateKeyType ?? 'IP';
        checkOneOf(ctx, 'aggregateKeyType', keyType, ['IP', 'FORWARDED_IP', 'CUSTOM_KEYS', 'CONSTANT']);
        const keys = props.customKeys ?? [];
        if (keyType === 'CUSTOM_KEYS' && (keys.length < 1 || keys.length > 5)) {
          ctx.fail('customKeys', keys.length, 'must hold 1 to 5 keys when aggregateKeyType is "CUSTOM_KEYS"');
        }
        if (keyType !== 'CUSTOM_KEYS' && keys.length > 0) {
          ctx.fail('customKeys', keys.map((k) => k.key), `can only be given when aggregateKeyType is "CUSTOM_KEYS" (aggregateKeyType is "${keyType}")`);
        }
        const needsForwarded = keyType === 'FORWARDED_IP' || keys.some((k) => k.key === 'forwarded-ip');
        if (needsForwarded && !props.forwardedIpConfig) {
          ctx.fail('forwardedIpConfig', undefined, 'is required when aggregateKeyType is "FORWARDED_IP" or a custom key is "forwarded-ip"');
        }
        if (!needsForwarded && props.forwardedIpConfig) {
          ctx.fail('forwardedIpConfig', props.forwardedIpConfig, `is only used with aggregateKeyType "FORWARDED_IP" or a "forwarded-ip" custom key (aggregateKeyType is "${keyType}")`);
        }
        if (keys.some((k) => k.key === 'ip') && keys.some((k) => k.key === 'forwarded-ip')) {
          ctx.fail('customKeys', keys.map((k) => k.key), 'must not hold both "ip" and "forwarded-ip"');
        }
        if (keyType === 'CONSTANT' && !props.scopeDownStatement) {
          ctx.fail('scopeDownStatement', undefined, 'is required when aggregateKeyType is "CONSTANT" (it selects the requests counted together)');
        }
        const scopeDown = props.scopeDownStatement ? renderNestedStatement(ctx.at('scopeDownStatement'), props.scopeDownStatement, 'scopeDown') : undefined;

        const statement: JsonObject = {
          rate_based_statement: {
            limit: props.limit,
            evaluation_window_sec: window,
            aggregate_key_type: keyType,
            ...(props.forwardedIpConfig ? { forwarded_ip_config: renderForwardedIpConfig(ctx.at('forwardedIpConfig'), props.forwardedIpConfig) } : {}),
            ...(keys.length > 0 ? { custom_key: keys.map((key, i) => renderRateKey(ctx.at(`customKeys[${i}]`), key)) } : {}),
            ...(scopeDown ? { scope_down_statement: scopeDown.json } : {}),
          },
        };
        return {
          name: props.name,
          metricName,
          kind: `rate-based ${props.limit}/${window}s by ${keyType}`,
          wcu: 2 + 30 * keys.length + (scopeDown?.wcu ?? 0),
          statement,
          action: rendered.action,
          ruleLabels,
          responseBodyKeys: rendered.responseBodyKeys,
        };
      },
    };
  },

  /** A rule on any statement (size constraint, string or regex match, and/or/not, ...). Capacity: the statement's. */
  statement(props: StatementRuleProps): WafRule {
    return {
      name: props.name,
      priority: props.priority,
      render: (ctx) => {
        const { metricName, ruleLabels } = checkBase(ctx, props);
        const rendered = renderAction(ctx, props.action, props.blockResponse);
        const statement = renderNestedStatement(ctx.at('statement'), props.statement, 'statement');
        return {
          name: props.name,
          metricName,
          kind: `custom ${Object.keys(statement.json)[0]?.replace(/_statement$/, '') ?? 'statement'}`,
          wcu: statement.wcu,
          statement: statement.json,
          action: rendered.action,
          ruleLabels,
          responseBodyKeys: rendered.responseBodyKeys,
        };
      },
    };
  },

  /** An allow or block list of IP sets. Capacity: 1 WCU per IP set (5 with a forwarded IP at position ANY). */
  ipSet(props: IpSetRuleProps): WafRule {
    const { ipSets, forwardedIpConfig, ...rest } = props;
    return WafRules.statement({ ...rest, statement: WafStatements.ipSets(ipSets, { forwardedIpConfig }) });
  },

  /** Requests from (or, with `negate`, not from) the listed countries. Capacity: 1 WCU. */
  geoMatch(props: GeoMatchRuleProps): WafRule {
    const { countryCodes, negate, forwardedIpConfig, ...rest } = props;
    const geo = WafStatements.geoMatch({ countryCodes, forwardedIpConfig });
    return WafRules.statement({ ...rest, statement: negate ? WafStatements.not(geo) : geo });
  },
};
