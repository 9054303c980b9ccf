import { App } from 'cdktf';
import type { Organization } from '../config/organization';
import { buildOrganization } from './organization-app';
import { writeHcpWorkspaces } from './hcp-workspaces';

export interface SynthResult {
  /** Output folder; each stack is in `<outdir>/stacks/<name>/cdk.tf.json`. */
  readonly outdir: string;
  /** Stack names in build order. */
  readonly stackNames: readonly string[];
}

/**
 * Runs `fn` with V8's plain stack-trace formatting. cdktf captures a full stack trace for every token it creates;
 * under ts-node each frame would be source-mapped back to TypeScript, which made a 20,000-resource synth 5x slower
 * (measured by `npm run bench`). Error traces raised inside `fn` show compiled line numbers instead.
 */
export function withPlainStackTraces<T>(fn: () => T): T {
  const errorClass = Error as { prepareStackTrace?: ErrorConstructor['prepareStackTrace'] };
  const saved = errorClass.prepareStackTrace;
  delete errorClass.prepareStackTrace;
  try {
    return fn();
  } finally {
    if (saved) errorClass.prepareStackTrace = saved;
  }
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
