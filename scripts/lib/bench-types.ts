/** How a bench child synthesizes: one App in one process, or sharded over worker processes. */
export type SynthMode = 'single' | 'sharded';

/** One shard of a sharded run: its own stacks, time and its worker's peak memory. */
export interface ShardRun {
  readonly stacks: number;
  readonly ms: number;
  readonly peakRssMb: number;
}

/** One synthesis run as printed (one JSON line) by the `bench-synth.ts` child process. */
export interface SynthRun {
  readonly mode: SynthMode;
  /** Stacks synthesized. */
  readonly stacks: number;
  /** Resource instances across every stack's `resource` map. */
  readonly resources: number;
  /** Milliseconds for generate + parse + build + synth (module loading and node startup excluded). */
  readonly wallMs: number;
  /** Milliseconds from process start to the end of synth (includes node startup and module loading). */
  readonly processMs: number;
  /** CPU seconds (user + system) of the child and, for a sharded run in workers, of every worker. */
  readonly cpuS?: number;
  /** Peak resident set size of the child process in MiB (the coordinating process, for a sharded run). */
  readonly peakRssMb: number;
  /** Sharded: sampled peak of the whole run (child, coordinator and running workers together). */
  readonly peakTotalRssMb?: number;
  /** Sharded: worker processes used (0 when the shards ran in the child). */
  readonly workers?: number;
  readonly shards?: readonly ShardRun[];
  /** With a cache: workload accounts synthesized and reused. */
  readonly freshAccounts?: number;
  readonly reusedAccounts?: number;
}

/** Seconds of each Terraform phase on one stack, and what the plan would create. */
export interface TerraformTiming {
  readonly stack: string;
  readonly initS: number;
  readonly validateS: number;
  readonly planS: number;
  /** Resource changes in the saved plan (all creates on an empty state). */
  readonly plannedResources: number;
}

/** True when a parsed JSON value has the shape of a {@link SynthRun}. */
export function isSynthRun(value: unknown): value is SynthRun {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['stacks', 'resources', 'wallMs', 'processMs', 'peakRssMb'].every((key) => typeof record[key] === 'number');
}
