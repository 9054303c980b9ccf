/**
 * IAM accepts a string or a list wherever a policy takes values; a lone value is written as a string, as AWS's console
 * and docs do (and as the synthesized policies have always been written). The list is copied, never shared.
 */
export function oneOrList<T>(values: readonly T[]): T | T[] {
  return values.length === 1 ? values[0]! : [...values];
}
