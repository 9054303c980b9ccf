/** One rule's share of a web ACL's capacity. */
export interface CapacityLine {
  readonly priority: number;
  readonly name: string;
  /** What the rule is, e.g. `managed AWS/AWSManagedRulesCommonRuleSet` or `rate-based 2000/300s by IP`. */
  readonly kind: string;
  /** Web ACL capacity units (WCUs). */
  readonly wcu: number;
}

/**
 * The per-rule breakdown printed when an ACL is over its capacity limit:
 * ```
 *   priority  rule              WCUs  kind
 *          0  ip-reputation       25  managed AWS/AWSManagedRulesAmazonIpReputationList
 *   ...
 *             total            1,227
 * ```
 */
export function formatCapacityBreakdown(lines: readonly CapacityLine[]): string {
  const nameWidth = Math.max(4, ...lines.map((l) => l.name.length));
  const total = lines.reduce((sum, l) => sum + l.wcu, 0);
  const wcuWidth = Math.max(4, total.toLocaleString('en-US').length);
  const row = (priority: string, name: string, wcu: string, kind: string): string =>
    `  ${priority.padStart(8)}  ${name.padEnd(nameWidth)}  ${wcu.padStart(wcuWidth)}  ${kind}`.trimEnd();
  return [
    row('priority', 'rule', 'WCUs', 'kind'),
    ...lines.map((l) => row(String(l.priority), l.name, l.wcu.toLocaleString('en-US'), l.kind)),
    row('', 'total', total.toLocaleString('en-US'), ''),
  ].join('\n');
}
