import { App } from 'cdktf';
import type { Organization } from '../../config/organization';
import { writeHcpWorkspaces } from '../hcp-workspaces';
import { buildOrganization } from '../organization-app';

/** One App builds and synthesizes every stack in this process (the reference the sharded synth must equal). */
export function synthOneApp(org: Organization, outdir: string | undefined): { outdir: string; stackNames: string[] } {
  const app = new App({ outdir, stackTraces: false });
  const stacks = buildOrganization(app, org);
  app.synth();
  writeHcpWorkspaces(app.outdir, org, stacks);
  return { outdir: app.outdir, stackNames: stacks.map((s) => s.stackName) };
}
