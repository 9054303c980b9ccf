import { App } from 'cdktf';
import type { Organization } from '../config/organization';
import { buildOrganization } from './organization-app';

export interface SynthResult {
  /** Output folder; each stack is in `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly outdir: string;
  /** Stack names in build order. */
  readonly stackNames: readonly string[];
}

/** Synthesizes the whole organisation into `outdir` (what `cdktf synth` does, callable from scripts and tests). */
export function synthOrganization(org: Organization, outdir: string): SynthResult {
  const app = new App({ outdir, stackTraces: false });
  const stacks = buildOrganization(app, org);
  app.synth();
  return { outdir, stackNames: stacks.map((s) => s.stackName) };
}
