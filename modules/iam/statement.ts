import type { PolicyConditions, PolicyPrincipal, PolicyStatement } from './policy-document';
import { oneOrList } from '../core/lists';

/** Marks an intentionally unrestricted Allow (`*` or `service:*` on resource `*`) as emergency (break-glass) access. */
export interface BreakGlassMark {
  /** Why this statement may grant everything: who uses it, when, and how its use is reviewed (at least 20 characters). */
  readonly reason: string;
}

/** The parts of one statement; exactly one of `actions`/`notActions` is required. */
export interface StatementOptions {
  /** Statement id: letters and digits only, unique within the policy. @default - none */
  readonly sid?: string;
  /** Actions the statement applies to, e.g. `["s3:GetObject"]`; each is checked against the IAM action catalogue. */
  readonly actions?: readonly string[];
  /** Actions the statement does NOT apply to. Only allowed in Deny statements (an Allow with NotAction grants too much). */
  readonly notActions?: readonly string[];
  /** Resource ARNs (identity policies and SCPs). @default - none (trust policies have no resource) */
  readonly resources?: readonly string[];
  /** Resources the statement does NOT apply to. Only allowed in Deny statements. */
  readonly notResources?: readonly string[];
  /** Who the statement is about (trust and resource policies only). */
  readonly principal?: PolicyPrincipal;
  /** Condition block: operator -> key -> value(s). */
  readonly conditions?: PolicyConditions;
  /** Marks an unrestricted Allow as break-glass access with a reason; without it such an Allow fails the lint. */
  readonly breakGlass?: BreakGlassMark;
}

/** One IAM policy statement plus the lint metadata that does not appear in the JSON. */
export class Statement {
  /** An Allow statement. */
  static allow(options: StatementOptions): Statement {
    return new Statement('Allow', options);
  }

  /** A Deny statement. */
  static deny(options: StatementOptions): Statement {
    return new Statement('Deny', options);
  }

  /** Wraps a statement written as IAM JSON (no break-glass mark). */
  static fromJson(json: PolicyStatement): Statement {
    const list = (v: string | readonly string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
    return new Statement(json.Effect, {
      sid: json.Sid,
      actions: list(json.Action),
      notActions: list(json.NotAction),
      resources: list(json.Resource),
      notResources: list(json.NotResource),
      principal: json.Principal,
      conditions: json.Condition,
    });
  }

  readonly effect: 'Allow' | 'Deny';
  readonly options: StatementOptions;

  private constructor(effect: 'Allow' | 'Deny', options: StatementOptions) {
    this.effect = effect;
    this.options = options;
  }

  /** The break-glass reason, when the statement is marked. */
  get breakGlassReason(): string | undefined {
    return this.options.breakGlass?.reason;
  }

  /** A copy with a different Sid. */
  withSid(sid: string): Statement {
    return new Statement(this.effect, { ...this.options, sid });
  }

  /** A copy with more conditions merged in (same operator and key: the new values replace the old). */
  withConditions(conditions: PolicyConditions): Statement {
    const merged: Record<string, Record<string, string | boolean | number | readonly string[]>> = {};
    for (const source of [this.options.conditions ?? {}, conditions]) {
      for (const [operator, keys] of Object.entries(source)) merged[operator] = { ...(merged[operator] ?? {}), ...keys };
    }
    return new Statement(this.effect, { ...this.options, conditions: merged });
  }

  /** The statement as IAM JSON, keys in AWS's customary order; single-element lists are kept as lists. */
  toJson(): PolicyStatement {
    const o = this.options;
    return {
      ...(o.sid !== undefined ? { Sid: o.sid } : {}),
      Effect: this.effect,
      ...(o.principal !== undefined ? { Principal: o.principal } : {}),
      ...(o.actions !== undefined ? { Action: oneOrList(o.actions) } : {}),
      ...(o.notActions !== undefined ? { NotAction: oneOrList(o.notActions) } : {}),
      ...(o.resources !== undefined ? { Resource: oneOrList(o.resources) } : {}),
      ...(o.notResources !== undefined ? { NotResource: oneOrList(o.notResources) } : {}),
      ...(o.conditions !== undefined && Object.keys(o.conditions).length > 0 ? { Condition: o.conditions } : {}),
    };
  }
}
