import { z } from 'zod';

/**
 * A cross-field rule that runs only on a valid value. zod runs refinements after non-fatal problems (a number over its
 * maximum, a string failing its pattern), so a rule relating fields would otherwise see the invalid value: an
 * `availabilityZoneCount` of 1e21 reached the subnet planner and crashed it with a RangeError. Each rule checked this
 * way may trust the types and bounds of the object it checks.
 */
export function whenValid<T>(rule: (value: T, ctx: z.RefinementCtx<T>) => void): z.core.$ZodCheck<T> {
  const check = z.superRefine(rule);
  check._zod.def.when = (payload) => payload.issues.length === 0;
  return check;
}

/**
 * Adds one problem per repeated item of a list: `key` gives what must be unique, `describe` what the item is called.
 * The message names the first occurrence, so the fix is obvious.
 */
export function reportDuplicates<T>(
  items: readonly T[],
  ctx: { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void },
  options: { readonly path: (i: number) => PropertyKey[]; readonly key: (item: T) => string; readonly what: string; readonly listPath?: string },
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = options.key(item);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      ctx.addIssue({
        code: 'custom',
        path: options.path(i),
        message: `repeats ${options.what} ${JSON.stringify(key)} of item ${first}${options.listPath ? ` (${options.listPath}[${first}])` : ''}; list each ${options.what} once`,
      });
    }
  });
}
