/** Size of the large organisation `npm run bench` measures. */
export interface BenchOptions {
  readonly accounts: number;
  readonly regions: number;
}

/** Default large organisation: 100 accounts in 4 Regions (400 stacks). */
export const DEFAULT_BENCH_OPTIONS: BenchOptions = { accounts: 100, regions: 4 };

function positive(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${what} must be a positive whole number, got "${text}"`);
  return value;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    return value;
  }
  const inline = argv.find((arg) => arg.startsWith(`${flag}=`));
  return inline?.slice(flag.length + 1);
}

/**
 * Options from `--accounts N --regions N` (or `--accounts=N`), else `BENCH_ACCOUNTS` / `BENCH_REGIONS`, else
 * {@link DEFAULT_BENCH_OPTIONS}.
 */
export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const accounts = flagValue(argv, '--accounts') ?? env.BENCH_ACCOUNTS;
  const regions = flagValue(argv, '--regions') ?? env.BENCH_REGIONS;
  return {
    accounts: accounts === undefined ? DEFAULT_BENCH_OPTIONS.accounts : positive(accounts, 'accounts'),
    regions: regions === undefined ? DEFAULT_BENCH_OPTIONS.regions : positive(regions, 'regions'),
  };
}
