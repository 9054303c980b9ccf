import type { PolicyConditions } from './policy-document';
import { Statement } from './statement';

/**
 * Attribute-based access control: statements that apply only where the caller's tags (`aws:PrincipalTag`) equal the
 * tags of the resource (`aws:ResourceTag`), of an S3 object (`s3:ExistingObjectTag`), or of the request that creates
 * a resource (`aws:RequestTag`). One policy then serves every team: the tag, not the ARN, draws the line.
 */

/** Where the resource-side tag is read from. */
export type AbacTagSource = 'resource' | 's3-object' | 'request';

const TAG_KEY = /^[\w.:/=+@-]{1,128}$/;

function checkTagKeys(tagKeys: readonly string[]): void {
  if (tagKeys.length === 0) throw new Error('ABAC tagKeys must list at least one tag key');
  for (const key of tagKeys) {
    if (!TAG_KEY.test(key) || key.toLowerCase().startsWith('aws:')) {
      throw new Error(`ABAC tagKeys: ${JSON.stringify(key)} is not a usable tag key (1-128 of letters, digits and _.:/=+@-, not starting with "aws:")`);
    }
  }
}

function conditionKey(source: AbacTagSource, tagKey: string): string {
  if (source === 's3-object') return `s3:ExistingObjectTag/${tagKey}`;
  if (source === 'request') return `aws:RequestTag/${tagKey}`;
  return `aws:ResourceTag/${tagKey}`;
}

/**
 * Conditions requiring, for every tag key, that the resource-side tag equals the caller's tag of the same key.
 * A caller without the tag matches nothing (the policy variable resolves to nothing and StringEquals fails).
 */
export function tagsMatchPrincipal(tagKeys: readonly string[], source: AbacTagSource = 'resource'): PolicyConditions {
  checkTagKeys(tagKeys);
  const equals: Record<string, string> = {};
  for (const key of tagKeys) equals[conditionKey(source, key)] = `\${aws:PrincipalTag/${key}}`;
  // The principal must carry each tag: without this an absent principal tag and an absent resource tag could both be empty.
  const present: Record<string, string> = {};
  for (const key of tagKeys) present[`aws:PrincipalTag/${key}`] = 'false';
  return { StringEquals: equals, Null: present };
}

export interface AbacStatementOptions {
  /** Statement id. @default - none */
  readonly sid?: string;
  /** Actions, checked against the catalogue like any statement. */
  readonly actions: readonly string[];
  /** Resources the tag rule narrows (ARN patterns). */
  readonly resources: readonly string[];
  /** Tag keys that must match between caller and resource. */
  readonly tagKeys: readonly string[];
  /**
   * Where the resource-side tag is read: `resource` (`aws:ResourceTag`), `s3-object` (`s3:ExistingObjectTag`) or
   * `request` (`aws:RequestTag`, for create calls).
   * @default "resource"
   */
  readonly source?: AbacTagSource;
}

/** An Allow statement that applies only where the tags match the caller's. */
export function abacAllow(options: AbacStatementOptions): Statement {
  return Statement.allow({
    sid: options.sid,
    actions: options.actions,
    resources: options.resources,
    conditions: tagsMatchPrincipal(options.tagKeys, options.source ?? 'resource'),
  });
}
