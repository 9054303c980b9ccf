import type { JsonObject, RenderContext } from './render-context';
import { checkOneOf } from './render-context';

/**
 * What WAF does with a request component larger than it can inspect (8 KB of body on ALB and AppSync, 16 KB by
 * default elsewhere): `CONTINUE` inspects what it has, `MATCH` treats the request as matching, `NO_MATCH` as not.
 */
export type OversizeHandling = 'CONTINUE' | 'MATCH' | 'NO_MATCH';
export const OVERSIZE_HANDLINGS: readonly OversizeHandling[] = ['CONTINUE', 'MATCH', 'NO_MATCH'];

/** Text transformations WAF applies before inspecting a component (the WAFv2 `TextTransformationType` values). */
export type TextTransformationType =
  | 'NONE' | 'COMPRESS_WHITE_SPACE' | 'HTML_ENTITY_DECODE' | 'LOWERCASE' | 'CMD_LINE' | 'URL_DECODE' | 'BASE64_DECODE'
  | 'HEX_DECODE' | 'MD5' | 'REPLACE_COMMENTS' | 'ESCAPE_SEQ_DECODE' | 'SQL_HEX_DECODE' | 'CSS_DECODE' | 'JS_DECODE'
  | 'NORMALIZE_PATH' | 'NORMALIZE_PATH_WIN' | 'REMOVE_NULLS' | 'REPLACE_NULLS' | 'BASE64_DECODE_EXT' | 'URL_DECODE_UNI'
  | 'UTF8_TO_UNICODE';

export const TEXT_TRANSFORMATION_TYPES: readonly TextTransformationType[] = [
  'NONE', 'COMPRESS_WHITE_SPACE', 'HTML_ENTITY_DECODE', 'LOWERCASE', 'CMD_LINE', 'URL_DECODE', 'BASE64_DECODE',
  'HEX_DECODE', 'MD5', 'REPLACE_COMMENTS', 'ESCAPE_SEQ_DECODE', 'SQL_HEX_DECODE', 'CSS_DECODE', 'JS_DECODE',
  'NORMALIZE_PATH', 'NORMALIZE_PATH_WIN', 'REMOVE_NULLS', 'REPLACE_NULLS', 'BASE64_DECODE_EXT', 'URL_DECODE_UNI',
  'UTF8_TO_UNICODE',
];

/** WAF allows at most 10 text transformations on one statement. */
export const MAX_TEXT_TRANSFORMATIONS = 10;

/** The part of a web request a match statement inspects. Build one with the `FieldToMatch` helpers. */
export type FieldToMatchSpec =
  | { readonly component: 'uri-path' }
  | { readonly component: 'query-string' }
  | { readonly component: 'method' }
  | { readonly component: 'all-query-arguments' }
  | { readonly component: 'body'; readonly oversizeHandling: OversizeHandling }
  | { readonly component: 'single-header'; readonly name: string }
  | { readonly component: 'single-query-argument'; readonly name: string }
  | {
      readonly component: 'json-body';
      readonly matchScope: 'ALL' | 'KEY' | 'VALUE';
      readonly includedPaths?: readonly string[];
      readonly invalidFallbackBehavior?: 'MATCH' | 'NO_MATCH' | 'EVALUATE_AS_STRING';
      readonly oversizeHandling: OversizeHandling;
    };

/** Request components for match statements. */
export const FieldToMatch = {
  /** The URI path, e.g. `/images/daily-ad.jpg`. */
  uriPath: (): FieldToMatchSpec => ({ component: 'uri-path' }),
  /** The query string, without the `?`. */
  queryString: (): FieldToMatchSpec => ({ component: 'query-string' }),
  /** The HTTP method. */
  method: (): FieldToMatchSpec => ({ component: 'method' }),
  /** Every query argument's value (adds 10 WCUs to the statement). */
  allQueryArguments: (): FieldToMatchSpec => ({ component: 'all-query-arguments' }),
  /**
   * The request body (the first 8 KB on ALB and AppSync).
   * @param oversizeHandling what to do with a larger body. Default `MATCH`: a body WAF cannot see in full matches,
   *   so a block rule blocks it rather than letting uninspected content through.
   */
  body: (oversizeHandling: OversizeHandling = 'MATCH'): FieldToMatchSpec => ({ component: 'body', oversizeHandling }),
  /** One header, by name (lower case, as WAF requires). */
  singleHeader: (name: string): FieldToMatchSpec => ({ component: 'single-header', name }),
  /** One query argument, by name. */
  singleQueryArgument: (name: string): FieldToMatchSpec => ({ component: 'single-query-argument', name }),
  /** The body parsed as JSON (doubles the statement's base WCUs). Oversize handling defaults to `MATCH`. */
  jsonBody: (options: {
    readonly matchScope: 'ALL' | 'KEY' | 'VALUE';
    readonly includedPaths?: readonly string[];
    readonly invalidFallbackBehavior?: 'MATCH' | 'NO_MATCH' | 'EVALUATE_AS_STRING';
    readonly oversizeHandling?: OversizeHandling;
  }): FieldToMatchSpec => ({ component: 'json-body', ...options, oversizeHandling: options.oversizeHandling ?? 'MATCH' }),
};

/** The `field_to_match` block of a statement. */
export function renderFieldToMatch(ctx: RenderContext, field: FieldToMatchSpec): JsonObject {
  switch (field.component) {
    case 'uri-path':
      return { uri_path: {} };
    case 'query-string':
      return { query_string: {} };
    case 'method':
      return { method: {} };
    case 'all-query-arguments':
      return { all_query_arguments: {} };
    case 'body':
      checkOneOf(ctx, 'oversizeHandling', field.oversizeHandling, OVERSIZE_HANDLINGS);
      return { body: { oversize_handling: field.oversizeHandling } };
    case 'single-header':
      if (!/^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/.test(field.name)) {
        ctx.fail('name', field.name, 'must be a lower-case HTTP header name of 1 to 64 characters (WAF matches header names in lower case)');
      }
      return { single_header: { name: field.name } };
    case 'single-query-argument':
      if (field.name.trim() === '' || field.name.length > 64) ctx.fail('name', field.name, 'must be a query argument name of 1 to 64 characters');
      return { single_query_argument: { name: field.name.toLowerCase() } };
    case 'json-body': {
      checkOneOf(ctx, 'matchScope', field.matchScope, ['ALL', 'KEY', 'VALUE']);
      checkOneOf(ctx, 'oversizeHandling', field.oversizeHandling, OVERSIZE_HANDLINGS);
      const paths = field.includedPaths;
      if (paths !== undefined && (paths.length === 0 || paths.some((p) => !p.startsWith('/')))) {
        ctx.fail('includedPaths', paths, 'must list JSON pointers such as "/user/name" (omit it to inspect the whole document)');
      }
      return {
        json_body: {
          match_scope: field.matchScope,
          oversize_handling: field.oversizeHandling,
          ...(field.invalidFallbackBehavior ? { invalid_fallback_behavior: field.invalidFallbackBehavior } : {}),
          match_pattern: paths ? { included_paths: [...paths] } : { all: {} },
        },
      };
    }
  }
}

/**
 * The `text_transformation` blocks: WAF applies them in list order (priority = position). WAF needs at least one,
 * so an empty list becomes `NONE`.
 */
export function renderTextTransformations(ctx: RenderContext, types: readonly TextTransformationType[] | undefined): JsonObject[] {
  const list = types && types.length > 0 ? types : (['NONE'] as const);
  if (list.length > MAX_TEXT_TRANSFORMATIONS) {
    ctx.fail('textTransformations', list, `must list at most ${MAX_TEXT_TRANSFORMATIONS} transformations`);
  }
  list.forEach((type, i) => checkOneOf(ctx.at(`textTransformations[${i}]`), '', type, TEXT_TRANSFORMATION_TYPES));
  if (list.length > 1 && list.includes('NONE')) {
    ctx.fail('textTransformations', list, 'must not mix "NONE" with other transformations');
  }
  return list.map((type, priority) => ({ priority, type }));
}

/**
 * WCUs a request-component statement costs (AWS WAF Developer Guide, "Using match rule statements"): the base cost,
 * doubled for the JSON body, plus 10 for all query arguments, plus 10 per text transformation (`NONE` is none).
 */
export function componentStatementWcu(base: number, field: FieldToMatchSpec, transformations: readonly TextTransformationType[] | undefined): number {
  const doubled = field.component === 'json-body' ? base * 2 : base;
  const allArgs = field.component === 'all-query-arguments' ? 10 : 0;
  const transforms = (transformations ?? []).filter((t) => t !== 'NONE').length * 10;
  return doubled + allArgs + transforms;
}
