import { type Exclusion, dropsResource } from './exclusions';

type Json = Record<string, unknown>;

/** A resource (or data source / output) dropped from the emulator copy. */
export interface DroppedResource {
  readonly address: string;
  readonly type: string;
  /** True when an exclusion names it; false when it only depends on something dropped. */
  readonly root: boolean;
}

export interface PruneResult {
  readonly stack: Json;
  readonly dropped: readonly DroppedResource[];
  /** Names of the stack's outputs dropped with them (consumers reading them are dropped too). */
  readonly droppedOutputs: readonly string[];
}

const DATA_REF = /\bdata\.([a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const RESOURCE_REF = /(?<![.\w-])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const REMOTE_OUTPUT = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;

function referencesIn(text: string): { nodes: string[]; remoteOutputs: Array<[string, string]> } {
  const nodes: string[] = [];
  for (const m of text.matchAll(DATA_REF)) nodes.push(`data.${m[1]}.${m[2]}`);
  for (const m of text.matchAll(RESOURCE_REF)) nodes.push(`${m[1]}.${m[2]}`);
  const remoteOutputs: Array<[string, string]> = [...text.matchAll(REMOTE_OUTPUT)].map((m) => [m[1]!.replace(/^cross-stack-reference-input-/, ''), m[2]!]);
  return { nodes, remoteOutputs };
}

/**
 * Drops every resource an exclusion names, and (to a fixpoint) every resource, data source and output that refers to
 * a dropped one, including outputs of producers read through remote state (`droppedOutputsOf(producer)`).
 */
export function pruneStack(stackName: string, stack: Json, exclusions: readonly Exclusion[], droppedOutputsOf: (producer: string) => readonly string[]): PruneResult {
  const resources = (stack.resource as Record<string, Record<string, Json>> | undefined) ?? {};
  const data = (stack.data as Record<string, Record<string, Json>> | undefined) ?? {};
  const outputs = (stack.output as Record<string, Json> | undefined) ?? {};
  const nodes = new Map<string, { type: string; text: string; kind: 'resource' | 'data' | 'output' }>();
  for (const [type, byName] of Object.entries(resources)) for (const [name, body] of Object.entries(byName)) nodes.set(`${type}.${name}`, { type, text: JSON.stringify(body), kind: 'resource' });
  for (const [type, byName] of Object.entries(data)) for (const [name, body] of Object.entries(byName)) nodes.set(`data.${type}.${name}`, { type, text: JSON.stringify(body), kind: 'data' });
  for (const [name, body] of Object.entries(outputs)) nodes.set(`output.${name}`, { type: 'output', text: JSON.stringify(body), kind: 'output' });

  const dropped = new Map<string, boolean>();
  for (const [address, node] of nodes) {
    if (node.kind !== 'resource') continue;
    const name = address.slice(node.type.length + 1);
    if (exclusions.some((e) => dropsResource(e, stackName, node.type, name))) dropped.set(address, true);
  }
  const refs = new Map([...nodes].map(([address, node]) => [address, referencesIn(node.text)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const address of nodes.keys()) {
      if (dropped.has(address)) continue;
      const r = refs.get(address)!;
      if (r.nodes.some((n) => dropped.has(n)) || r.remoteOutputs.some(([producer, output]) => droppedOutputsOf(producer).includes(output))) {
        dropped.set(address, false);
        changed = true;
      }
    }
  }
  if (dropped.size === 0) return { stack, dropped: [], droppedOutputs: [] };

  const keep = <T>(byType: Record<string, Record<string, T>>, prefix: string): Record<string, Record<string, T>> => {
    const out: Record<string, Record<string, T>> = {};
    for (const [type, byName] of Object.entries(byType)) {
      const kept = Object.fromEntries(Object.entries(byName).filter(([name]) => !dropped.has(`${prefix}${type}.${name}`)));
      if (Object.keys(kept).length) out[type] = kept;
    }
    return out;
  };
  const pruned: Json = { ...stack, resource: keep(resources, '') };
  if (stack.data) pruned.data = keep(data, 'data.');
  if (stack.output) pruned.output = Object.fromEntries(Object.entries(outputs).filter(([name]) => !dropped.has(`output.${name}`)));
  const list = [...dropped]
    .filter(([address]) => nodes.get(address)!.kind !== 'output')
    .map(([address, root]) => ({ address, type: nodes.get(address)!.type, root }))
    .sort((a, b) => a.address.localeCompare(b.address));
  const droppedOutputs = [...dropped.keys()].filter((a) => a.startsWith('output.')).map((a) => a.slice(7));
  return { stack: pruned, dropped: list, droppedOutputs };
}
