import type { z } from 'zod';

/** One problem in a config: where it is, what was there, and what would be valid. */
export interface ConfigProblem {
  /** Path in the config, e.g. `accounts[2].id`. */
  readonly path: string;
  /** The value found at that path, as JSON (or `(missing)`). */
  readonly value: string;
  /** What is wrong and what would be valid. */
  readonly message: string;
}

/** Thrown when a config fails validation; lists every problem at once. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
    this.name = 'ConfigError';
  }
}

/** Keys written as `.key`; any other key (e.g. the tag key `aws:owner`) is quoted: `defaultTags["aws:owner"]`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['accounts', 2, 'id']` -> `accounts[2].id`; `['defaultTags', 'aws:owner']` -> `defaultTags["aws:owner"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && !PLAIN_KEY.test(part)) out += `[${JSON.stringify(part)}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/**
 * Keys whose values may be secrets: an error never echoes what is under them (nor a value in a list of secrets, where a
 * literal secret typed in place of a setting would otherwise be repeated into a CI log).
 */
const SECRET_KEY = /passw(or)?d|passphrase|secret|token|api[-_]?key|credential|private[-_]?key|auth|cookie|session[-_]?key|signature|^(value|key)$/i;
/** Settings whose names match SECRET_KEY but hold no secret (their values are shown). */
const NOT_SECRET_KEYS: ReadonlySet<string> = new Set(['passwordPolicy']);

/** Shown instead of a value that might be a secret. */
export const REDACTED = '(redacted)';

/**
 * True when a value at `path` might be a secret; such values are shown as `(redacted)`: anything under a key that
 * names a secret (SECRET_KEY), and a parameter entry (or a mapping or list inside one) of `dataProtection.parameters`,
 * where a SecureString's value could be typed in place of the entry.
 */
export function mightBeSecret(path: readonly PropertyKey[], value?: unknown): boolean {
  if (path.some((part) => typeof part === 'string' && !NOT_SECRET_KEYS.has(part) && SECRET_KEY.test(part))) return true;
  const at = path.indexOf('parameters');
  if (at > 0 && path[at - 1] === 'dataProtection') return path.length <= at + 2 || (value !== null && typeof value === 'object');
  return false;
}

/** The value as shown in a problem: JSON, at most 80 characters, `(missing)` when absent, redacted where it may be a secret. */
export function describeValue(value: unknown, path: readonly PropertyKey[] = []): string {
  if (value === undefined) return '(missing)';
  if (mightBeSecret(path, value)) return REDACTED;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return typeof value === 'function' || typeof value === 'symbol' ? '(not a value)' : String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

/** Plain words for zod's type names, used when a schema gives no message of its own. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string (text)',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  never: 'absent (remove it)',
};

/** What a size limit counts, by what zod measured. */
const UNITS: Readonly<Record<string, string>> = { string: 'characters', array: 'items', set: 'items', file: 'bytes' };

/** zod's own wording ("Too big: expected number to be <=65535", "Invalid input"): never shown as is. */
const ZOD_DEFAULT_WORDING = /^(Too (big|small)|Invalid|Unrecognized|Expected|expected)\b/;

function plainValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v) ?? String(v)).join(', ');
}

/** The project's words for an issue whose schema gave no message (zod's defaults do not say what would be valid). */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const unit = UNITS[issue.origin];
      const limit = String(issue.maximum);
      return unit ? `must have at most ${limit} ${unit}; shorten it` : `must be at most ${limit}${issue.inclusive === false ? ' (exclusive)' : ''}; use a smaller value`;
    }
    case 'too_small': {
      const unit = UNITS[issue.origin];
      const limit = String(issue.minimum);
      return unit ? `must have at least ${limit} ${unit}` : `must be at least ${limit}${issue.inclusive === false ? ' (exclusive)' : ''}; use a larger value`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${plainValues(issue.values)}` : `must be one of ${plainValues(issue.values)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue && issue.pattern
        ? `has characters or a form that is not allowed here (it must match ${String(issue.pattern)})`
        : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'matches none of the forms allowed here; see config/organization.schema.json for this setting';
    case 'invalid_key':
      return 'is not a valid key here';
    case 'invalid_element':
      return 'holds a value that is not valid here';
    default:
      return 'is not valid here; see config/organization.schema.json for this setting';
  }
}

/** Turns zod's issues into problems that name the path, the value and the fix. */
export function problemsFromZod(error: z.ZodError, input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          path: formatPath(path),
          value: describeValue(valueAt(input, path), path),
          message: `unknown key "${key}"; remove it or fix its spelling (the JSON Schema in config/organization.schema.json lists valid keys)`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A bad key in a map (a tag key): zod puts the key last in the path and the reasons in `issues`.
      const key = issue.path[issue.path.length - 1];
      const reasons = issue.issues.map((inner) => plainMessage(inner)).join('; ');
      problems.push({ path: formatPath(issue.path), value: describeValue(key, issue.path.slice(0, -1)), message: `is not a valid key: ${reasons}` });
      continue;
    }
    const value = valueAt(input, issue.path);
    let message = plainMessage(issue);
    const missing = value === undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code);
    if (missing && !message.startsWith('is required')) message = `is required: ${message}`;
    problems.push({ path: formatPath(issue.path), value: describeValue(value, issue.path), message });
  }
  return onePerPath(problems);
}

/**
 * Each problem once: identical repeats are dropped, and where a path has a problem that makes every other rule moot
 * (Terraform template text, a value over the size limits) only that one is kept.
 */
function onePerPath(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const overriding = new Set(problems.filter((p) => OVERRIDING_MESSAGE.test(p.message)).map((p) => p.path));
  const tooLarge = problems.filter((p) => p.message.startsWith('is too large')).map((p) => p.path);
  const specific = new Set(problems.filter((p) => !GENERIC_DUPLICATE.test(p.message)).map((p) => p.path));
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (overriding.has(p.path) && !OVERRIDING_MESSAGE.test(p.message)) return false;
    if (tooLarge.some((over) => p.path.startsWith(`${over}[`) || p.path.startsWith(`${over}.`))) return false;
    if (GENERIC_DUPLICATE.test(p.message) && specific.has(p.path)) return false;
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Messages of the raw-input rules (config/input-rules.ts) that supersede a path's other problems. */
const OVERRIDING_MESSAGE = /^(contains Terraform template syntax|is too large)/;
/** The raw-input rules' repeated-item problem: dropped where the setting's own rule already reports that item. */
const GENERIC_DUPLICATE = /^is listed twice \(also item \d+\); list each value once$/;

export function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.path}: ${p.message} (found: ${p.value})`);
  return `Invalid organisation config in ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}
