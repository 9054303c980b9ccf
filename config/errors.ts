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

/** `['accounts', 2, 'id']` -> `accounts[2].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
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
    const value = valueAt(input, issue.path);
    let message = issue.message;
    if (value === undefined && issue.code === 'invalid_type') message = `is required: ${issue.message}`;
    problems.push({ path: formatPath(issue.path), value: describeValue(value), message });
  }
  return problems;
}

export function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.path}: ${p.message} (found: ${p.value})`);
  return `Invalid organisation config in ${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
}
