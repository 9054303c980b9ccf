import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../config/organization';
import type { AccountStack } from './account-stack';
import { cloudWorkspaceName } from './naming';

/** One HCP Terraform workspace the cloud state mode uses, with the tags it should carry. */
export interface HcpWorkspace {
  readonly name: string;
  readonly project: string | undefined;
  readonly stack: string;
  /** Key-value workspace tags: account, account id, account role, Region, stack. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Workspaces that read this one's outputs through `terraform_remote_state`: grant them remote state sharing on
   * this workspace, and no others.
   */
  readonly remoteStateConsumers: readonly string[];
}

/** What the workspace list needs of a stack (an AccountStack has it; a sharded synth rebuilds it from its records). */
export type StackIdentity = Pick<AccountStack, 'stackName' | 'account' | 'region'>;

/**
 * The workspaces of a cloud-mode organisation. A `cloud` block selects one workspace by name and cannot set tags
 * (name and tags are exclusive there), so the tags are published in `hcp-workspaces.json` next to the stacks, for
 * the HCP Terraform API or the `tfe` provider to create and tag the workspaces before the first run.
 */
export function hcpWorkspaces(org: Organization, stacks: readonly StackIdentity[], remoteStateReads: ReadonlyMap<string, readonly string[]>): HcpWorkspace[] {
  if (org.state.mode !== 'cloud') return [];
  const project = org.state.project;
  return stacks.map((stack) => ({
    name: cloudWorkspaceName(org, stack.stackName),
    project,
    stack: stack.stackName,
    tags: { account: stack.account.name, 'account-id': stack.account.id, 'account-role': stack.account.role, region: stack.region, stack: stack.stackName },
    remoteStateConsumers: stacks
      .filter((consumer) => (remoteStateReads.get(consumer.stackName) ?? []).includes(stack.stackName))
      .map((consumer) => cloudWorkspaceName(org, consumer.stackName)),
  }));
}

/** Which stacks each stack reads through cdktf's cross-stack remote state (`cross-stack-reference-input-<producer>`). */
export function remoteStateReadsIn(outdir: string, stacks: readonly AccountStack[]): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  for (const stack of stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.stackName, 'cdk.tf.json'), 'utf8')) as {
      data?: { terraform_remote_state?: Record<string, unknown> };
    };
    const names = Object.keys(json.data?.terraform_remote_state ?? {}).map((name) => name.replace(/^cross-stack-reference-input-/, ''));
    reads.set(stack.stackName, names);
  }
  return reads;
}

export const HCP_WORKSPACES_FILE = 'hcp-workspaces.json';

/** Writes `hcp-workspaces.json` into the synth output folder (cloud mode only). */
export function writeHcpWorkspaces(outdir: string, org: Organization, stacks: readonly AccountStack[]): void {
  if (org.state.mode !== 'cloud') return;
  writeHcpWorkspacesFile(outdir, org, stacks, remoteStateReadsIn(outdir, stacks));
}

/** Writes `hcp-workspaces.json` from stacks and what each reads through remote state (cloud mode only). */
export function writeHcpWorkspacesFile(outdir: string, org: Organization, stacks: readonly StackIdentity[], remoteStateReads: ReadonlyMap<string, readonly string[]>): void {
  if (org.state.mode !== 'cloud') return;
  const workspaces = hcpWorkspaces(org, stacks, remoteStateReads);
  const state = org.state as Extract<Organization['state'], { mode: 'cloud' }>;
  const document = { hostname: state.hostname, organization: state.organization, workspaces };
  fs.writeFileSync(path.join(outdir, HCP_WORKSPACES_FILE), `${JSON.stringify(document, null, 2)}\n`);
}
