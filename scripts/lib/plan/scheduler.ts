/**
 * Runs `task` for every stack with at most `limit` in flight, starting a stack only once every stack it must follow
 * has finished (successfully or not: a failed producer does not hide its consumers' plans). `after` maps each stack to
 * the stacks it must follow; they must all be in `stacks`, and the order must have no cycle (see `dependencyWaves`).
 */
export async function runInDependencyOrder<R>(
  stacks: readonly string[],
  after: ReadonlyMap<string, readonly string[]>,
  limit: number,
  task: (stack: string) => Promise<R>,
): Promise<Map<string, R>> {
  const results = new Map<string, R>();
  const finished = new Set<string>();
  const started = new Set<string>();
  return new Promise((resolve, reject) => {
    let running = 0;
    const startReady = (): void => {
      if (finished.size === stacks.length) {
        resolve(results);
        return;
      }
      for (const stack of stacks) {
        if (running >= limit) return;
        if (started.has(stack)) continue;
        if (!(after.get(stack) ?? []).every((s) => finished.has(s))) continue;
        started.add(stack);
        running++;
        task(stack).then(
          (result) => {
            results.set(stack, result);
            finished.add(stack);
            running--;
            startReady();
          },
          reject,
        );
      }
      if (running === 0 && finished.size < stacks.length) reject(new Error(`stacks that can never start (cycle?): ${stacks.filter((s) => !started.has(s)).join(', ')}`));
    };
    startReady();
  });
}
