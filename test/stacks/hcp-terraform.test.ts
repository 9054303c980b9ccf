/**
 * HCP Terraform end to end (state mode `cloud`): the hcp-bootstrap stack's structure (the tfe provider is not in the
 * offline mirror, so it is checked with cdktf's matchers, not validated or planned), the AWS side of dynamic
 * credentials (validated and planned like every stack, and its trust policies evaluated), and the provider chain.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
import { Project } from '@cdktf/provider-tfe/lib/project';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { loadOrganizationFile, parseConfigText, parseOrganization, type Organization, type OrganizationInput } from '../../config';
import { buildOrganization } from '../../stacks/organization-app';
import { HCP_BOOTSTRAP_STACK, type HcpBootstrapStack } from '../../stacks/hcp-bootstrap-stack';
import { HCP_DEFAULT_PROJECT } from '../../stacks/compose/hcp-terraform';
import { stacksNeedingUnmirroredProviders, validateDir } from '../../scripts/lib/terraform/output-copies';
import { ALLOW_ALL, evaluate, type Decision, type EvalRequest, type PolicyJson } from '../support/iam-policy-eval';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, tempDir, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'configs', 'hcp-terraform.yaml');
const org = loadOrganizationFile(SAMPLE);
const MANAGEMENT = '230000000001';
const LOG_ARCHIVE = '230000000002';
const HOST = 'app.terraform.io';
const HOST_KEYS = [`${HOST}:aud`, `${HOST}:sub`];

function bootstrapOf(o: Organization): { stack: HcpBootstrapStack; json: string } {
  const app = new App({ outdir: tempDir('hcp-app-'), stackTraces: false });
  buildOrganization(app, o);
  const stack = app.node.findChild(HCP_BOOTSTRAP_STACK) as HcpBootstrapStack;
  return { stack, json: Testing.synth(stack) };
}

describe('hcp-bootstrap stack (structure; the tfe provider is not in the offline mirror)', () => {
  const { json } = bootstrapOf(org);
  const parsed = JSON.parse(json) as { terraform: { backend: Record<string, unknown>; required_providers: Record<string, unknown> }; resource: Record<string, Record<string, Record<string, unknown>>> };

  it('keeps its own state locally and pins the tfe provider', () => {
    expect(parsed.terraform.backend).toEqual({ local: { path: '../../../terraform-state/hcp-bootstrap.tfstate' } });
    expect(parsed.terraform.required_providers).toEqual({ tfe: { source: 'hashicorp/tfe', version: '0.71.0' } });
    expect(json).toHaveProviderWithProperties(TfeProvider, { hostname: 'app.terraform.io', organization: 'example-org' });
  });

  it('creates the project and every workspace with its execution mode, working directory and tags', () => {
    expect(json).toHaveResourceWithProperties(Project, { name: 'security-baseline', organization: 'example-org' });
    expect(Object.keys(parsed.resource.tfe_workspace!)).toHaveLength(3);
    for (const [account, id] of [['management', MANAGEMENT], ['log-archive', LOG_ARCHIVE], ['security', '230000000003']] as const) {
      const stack = `${account}-us-east-2`;
      expect(json).toHaveResourceWithProperties(Workspace, {
        name: `baseline-${stack}`,
        organization: 'example-org',
        project_id: '${tfe_project.project.id}',
        working_directory: `stacks/${stack}`,
        auto_apply: false,
        tags: { account, 'account-id': id, 'account-role': account, region: 'us-east-2', stack },
      });
      expect(json).toHaveResourceWithProperties(WorkspaceSettings, { workspace_id: `\${tfe_workspace.workspace-${stack}.id}`, execution_mode: 'remote', global_remote_state: false });
    }
  });

  it('shares each workspace state exactly with the consumers hcp-workspaces.json lists, and triggers their runs', () => {
    const { outdir } = synthOrg(org);
    const listed = (JSON.parse(fs.readFileSync(path.join(outdir, 'hcp-workspaces.json'), 'utf8')) as { workspaces: Array<{ stack: string; remoteStateConsumers: string[] }> }).workspaces;
    const workspaceIdOf = (name: string) => `\${tfe_workspace.workspace-${name.replace(/^baseline-/, '')}.id}`;
    const settings = Object.values(parsed.resource.tfe_workspace_settings!);
    const triggers = Object.values(parsed.resource.tfe_run_trigger!);
    expect(listed.some((w) => w.remoteStateConsumers.length > 0)).toBe(true);
    for (const workspace of listed) {
      const own = settings.find((s) => s.workspace_id === `\${tfe_workspace.workspace-${workspace.stack}.id}`)!;
      expect([...(own.remote_state_consumer_ids as string[])].sort()).toEqual(workspace.remoteStateConsumers.map(workspaceIdOf).sort());
      for (const consumer of workspace.remoteStateConsumers) {
        expect(triggers).toContainEqual(expect.objectContaining({ sourceable_id: `\${tfe_workspace.workspace-${workspace.stack}.id}`, workspace_id: workspaceIdOf(consumer) }));
      }
    }
    expect(triggers).toHaveLength(listed.reduce((n, w) => n + w.remoteStateConsumers.length, 0));
    expect(json).toHaveResourceWithProperties(RunTrigger, { sourceable_id: '${tfe_workspace.workspace-log-archive-us-east-2.id}', workspace_id: '${tfe_workspace.workspace-security-us-east-2.id}' });
  });

  it('points every workspace at its own account run roles with dynamic credentials', () => {
    for (const [account, id] of [['management', MANAGEMENT], ['log-archive', LOG_ARCHIVE]] as const) {
      const workspace = `\${tfe_workspace.workspace-${account}-us-east-2.id}`;
      expect(json).toHaveResourceWithProperties(Variable, { workspace_id: workspace, category: 'env', key: 'TFC_AWS_PROVIDER_AUTH', value: 'true' });
      expect(json).toHaveResourceWithProperties(Variable, { workspace_id: workspace, key: 'TFC_AWS_PLAN_ROLE_ARN', value: `arn:aws:iam::${id}:role/hcp-terraform-plan-us-east-2` });
      expect(json).toHaveResourceWithProperties(Variable, { workspace_id: workspace, key: 'TFC_AWS_APPLY_ROLE_ARN', value: `arn:aws:iam::${id}:role/hcp-terraform-apply-us-east-2` });
    }
    expect(Object.keys(parsed.resource.tfe_variable!)).toHaveLength(9);
  });

  it("uses HCP Terraform's default project when state.project is not set", () => {
    const raw = loadRaw(fs.readFileSync(SAMPLE, 'utf8'));
    delete (raw.state as { project?: string }).project;
    const { json: noProject } = bootstrapOf(parseOrganization(raw, 'no-project'));
    expect(noProject).toHaveDataSourceWithProperties(DataTfeProject, { name: HCP_DEFAULT_PROJECT, organization: 'example-org' });
    expect(noProject).not.toHaveResource(Project);
  });

  it('is deployed before every account stack, and no other state mode has it', () => {
    const { outdir, stackNames } = synthOrg(org);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    for (const name of stackNames) expect(manifest.stacks[name]!.dependencies).toContain(HCP_BOOTSTRAP_STACK);
    expect(stacksNeedingUnmirroredProviders(outdir)).toEqual([HCP_BOOTSTRAP_STACK]);
    expect(() => validateDir(outdir, [HCP_BOOTSTRAP_STACK])).toThrow(/hcp-bootstrap needs providers the offline mirror does not hold \(only aws\)/);
    const local = synthOrg(parseOrganization({ ...loadRaw(fs.readFileSync(SAMPLE, 'utf8')), state: { mode: 'local' } } as OrganizationInput, 'local'));
    expect(fs.existsSync(path.join(local.outdir, 'stacks', HCP_BOOTSTRAP_STACK))).toBe(false);
  });
});

/** The sample's raw input (a fresh copy, safe to change). */
function loadRaw(text: string): OrganizationInput {
  return parseConfigText(text, 'sample') as OrganizationInput;
}

describe('dynamic credentials, AWS side (cloud state mode)', () => {
  const { outdir } = synthOrg(org);
  const home = (id: string): SynthesizedStack => stackJson(outdir, `${id === MANAGEMENT ? 'management' : 'log-archive'}-us-east-2`);
  const parse = (json: unknown): PolicyJson => JSON.parse((json as string).replace(/\$\$\{/g, '${')) as PolicyJson;
  const trustOf = (id: string, roleName: string): PolicyJson => parse(resourcesOfType(home(id), 'aws_iam_role').find((r) => r.name === roleName)!.assume_role_policy);

  it('passes validate and plan in every account stack (the bootstrap is left out: no tfe provider offline)', () => {
    expectValidAndPlannable(outdir);
  });

  it('creates one HCP Terraform OIDC provider per account with the workload identity audience', () => {
    const management = fs.readFileSync(path.join(outdir, 'stacks', 'management-us-east-2', 'cdk.tf.json'), 'utf8');
    expect(management).toHaveResourceWithProperties(IamOpenidConnectProvider, { url: 'https://app.terraform.io', client_id_list: ['aws.workload.identity'] });
    expect(resourcesOfType(home(MANAGEMENT), 'aws_iam_openid_connect_provider')).toHaveLength(1);
  });

  it('makes the plan role read-only under the boundary and the apply role the deploying administrator', () => {
    const attachments = resourcesOfType(home(MANAGEMENT), 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attachments).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const roles = resourcesOfType(home(MANAGEMENT), 'aws_iam_role');
    const plan = roles.find((r) => r.name === 'hcp-terraform-plan-us-east-2')!;
    const apply = roles.find((r) => r.name === 'hcp-terraform-apply-us-east-2')!;
    // bounded by THE identity permissions boundary of the account, not merely by some policy
    expect(plan.permissions_boundary).toMatch(/^\$\{aws_iam_policy\.identity_permissions-boundary_Policy_[0-9A-F]{8}\.arn\}$/);
    expect(plan.max_session_duration).toBe(3600);
    expect(apply.permissions_boundary).toBeUndefined();
  });

  it('assumes no deploy role in the provider: the run role of the phase is the credential', () => {
    for (const id of [MANAGEMENT, LOG_ARCHIVE]) {
      const provider = home(id).provider!.aws![0]!;
      expect(provider).not.toHaveProperty('assume_role');
      expect(provider.allowed_account_ids).toEqual([id]);
    }
  });

  it('exempts the apply run roles from the guardrail SCPs like the deploy role (the example in cloud mode)', () => {
    const cloud = exampleOrg((input) => {
      input.state = { mode: 'cloud', organization: 'example-org', project: 'baseline' } as OrganizationInput['state'];
    });
    const cloudOut = synthOrg(cloud).outdir;
    expectValidAndPlannable(cloudOut, ['management-us-east-1']);
    const scps = resourcesOfType(stackJson(cloudOut, 'management-us-east-1'), 'aws_organizations_policy').map((p) => p.content as string);
    const exempting = scps.filter((content) => content.includes('arn:aws:iam::*:role/OrganizationAccountAccessRole'));
    expect(exempting.length).toBeGreaterThan(0);
    for (const content of exempting) expect(content).toContain('arn:aws:iam::*:role/hcp-terraform-apply-*');
    const local = resourcesOfType(stackJson(synthOrg(exampleOrg()).outdir, 'management-us-east-1'), 'aws_organizations_policy').map((p) => p.content as string);
    for (const content of local) expect(content).not.toContain('hcp-terraform-apply');
  });

  const sub = (workspace: string, phase: string, organization = 'example-org', project = 'security-baseline') =>
    `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
  const assume = (roleName: string, subject: string, aud = 'aws.workload.identity', account = MANAGEMENT, providerAccount = account): EvalRequest => ({
    principal: `arn:aws:iam::${providerAccount}:oidc-provider/${HOST}`,
    action: 'sts:AssumeRoleWithWebIdentity',
    resource: `arn:aws:iam::${account}:role/${roleName}`,
    resourceAccount: account,
    resourcePolicy: trustOf(account, roleName),
    context: { [`${HOST}:aud`]: aud, [`${HOST}:sub`]: subject },
    uncataloguedContextKeys: HOST_KEYS,
  });
  const PLAN = 'hcp-terraform-plan-us-east-2';
  const APPLY = 'hcp-terraform-apply-us-east-2';
  const WS = 'baseline-management-us-east-2';

  it.each<[string, 'Allowed' | 'Denied', () => EvalRequest]>([
    ['the plan phase of its workspace may assume the plan role', 'Allowed', () => assume(PLAN, sub(WS, 'plan'))],
    ['the apply phase of its workspace may assume the apply role', 'Allowed', () => assume(APPLY, sub(WS, 'apply'))],
    ['the plan phase may not assume the apply role', 'Denied', () => assume(APPLY, sub(WS, 'plan'))],
    ['the apply phase may not assume the plan role (each phase has exactly one role)', 'Denied', () => assume(PLAN, sub(WS, 'apply'))],
    ["another workspace's apply phase may not assume this workspace's apply role", 'Denied', () => assume(APPLY, sub('baseline-security-us-east-2', 'apply'))],
    ['a workspace of the same name in another organisation may not', 'Denied', () => assume(APPLY, sub(WS, 'apply', 'other-org'))],
    ['a workspace of the same name in another project may not', 'Denied', () => assume(APPLY, sub(WS, 'apply', 'example-org', 'other-project'))],
    ['a token for another audience may not', 'Denied', () => assume(APPLY, sub(WS, 'apply'), 'sts.amazonaws.com')],
    ["another account's HCP Terraform provider may not", 'Denied', () => assume(APPLY, sub(WS, 'apply'), undefined, MANAGEMENT, LOG_ARCHIVE)],
    ["a look-alike workspace name (prefix match) may not", 'Denied', () => assume(APPLY, `${sub(WS, 'apply')}-x`)],
  ])('%s', async (_name, expected, request) => {
    const decision: Decision = await evaluate(request());
    if (expected === 'Denied') expect(decision).not.toBe('Allowed');
    else expect(decision).toBe('Allowed');
  });

  it('gives the evaluator a real grant to deny: the same requests pass an allow-all trust', async () => {
    const request = { ...assume(APPLY, sub('baseline-security-us-east-2', 'apply')), resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${MANAGEMENT}:oidc-provider/${HOST}` }, Action: 'sts:AssumeRoleWithWebIdentity' }] } };
    expect(await evaluate({ ...request, identityPolicies: [ALLOW_ALL] })).toBe('Allowed');
  });
});
