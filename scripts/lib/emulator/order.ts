/**
 * Deploy order from `manifest.json`: a stack starts when every stack it depends on has been applied; independent
 * stacks run in parallel up to a limit.
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

/**
 * Runs `run` for every stack as soon as its dependencies succeeded, at most `parallel` at a time. A stack whose
 * dependency failed is not run (`skipped` is called for it instead).
 */
export async function runInOrder(
  stacks: readonly StackNode[],
  parallel: number,
  run: (name: string) => Promise<boolean>,
  skipped: (name: string, failedDependency: string) => void,
): Promise<void> {
  deployWaves(stacks); // cycle check
  const names = new Set(stacks.map((s) => s.name));
  const deps = new Map(stacks.map((s) => [s.name, s.dependencies.filter((d) => names.has(d))]));
  const state = new Map<string, 'pending' | 'running' | 'ok' | 'failed'>(stacks.map((s) => [s.name, 'pending']));
  await new Promise<void>((resolve) => {
    let running = 0;
    const pump = (): void => {
      for (let changed = true; changed; ) {
        changed = false;
        for (const [name, status] of state) {
          const failed = status === 'pending' ? deps.get(name)!.find((d) => state.get(d) === 'failed') : undefined;
          if (failed) {
            state.set(name, 'failed');
            skipped(name, failed);
            changed = true;
          }
        }
      }
      for (const [name, status] of state) {
        if (status !== 'pending') continue;
        if (running >= parallel || !deps.get(name)!.every((d) => state.get(d) === 'ok')) continue;
        state.set(name, 'running');
        running += 1;
        void run(name)
          .catch(() => false)
          .then((ok) => {
            state.set(name, ok ? 'ok' : 'failed');
            running -= 1;
            pump();
          });
      }
      if (running === 0 && ![...state.values()].some((s) => s === 'pending' || s === 'running')) resolve();
    };
    pump();
  });
}
