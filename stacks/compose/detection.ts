import type { AccountBaselineStack } from '../baseline-stack';

/** Adds the detection modules an account gets in this stack (owned by the detection work). */
export function composeDetection(_stack: AccountBaselineStack): void {
  // Filled in by the detection modules.
}
