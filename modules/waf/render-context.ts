import type { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { ValidationError } from '../core/errors';

/** Where a web ACL lives: `REGIONAL` (ALB, API Gateway, AppSync, ...) or `CLOUDFRONT` (us-east-1 only). */
export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

/** A JSON value as Terraform receives it inside a `statement` block. */
export type JsonValue = string | number | boolean | JsonObject | readonly JsonValue[];
/** A JSON object (snake_case keys, the provider's schema). */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/**
 * What a rule or statement needs while it is rendered into the provider's shape: the web ACL it belongs to (for
 * errors bound to the construct path), the prop path of the piece being rendered (for messages that name the
 * setting), and the ACL's scope (IP sets must match it).
 */
export class RenderContext {
  constructor(
    private readonly scope: IConstruct,
    /** Prop path of the piece being rendered, e.g. `rules[2] "rate-limit"`. */
    readonly path: string,
    readonly aclScope: WebAclScope,
  ) {}

  /** A context for a nested piece: `rules[2] "rate-limit"` + `scopeDownStatement` -> `rules[2] "rate-limit".scopeDownStatement`. */
  at(part: string): RenderContext {
    if (part === '') return this;
    const joined = this.path === '' ? part : part.startsWith('[') ? `${this.path}${part}` : `${this.path}.${part}`;
    return new RenderContext(this.scope, joined, this.aclScope);
  }

  /** The full prop path of `prop` under this context. */
  prop(prop: string): string {
    return this.at(prop).path;
  }

  /** Throws a ValidationError bound to the web ACL, naming `<path>.<prop>`, echoing the value and stating the rule. */
  fail(prop: string, value: unknown, rule: string): never {
    throw new ValidationError(this.scope, this.prop(prop), value, rule);
  }
}

/** Service name patterns (WAFv2 API 2019-07-29): `EntityName` for rule, ACL, IP set and response-body names. */
export const ENTITY_NAME = /^[\w-]{1,128}$/;
/** `MetricName`: 1-255 of letters, digits, `_ # : . - /`; no spaces. */
export const METRIC_NAME = /^[\w#:./-]{1,255}$/;
/** Metric names WAF keeps for itself. */
export const RESERVED_METRIC_NAMES = ['All', 'Default_Action'] as const;
/** `LabelName`: letters, digits, `_ - :`, up to 1024. */
export const LABEL_NAME = /^[0-9A-Za-z_:-]{1,1024}$/;

/** Checks a rule, ACL or IP set name against the service's `EntityName` pattern. */
export function checkEntityName(ctx: RenderContext, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!ENTITY_NAME.test(value)) {
    ctx.fail(prop, value, 'must be 1 to 128 letters, digits, "_" or "-" (the WAF name pattern ^[\\w-]+$)');
  }
}

/** Checks a CloudWatch metric name against the service's `MetricName` pattern and reserved names. */
export function checkMetricName(ctx: RenderContext, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (!METRIC_NAME.test(value)) {
    ctx.fail(prop, value, 'must be 1 to 255 letters, digits or "_#:.-/" with no spaces (the WAF metric name pattern ^[\\w#:.\\-/]+$)');
  }
  if ((RESERVED_METRIC_NAMES as readonly string[]).includes(value)) {
    ctx.fail(prop, value, `must not be ${RESERVED_METRIC_NAMES.map((n) => `"${n}"`).join(' or ')}, which WAF reserves for its own metrics`);
  }
}

/** Throws unless `value` is a whole number in `[min, max]`. */
export function checkWholeNumber(ctx: RenderContext, prop: string, value: number, min: number, max: number, unit = ''): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    ctx.fail(prop, value, `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`);
  }
}

/** Throws unless `value` is one of `allowed`. */
export function checkOneOf<T extends string | number>(ctx: RenderContext, prop: string, value: T, allowed: readonly T[]): void {
  if (!allowed.includes(value)) {
    ctx.fail(prop, value, `must be one of ${allowed.map((a) => (typeof a === 'string' ? `"${a}"` : String(a))).join(', ')}`);
  }
}
