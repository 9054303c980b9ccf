import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { POLICY_ATTACHMENT_QUOTAS, POLICY_QUOTAS, policySizeProblem, type OrganizationPolicyType } from '../core/policy-quotas';
import type { Policy } from '../iam/policy';

/**
 * AWS Organizations quotas that decide how guardrails are packed, read from the one quota table
 * (modules/core/policy-quotas.ts): an SCP holds at most 5,120 characters, and a root, OU or account carries at most 5
 * SCPs directly, AWS's `FullAWSAccess` included (RCPs likewise, with `RCPFullAWSAccess`; tag and declarative policies
 * 10 each).
 */
export const SCP_SIZE_LIMIT = POLICY_QUOTAS.scp.maxCharacters;

/** Attached SCPs per target, AWS's default policy included. */
export const MAX_POLICIES_PER_TARGET = POLICY_ATTACHMENT_QUOTAS.SERVICE_CONTROL_POLICY.maxPerTarget;

/** Why an SCP does not fit AWS's size quota (with both numbers), or undefined when it fits. */
export function scpSizeProblem(policy: Policy): string | undefined {
  return policySizeProblem('scp', policy.size);
}

/** One policy of one type attached to some targets (root, OU or account ids). */
export interface PolicyAttachment {
  readonly type: OrganizationPolicyType;
  /** The policy as messages name it (a policy name, or the config path that makes it). */
  readonly policy: string;
  readonly targetIds: readonly string[];
}

/** Policies a target already carries that the attachments do not list (AWS's default policy, adopted ones). */
export interface AlreadyAttached {
  readonly count: number;
  /** How messages name them ("FullAWSAccess"). */
  readonly description: string;
}

export interface OverLimitTarget {
  readonly type: OrganizationPolicyType;
  readonly targetId: string;
  /** Policies of the type on the target, the already attached ones included. */
  readonly count: number;
  /** AWS's quota for the type. */
  readonly limit: number;
  /** The listed policies attached to the target, in attachment order. */
  readonly policies: readonly string[];
  /** The count, the policies' names, the quota and the fix, in one sentence that starts with the target. */
  readonly message: string;
}

export interface OverLimitOptions {
  /**
   * What each target already carries besides the listed attachments.
   * @default - the type's AWS-managed default policy (`FullAWSAccess`, `RCPFullAWSAccess`) where it has one, else none
   */
  readonly alreadyAttached?: (type: OrganizationPolicyType, targetId: string) => AlreadyAttached;
  /** How messages name a target. @default - its id */
  readonly describeTarget?: (targetId: string) => string;
}

/** The AWS-managed default policy of a type as the one policy a target already carries (none for types without one). */
export function awsManagedDefault(type: OrganizationPolicyType): AlreadyAttached {
  const name = POLICY_ATTACHMENT_QUOTAS[type].awsManagedDefault;
  return name === undefined ? { count: 0, description: '' } : { count: 1, description: name };
}

/**
 * Every (policy type, target) pair over AWS's per-target quota, in first-attachment order: the one rule the config
 * check and the module guard share, so that a target over the quota fails before `terraform apply` would fail half-way
 * with `ConstraintViolationException`.
 */
export function overLimitTargets(attachments: readonly PolicyAttachment[], options: OverLimitOptions = {}): OverLimitTarget[] {
  const alreadyAttached = options.alreadyAttached ?? awsManagedDefault;
  const describe = options.describeTarget ?? ((id: string) => id);
  const byTypeAndTarget = new Map<string, { type: OrganizationPolicyType; targetId: string; policies: string[] }>();
  for (const attachment of attachments) {
    for (const targetId of new Set(attachment.targetIds)) {
      const key = `${attachment.type}\u0000${targetId}`;
      const entry = byTypeAndTarget.get(key) ?? { type: attachment.type, targetId, policies: [] };
      entry.policies.push(attachment.policy);
      byTypeAndTarget.set(key, entry);
    }
  }
  const over: OverLimitTarget[] = [];
  for (const { type, targetId, policies } of byTypeAndTarget.values()) {
    const quota = POLICY_ATTACHMENT_QUOTAS[type];
    const existing = alreadyAttached(type, targetId);
    const count = existing.count + policies.length;
    if (count <= quota.maxPerTarget) continue;
    const excess = count - quota.maxPerTarget;
    const named = existing.count > 0 ? [existing.description, ...policies] : policies;
    const included = quota.awsManagedDefault ? ` including ${quota.awsManagedDefault}` : '';
    over.push({
      type,
      targetId,
      count,
      limit: quota.maxPerTarget,
      policies,
      message:
        `${describe(targetId)} would carry ${count} ${quota.plural} (${named.join(', ')}); AWS allows ${quota.maxPerTarget} per root, OU or account${included}: ` +
        `attach ${excess} of them to other OUs or accounts instead, or disable ${excess === 1 ? 'one' : excess}`,
    });
  }
  return over;
}

/**
 * Counts the policies of one type attached to each target across every construct that attaches one, for code that
 * builds policies from the modules without the config (the config rule `policyAttachmentProblems` counts every policy
 * the baseline's stacks attach, so they need no synth-time count).
 */
export class PolicyTargetCounter {
  private readonly attachments: PolicyAttachment[] = [];

  /** @param type the policy type counted. */
  constructor(private readonly type: OrganizationPolicyType = 'SERVICE_CONTROL_POLICY') {}

  /** Records that `policyName` is attached to each of `targetIds`. */
  attach(policyName: string, targetIds: readonly string[]): void {
    this.attachments.push({ type: this.type, policy: policyName, targetIds });
  }

  /** One message per target over the limit, with the numbers. */
  problems(): string[] {
    return overLimitTargets(this.attachments).map((target) => target.message);
  }

  /** Throws a ValidationError naming `prop` when any target is over the limit. */
  assertWithinLimits(scope: IConstruct, prop: string): void {
    const problems = this.problems();
    if (problems.length > 0) throw new ValidationError(scope, prop, problems.length, `is over the per-target policy limit:\n  - ${problems.join('\n  - ')}\n`);
  }
}
