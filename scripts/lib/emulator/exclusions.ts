import * as fs from 'fs';
import { parse } from 'yaml';
import { globToRegExp } from '../../../modules/core/glob';

/**
 * The reviewed exclusion file (emulator-exclusions.yaml): what the emulator cannot serve, each with a reason and
 * the moto version it was seen with.
 * - `type` alone: every resource of that type is dropped from the copy, with everything that depends on it
 *   (a wholesale root type; at most a few are allowed).
 * - `type` + `address` (a resource name glob) and optional `stacks` glob: only those resources, and dependents.
 * - `type` (+ optional `address`) + `attribute`: the resources are applied; a re-plan change of that attribute only
 *   is reported as accepted, not as a failure (a round-trip the emulator does not store).
 * - optional `configs` (a glob of config paths relative to the repository, e.g. `examples/configs/network-*.yaml`):
 *   the entry holds only for runs of those configs (`--config`), for a resource only a sample has; without it the
 *   entry holds for every run. The example's stale-entry check sees only the entries that hold for the example.
 */
export interface Exclusion {
  readonly type: string;
  readonly address?: string;
  readonly stacks?: string;
  readonly attribute?: string;
  readonly configs?: string;
  readonly reason: string;
  readonly moto: string;
}

export class ExclusionFileError extends Error {}

export function parseExclusions(text: string, source: string): Exclusion[] {
  const doc = parse(text) as { exclusions?: unknown } | null;
  const list = doc?.exclusions;
  if (!Array.isArray(list)) throw new ExclusionFileError(`${source}: expected a top-level "exclusions:" list`);
  return list.map((entry: unknown, index) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const where = `${source}: exclusions[${index}]`;
    for (const key of ['type', 'reason', 'moto']) {
      if (typeof e[key] !== 'string' || !(e[key] as string).trim()) throw new ExclusionFileError(`${where}.${key} must be a non-empty string`);
    }
    if (!/^aws_[a-z0-9_]+$/.test(e.type as string)) throw new ExclusionFileError(`${where}.type ${JSON.stringify(e.type)} is not a resource type`);
    for (const key of ['address', 'stacks', 'attribute', 'configs']) {
      if (e[key] !== undefined && typeof e[key] !== 'string') throw new ExclusionFileError(`${where}.${key} must be a string`);
    }
    const unknown = Object.keys(e).filter((k) => !['type', 'address', 'stacks', 'attribute', 'configs', 'reason', 'moto'].includes(k));
    if (unknown.length) throw new ExclusionFileError(`${where} has unknown keys ${unknown.join(', ')}`);
    return e as unknown as Exclusion;
  });
}

export function loadExclusions(file: string): Exclusion[] {
  return fs.existsSync(file) ? parseExclusions(fs.readFileSync(file, 'utf8'), file) : [];
}

/** The entries that hold for a run of `configLabel` (the config's path relative to the repository). */
export function exclusionsForConfig(exclusions: readonly Exclusion[], configLabel: string): Exclusion[] {
  return exclusions.filter((e) => e.configs === undefined || globToRegExp(e.configs).test(configLabel));
}

/** True for a whole-type exclusion (no address, no attribute). */
export function isWholesale(e: Exclusion): boolean {
  return e.address === undefined && e.attribute === undefined && e.stacks === undefined;
}

/** Does exclusion `e` (a drop, not an attribute one) cover resource `type.name` in `stack`? */
export function dropsResource(e: Exclusion, stack: string, type: string, name: string): boolean {
  if (e.attribute !== undefined || e.type !== type) return false;
  if (e.stacks !== undefined && !globToRegExp(e.stacks).test(stack)) return false;
  return e.address === undefined || globToRegExp(e.address).test(name);
}

/** Does an attribute exclusion accept a re-plan change of `attribute` on `address` in `stack`? */
export function acceptsChange(e: Exclusion, stack: string, address: string, attribute: string): boolean {
  if (e.attribute === undefined || e.attribute !== attribute) return false;
  const [type, name] = address.split('.') as [string, string];
  if (e.type !== type) return false;
  if (e.stacks !== undefined && !globToRegExp(e.stacks).test(stack)) return false;
  return e.address === undefined || globToRegExp(e.address).test(name ?? '');
}
