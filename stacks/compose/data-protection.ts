import type { AccountBaselineStack } from '../baseline-stack';

/** Adds the data-protection modules an account gets in this stack (owned by the data-protection work). */
export function composeDataProtection(_stack: AccountBaselineStack): void {
  // Filled in by the data-protection modules.
}
