import type { AccountBaselineStack } from '../baseline-stack';

/** Adds the network modules an account gets in this stack (owned by the network work). */
export function composeNetwork(_stack: AccountBaselineStack): void {
  // Filled in by the network modules.
}
