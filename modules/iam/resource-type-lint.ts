import { matchingActions, resourceArnTemplatesOf } from './action-catalogue';
import type { Statement } from './statement';

/**
 * The resource-type lint: an Allow that grants an action only on resources of types the action does not support
 * grants nothing (IAM matches the action, never the resource), which hides a broken permission behind a policy that
 * looks right. Each action of an Allow must be able to apply to at least one of the statement's resources, by the
 * resource-type ARN templates of the IAM action catalogue; an action that supports no resource type needs `"*"`.
 */

/** A wildcard token: what characters it may stand for. */
interface Wild {
  /** Characters it cannot produce (a template variable never spans an ARN's `:`; a bucket name never holds `/`). */
  readonly excludes: string;
}

type Token = string | Wild;

const ANY: Wild = { excludes: '' };

/**
 * A pattern as characters and wildcards. In a policy resource, `*`, `?`, policy variables and Terraform tokens may
 * stand for anything. In a catalogue template, `${Var}` stands for one ARN part (no `:`), except the last variable
 * (object keys and paths may hold anything) and `${BucketName}` (no `/` either).
 */
function tokens(pattern: string, template: boolean): Token[] {
  const out: Token[] = [];
  const parts = pattern.split(/(\$\{[^}]*\})/);
  const lastVar = parts.map((p, i) => (p.startsWith('${') ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
  parts.forEach((part, i) => {
    if (part.startsWith('${')) {
      const excludes = !template ? '' : part === '${BucketName}' ? ':/' : i === lastVar ? '' : ':';
      out.push(excludes === '' ? ANY : { excludes });
      return;
    }
    for (const ch of part) {
      if (ch === '*' || ch === '?') out.push(ANY);
      else out.push(ch.toLowerCase());
    }
  });
  return out;
}

const isWild = (t: Token | undefined): t is Wild => typeof t === 'object';

/** True when some string matches both: a policy resource pattern and a catalogue ARN template. */
export function patternsIntersect(resource: string, template: string): boolean {
  const x = tokens(resource, false);
  const y = tokens(template, true);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (y.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const a = x[i];
    const b = y[j];
    let result: boolean;
    if (a === undefined && b === undefined) result = true;
    else if (isWild(a) && isWild(b)) result = go(i + 1, j) || go(i, j + 1);
    else if (isWild(a)) result = go(i + 1, j) || (typeof b === 'string' && !a.excludes.includes(b) && go(i, j + 1));
    else if (isWild(b)) result = go(i, j + 1) || (typeof a === 'string' && !b.excludes.includes(a) && go(i + 1, j));
    else result = a !== undefined && a === b && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** Why an action granted on these resources grants nothing, or undefined. */
export function unsupportedResourceProblem(action: string, resources: readonly string[]): string | undefined {
  const actions = /[*?]/.test(action) ? matchingActions(action) : [action];
  if (actions.length === 0) return undefined; // `*`, or a pattern matching nothing (the catalogue lint reports that)
  const verdicts = actions.map((a) => ({ action: a, templates: resourceArnTemplatesOf(a) }));
  if (verdicts.some((v) => v.templates === undefined)) return undefined; // unknown actions are the catalogue lint's job
  const applies = (templates: readonly string[]) =>
    templates.length === 0 ? resources.some((r) => tokens(r, false).every(isWild)) : templates.some((t) => resources.some((r) => patternsIntersect(r, t)));
  if (verdicts.some((v) => applies(v.templates!))) return undefined;
  const templates = [...new Set(verdicts.flatMap((v) => v.templates!))];
  const fix =
    templates.length === 0
      ? `"${action}" supports no resource type: grant it on "*" (in a statement of its own)`
      : `"${action}" applies only to ${templates.slice(0, 3).map((t) => `"${t}"`).join(', ')}${templates.length > 3 ? ', ...' : ''}: grant it on such ARNs`;
  return `Allow of ${fix}; on ${resources.map((r) => `"${r}"`).join(', ')} it grants nothing`;
}

/** The resource-type problems of one Allow statement (Deny statements and NotResource are not linted). */
export function resourceTypeProblems(statement: Statement): string[] {
  const o = statement.options;
  if (statement.effect !== 'Allow' || o.resources === undefined || o.resources.length === 0) return [];
  return (o.actions ?? []).flatMap((action) => {
    const problem = unsupportedResourceProblem(action, o.resources!);
    return problem ? [problem] : [];
  });
}
