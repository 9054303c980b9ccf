/** Paths into plain JSON data, for the mutations. */

export type PathPart = string | number;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Node {
  readonly path: readonly PathPart[];
  readonly value: Json;
}

/** Every node below the root, depth first (the root itself is not included). */
export function nodesOf(root: Json): Node[] {
  const out: Node[] = [];
  const visit = (value: Json, path: PathPart[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ path: [...path, i], value: item });
        visit(item, [...path, i]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        out.push({ path: [...path, key], value: item });
        visit(item, [...path, key]);
      }
    }
  };
  visit(root, []);
  return out;
}

/** The container holding `path` and the key in it, or undefined when a part is missing. */
export function parentOf(root: Json, path: readonly PathPart[]): { parent: Json[] | { [key: string]: Json }; key: PathPart } | undefined {
  let current: Json = root;
  for (const part of path.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathPart, Json>)[part as never] as Json;
  }
  if (current === null || typeof current !== 'object') return undefined;
  return { parent: current, key: path[path.length - 1]! };
}

/** Sets `value` at `path`, creating mappings on the way; false when a list or scalar is in the way. */
export function setAt(root: Json, path: readonly PathPart[], value: Json): boolean {
  let current: Json = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (current === null || typeof current !== 'object') return false;
    const container = current as Record<PathPart, Json>;
    const part = path[i]!;
    if (container[part] === undefined || container[part] === null) {
      if (Array.isArray(container)) return false;
      container[part] = typeof path[i + 1] === 'number' ? [] : {};
    }
    current = container[part]!;
  }
  if (current === null || typeof current !== 'object') return false;
  const last = path[path.length - 1]!;
  if (Array.isArray(current) && typeof last === 'number' && last > current.length) return false;
  (current as Record<PathPart, Json>)[last] = value;
  return true;
}

/** The value at `path`, or undefined. */
export function getAt(root: Json, path: readonly PathPart[]): Json | undefined {
  let current: Json | undefined = root;
  for (const part of path) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<PathPart, Json>)[part as never];
  }
  return current;
}
