import type { IConstruct } from 'constructs';
import { Token } from 'cdktf';

/**
 * A construct prop that breaks a rule. The message names the construct path, the prop, the value and the fix,
 * so that a failed synth points straight at the setting to change.
 */
export class ValidationError extends Error {
  constructor(scope: IConstruct, prop: string, value: unknown, rule: string) {
    super(`${scope.node.path}: ${prop} ${rule} (got ${JSON.stringify(value)})`);
    this.name = 'ValidationError';
  }
}

/**
 * Throws a ValidationError unless `min <= value <= max` and value is an integer. An unresolved token (a Terraform
 * variable of an exported module) is skipped: its HCL `validation` block checks it instead.
 */
export function requireIntegerInRange(scope: IConstruct, prop: string, value: number, min: number, max: number, unit = ''): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, prop, value, `must be a whole number from ${min} to ${max}${unit ? ` ${unit}` : ''}`);
  }
}
