/** What `npm run bench` measures. */
export interface BenchOptions {
  /** Size of the largest organisation. */
  readonly accounts: number;
  readonly regions: number;
  /** Runs per row for organisations up to 1,000 stacks. */
  readonly runs: number;
  /** Runs per row above 1,000 stacks (a 4,000-stack run takes a while on a shared machine). */
  readonly largeRuns: number;
  /** Time `terraform init/validate/plan` of a stack and of one account's stacks. */
  readonly terraform: boolean;
  /** Time `npx cdktf synth` of the example. */
  readonly cli: boolean;
}

/** Default largest organisation: 100 accounts in 4 Regions (400 stacks). */
export const DEFAULT_BENCH_OPTIONS: BenchOptions = { accounts: 100, regions: 4, runs: 3, largeRuns: 1, terraform: true, cli: true };

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
 * {@link DEFAULT_BENCH_OPTIONS}; `--runs N`, `--large-runs N`, `--no-terraform`, `--no-cli`.
 */
export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const accounts = flagValue(argv, '--accounts') ?? env.BENCH_ACCOUNTS;
  const regions = flagValue(argv, '--regions') ?? env.BENCH_REGIONS;
  const runs = flagValue(argv, '--runs');
  const largeRuns = flagValue(argv, '--large-runs');
  return {
    accounts: accounts === undefined ? DEFAULT_BENCH_OPTIONS.accounts : positive(accounts, 'accounts'),
    regions: regions === undefined ? DEFAULT_BENCH_OPTIONS.regions : positive(regions, 'regions'),
    runs: runs === undefined ? DEFAULT_BENCH_OPTIONS.runs : positive(runs, 'runs'),
    largeRuns: largeRuns === undefined ? DEFAULT_BENCH_OPTIONS.largeRuns : positive(largeRuns, 'large-runs'),
    terraform: !argv.includes('--no-terraform'),
    cli: !argv.includes('--no-cli'),
  };
}
