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

function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
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
};

/** zod's built-in messages ("Invalid input: expected string, received number") do not say what would be valid. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `must be ${EXPECTED[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
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
          value: describeValue(valueAt(input, path)),
          message: `unknown key "${key}"; remove it or fix its spelling (the JSON Schema in config/organization.schema.json lists valid keys)`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A bad key in a map (a tag key): zod puts the key last in the path and the reasons in `issues`.
      const key = issue.path[issue.path.length - 1];
      const reasons = issue.issues.map((inner) => plainMessage(inner)).join('; ');
      problems.push({ path: formatPath(issue.path), value: describeValue(key), message: `is not a valid key: ${reasons}` });
      continue;
    }
    const value = valueAt(input, issue.path);
    let message = plainMessage(issue);
    const missing = value === undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code);
    if (missing && !message.startsWith('is required')) message = `is required: ${message}`;
    problems.push({ path: formatPath(issue.path), value: describeValue(value), message });
  }
  return problems;
}

export function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.path}: ${p.message} (found: ${p.value})`);
  return `Invalid organisation config in ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}
