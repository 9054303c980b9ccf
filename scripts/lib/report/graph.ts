import { z } from 'zod';
import { ReportError } from './errors';

/** Stack name to the stacks it depends on (which must be deployed first). */
export type StackGraph = ReadonlyMap<string, readonly string[]>;

/** One stack in deploy order. */
export interface DeployStep {
  readonly stack: string;
  readonly dependencies: readonly string[];
  /** 1 for stacks without dependencies, else one more than the latest wave among its dependencies; a wave's stacks can deploy in parallel. */
  readonly wave: number;
}

/** A dependency on a stack the graph does not have. */
export interface MissingDependency {
  readonly stack: string;
  readonly dependency: string;
}

/** The deploy order, and what prevents a full one. */
export interface DeployPlan {
  /** Every stack that can be ordered (all of them when there is no cycle). */
  readonly steps: readonly DeployStep[];
  /** A dependency cycle, first stack repeated at the end (`a, b, a`: a depends on b, b on a); undefined when there is none. */
  readonly cycle?: readonly string[];
  /** Stacks left out of {@link DeployPlan.steps} because they are on or behind a cycle. */
  readonly unordered: readonly string[];
  /** Dependencies naming no stack of the graph (ignored for ordering). */
  readonly missing: readonly MissingDependency[];
}

const manifestSchema = z.looseObject({
  stacks: z.record(z.string(), z.looseObject({ dependencies: z.array(z.string()).optional() })),
});

/** The dependency graph from a cdktf `manifest.json` (`stacks.<name>.dependencies`). */
export function graphFromManifest(manifest: unknown): Map<string, readonly string[]> {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    throw new ReportError(`Unexpected manifest.json shape: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return new Map(Object.entries(parsed.data.stacks).map(([name, stack]) => [name, stack.dependencies ?? []]));
}

/** Finds one cycle among `nodes` (following only edges inside `nodes`), as a path whose last element repeats the first. */
export function findCycle(graph: StackGraph, nodes: readonly string[]): string[] | undefined {
  const inScope = new Set(nodes);
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    trail.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (!inScope.has(dep)) continue;
      if (state.get(dep) === 'open') return [...trail.slice(trail.indexOf(dep)), dep];
      if (state.get(dep) === undefined) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    trail.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of nodes) {
    if (state.get(node) !== undefined) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/**
 * Topological deploy order (Kahn), listed wave by wave: a stack comes after every stack it depends on. Inside a
 * wave, `preferred` order wins (e.g. the synth's build order), then the name. A cycle leaves its stacks, and those
 * depending on them, out of the order and is reported.
 */
export function deployOrder(graph: StackGraph, preferred: readonly string[] = []): DeployPlan {
  const names = [...graph.keys()];
  const ranks = new Map(preferred.map((n, i) => [n, i] as const));
  const rankOf = (n: string): number => ranks.get(n) ?? preferred.length;
  const byPreference = (a: string, b: string): number => rankOf(a) - rankOf(b) || a.localeCompare(b);
  const missing: MissingDependency[] = [];
  const deps = new Map<string, string[]>();
  for (const name of names) {
    const known = [...new Set(graph.get(name) ?? [])].filter((d) => {
      if (graph.has(d)) return true;
      missing.push({ stack: name, dependency: d });
      return false;
    });
    deps.set(name, known);
  }
  const waves = new Map<string, number>();
  const steps: DeployStep[] = [];
  let remaining = names.slice().sort(byPreference);
  for (;;) {
    const next = remaining.find((n) => (deps.get(n) ?? []).every((d) => waves.has(d)));
    if (next === undefined) break;
    const own = deps.get(next) ?? [];
    const wave = 1 + Math.max(0, ...own.map((d) => waves.get(d) ?? 0));
    waves.set(next, wave);
    steps.push({ stack: next, dependencies: own, wave });
    remaining = remaining.filter((n) => n !== next);
  }
  // Wave by wave reads better than Kahn's pick order, and is still topological: dependencies are in earlier waves.
  steps.sort((a, b) => a.wave - b.wave || byPreference(a.stack, b.stack));
  const cycle = remaining.length > 0 ? findCycle(deps, remaining) : undefined;
  return cycle ? { steps, cycle, unordered: remaining, missing } : { steps, unordered: remaining, missing };
}
