import { App } from 'cdktf';
import type { Organization } from '../config/organization';
import { buildOrganization } from './organization-app';
import { writeHcpWorkspaces } from './hcp-workspaces';
import { withPlainStackTraces } from './synth/stack-traces';

export { withPlainStackTraces };

export interface SynthResult {
  /** Output folder; each stack is in `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly outdir: string;
  /** Stack names in build order. */
  readonly stackNames: readonly string[];
}

/**
 * Synthesizes the whole organisation (what `cdktf synth` does, callable from scripts and tests). Without `outdir`
 * cdktf's default applies (`CDKTF_OUTDIR`, set by the cdktf CLI, else `cdktf.out`).
 */
export function synthOrganization(org: Organization, outdir?: string): SynthResult {
  return withPlainStackTraces(() => {
    const app = new App({ outdir, stackTraces: false });
    const stacks = buildOrganization(app, org);
    app.synth();
    writeHcpWorkspaces(app.outdir, org, stacks);
    return { outdir: app.outdir, stackNames: stacks.map((s) => s.stackName) };
  });
}
