import { Token } from 'cdktf';
import { COUNTRY_CODE_HINTS, isWafCountryCode } from './country-codes';
import {
  componentStatementWcu,
  renderFieldToMatch,
  renderTextTransformations,
  type FieldToMatchSpec,
  type TextTransformationType,
} from './field-to-match';
import type { IpAddressVersion } from './cidr';
import { LABEL_NAME, checkOneOf, type JsonObject, type RenderContext, type WebAclScope } from './render-context';

/**
 * A nestable rule statement (match or logical). Rendering validates it and returns the content of a Terraform
 * `statement` block in the provider's shape, its capacity and how deep and/or/not statements nest inside it.
 */
export interface WafStatement {
  /** Validates the statement and renders it; errors name the prop path of `ctx`. */
  render(ctx: RenderContext): RenderedStatement;
}

/** A statement in the provider's shape with its cost. */
export interface RenderedStatement {
  /** Content of the `statement` block, e.g. `{ geo_match_statement: { country_codes: ["KP"] } }`. */
  readonly json: JsonObject;
  /** Web ACL capacity units (WCUs) the statement costs. */
  readonly wcu: number;
  /** Nesting depth of and/or/not statements: 0 for a match statement, 1 for `and(match, match)`, ... */
  readonly logicalDepth: number;
}

/** What an IP set match needs to know about the IP set it references. */
export interface IIpSet {
  /** ARN of the IP set. */
  readonly ipSetArn: string;
  /** Physical name of the IP set. */
  readonly ipSetName: string;
  /** The IP set's address family. */
  readonly ipAddressVersion: IpAddressVersion;
  /** The IP set's scope; it must equal the web ACL's. */
  readonly scope: WebAclScope;
}

/**
 * Inspect a forwarded-IP header (for example `X-Forwarded-For` behind a CDN) instead of the connection's source IP.
 * Security: a header can be forged by the client unless a proxy you control sets it; prefer the source IP.
 */
export interface ForwardedIpConfig {
  /** Header to read, e.g. `X-Forwarded-For`. */
  readonly headerName: string;
  /** Whether a request whose header holds no valid IP matches (`MATCH`) or not (`NO_MATCH`). */
  readonly fallbackBehavior: 'MATCH' | 'NO_MATCH';
}

/** Options of an IP set match. */
export interface IpSetMatchOptions {
  /**
   * Read the client IP from a header; `position` picks the address in a list (ANY costs 4 more WCUs).
   * @default - the source IP
   * Security: a header is client-controlled unless your own proxy sets it.
   */
  readonly forwardedIpConfig?: ForwardedIpConfig & { readonly position: 'FIRST' | 'LAST' | 'ANY' };
}

/** The maximum nesting of and/or/not statements the provider's schema (hashicorp/aws 5.x) accepts. */
export const MAX_LOGICAL_DEPTH = { statement: 3, scopeDown: 2 } as const;

function renderForwardedIp(ctx: RenderContext, config: ForwardedIpConfig): JsonObject {
  if (!/^[a-zA-Z0-9-]{1,255}$/.test(config.headerName)) {
    ctx.fail('headerName', config.headerName, 'must be an HTTP header name of letters, digits and "-", e.g. "X-Forwarded-For"');
  }
  checkOneOf(ctx, 'fallbackBehavior', config.fallbackBehavior, ['MATCH', 'NO_MATCH']);
  return { header_name: config.headerName, fallback_behavior: config.fallbackBehavior };
}

/** Renders a forwarded-IP block (shared with rate-based rules). */
export function renderForwardedIpConfig(ctx: RenderContext, config: ForwardedIpConfig): JsonObject {
  return renderForwardedIp(ctx, config);
}

/** Checks ISO 3166-1 alpha-2 codes against the list WAF accepts. */
export function checkCountryCodes(ctx: RenderContext, prop: string, codes: readonly string[]): void {
  if (codes.length === 0) ctx.fail(prop, codes, 'must list at least one ISO 3166-1 alpha-2 country code, e.g. ["KP"]');
  codes.forEach((code, i) => {
    if (!isWafCountryCode(code)) {
      const hint = COUNTRY_CODE_HINTS[code.toUpperCase()];
      ctx.fail(
        `${prop}[${i}]`,
        code,
        `must be an upper-case ISO 3166-1 alpha-2 country code that AWS WAF knows, e.g. "US" or "GB"${hint ? ` (did you mean ${hint}?)` : ''}`,
      );
    }
    if (codes.indexOf(code) !== i) ctx.fail(`${prop}[${i}]`, code, 'is listed twice; list each country once');
  });
}

function leaf(json: JsonObject, wcu: number): RenderedStatement {
  return { json, wcu, logicalDepth: 0 };
}

function logical(ctx: RenderContext, kind: 'and' | 'or', statements: readonly WafStatement[]): RenderedStatement {
  if (statements.length < 2) {
    ctx.fail('statements', statements.length, `must hold at least two statements: an "${kind}" of one statement is that statement`);
  }
  const rendered = statements.map((s, i) => s.render(ctx.at(`${kind}[${i}]`)));
  return {
    json: { [`${kind}_statement`]: { statement: rendered.map((r) => r.json) } },
    // AND and OR cost what their nested statements cost (AWS WAF Developer Guide, "Using logical rule statements").
    wcu: rendered.reduce((sum, r) => sum + r.wcu, 0),
    logicalDepth: 1 + Math.max(...rendered.map((r) => r.logicalDepth)),
  };
}

interface ComponentMatchOptions {
  /** The request component to inspect. */
  readonly field: FieldToMatchSpec;
  /**
   * Transformations applied in order before inspection (10 WCUs each).
   * @default ['NONE']
   * Security: decoding (URL, HTML entities) defeats encodings attackers use to slip past a match.
   */
  readonly textTransformations?: readonly TextTransformationType[];
}

/** Options of a size constraint: compare the size in bytes of a component with `size`. */
export interface SizeConstraintOptions extends ComponentMatchOptions {
  readonly comparisonOperator: 'EQ' | 'NE' | 'LE' | 'LT' | 'GE' | 'GT';
  /** Size in bytes (0 to 21,474,836,480). */
  readonly size: number;
}

/** Options of a string match (`byte_match_statement`). */
export interface ByteMatchOptions extends ComponentMatchOptions {
  readonly positionalConstraint: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'CONTAINS_WORD';
  /** The string to look for (1 to 200 bytes). */
  readonly searchString: string;
}

/** Options of a regex match. */
export interface RegexMatchOptions extends ComponentMatchOptions {
  /** The regular expression (1 to 512 characters, PCRE syntax as WAF evaluates it). */
  readonly regexString: string;
}

/** Options of an SQL injection match. */
export interface SqliMatchOptions extends ComponentMatchOptions {
  /**
   * `HIGH` finds more attacks and costs 30 WCUs instead of 20.
   * @default 'LOW'
   * Security: HIGH is AWS's recommendation but gives more false positives.
   */
  readonly sensitivityLevel?: 'LOW' | 'HIGH';
}

/**
 * Statement builders. Match statements can be nested in `and`, `or` and `not` and used as scope-down statements;
 * managed rule groups and rate-based rules are rules of their own (see `WafRules`), not statements.
 *
 * Capacity (WCUs) per statement, from the AWS WAF Developer Guide ("Using match rule statements", "Using logical rule
 * statements"): geo match 1; IP set 1 (+4 with a forwarded IP at position ANY); label match 1; size constraint 1;
 * string match 2 (EXACTLY, STARTS_WITH, ENDS_WITH) or 10 (CONTAINS, CONTAINS_WORD); regex 3; SQL injection 20 (LOW)
 * or 30 (HIGH); XSS 40. A component statement's base doubles for the JSON body, adds 10 for all query arguments and
 * 10 per text transformation. AND, OR and NOT cost the sum of what they hold.
 */
export const WafStatements = {
  /** Requests from the listed countries (ISO 3166-1 alpha-2 codes). */
  geoMatch(options: { readonly countryCodes: readonly string[]; readonly forwardedIpConfig?: ForwardedIpConfig }): WafStatement {
    return {
      render: (ctx) => {
        checkCountryCodes(ctx, 'countryCodes', options.countryCodes);
        return leaf(
          {
            geo_match_statement: {
              country_codes: [...options.countryCodes],
              ...(options.forwardedIpConfig ? { forwarded_ip_config: renderForwardedIp(ctx.at('forwardedIpConfig'), options.forwardedIpConfig) } : {}),
            },
          },
          1,
        );
      },
    };
  },

  /** Requests whose client IP is in the IP set. */
  ipSetReference(ipSet: IIpSet, options: IpSetMatchOptions = {}): WafStatement {
    return {
      render: (ctx) => {
        if (ipSet.scope !== ctx.aclScope) {
          ctx.fail('ipSet', ipSet.ipSetName, `has scope ${ipSet.scope} but the web ACL's scope is ${ctx.aclScope}; create the IP set with the ACL's scope`);
        }
        const forwarded = options.forwardedIpConfig;
        if (forwarded) checkOneOf(ctx.at('forwardedIpConfig'), 'position', forwarded.position, ['FIRST', 'LAST', 'ANY']);
        return leaf(
          {
            ip_set_reference_statement: {
              arn: ipSet.ipSetArn,
              ...(forwarded
                ? { ip_set_forwarded_ip_config: { ...renderForwardedIp(ctx.at('forwardedIpConfig'), forwarded), position: forwarded.position } }
                : {}),
            },
          },
          forwarded?.position === 'ANY' ? 5 : 1,
        );
      },
    };
  },

  /** Requests whose client IP is in any of the IP sets (one reference, or an OR of several). */
  ipSets(ipSets: readonly IIpSet[], options: IpSetMatchOptions = {}): WafStatement {
    return {
      render: (ctx) => {
        if (ipSets.length === 0) ctx.fail('ipSets', [], 'must list at least one IP set');
        const refs = ipSets.map((set) => WafStatements.ipSetReference(set, options));
        return refs.length === 1 ? refs[0]!.render(ctx.at('ipSets[0]')) : logical(ctx, 'or', refs);
      },
    };
  },

  /** Requests whose component size compares with `size` (for example body over 8 KB: `GT` 8192). */
  sizeConstraint(options: SizeConstraintOptions): WafStatement {
    return {
      render: (ctx) => {
        checkOneOf(ctx, 'comparisonOperator', options.comparisonOperator, ['EQ', 'NE', 'LE', 'LT', 'GE', 'GT']);
        if (!Number.isInteger(options.size) || options.size < 0 || options.size > 21_474_836_480) {
          ctx.fail('size', options.size, 'must be a whole number of bytes from 0 to 21,474,836,480');
        }
        return leaf(
          {
            size_constraint_statement: {
              comparison_operator: options.comparisonOperator,
              size: options.size,
              field_to_match: renderFieldToMatch(ctx.at('field'), options.field),
              text_transformation: renderTextTransformations(ctx, options.textTransformations),
            },
          },
          componentStatementWcu(1, options.field, options.textTransformations),
        );
      },
    };
  },

  /** Requests whose component contains, starts with, ends with or equals a string (a "string match"). */
  byteMatch(options: ByteMatchOptions): WafStatement {
    return {
      render: (ctx) => {
        checkOneOf(ctx, 'positionalConstraint', options.positionalConstraint, ['EXACTLY', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CONTAINS_WORD']);
        const bytes = Buffer.byteLength(options.searchString, 'utf8');
        if (!Token.isUnresolved(options.searchString) && (bytes < 1 || bytes > 200)) {
          ctx.fail('searchString', options.searchString, 'must be 1 to 200 bytes long');
        }
        const base = options.positionalConstraint === 'CONTAINS' || options.positionalConstraint === 'CONTAINS_WORD' ? 10 : 2;
        return leaf(
          {
            byte_match_statement: {
              positional_constraint: options.positionalConstraint,
              search_string: options.searchString,
              field_to_match: renderFieldToMatch(ctx.at('field'), options.field),
              text_transformation: renderTextTransformations(ctx, options.textTransformations),
            },
          },
          componentStatementWcu(base, options.field, options.textTransformations),
        );
      },
    };
  },

  /** Requests whose component matches a regular expression. */
  regexMatch(options: RegexMatchOptions): WafStatement {
    return {
      render: (ctx) => {
        if (options.regexString.length < 1 || options.regexString.length > 512) {
          ctx.fail('regexString', options.regexString, 'must be 1 to 512 characters long');
        }
        return leaf(
          {
            regex_match_statement: {
              regex_string: options.regexString,
              field_to_match: renderFieldToMatch(ctx.at('field'), options.field),
              text_transformation: renderTextTransformations(ctx, options.textTransformations),
            },
          },
          componentStatementWcu(3, options.field, options.textTransformations),
        );
      },
    };
  },

  /** Requests whose component looks like SQL injection. */
  sqliMatch(options: SqliMatchOptions): WafStatement {
    return {
      render: (ctx) => {
        const level = options.sensitivityLevel ?? 'LOW';
        checkOneOf(ctx, 'sensitivityLevel', level, ['LOW', 'HIGH']);
        return leaf(
          {
            sqli_match_statement: {
              sensitivity_level: level,
              field_to_match: renderFieldToMatch(ctx.at('field'), options.field),
              text_transformation: renderTextTransformations(ctx, options.textTransformations),
            },
          },
          componentStatementWcu(level === 'HIGH' ? 30 : 20, options.field, options.textTransformations),
        );
      },
    };
  },

  /** Requests whose component looks like cross-site scripting. */
  xssMatch(options: ComponentMatchOptions): WafStatement {
    return {
      render: (ctx) =>
        leaf(
          {
            xss_match_statement: {
              field_to_match: renderFieldToMatch(ctx.at('field'), options.field),
              text_transformation: renderTextTransformations(ctx, options.textTransformations),
            },
          },
          componentStatementWcu(40, options.field, options.textTransformations),
        ),
    };
  },

  /** Requests that an earlier rule labelled (`scope: LABEL`) or labelled in a namespace (`NAMESPACE`). */
  labelMatch(options: { readonly scope: 'LABEL' | 'NAMESPACE'; readonly key: string }): WafStatement {
    return {
      render: (ctx) => {
        checkOneOf(ctx, 'scope', options.scope, ['LABEL', 'NAMESPACE']);
        if (!LABEL_NAME.test(options.key) || (options.scope === 'NAMESPACE' && !options.key.endsWith(':'))) {
          ctx.fail('key', options.key, 'must be a label of letters, digits and "_-:" (a namespace ends in ":"), e.g. "awswaf:managed:aws:bot-control:bot:"');
        }
        return leaf({ label_match_statement: { scope: options.scope, key: options.key } }, 1);
      },
    };
  },

  /** Matches when every statement matches. */
  and(...statements: WafStatement[]): WafStatement {
    return { render: (ctx) => logical(ctx, 'and', statements) };
  },

  /** Matches when any statement matches. */
  or(...statements: WafStatement[]): WafStatement {
    return { render: (ctx) => logical(ctx, 'or', statements) };
  },

  /** Matches when the statement does not. */
  not(statement: WafStatement): WafStatement {
    return {
      render: (ctx) => {
        const inner = statement.render(ctx.at('not'));
        return { json: { not_statement: { statement: [inner.json] } }, wcu: inner.wcu, logicalDepth: 1 + inner.logicalDepth };
      },
    };
  },
};

/** Renders a statement and checks the provider's nesting limit for where it is used. */
export function renderNestedStatement(ctx: RenderContext, statement: WafStatement, where: keyof typeof MAX_LOGICAL_DEPTH): RenderedStatement {
  const rendered = statement.render(ctx);
  const max = MAX_LOGICAL_DEPTH[where];
  if (rendered.logicalDepth > max) {
    ctx.fail(
      '',
      `${rendered.logicalDepth} levels`,
      `nests and/or/not statements too deeply: the provider accepts ${max} levels in ${where === 'statement' ? 'a rule statement' : 'a scope-down statement'}; flatten the logic`,
    );
  }
  return rendered;
}
