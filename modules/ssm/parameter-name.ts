/**
 * Parameter Store names follow one hierarchy, `/<organisation>/<environment>/<application>/<name>`, so IAM policies
 * can grant by path (`arn:...:parameter/example/prod/orders/*`) and nobody guesses where a value lives.
 */

/** The parts of a parameter name. */
export interface ParameterPath {
  /** Organisation name, e.g. `example`. */
  readonly organization: string;
  /** Environment, e.g. `prod`. */
  readonly environment: string;
  /** Application or team, e.g. `orders`. */
  readonly application: string;
  /** Name within the application; may have its own levels, e.g. `db/endpoint`. */
  readonly name: string;
}

/** Most levels Parameter Store allows in a name. */
export const MAX_PARAMETER_DEPTH = 15;
/** Longest fully qualified name Parameter Store allows. */
export const MAX_PARAMETER_NAME_LENGTH = 1011;
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

/** `/example/prod/orders/db/endpoint` from its parts (not validated; see `parameterNameProblem`). */
export function parameterName(path: ParameterPath): string {
  return `/${path.organization}/${path.environment}/${path.application}/${path.name}`;
}

/** What is wrong with a fully qualified parameter name, or undefined when it is valid. */
export function parameterNameProblem(name: string): string | undefined {
  if (!name.startsWith('/')) return 'must start with "/" (a fully qualified hierarchical name)';
  if (name.length > MAX_PARAMETER_NAME_LENGTH) return `must be at most ${MAX_PARAMETER_NAME_LENGTH} characters`;
  const segments = name.slice(1).split('/');
  if (segments.some((s) => s === '')) return 'must not have empty levels ("//" or a trailing "/")';
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `has level "${bad}" with characters other than letters, digits, "_", "." and "-"`;
  if (segments.length < 4) return 'must have at least 4 levels: /<organisation>/<environment>/<application>/<name>';
  if (segments.length > MAX_PARAMETER_DEPTH) return `must have at most ${MAX_PARAMETER_DEPTH} levels (found ${segments.length})`;
  if (/^(aws|ssm)/i.test(segments[0]!)) return 'must not start with "aws" or "ssm" (reserved by AWS)';
  return undefined;
}
