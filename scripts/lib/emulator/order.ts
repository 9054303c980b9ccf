/**
 * Deploy order from `manifest.json`: a stack starts when every stack it depends on has been applied, and is re-planned
 * once every stack that depends on it has been applied; independent steps run in parallel up to a limit.
 */

export interface StackNode {
  readonly name: string;
  readonly dependencies: readonly string[];
}

/** Stacks in waves (each wave depends only on earlier ones); throws on a cycle or an unknown dependency. */
export function deployWaves(stacks: readonly StackNode[]): string[][] {
  const names = new Set(stacks.map((s) => s.name));
  const remaining = new Map(stacks.map((s) => [s.name, s.dependencies.filter((d) => names.has(d))]));
  const done = new Set<string>();
  const waves: string[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining].filter(([, deps]) => deps.every((d) => done.has(d))).map(([name]) => name).sort();
    if (wave.length === 0) throw new Error(`dependency cycle among ${[...remaining.keys()].join(', ')}`);
    for (const name of wave) {
      remaining.delete(name);
      done.add(name);
    }
    waves.push(wave);
  }
  return waves;
}

/** Steps of one stack for {@link runAppliesThenReplans}. */
export interface StackSteps {
  /** Applies the stack; resolves true when it applied with no error (its dependents may start). */
  readonly apply: (name: string) => Promise<boolean>;
  /** Re-plans an applied stack. */
  readonly replan: (name: string) => Promise<void>;
  /** Called instead of `apply` for a stack whose dependency did not apply. */
  readonly skipped: (name: string, failedDependency: string) => void;
}

/** Every stack that depends on `name`, directly or through others. */
function dependentsOf(name: string, deps: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  const visit = (n: string): void => {
    for (const [other, ds] of deps) {
      if (ds.includes(n) && !out.has(other)) {
        out.add(other);
        visit(other);
      }
    }
  };
  visit(name);
  return out;
}

/**
 * Applies every stack as soon as its dependencies applied, and re-plans each applied stack once every stack that
 * depends on it (transitively) has finished its apply, so the re-plan sees the organisation as its consumers left it
 * and no consumer's apply runs beside it. At most `parallel` steps run at a time; a ready apply goes before a ready
 * re-plan (the applies are the critical path: a producer's re-plan no longer holds its consumers back). A stack
 * whose dependency did not apply is not applied (`skipped`) and not re-planned.
 */
export async function runAppliesThenReplans(stacks: readonly StackNode[], parallel: number, steps: StackSteps): Promise<void> {
  deployWaves(stacks); // cycle check
  const names = new Set(stacks.map((s) => s.name));
  const deps = new Map(stacks.map((s) => [s.name, s.dependencies.filter((d) => names.has(d))]));
  const dependents = new Map(stacks.map((s) => [s.name, dependentsOf(s.name, deps)]));
  type Status = 'pending' | 'applying' | 'applied' | 'failed' | 'skipped' | 'replanning' | 'done';
  const state = new Map<string, Status>(stacks.map((s) => [s.name, 'pending']));
  const settled = (name: string): boolean => !['pending', 'applying'].includes(state.get(name)!);
  await new Promise<void>((resolve) => {
    let running = 0;
    const start = (name: string, next: Status, step: () => Promise<Status>): void => {
      state.set(name, next);
      running += 1;
      void step()
        .catch((): Status => (next === 'applying' ? 'failed' : 'done'))
        .then((status) => {
          state.set(name, status);
          running -= 1;
          pump();
        });
    };
    const pump = (): void => {
      for (let changed = true; changed; ) {
        changed = false;
        for (const [name, status] of state) {
          const failed = status === 'pending' ? deps.get(name)!.find((d) => ['failed', 'skipped'].includes(state.get(d)!)) : undefined;
          if (failed) {
            state.set(name, 'skipped');
            steps.skipped(name, failed);
            changed = true;
          }
        }
      }
      for (const [name, status] of state) {
        if (running >= parallel) break;
        if (status === 'pending' && deps.get(name)!.every((d) => ['applied', 'replanning', 'done'].includes(state.get(d)!))) {
          start(name, 'applying', async () => ((await steps.apply(name)) ? 'applied' : 'failed'));
        }
      }
      for (const [name, status] of state) {
        if (running >= parallel) break;
        if (status === 'applied' && [...dependents.get(name)!].every(settled)) {
          start(name, 'replanning', async () => {
            await steps.replan(name);
            return 'done';
          });
        }
      }
      if (running === 0 && [...state.values()].every((s) => ['failed', 'skipped', 'done'].includes(s))) resolve();
    };
    pump();
  });
}
