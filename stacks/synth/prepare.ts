import { DefaultTokenResolver, dependable, ref, StringConcat, TerraformElement, TerraformStack, Token, Tokenization, type IResolvable } from 'cdktf';
import type { IConstruct } from 'constructs';

/*
 * cdktf's `TerraformStack.prepareStack()` resolves every element of the stack once in "preparing" mode, throws the
 * result away and resolves everything again when it writes the stack. The preparing pass is there for one thing:
 * a reference to another stack's resource (cdktf's `Reference` token with an `originStack`) met in preparing mode
 * registers the cross-stack output on the producer and the remote-state read on the consumer. That pass was a
 * third of a large synth's CPU time (`npm run bench`).
 *
 * {@link prepareStackLean} does what cdktf's does, but resolves in preparing mode only the elements that could
 * do something there: an element whose synthesized attributes hold no token but plain references to resources of
 * its own stack (or of no stack) resolves to the same text with no side effect, so its preparing pass is skipped.
 * A `dependsOn` entry (cdktf's `Dependable` token) resolves to its target's reference, so it counts as that
 * reference. Anything else (a reference to another stack, a lazy value, a function call, a list, map or number token, a
 * string that could hold a number token, an object cdktf would reject) goes through cdktf's own preparing resolve,
 * so the output is byte-identical (test/stacks/sharded-synth.test.ts compares it with cdktf's own prepareStack).
 */

const PROBE = ref('probe');
const REFERENCE_PROTOTYPE: unknown = Object.getPrototypeOf(PROBE);
const DEPENDABLE_PROBE = Tokenization.reverseString(dependable({ fqn: 'probe' })).firstToken;
const DEPENDABLE_PROTOTYPE: unknown = DEPENDABLE_PROBE && Object.getPrototypeOf(DEPENDABLE_PROBE);
const hasOwn = (object: unknown, key: string) => typeof object === 'object' && object !== null && Object.prototype.hasOwnProperty.call(object, key);
/**
 * The check reads `originStack` of cdktf's Reference and `dependable` of its Dependable; a cdktf whose tokens lack
 * them gets the full preparing pass everywhere.
 */
const CAN_CHECK_REFERENCES = hasOwn(PROBE, 'originStack') && hasOwn(DEPENDABLE_PROBE, 'dependable');
const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** What cdktf's resolve reads as a number token inside a string (it then looks the number up in its token map). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
const LIST_OR_MAP_TOKEN = /[#&]\{TfToken\[/;
/** Deeper than this, cdktf's resolve reports a cycle: leave that error to it. */
const MAX_DEPTH = 100;

function isLocalReference(token: IResolvable, stack: TerraformStack, depth = 0): boolean {
  const prototype: unknown = Object.getPrototypeOf(token);
  if (prototype === REFERENCE_PROTOTYPE) {
    const origin = (token as { originStack?: unknown }).originStack;
    return origin === undefined || origin === stack;
  }
  if (prototype === DEPENDABLE_PROTOTYPE && depth < 2) {
    const fqn = (token as { dependable?: { fqn?: unknown } }).dependable?.fqn;
    return typeof fqn === 'string' && localString(fqn, stack, depth + 1);
  }
  return false;
}

function localString(text: string, stack: TerraformStack, depth = 0): boolean {
  if (NUMBER_IN_STRING.test(text)) return false;
  if (!text.includes('TfToken[')) return true;
  if (LIST_OR_MAP_TOKEN.test(text)) return false;
  const fragments = Tokenization.reverseString(text);
  return fragments.intrinsic.length === 0 && fragments.tokens.every((token) => isLocalReference(token, stack, depth));
}

/** True when resolving `value` in `stack` can only read plain references to the stack's own resources. */
export function onlyLocalReferences(value: unknown, stack: TerraformStack, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === undefined || value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return localString(value, stack);
  if (typeof value === 'number') {
    if (!Token.isUnresolved(value)) return true;
    const token = Tokenization.reverseNumber(value);
    return token !== undefined && isLocalReference(token, stack);
  }
  if (typeof value !== 'object') return false;
  if (Tokenization.isResolvable(value)) return isLocalReference(value, stack);
  if (Array.isArray(value)) return value.every((item) => onlyLocalReferences(item, stack, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
  return Object.entries(value as Record<string, unknown>).every(([key, item]) => localString(key, stack) && onlyLocalReferences(item, stack, depth + 1));
}

/** The stack's elements, as cdktf's prepareStack lists them (not descending into nested stacks). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/** cdktf's `prepareStack()` without the preparing resolve of elements that cannot need it (see above). */
export function prepareStackLean(stack: TerraformStack): void {
  stack.ensureBackendExists();
  for (const element of elementsOf(stack)) {
    const fragment: unknown = element.toTerraform();
    if (CAN_CHECK_REFERENCES && onlyLocalReferences(fragment, stack)) continue;
    Tokenization.resolve(fragment, { scope: stack, preparing: true, resolver: RESOLVER });
  }
}
