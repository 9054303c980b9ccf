import type { PolicyStatement } from '../iam/policy-document';
import { Policy, policyProblems } from '../iam/policy';
import { rcpProblems } from './resource-control-policies';

/** What a user-defined organisation policy is. */
export type CustomPolicyKind = 'scp' | 'rcp';

/**
 * The problems of user-defined SCP or RCP statements (IAM JSON from config), linted exactly as the built-in policies
 * are: an SCP by the IAM lint for SCPs (catalogue actions, NotAction only in Deny, no Principal, 5,120 characters),
 * an RCP by the RCP lint (Deny only, Principal "*", RCP-supported services, 5,120 characters).
 */
export function customPolicyProblems(kind: CustomPolicyKind, statements: readonly PolicyStatement[]): string[] {
  const policy = Policy.fromJson(statements);
  return kind === 'scp' ? policyProblems(policy, 'scp') : rcpProblems(policy);
}

/** The policy of user-defined statements; throws with every problem when they are not a valid policy of the kind. */
export function customPolicy(kind: CustomPolicyKind, statements: readonly PolicyStatement[]): Policy {
  const problems = customPolicyProblems(kind, statements);
  if (problems.length > 0) throw new Error(`is not a valid ${kind === 'scp' ? 'service' : 'resource'} control policy:\n  - ${problems.join('\n  - ')}`);
  return Policy.fromJson(statements);
}
