import * as os from 'os';
import { median } from './bench-stats';
import type { SynthRun, TerraformTiming } from './bench-types';

/** The median of several synthesis runs of one organisation size. */
export interface SizeSummary {
  readonly label: string;
  readonly accounts: number;
  readonly regions: number;
  readonly stacks: number;
  readonly resources: number;
  readonly wallMs: number;
  readonly processMs: number;
  readonly msPerStack: number;
  readonly peakRssMb: number;
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
    /** 1-minute load average when the report was made (other work on the machine skews the timings). */
    readonly loadAverage1m: number;
  };
  readonly small: SizeSummary;
  readonly large: SizeSummary;
  /** (ms per stack, large) / (ms per stack, small). */
  readonly scalingRatio: number;
  readonly targets: readonly TargetResult[];
  readonly terraform: TerraformTiming | undefined;
}

/** Targets of the large synthesis. */
export const TARGETS = { maxScalingRatio: 1.2, maxLargeWallS: 15, maxLargePeakMiB: 1024 } as const;

/** Median of each figure over `runs` (medians are taken per figure, so they may come from different runs). */
export function summarize(label: string, accounts: number, regions: number, runs: readonly SynthRun[]): SizeSummary {
  const first = runs[0];
  if (!first) throw new Error(`no runs for ${label}`);
  const wallMs = median(runs.map((r) => r.wallMs));
  return {
    label,
    accounts,
    regions,
    stacks: first.stacks,
    resources: first.resources,
    wallMs,
    processMs: median(runs.map((r) => r.processMs)),
    msPerStack: wallMs / first.stacks,
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    runs,
  };
}

/** Builds the report and judges the targets. */
export function benchReport(small: SizeSummary, large: SizeSummary, terraform: TerraformTiming | undefined): BenchReport {
  const scalingRatio = large.msPerStack / small.msPerStack;
  const wallS = large.wallMs / 1000;
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryMiB: Math.round(os.totalmem() / 1024 ** 2),
      loadAverage1m: os.loadavg()[0] ?? 0,
    },
    small,
    large,
    scalingRatio,
    targets: [
      { name: 'ms/stack large ÷ small', target: `≤ ${TARGETS.maxScalingRatio}`, actual: scalingRatio.toFixed(2), pass: scalingRatio <= TARGETS.maxScalingRatio },
      { name: `synth ${large.stacks} stacks, wall`, target: `< ${TARGETS.maxLargeWallS} s`, actual: `${wallS.toFixed(2)} s`, pass: wallS < TARGETS.maxLargeWallS },
      { name: `synth ${large.stacks} stacks, peak RSS`, target: `< ${TARGETS.maxLargePeakMiB} MiB`, actual: `${large.peakRssMb.toFixed(0)} MiB`, pass: large.peakRssMb < TARGETS.maxLargePeakMiB },
    ],
    terraform,
  };
}
