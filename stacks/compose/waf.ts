import type { AccountBaselineStack } from '../baseline-stack';

/** Adds the waf modules an account gets in this stack (owned by the waf work). */
export function composeWaf(_stack: AccountBaselineStack): void {
  // Filled in by the waf modules.
}
