import * as fs from 'fs';
import * as path from 'path';
import { matchesGlob } from '../../../modules/core/glob';
import { readManifest } from '../terraform/output-copies';

/** One synthesized stack: what it depends on (manifest) and which stacks' outputs it reads (remote state). */
export interface GraphStack {
  readonly name: string;
  /** `manifest.json` dependencies: stacks that must be applied first. */
  readonly dependencies: readonly string[];
  /** Producers whose outputs this stack reads through `terraform_remote_state`. */
  readonly reads: readonly string[];
}

/** The stacks of a synth output folder, in manifest order. */
export interface StackGraph {
  readonly stacks: ReadonlyMap<string, GraphStack>;
}

const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';

/** Reads `manifest.json` and each stack's remote state data sources. */
export function readStackGraph(outdir: string): StackGraph {
  const manifest = readManifest(outdir) as { stacks: Record<string, { synthesizedStackPath: string; dependencies?: string[] }> };
  const stacks = new Map<string, GraphStack>();
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), 'utf8')) as { data?: { terraform_remote_state?: Record<string, unknown> } };
    const reads = Object.keys(json.data?.terraform_remote_state ?? {})
      .filter((key) => key.startsWith(REMOTE_STATE_PREFIX))
      .map((key) => key.slice(REMOTE_STATE_PREFIX.length));
    stacks.set(name, { name, dependencies: [...(entry.dependencies ?? [])], reads });
  }
  return { stacks };
}

/** Thrown when a selector names no stack (a typo would otherwise plan nothing and pass). */
export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

/** Stack names matching any of the names or globs; every selector must match at least one stack. */
export function selectStacks(graph: StackGraph, selectors: readonly string[]): Set<string> {
  const names = [...graph.stacks.keys()];
  if (selectors.length === 0) return new Set(names);
  const selected = new Set<string>();
  for (const selector of selectors) {
    const matched = names.filter((name) => matchesGlob(selector, name));
    if (matched.length === 0) throw new SelectionError(`"${selector}" matches no stack; stacks are: ${names.join(', ')}`);
    matched.forEach((name) => selected.add(name));
  }
  return selected;
}

/** The stacks plus every stack that reads the outputs of one of them (directly). */
export function withConsumers(graph: StackGraph, stacks: ReadonlySet<string>): Set<string> {
  const out = new Set(stacks);
  for (const stack of graph.stacks.values()) {
    if (stack.reads.some((producer) => stacks.has(producer))) out.add(stack.name);
  }
  return out;
}

/** Every stack `name` depends on, directly or through others (manifest dependencies). */
export function ancestorsOf(graph: StackGraph, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    for (const dep of graph.stacks.get(n)?.dependencies ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(name);
  return seen;
}

/**
 * The selected stacks in dependency waves: wave 0 depends on no other selected stack, wave n only on stacks of earlier
 * waves (dependencies through unselected stacks count too). Within a wave, manifest order. Throws on a cycle.
 */
export function dependencyWaves(graph: StackGraph, selected: ReadonlySet<string>): string[][] {
  const order = [...graph.stacks.keys()].filter((name) => selected.has(name));
  const before = new Map(order.map((name) => [name, [...ancestorsOf(graph, name)].filter((a) => selected.has(a))]));
  const waveOf = new Map<string, number>();
  const waves: string[][] = [];
  let remaining = order;
  while (remaining.length > 0) {
    const ready = remaining.filter((name) => (before.get(name) ?? []).every((a) => waveOf.has(a)));
    if (ready.length === 0) throw new Error(`dependency cycle among stacks: ${remaining.join(', ')}`);
    ready.forEach((name) => waveOf.set(name, waves.length));
    waves.push(ready);
    remaining = remaining.filter((name) => !waveOf.has(name));
  }
  return waves;
}
