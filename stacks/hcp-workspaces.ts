import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../config/organization';
import type { AccountStack } from './account-stack';
import { cloudWorkspaceName } from './backend';

/** One HCP Terraform workspace the cloud state mode uses, with the tags it should carry. */
export interface HcpWorkspace {
  readonly name: string;
  readonly project: string | undefined;
  readonly stack: string;
  /** Key-value workspace tags: account, account id, account role, Region, stack. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The workspaces of a cloud-mode organisation. A `cloud` block selects one workspace by name and cannot set tags
 * (name and tags are exclusive there), so the tags are published in `hcp-workspaces.json` next to the stacks, for
 * the HCP Terraform API or the `tfe` provider to create and tag the workspaces before the first run.
 */
export function hcpWorkspaces(org: Organization, stacks: readonly AccountStack[]): HcpWorkspace[] {
  if (org.state.mode !== 'cloud') return [];
  const project = org.state.project;
  return stacks.map((stack) => ({
    name: cloudWorkspaceName(org, stack.stackName),
    project,
    stack: stack.stackName,
    tags: { account: stack.account.name, 'account-id': stack.account.id, 'account-role': stack.account.role, region: stack.region, stack: stack.stackName },
  }));
}

export const HCP_WORKSPACES_FILE = 'hcp-workspaces.json';

/** Writes `hcp-workspaces.json` into the synth output folder (cloud mode only). */
export function writeHcpWorkspaces(outdir: string, org: Organization, stacks: readonly AccountStack[]): void {
  const workspaces = hcpWorkspaces(org, stacks);
  if (workspaces.length === 0) return;
  const state = org.state as Extract<Organization['state'], { mode: 'cloud' }>;
  const document = { hostname: state.hostname, organization: state.organization, workspaces };
  fs.writeFileSync(path.join(outdir, HCP_WORKSPACES_FILE), `${JSON.stringify(document, null, 2)}\n`);
}
