/**
 * Tag policy documents (Organizations `TAG_POLICY`): the tag keys an organisation uses, with their exact case, and
 * the values some of them may take. AWS reports resources whose tags do not comply; for the resource types listed in
 * `enforcedFor` it refuses non-compliant tagging calls.
 */

export interface TagRule {
  /** The tag key, in the case every resource must use (tag policies compare keys case-insensitively and report the case). */
  readonly key: string;
  /** The only values allowed. @default - any value */
  readonly values?: readonly string[];
}

export interface TagPolicyOptions {
  readonly tags: readonly TagRule[];
  /**
   * Resource types (`service:type`, e.g. `s3:bucket`, or `service:ALL_SUPPORTED`) for which non-compliant tagging
   * operations are refused.
   * @default [] - compliance is reported, nothing refused
   * Security: enforcement stops anyone from re-labelling a resource as baseline-managed (or the reverse) where it is on.
   */
  readonly enforcedFor?: readonly string[];
}

/** A tag key tag policies accept: 1-128 characters, not starting with `aws:`. */
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
/** A resource type tag policies enforce on: `s3:bucket`, `ec2:ALL_SUPPORTED`. */
export const TAG_POLICY_RESOURCE_TYPE = /^[a-z0-9-]+:([A-Za-z0-9-]+|ALL_SUPPORTED)$/;

/** The problems of tag rules (empty when valid). */
export function tagPolicyProblems(options: TagPolicyOptions): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (options.tags.length === 0) problems.push('tags: must list at least one tag');
  options.tags.forEach((rule, i) => {
    if (!TAG_KEY.test(rule.key)) problems.push(`tags[${i}].key ${JSON.stringify(rule.key)} must be 1 to 128 letters, digits, spaces or _.:/=+-@ and not start with "aws:"`);
    const lower = rule.key.toLowerCase();
    if (seen.has(lower)) problems.push(`tags[${i}].key ${JSON.stringify(rule.key)} is listed twice (tag policies compare keys case-insensitively)`);
    seen.add(lower);
    if (rule.values !== undefined && rule.values.length === 0) problems.push(`tags[${i}].values must list at least one value, or be left out for any value`);
  });
  (options.enforcedFor ?? []).forEach((type, i) => {
    if (!TAG_POLICY_RESOURCE_TYPE.test(type)) problems.push(`enforcedFor[${i}] ${JSON.stringify(type)} must be a resource type such as "s3:bucket" or "ec2:ALL_SUPPORTED"`);
  });
  return problems;
}

/** The tag policy JSON (compact). Throws with every problem when the rules are invalid. */
export function tagPolicyDocument(options: TagPolicyOptions): string {
  const problems = tagPolicyProblems(options);
  if (problems.length > 0) throw new Error(`invalid tag policy:\n  - ${problems.join('\n  - ')}`);
  const enforced = options.enforcedFor ?? [];
  const tags: Record<string, Record<string, Record<string, string | readonly string[]>>> = {};
  for (const rule of options.tags) {
    tags[rule.key] = {
      tag_key: { '@@assign': rule.key },
      ...(rule.values ? { tag_value: { '@@assign': [...rule.values] } } : {}),
      ...(enforced.length > 0 ? { enforced_for: { '@@assign': [...enforced] } } : {}),
    };
  }
  return JSON.stringify({ tags });
}
