import { Construct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, type Wafv2WebAclDefaultAction, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { ValidationError } from '../core/errors';
import { WebAclAssociation } from './association';
import { WebAclLogging, type WebAclLoggingProps } from './logging';
import { formatCapacityBreakdown, type CapacityLine } from './capacity';
import { presetRules, type WebAclPresetOptions } from './presets';
import { ENTITY_NAME, RenderContext, checkMetricName, type WebAclScope } from './render-context';
import { renderAction, type BlockResponse, type RenderedRule, type WafRule } from './rules';
import type { IWebAcl } from './web-acl-ref';

export type { IWebAcl } from './web-acl-ref';

/** A body a `block` action can return. */
export interface CustomResponseBody {
  /** The body (1 to 10,240 characters). */
  readonly content: string;
  /** Content type of the body. */
  readonly contentType: 'TEXT_PLAIN' | 'TEXT_HTML' | 'APPLICATION_JSON';
}

/** The WCU budget the basic WAF price covers; above it AWS charges more. */
export const DEFAULT_CAPACITY_LIMIT = 1500;
/** The most WCUs a web ACL can hold. */
export const MAX_WEB_ACL_CAPACITY = 5000;

export interface WebAclProps {
  /** Physical name of the web ACL (1-128 letters, digits, `_` or `-`). */
  readonly name: string;
  /**
   * `REGIONAL` protects ALBs, API Gateway stages and AppSync APIs in the stack's Region; `CLOUDFRONT` protects
   * distributions and must be created in us-east-1.
   * @default 'REGIONAL'
   * Security: none; a scope that does not fit the Region is refused at synth instead of failing at apply.
   */
  readonly scope?: WebAclScope;
  /**
   * Region the ACL is created in, for the CLOUDFRONT check and for associations.
   * @default - the Region of the stack's AWS provider
   * Security: none.
   */
  readonly region?: string;
  /**
   * Description.
   * @default - none
   * Security: none.
   */
  readonly description?: string;
  /**
   * What happens to requests no rule decides on.
   * @default 'allow'
   * Security: `allow` with blocking rules suits public sites; `block` turns the ACL into an allow list.
   */
  readonly defaultAction?: 'allow' | 'block';
  /**
   * Custom response when `defaultAction` is `block`.
   * @default - WAF's 403
   * Security: none; say nothing about the rules in the body.
   */
  readonly defaultBlockResponse?: BlockResponse;
  /**
   * Start from the `api` or `web` rule set, adjusted rule by rule. `rules` come before the preset's rules.
   * @default - no preset: only `rules`
   * Security: both presets include the core rule set, known bad inputs (Log4j), SQL injection, IP reputation and
   * a per-IP rate limit.
   */
  readonly preset?: WebAclPresetOptions;
  /**
   * Rules in evaluation order; priorities follow the order (see `WafRuleBaseProps.priority`).
   * @default []
   * Security: an ACL needs at least one rule (a preset or these); an empty ACL is refused.
   */
  readonly rules?: readonly WafRule[];
  /**
   * CloudWatch metric name of the ACL.
   * @default - the ACL name
   * Security: none.
   */
  readonly metricName?: string;
  /**
   * Publish CloudWatch metrics for the ACL and every rule.
   * @default true
   * Security: metrics are how a flood or a spike of blocked requests gets noticed.
   */
  readonly cloudwatchMetricsEnabled?: boolean;
  /**
   * Keep samples of matching requests (visible in the console for 3 hours).
   * @default true
   * Security: samples show headers of real requests to console users; turn off if that is too much exposure.
   */
  readonly sampledRequestsEnabled?: boolean;
  /**
   * Bodies `block` actions can return, by key (1-128 letters, digits, `_` or `-`).
   * @default {}
   * Security: none; keep them free of internal detail.
   */
  readonly customResponseBodies?: Readonly<Record<string, CustomResponseBody>>;
  /**
   * The most WCUs the rules may use (1 to 5,000); synth fails above it, printing the per-rule breakdown.
   * @default 1500
   * Security: none; 1,500 is the capacity the basic WAF price includes.
   */
  readonly capacityLimit?: number;
  /**
   * Tags.
   * @default {}
   * Security: none.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The Region of the stack's default (un-aliased) AWS provider, if it is known at synth. */
export function providerRegion(scope: Construct): string | undefined {
  const stack = TerraformStack.of(scope);
  const provider = stack.node.children.find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  const region = provider?.region;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}

/**
 * A WAFv2 web ACL (`aws_wafv2_web_acl`) built from rules and presets, validated at synth: names and metric names
 * against the service's patterns, priorities from rule order (a duplicate is an error), the capacity against
 * `capacityLimit`, scope against the Region, and every rule's statement against the provider's shape.
 *
 * Rules are written as `rule` blocks (not the `rule_json` string the provider also accepts): Terraform validates
 * every block against the provider schema, and Checkov's WAF checks (CKV_AWS_192 Log4j, CKV_AWS_342, CKV_AWS_175)
 * read the blocks; they do not parse `rule_json`.
 */
export class WebAcl extends Construct implements IWebAcl {
  readonly resource: Wafv2WebAcl;
  readonly webAclArn: string;
  readonly webAclId: string;
  readonly webAclName: string;
  readonly scope: WebAclScope;
  readonly region: string;
  /** The rules as rendered, in evaluation order, with their priorities. */
  readonly rules: ReadonlyArray<RenderedRule & { readonly priority: number }>;
  /** Total WCUs of the rules (what WAF will charge against the ACL's capacity). */
  readonly capacity: number;
  /** WCUs per rule, in evaluation order. */
  readonly capacityBreakdown: readonly CapacityLine[];

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const ctx = new RenderContext(this, '', props.scope ?? 'REGIONAL');
    if (!Token.isUnresolved(props.name) && !ENTITY_NAME.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'must be 1 to 128 letters, digits, "_" or "-" (the WAF name pattern ^[\\w-]+$)');
    }
    const wafScope = props.scope ?? 'REGIONAL';
    if (wafScope !== 'REGIONAL' && wafScope !== 'CLOUDFRONT') throw new ValidationError(this, 'scope', wafScope, 'must be "REGIONAL" or "CLOUDFRONT"');
    const region = props.region ?? providerRegion(this);
    if (region === undefined) {
      throw new ValidationError(this, 'region', undefined, "must be given: the stack has no AWS provider with a literal Region to take it from");
    }
    if (wafScope === 'CLOUDFRONT' && region !== 'us-east-1') {
      throw new ValidationError(
        this,
        'scope',
        wafScope,
        `can only be CLOUDFRONT in a us-east-1 stack (this stack's Region is ${region}); create the ACL in a us-east-1 stack or use REGIONAL`,
      );
    }
    const metricName = props.metricName ?? props.name;
    checkMetricName(ctx, 'metricName', metricName);
    const capacityLimit = props.capacityLimit ?? DEFAULT_CAPACITY_LIMIT;
    if (!Number.isInteger(capacityLimit) || capacityLimit < 1 || capacityLimit > MAX_WEB_ACL_CAPACITY) {
      throw new ValidationError(this, 'capacityLimit', capacityLimit, `must be a whole number of WCUs from 1 to ${MAX_WEB_ACL_CAPACITY.toLocaleString('en-US')}`);
    }

    const bodies = Object.entries(props.customResponseBodies ?? {});
    for (const [key, body] of bodies) {
      if (!ENTITY_NAME.test(key)) throw new ValidationError(this, `customResponseBodies.${key}`, key, 'must be keyed by 1 to 128 letters, digits, "_" or "-"');
      if (!['TEXT_PLAIN', 'TEXT_HTML', 'APPLICATION_JSON'].includes(body.contentType)) {
        throw new ValidationError(this, `customResponseBodies.${key}.contentType`, body.contentType, 'must be "TEXT_PLAIN", "TEXT_HTML" or "APPLICATION_JSON"');
      }
      if (body.content.length < 1 || body.content.length > 10240) {
        throw new ValidationError(this, `customResponseBodies.${key}.content`, `${body.content.length} characters`, 'must be 1 to 10,240 characters');
      }
      if (body.contentType === 'APPLICATION_JSON') {
        try {
          JSON.parse(body.content);
        } catch {
          throw new ValidationError(this, `customResponseBodies.${key}.content`, body.content, 'must be valid JSON when contentType is "APPLICATION_JSON"');
        }
      }
    }

    const defaultAction = props.defaultAction ?? 'allow';
    if (defaultAction !== 'allow' && defaultAction !== 'block') throw new ValidationError(this, 'defaultAction', defaultAction, 'must be "allow" or "block"');
    const defaultRendered = renderAction(ctx, defaultAction, props.defaultBlockResponse, 'defaultAction', 'defaultBlockResponse');

    // Custom rules first, then the preset's (which ends with its `append` rules).
    const sources: Array<{ rule: WafRule; path: string }> = [
      ...(props.rules ?? []).map((rule, i) => ({ rule, path: `rules[${i}] "${rule.name}"` })),
      ...(props.preset ? presetRules(ctx.at('preset'), props.preset).map((rule) => ({ rule, path: `preset "${rule.name}"` })) : []),
    ];
    if (sources.length === 0) {
      throw new ValidationError(this, 'rules/preset', [], 'must give at least one rule or a preset: an ACL without rules protects nothing (Checkov CKV_AWS_175)');
    }

    const rendered: Array<RenderedRule & { priority: number }> = [];
    let previous: { priority: number; name: string } | undefined;
    for (const { rule, path } of sources) {
      const ruleCtx = ctx.at(path);
      const out = rule.render(ruleCtx);
      const clash = rendered.find((r) => r.name === out.name);
      if (clash) ruleCtx.fail('name', out.name, `is already used by the rule with priority ${clash.priority}; rule names must be unique in a web ACL`);
      let priority: number;
      if (rule.priority !== undefined) {
        if (!Number.isInteger(rule.priority) || rule.priority < 0 || rule.priority > 2_147_483_647) {
          ruleCtx.fail('priority', rule.priority, 'must be a whole number from 0');
        }
        const taken = rendered.find((r) => r.priority === rule.priority);
        if (taken) ruleCtx.fail('priority', rule.priority, `duplicates the priority of rule "${taken.name}"; each rule needs its own priority`);
        if (previous && rule.priority < previous.priority) {
          ruleCtx.fail('priority', rule.priority, `must be higher than ${previous.priority} (rule "${previous.name}" before it), so that list order stays evaluation order`);
        }
        priority = rule.priority;
      } else {
        priority = previous ? previous.priority + 1 : 0;
      }
      for (const key of out.responseBodyKeys) {
        if (!bodies.some(([k]) => k === key)) {
          ruleCtx.fail('blockResponse.customResponseBodyKey', key, `must be a key of customResponseBodies (${bodies.map(([k]) => k).join(', ') || 'none defined'})`);
        }
      }
      rendered.push({ ...out, priority });
      previous = { priority, name: out.name };
    }
    for (const key of defaultRendered.responseBodyKeys) {
      if (!bodies.some(([k]) => k === key)) {
        throw new ValidationError(this, 'defaultBlockResponse.customResponseBodyKey', key, `must be a key of customResponseBodies (${bodies.map(([k]) => k).join(', ') || 'none defined'})`);
      }
    }

    this.capacityBreakdown = rendered.map((r) => ({ priority: r.priority, name: r.name, kind: r.kind, wcu: r.wcu }));
    this.capacity = rendered.reduce((sum, r) => sum + r.wcu, 0);
    if (this.capacity > capacityLimit) {
      const error = new ValidationError(
        this,
        'capacityLimit',
        capacityLimit,
        `is exceeded: the rules need ${this.capacity.toLocaleString('en-US')} WCUs; remove or scope down rules, or raise capacityLimit (at most ${MAX_WEB_ACL_CAPACITY.toLocaleString('en-US')})`,
      );
      error.message += `\n${formatCapacityBreakdown(this.capacityBreakdown)}`;
      throw error;
    }
    this.rules = rendered;

    const cloudwatchMetricsEnabled = props.cloudwatchMetricsEnabled ?? true;
    const sampledRequestsEnabled = props.sampledRequestsEnabled ?? true;
    const ruleBlocks: Wafv2WebAclRule[] = rendered.map((r) => ({
      name: r.name,
      priority: r.priority,
      action: r.action,
      overrideAction: r.overrideAction,
      ruleLabel: r.ruleLabels.length > 0 ? r.ruleLabels.map((name) => ({ name })) : undefined,
      statement: r.statement,
      visibilityConfig: { cloudwatchMetricsEnabled, metricName: r.metricName, sampledRequestsEnabled },
    }));

    this.resource = new Wafv2WebAcl(this, 'Resource', {
      name: props.name,
      scope: wafScope,
      description: props.description,
      defaultAction: defaultRendered.action as Wafv2WebAclDefaultAction,
      rule: ruleBlocks,
      customResponseBody: bodies.length > 0 ? bodies.map(([key, body]) => ({ key, content: body.content, contentType: body.contentType })) : undefined,
      visibilityConfig: { cloudwatchMetricsEnabled, metricName, sampledRequestsEnabled },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.webAclArn = this.resource.arn;
    this.webAclId = this.resource.id;
    this.webAclName = props.name;
    this.scope = wafScope;
    this.region = region;
  }

  /** Associates the ACL with an ALB, API Gateway stage or AppSync API of its Region (REGIONAL ACLs only). */
  associate(id: string, resourceArn: string): WebAclAssociation {
    return new WebAclAssociation(this, id, { webAcl: this, resourceArn });
  }

  /** Turns on logging (construct id `logging`); see WebAclLogging for the defaults. */
  addLogging(props: Omit<WebAclLoggingProps, 'webAcl'>): WebAclLogging {
    return new WebAclLogging(this, 'logging', { ...props, webAcl: this });
  }
}
