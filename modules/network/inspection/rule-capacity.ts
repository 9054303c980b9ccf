/**
 * Capacity estimates of Network Firewall rule groups, to refuse at synth a rule group that AWS would refuse at apply
 * (a group's capacity is fixed at creation and every rule must fit in it).
 * - Stateful groups: one unit per rule. A domain list generates one rule per domain and target type (TLS SNI, HTTP
 *   host), plus the list's own default rule per target type; a Suricata rule string uses one unit per rule line.
 * - Stateless groups: per rule, the product of the sizes of its match settings (an unset or "any" setting counts 1).
 */

/** Maximum capacity of one stateful or stateless rule group (Network Firewall quota, not adjustable). */
export const MAX_RULE_GROUP_CAPACITY = 30000;

/** Units a domain list of `domainCount` domains over `targetTypeCount` target types needs. */
export function domainListCapacity(domainCount: number, targetTypeCount: number): number {
  return (domainCount + 1) * targetTypeCount;
}

/** The rule lines of a Suricata rule string: not blank, not comments. */
export function suricataRuleLines(rules: string): string[] {
  return rules
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

/** Units a Suricata rule string needs: one per rule. */
export function suricataRulesCapacity(rules: string): number {
  return suricataRuleLines(rules).length;
}

/** Units one stateless rule needs: the product of its match setting sizes (empty = any = 1). */
export function statelessRuleCapacity(match: { readonly sources: readonly string[]; readonly destinations: readonly string[]; readonly protocols?: readonly number[] }): number {
  const size = (list: readonly unknown[] | undefined) => Math.max(1, list?.length ?? 0);
  return size(match.sources) * size(match.destinations) * size(match.protocols);
}

/** The problem of a rule group whose rules need `required` units but is given `capacity`, or undefined. */
export function capacityProblem(required: number, capacity: number): string | undefined {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_RULE_GROUP_CAPACITY) {
    return `must be a whole number from 1 to ${MAX_RULE_GROUP_CAPACITY} (the Network Firewall rule group quota)`;
  }
  if (required > capacity) {
    return `is ${capacity}, but the rules need ${required} units; raise the capacity (it is fixed when the rule group is created, so leave room) or remove rules`;
  }
  return undefined;
}
