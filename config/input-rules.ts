import { z } from 'zod';
import { formatPath } from './errors';

/**
 * Rules on the raw config as a whole, applied to every key and every value whatever the field (one mechanism for the
 * whole schema, so a new setting cannot forget them):
 *
 * 1. Config text is never Terraform. Terraform's JSON syntax evaluates `${...}` and `%{...}` in every string and
 *    object key of `cdk.tf.json`, so a tag value `${file("~/.aws/credentials")}` would be evaluated at plan time on
 *    the machine that runs the plan. Both sequences are refused in every key and value, with one exception: IAM policy
 *    variables (`${aws:PrincipalTag/team}`, `${aws:username}`, `${*}`) in the `resources` of a policy statement, which
 *    IAM itself evaluates. Those reach the JSON escaped (`$${aws:username}`): every policy document is rendered as a
 *    Terraform string literal by `escapeForTerraform` (modules/iam/policy.ts), so Terraform passes them to AWS as
 *    written. No other setting needs a literal `${`: descriptions and names refuse it.
 * 2. No scalar is listed twice in a list (a Region, an action, a port, an endpoint, an email...): a repeat is at best
 *    noise and at worst two constructs with one id ("There is already a Construct with name ..."). Lists of mappings
 *    have their own rules on the field that must be unique (a rule name, a role name).
 * 3. Sizes are bounded: lists, mappings, strings and nesting depth have upper limits (INPUT_LIMITS), so a huge input
 *    is refused with a message instead of exhausting memory or time.
 */

/** Upper bounds on any part of the config; far above what a real organisation needs. */
export const INPUT_LIMITS = {
  /** Items in any list (accounts, Regions, statements, actions, endpoints, ...); AWS Organizations allows a few thousand accounts. */
  listItems: 5000,
  /** Keys in any mapping (tags, VPCs, segments, ...). */
  mapKeys: 5000,
  /** Characters in any string or key. */
  stringLength: 10_000,
  /** Levels of nested lists and mappings. */
  depth: 24,
} as const;

/** The two sequences Terraform evaluates in a string: interpolation `${` and template directives `%{`. */
export const TEMPLATE_SEQUENCE = /\$\{|%\{/;

/** An IAM policy variable: `${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`, or the escapes `${*}`, `${?}`, `${$}`. */
const IAM_POLICY_VARIABLE = /\$\{([A-Za-z0-9-]+:[A-Za-z0-9_./:-]+|[*?$])\}/g;

/** Config paths whose strings may hold IAM policy variables (escaped by the policy renderer). */
const POLICY_VARIABLE_PATH = /(^|\.)statements\[\d+\]\.resources\[\d+\]$/;

const TEMPLATE_MESSAGE =
  'contains Terraform template syntax ("${" or "%{"), which Terraform would evaluate at plan time (it can read files and ' +
  'the environment of the machine running the plan); remove it: config text is only ever passed on as a literal';
const POLICY_TEMPLATE_MESSAGE =
  'contains Terraform template syntax ("${" or "%{") that is not an IAM policy variable; only policy variables such as ' +
  '"${aws:PrincipalTag/team}" or "${aws:username}" may appear in a statement resource';

/** How a repeated list item's problem starts (config/errors.ts drops it where a setting's own rule reports the repeat). */
export const DUPLICATE_PREFIX = 'is listed twice';

/** One problem of the raw-input rules. */
export interface InputProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

function templateProblem(text: string, path: readonly PropertyKey[], isKey: boolean): string | undefined {
  if (!TEMPLATE_SEQUENCE.test(text)) return undefined;
  const what = isKey ? 'as a key, ' : '';
  if (!isKey && POLICY_VARIABLE_PATH.test(formatPath(path))) {
    return TEMPLATE_SEQUENCE.test(text.replace(IAM_POLICY_VARIABLE, '')) ? POLICY_TEMPLATE_MESSAGE : undefined;
  }
  return what === '' ? TEMPLATE_MESSAGE : `${TEMPLATE_MESSAGE} (found in a key)`;
}

/** Every problem of the raw-input rules, in document order. */
export function inputProblems(input: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  const visit = (value: unknown, path: PropertyKey[], depth: number): void => {
    if (typeof value === 'string') {
      if (value.length > INPUT_LIMITS.stringLength) {
        problems.push({ path, message: `is too large: ${value.length} characters, at most ${INPUT_LIMITS.stringLength.toLocaleString('en-US')}` });
        return;
      }
      const problem = templateProblem(value, path, false);
      if (problem) problems.push({ path, message: problem });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth > INPUT_LIMITS.depth) {
      problems.push({ path, message: `is too large: nested more than ${INPUT_LIMITS.depth} levels deep` });
      return;
    }
    if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS.listItems) {
        problems.push({ path, message: `is too large: ${value.length} items, at most ${INPUT_LIMITS.listItems.toLocaleString('en-US')} in any list` });
        return;
      }
      value.forEach((item, i) => visit(item, [...path, i], depth + 1));
      const firstAt = new Map<unknown, number>();
      value.forEach((item, i) => {
        if (item === null || typeof item === 'object') return;
        const first = firstAt.get(item);
        if (first === undefined) firstAt.set(item, i);
        else problems.push({ path: [...path, i], message: `${DUPLICATE_PREFIX} (also item ${first}); list each value once` });
      });
      return;
    }
    const keys = Object.keys(value);
    if (keys.length > INPUT_LIMITS.mapKeys) {
      problems.push({ path, message: `is too large: ${keys.length} keys, at most ${INPUT_LIMITS.mapKeys.toLocaleString('en-US')} in any mapping` });
      return;
    }
    for (const key of keys) {
      const keyPath = [...path, key];
      if (key.length > INPUT_LIMITS.stringLength) {
        problems.push({ path: [...path, `${key.slice(0, 40)}...`], message: `is too large: a key of ${key.length} characters, at most ${INPUT_LIMITS.stringLength}` });
        continue;
      }
      const problem = templateProblem(key, keyPath, true);
      if (problem) problems.push({ path: keyPath, message: problem });
      visit((value as Record<string, unknown>)[key], keyPath, depth + 1);
    }
  };
  visit(input, [], 0);
  return problems;
}

/**
 * `schema` with the raw-input rules applied to the input as written. The rules must see the raw input, not zod's
 * output (which drops unknown keys and rewrites invalid record keys), and must run whatever else is wrong, so one run
 * lists every problem: a preprocess step keeps the input (parsing is synchronous) for a check that always runs.
 */
export function withInputRules<T extends z.ZodType>(schema: T) {
  let raw: unknown;
  const check = z.superRefine((_value: unknown, ctx) => {
    for (const problem of inputProblems(raw)) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });
  check._zod.def.when = () => true;
  return z.preprocess((input) => {
    raw = input;
    return input;
  }, schema.check(check as z.core.$ZodCheck<z.output<T>>));
}
