/** One synthesis run as printed (one JSON line) by the `bench-synth.ts` child process. */
export interface SynthRun {
  /** Stacks synthesized. */
  readonly stacks: number;
  /** Resource instances across every stack's `resource` map. */
  readonly resources: number;
  /** Milliseconds for generate + parse + build + synth (module loading and node startup excluded). */
  readonly wallMs: number;
  /** Milliseconds from process start to the end of synth (includes node startup and module loading). */
  readonly processMs: number;
  /** Peak resident set size of the child process in MiB. */
  readonly peakRssMb: number;
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
