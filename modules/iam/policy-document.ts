/**
 * IAM policy JSON types and rendering. Policies are rendered to literal JSON strings at synth so that
 * reviewers, Checkov and the policy-evaluation tests all read exactly what AWS will receive.
 */

export type PolicyEffect = 'Allow' | 'Deny';

/** `{"AWS": [...]}`, `{"Service": ...}`, `{"Federated": ...}` or `"*"` (only ever with conditions). */
export type PolicyPrincipal =
  | '*'
  | { readonly AWS?: string | readonly string[]; readonly Service?: string | readonly string[]; readonly Federated?: string | readonly string[] };

/** Condition block: operator -> condition key -> value(s). */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | boolean | number | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: PolicyEffect;
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: PolicyConditions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = statements.map((s) => s.Sid).filter((sid): sid is string => sid !== undefined);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate) throw new Error(`policy statement Sid "${duplicate}" is used twice; Sids must be unique within a policy`);
  return { Version: '2012-10-17', Statement: statements };
}

/** Renders a policy as compact, stable JSON (statement and key order as given). */
export function renderPolicy(statements: readonly PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements));
}
