import type { AccountBaselineStack } from '../baseline-stack';

/** Adds the identity modules an account gets in this stack (owned by the identity work). */
export function composeIdentity(_stack: AccountBaselineStack): void {
  // Filled in by the identity modules.
}
