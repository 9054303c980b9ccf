import type { Construct } from 'constructs';
import { WebAcl, type WafRule, type WebAclProps } from '../../modules/waf';
import { onlyResource, synthConstruct, testStack } from '../support/synth';

/** A rule block as synthesized (snake_case, the provider's shape). */
export type RuleBlock = Record<string, unknown> & { name: string; priority: number; statement: Record<string, unknown> };

/** Builds a web ACL named `test-acl` (REGIONAL unless given) in `scope`. */
export function aclIn(scope: Construct, props: Partial<WebAclProps> = {}): WebAcl {
  return new WebAcl(scope, 'acl', { name: 'test-acl', ...props });
}

/** Synthesizes one ACL and returns its resource JSON, its rule blocks (by priority) and the construct. */
export function synthAcl(props: Partial<WebAclProps>): { acl: WebAcl; json: Record<string, unknown>; rules: RuleBlock[]; outdir: string } {
  let acl: WebAcl | undefined;
  const { stack, outdir } = synthConstruct((scope) => {
    acl = aclIn(scope, props);
  });
  const json = onlyResource(stack, 'aws_wafv2_web_acl');
  const rules = [...((json.rule as RuleBlock[] | undefined) ?? [])].sort((a, b) => a.priority - b.priority);
  return { acl: acl!, json, rules, outdir };
}

/** Synthesizes an ACL holding only `rule` and returns that rule's block and the ACL's capacity. */
export function synthRule(rule: WafRule): { block: RuleBlock; wcu: number } {
  const { acl, rules } = synthAcl({ rules: [rule] });
  return { block: rules[0]!, wcu: acl.capacity };
}

/** Builds an ACL in a fresh stack (no synth) and returns what it throws, or fails the test. */
export function aclError(props: Partial<WebAclProps>, region?: string): Error {
  const stack = testStack();
  try {
    new WebAcl(stack, 'acl', { name: 'test-acl', ...(region ? { region } : {}), ...props });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the web ACL to be refused');
}
