/** What `npm run plan` was asked to do. */
export interface PlanOptions {
  /** Stack names or globs (`*` matches anything); empty means every stack. */
  readonly selectors: readonly string[];
  /** Plan a rewritten copy with fake credentials and local state (no AWS account, no network). */
  readonly offline: boolean;
  /** Git ref: plan only the stacks whose synthesized JSON differs from a synth at this ref, plus their consumers. */
  readonly changedSince: string | undefined;
  /** Print the selection as JSON (stacks, dependency waves, CI matrices) and plan nothing. */
  readonly listJson: boolean;
  /** Organisation config file (else BASELINE_CONFIG, else the built-in example). */
  readonly config: string | undefined;
  /** Concurrent `terraform` runs. */
  readonly parallelism: number;
  /** Use the existing `cdktf.out` instead of synthesizing. */
  readonly skipSynth: boolean;
  /** Synth output folder instead of `cdktf.out` (plan output then goes to `<outdir>-plan-out`). */
  readonly outdir: string | undefined;
}

/** Thrown for a bad command line; the message says what to pass. */
export class PlanUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${PLAN_USAGE}`);
    this.name = 'PlanUsageError';
  }
}

export const PLAN_USAGE = [
  'usage: npm run plan -- [stack|glob ...] [--offline] [--changed-since REF] [--list-json]',
  '                       [--config FILE] [--parallelism N] [--skip-synth] [--outdir DIR]',
].join('\n');

function valueOf(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--') || value.trim() === '') throw new PlanUsageError(`${flag} needs a value`);
  return value;
}

/** Parses the command line (`--flag value` or `--flag=value`). */
export function parsePlanOptions(argv: readonly string[], defaultParallelism: number): PlanOptions {
  const selectors: string[] = [];
  let offline = false;
  let changedSince: string | undefined;
  let listJson = false;
  let config: string | undefined;
  let parallelism = defaultParallelism;
  let skipSynth = false;
  let outdir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const take = (): string => {
      if (inline !== undefined) {
        if (inline.trim() === '') throw new PlanUsageError(`${flag} needs a value`);
        return inline;
      }
      const value = valueOf(argv, i, flag);
      i++;
      return value;
    };
    switch (flag) {
      case '--offline':
        offline = true;
        break;
      case '--list-json':
        listJson = true;
        break;
      case '--skip-synth':
        skipSynth = true;
        break;
      case '--changed-since':
        changedSince = take();
        break;
      case '--config':
        config = take();
        break;
      case '--outdir':
        outdir = take();
        break;
      case '--parallelism': {
        const text = take();
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1) throw new PlanUsageError(`--parallelism must be a whole number of at least 1, got ${JSON.stringify(text)}`);
        parallelism = n;
        break;
      }
      default:
        if (raw.startsWith('--')) throw new PlanUsageError(`unknown option ${raw}`);
        selectors.push(raw);
    }
  }
  if (skipSynth && changedSince !== undefined) throw new PlanUsageError('--skip-synth cannot be combined with --changed-since (both synths must come from the same code)');
  return { selectors, offline, changedSince, listJson, config, parallelism, skipSynth, outdir };
}
