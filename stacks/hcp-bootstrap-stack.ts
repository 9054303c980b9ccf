import type { Construct } from 'constructs';
import { LocalBackend, TerraformStack } from 'cdktf';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import type { Organization } from '../config/organization';
import type { AccountStack } from './account-stack';
import { cloudWorkspaceName, localStatePath } from './backend';
import { cloudState, HCP_DEFAULT_PROJECT, hcpRunRoleArn } from './compose/hcp-terraform';

/** Name of the stack that creates the HCP Terraform project and workspaces (cloud state mode only). */
export const HCP_BOOTSTRAP_STACK = 'hcp-bootstrap';

/** Folder of every workspace, relative to the uploaded or checked-out root (`cdktf.out`, or the deployment branch). */
export function workspaceWorkingDirectory(stackName: string): string {
  return `stacks/${stackName}`;
}

/** One workspace's settings, as the bootstrap stack creates them. */
export interface BootstrapWorkspace {
  readonly stack: AccountStack;
  readonly name: string;
  /** Stacks whose outputs this stack reads (its producers). */
  readonly producers: readonly AccountStack[];
}

/**
 * The producers of each stack: the stacks whose outputs it reads through cdktf cross-stack references (the
 * `cross-stack-reference-input-<producer>` remote state that `hcp-workspaces.json` lists too; a plain stack
 * dependency is not a read). cdktf creates those while resolving a stack, so each stack is prepared here first: the
 * same pass `app.synth()` runs, and idempotent (cdktf caches each cross-stack output and remote state).
 */
export function crossStackProducers(stacks: readonly AccountStack[]): Map<AccountStack, AccountStack[]> {
  for (const stack of stacks) stack.prepareStack();
  return new Map(
    stacks.map((stack) => [stack, stacks.filter((other) => other !== stack && stack.node.tryFindChild(`cross-stack-reference-input-${other.node.path}`) !== undefined)]),
  );
}

/**
 * `hcp-bootstrap`: creates, with the `tfe` provider, what the cloud state mode's `cloud` blocks expect to exist:
 * - the project (or finds HCP Terraform's default project when `state.project` is not set);
 * - one workspace per stack, in remote execution, working directory `stacks/<stack>`, with the key-value tags of
 *   `hcp-workspaces.json` (account, account id, role, Region, stack);
 * - remote state sharing exactly as `hcp-workspaces.json` lists it: a producer shares its state with the workspaces
 *   that read its outputs and with no one else (never globally);
 * - a run trigger from each producer to each consumer, so a change in a producer's outputs re-plans its readers;
 * - per workspace, dynamic AWS credentials: `TFC_AWS_PROVIDER_AUTH=true`, `TFC_AWS_PLAN_ROLE_ARN` and
 *   `TFC_AWS_APPLY_ROLE_ARN` naming the run roles the account's home-Region stack creates.
 * Its own state is local (`terraform-state/hcp-bootstrap.tfstate`): it creates the workspaces, so it cannot live in
 * one of them. An HCP Terraform owner applies it first with a team or user token (TFE_TOKEN).
 */
export class HcpBootstrapStack extends TerraformStack {
  readonly workspaces: readonly BootstrapWorkspace[];

  constructor(scope: Construct, org: Organization, stacks: readonly AccountStack[]) {
    super(scope, HCP_BOOTSTRAP_STACK);
    const state = cloudState(org);
    if (!state) throw new Error('the hcp-bootstrap stack is only for state.mode cloud'); // unreachable: buildOrganization adds this stack only when state.mode is cloud
    const producers = crossStackProducers(stacks);
    new LocalBackend(this, { path: localStatePath(org, HCP_BOOTSTRAP_STACK) });
    new TfeProvider(this, 'tfe', { hostname: state.hostname, organization: state.organization });

    const projectId = state.project
      ? new Project(this, 'project', { organization: state.organization, name: state.project, description: `${org.name} security baseline: one workspace per account and Region` }).id
      : new DataTfeProject(this, 'default-project', { organization: state.organization, name: HCP_DEFAULT_PROJECT }).id;

    this.workspaces = stacks.map((stack) => ({ stack, name: cloudWorkspaceName(org, stack.stackName), producers: producers.get(stack) ?? [] }));
    const created = new Map<AccountStack, Workspace>();
    for (const { stack, name } of this.workspaces) {
      const workspace = new Workspace(this, `workspace-${stack.stackName}`, {
        organization: state.organization,
        name,
        projectId,
        description: `${org.name} baseline: account ${stack.account.name} (${stack.account.id}), ${stack.region}`,
        workingDirectory: workspaceWorkingDirectory(stack.stackName),
        tags: { account: stack.account.name, 'account-id': stack.account.id, 'account-role': stack.account.role, region: stack.region, stack: stack.stackName },
        autoApply: false,
        queueAllRuns: false,
      });
      created.set(stack, workspace);
      const variable = (key: string, value: string, description: string) =>
        new Variable(this, `variable-${stack.stackName}-${key}`, { workspaceId: workspace.id, key, value, category: 'env', description });
      variable('TFC_AWS_PROVIDER_AUTH', 'true', 'Dynamic AWS credentials: HCP Terraform exchanges its workload identity token for the run role');
      variable('TFC_AWS_PLAN_ROLE_ARN', hcpRunRoleArn(org, stack.account, stack.region, 'plan'), 'Read-only role for plans (speculative and the plan phase of runs)');
      variable('TFC_AWS_APPLY_ROLE_ARN', hcpRunRoleArn(org, stack.account, stack.region, 'apply'), 'Role for the apply phase');
    }
    for (const { stack } of this.workspaces) {
      const workspace = created.get(stack)!;
      const consumers = this.workspaces.filter((w) => w.producers.includes(stack)).map((w) => created.get(w.stack)!);
      new WorkspaceSettings(this, `settings-${stack.stackName}`, {
        workspaceId: workspace.id,
        executionMode: 'remote',
        globalRemoteState: false,
        remoteStateConsumerIds: consumers.map((c) => c.id),
      });
      for (const producer of producers.get(stack) ?? []) {
        new RunTrigger(this, `run-trigger-${producer.stackName}-to-${stack.stackName}`, { workspaceId: workspace.id, sourceableId: created.get(producer)!.id });
      }
    }
  }
}
