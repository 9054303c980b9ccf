import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { POLICY_SIZE_LIMITS, type Policy } from '../iam/policy';

/**
 * AWS Organizations quotas that decide how guardrails are packed: an SCP holds at most 5,120 characters (whitespace
 * not counted) and a root, OU or account carries at most 5 SCPs directly, AWS's `FullAWSAccess` included. Reusable for
 * every organisation policy type with the same shape of quota (RCPs: 5 per target including `RCPFullAWSAccess`).
 */
export const SCP_SIZE_LIMIT = POLICY_SIZE_LIMITS.scp;

/** Attached policies per target, AWS's default policy included. */
export const MAX_POLICIES_PER_TARGET = 5;

/** Why an SCP does not fit AWS's size quota (with both numbers), or undefined when it fits. */
export function scpSizeProblem(policy: Policy): string | undefined {
  const size = policy.size;
  return size > SCP_SIZE_LIMIT ? `is ${size} characters without whitespace, over the ${SCP_SIZE_LIMIT}-character SCP limit by ${size - SCP_SIZE_LIMIT}; split it or shorten it` : undefined;
}

export interface PolicyTargetCounterOptions {
  /** What is counted, for messages. @default 'SCPs' */
  readonly kind?: string;
  /** Policies AWS attaches itself to every target. @default ['FullAWSAccess'] */
  readonly builtIn?: readonly string[];
  /** At most this many per target, built-in ones included. @default MAX_POLICIES_PER_TARGET */
  readonly limit?: number;
}

/**
 * Counts the policies attached to each target (root, OU or account id) across every construct that attaches one, so
 * that a target over AWS's quota fails at synth, naming the target, the count, the limit and the policies, instead
 * of failing half-way through `terraform apply` with `ConstraintViolationException`.
 */
export class PolicyTargetCounter {
  private readonly attached = new Map<string, string[]>();
  private readonly kind: string;
  private readonly builtIn: readonly string[];
  private readonly limit: number;

  constructor(options: PolicyTargetCounterOptions = {}) {
    this.kind = options.kind ?? 'SCPs';
    this.builtIn = options.builtIn ?? ['FullAWSAccess'];
    this.limit = options.limit ?? MAX_POLICIES_PER_TARGET;
  }

  /** Records that `policyName` is attached to each of `targetIds`. */
  attach(policyName: string, targetIds: readonly string[]): void {
    for (const target of targetIds) this.attached.set(target, [...(this.attached.get(target) ?? []), policyName]);
  }

  /** The policies a target carries, the built-in ones first. */
  policiesOf(targetId: string): string[] {
    return [...this.builtIn, ...(this.attached.get(targetId) ?? [])];
  }

  /** One message per target over the limit, with the numbers. */
  problems(): string[] {
    return [...this.attached.keys()]
      .map((target) => ({ target, policies: this.policiesOf(target) }))
      .filter(({ policies }) => policies.length > this.limit)
      .map(
        ({ target, policies }) =>
          `${target} would carry ${policies.length} ${this.kind} (${policies.join(', ')}); AWS allows ${this.limit} per root, OU or account ` +
          `including ${this.builtIn.join(', ')}: attach ${policies.length - this.limit} of them to OUs or accounts instead, or disable them`,
      );
  }

  /** Throws a ValidationError naming `prop` when any target is over the limit. */
  assertWithinLimits(scope: IConstruct, prop: string): void {
    const problems = this.problems();
    if (problems.length > 0) throw new ValidationError(scope, prop, problems.length, `is over the per-target policy limit:\n  - ${problems.join('\n  - ')}\n`);
  }
}
