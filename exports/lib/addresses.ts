import { TerraformDataSource, TerraformResource } from 'cdktf';
import type { ModuleStack } from './module-stack';

/**
 * Readable, stable Terraform names for an exported module's resources and data sources, derived from the construct
 * path below the module root (never from hashes or list positions): the module builds its main construct with the
 * id `this`, so its L1 `Resource` becomes `this` and its siblings `this_<id>` (`this_alias`, `this_access_logging`).
 * `Resource` and `Default` segments are dropped, every segment is snake_cased. Only the exporter names things this
 * way; the cdktf stacks keep their logical ids (held by the id-stability test).
 */
export function moduleAddressName(pathBelowStack: readonly string[]): string {
  const parts = pathBelowStack.filter((segment) => segment !== 'Resource' && segment !== 'Default').map(snakeCase).filter((s) => s.length > 0);
  const name = parts.length === 0 ? 'this' : parts.join('_');
  return /^[a-z_]/.test(name) ? name : `r_${name}`;
}

/** `AccessLogging` -> `access_logging`, `subnet-public-a` -> `subnet_public_a`. */
export function snakeCase(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** One element to rename: `resource` or `data`, its type, cdktf's logical id and the readable name. */
export interface ElementRename {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The readable name of every resource and data source of `stack` (after synth: cdktf's logical ids are fixed then).
 * The synthesized JSON is renamed afterwards (renameElements), because cdktf caches some logical ids while the
 * constructs are built, so overrideLogicalId cannot be relied on. Fails when two elements of one type would get the
 * same name.
 */
export function moduleElementNames(stack: ModuleStack): ElementRename[] {
  const taken = new Map<string, string>();
  const renames: ElementRename[] = [];
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof TerraformResource) && !(construct instanceof TerraformDataSource)) continue;
    const below = construct.node.scopes.slice(stack.node.scopes.length).map((scope) => scope.node.id);
    const name = stack.elementNames.get(construct) ?? moduleAddressName(below);
    const kind = construct instanceof TerraformDataSource ? 'data' : 'resource';
    const key = `${kind}.${construct.terraformResourceType}.${name}`;
    const previous = taken.get(key);
    if (previous) throw new Error(`${key} would name both ${previous} and ${construct.node.path}; give one of the constructs another id`);
    taken.set(key, construct.node.path);
    renames.push({ kind, type: construct.terraformResourceType, from: construct.friendlyUniqueId, to: name });
  }
  return renames;
}

/** Renames the blocks of `json` and every reference to them (`type.from` / `data.type.from` in any string). */
export function renameElements(json: Record<string, unknown>, renames: readonly ElementRename[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...json };
  for (const kind of ['resource', 'data'] as const) {
    const blocks = json[kind] as Record<string, Record<string, unknown>> | undefined;
    if (!blocks) continue;
    out[kind] = Object.fromEntries(
      Object.entries(blocks).map(([type, byName]) => {
        const renamed = Object.entries(byName).map(([name, body]) => [renames.find((r) => r.kind === kind && r.type === type && r.from === name)?.to ?? name, body] as const);
        return [type, Object.fromEntries(renamed.sort(([a], [b]) => a.localeCompare(b)))];
      }),
    );
  }
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = renames
    .filter((r) => r.from !== r.to)
    .map((r) => ({ regex: new RegExp(`(?<![A-Za-z0-9_.-])${r.kind === 'data' ? 'data\\.' : ''}${escape(r.type)}\\.${escape(r.from)}(?![A-Za-z0-9_-])`, 'g'), to: `${r.kind === 'data' ? 'data.' : ''}${r.type}.${r.to}` }));
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return patterns.reduce((text, p) => text.replace(p.regex, p.to), value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(out) as Record<string, unknown>;
}
