import * as os from 'os';
import { median } from './bench-stats';
import type { CliTiming } from './bench-cli';
import type { SynthMode, SynthRun, TerraformTiming } from './bench-types';

/** The median of several synthesis runs of one organisation size in one mode. */
export interface SizeSummary {
  readonly label: string;
  readonly mode: SynthMode;
  readonly accounts: number;
  readonly regions: number;
  readonly stacks: number;
  readonly resources: number;
  readonly wallMs: number;
  readonly processMs: number;
  /** CPU seconds of the run (child and workers): what the wall time would be on an idle single core. */
  readonly cpuS: number | undefined;
  readonly msPerStack: number;
  /** Peak resident memory of the whole run (for a sharded run: the child, the coordinator and the workers). */
  readonly peakRssMb: number;
  /** Sharded: the largest worker's peak resident memory. */
  readonly workerPeakRssMb: number | undefined;
  readonly workers: number | undefined;
  readonly shards: number | undefined;
  /** With the cache: workload accounts synthesized / reused. */
  readonly freshAccounts: number | undefined;
  readonly reusedAccounts: number | undefined;
  /** Every run, in order, for the record. */
  readonly runs: readonly SynthRun[];
}

/** One target and whether the measurement meets it. */
export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly pass: boolean;
}

/** Everything `npm run bench` measured. */
export interface BenchReport {
  readonly date: string;
  readonly machine: {
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryMiB: number;
    /** 1-minute load average at the start and at the end of the run (other work on the machine skews timings). */
    readonly loadAverage1mStart: number;
    readonly loadAverage1m: number;
  };
  /** Every size in every mode, smallest first. */
  readonly sizes: readonly SizeSummary[];
  /** ms/stack of the 10-stack one-App synth: what the ratios are taken against. */
  readonly baseMsPerStack: number;
  readonly incremental: { readonly cold: SizeSummary; readonly changed: SizeSummary } | undefined;
  readonly cli: readonly CliTiming[];
  readonly targets: readonly TargetResult[];
  readonly terraform: TerraformTiming | undefined;
}

/** Targets of the scale synth (2 cores): issue "Synth at organisation scale". */
export const TARGETS = { maxScalingRatio: 1.2, maxShardedWallS: 20, maxShardedPeakMiB: 1536, maxIncrementalS: 3, maxCliMedianS: 2 } as const;

/** Median of each figure over `runs` (medians are taken per figure, so they may come from different runs). */
export function summarize(label: string, accounts: number, regions: number, runs: readonly SynthRun[]): SizeSummary {
  const first = runs[0];
  if (!first) throw new Error(`no runs for ${label}`);
  const wallMs = median(runs.map((r) => r.wallMs));
  const workerPeaks = runs.flatMap((r) => (r.shards ?? []).map((s) => s.peakRssMb));
  return {
    label,
    mode: first.mode,
    accounts,
    regions,
    stacks: first.stacks,
    resources: first.resources,
    wallMs,
    processMs: median(runs.map((r) => r.processMs)),
    cpuS: runs.every((r) => r.cpuS !== undefined) ? median(runs.map((r) => r.cpuS!)) : undefined,
    msPerStack: wallMs / first.stacks,
    peakRssMb: median(runs.map((r) => r.peakTotalRssMb ?? r.peakRssMb)),
    workerPeakRssMb: first.workers ? Math.max(...workerPeaks) : undefined,
    workers: first.workers,
    shards: first.shards?.length,
    freshAccounts: first.freshAccounts,
    reusedAccounts: first.reusedAccounts,
    runs,
  };
}

function loadNow(): number {
  return os.loadavg()[0] ?? 0;
}

/** Builds the report and judges the targets on the largest size. */
export function benchReport(input: {
  readonly sizes: readonly SizeSummary[];
  readonly incremental: BenchReport['incremental'];
  readonly cli: readonly CliTiming[];
  readonly terraform: TerraformTiming | undefined;
  readonly loadAverage1mStart: number;
}): BenchReport {
  const base = input.sizes.find((s) => s.mode === 'single');
  if (!base) throw new Error('no one-App run to compare against');
  const largest = Math.max(...input.sizes.map((s) => s.stacks));
  const sharded = input.sizes.find((s) => s.stacks === largest && s.mode === 'sharded');
  const targets: TargetResult[] = [];
  if (sharded) {
    const ratio = sharded.msPerStack / base.msPerStack;
    const wallS = sharded.wallMs / 1000;
    targets.push(
      { name: `sharded ${sharded.stacks} stacks, wall`, target: `< ${TARGETS.maxShardedWallS} s`, actual: `${wallS.toFixed(2)} s`, pass: wallS < TARGETS.maxShardedWallS },
      { name: `sharded ${sharded.stacks} stacks, peak RSS (whole run)`, target: `< ${TARGETS.maxShardedPeakMiB} MiB`, actual: `${sharded.peakRssMb.toFixed(0)} MiB`, pass: sharded.peakRssMb < TARGETS.maxShardedPeakMiB },
      { name: `ms/stack sharded ${sharded.stacks} ÷ ${base.stacks} stacks`, target: `≤ ${TARGETS.maxScalingRatio}`, actual: ratio.toFixed(2), pass: ratio <= TARGETS.maxScalingRatio },
    );
  }
  if (input.incremental) {
    const s = input.incremental.changed.wallMs / 1000;
    targets.push({ name: `incremental ${input.incremental.changed.stacks} stacks, one account changed`, target: `< ${TARGETS.maxIncrementalS} s`, actual: `${s.toFixed(2)} s`, pass: s < TARGETS.maxIncrementalS });
  }
  for (const cli of input.cli.filter((c) => c.judged)) {
    targets.push({ name: `npx cdktf synth of the example (${cli.label}), median`, target: `≤ ${TARGETS.maxCliMedianS} s`, actual: `${cli.medianS.toFixed(2)} s`, pass: cli.medianS <= TARGETS.maxCliMedianS });
  }
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryMiB: Math.round(os.totalmem() / 1024 ** 2),
      loadAverage1mStart: input.loadAverage1mStart,
      loadAverage1m: loadNow(),
    },
    sizes: input.sizes,
    baseMsPerStack: base.msPerStack,
    incremental: input.incremental,
    cli: input.cli,
    targets,
    terraform: input.terraform,
  };
}
