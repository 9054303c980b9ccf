import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseOrganization, type OrganizationInput } from '../../config';
import { generateOrganization } from '../../scripts/lib/generate-org';
import { changedSince, ChangedSinceError, compareSynths } from '../../scripts/lib/plan/changed-since';
import { parsePlanOptions, PlanUsageError } from '../../scripts/lib/plan/options';
import { runInDependencyOrder } from '../../scripts/lib/plan/scheduler';
import { selectionList } from '../../scripts/lib/plan/selection';
import { dependencyWaves, readStackGraph, selectStacks, SelectionError, withConsumers, type StackGraph } from '../../scripts/lib/plan/stack-graph';
import { formatSummaryTable } from '../../scripts/lib/plan/summary';
import { parsePlanCounts } from '../../scripts/lib/plan/terraform-run';
import { cdktfInvocation } from '../../scripts/lib/cdktf-args';
import { synthReport } from '../../stacks/synth-report';
import { synthOrganization } from '../../stacks/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { tempDir } from '../support/synth';

/** A small generated organisation: management, log-archive, security, network and one workload, home Region only. */
function smallGenerated(change?: (input: OrganizationInput) => void): ReturnType<typeof parseOrganization> {
  const input = generateOrganization(5, 1);
  change?.(input);
  return parseOrganization(input, 'generated');
}

function graphOf(edges: Record<string, { deps?: string[]; reads?: string[] }>): StackGraph {
  return { stacks: new Map(Object.entries(edges).map(([name, e]) => [name, { name, dependencies: e.deps ?? [], reads: e.reads ?? [] }])) };
}

describe('npm run plan: command line', () => {
  it('reads selectors and flags in both spellings', () => {
    expect(parsePlanOptions(['management-*', '--offline', '--changed-since=HEAD~1', '--parallelism', '3', 'security-us-east-1'], 2)).toEqual({
      selectors: ['management-*', 'security-us-east-1'],
      offline: true,
      changedSince: 'HEAD~1',
      listJson: false,
      config: undefined,
      parallelism: 3,
      skipSynth: false,
      outdir: undefined,
    });
    expect(parsePlanOptions(['--list-json', '--config', 'org.yaml'], 2)).toMatchObject({ listJson: true, config: 'org.yaml', parallelism: 2 });
  });

  it.each([
    [['--changed-since'], /--changed-since needs a value/],
    [['--parallelism', '0'], /--parallelism must be a whole number of at least 1, got "0"/],
    [['--offlien'], /unknown option --offlien/],
    [['--skip-synth', '--changed-since', 'main'], /--skip-synth cannot be combined with --changed-since/],
  ])('fails on %j', (argv, message) => {
    expect(() => parsePlanOptions(argv, 2)).toThrow(PlanUsageError);
    expect(() => parsePlanOptions(argv, 2)).toThrow(message);
  });
});

describe('npm run plan: selection and order', () => {
  const graph = graphOf({
    'log-archive-us-east-1': {},
    'management-us-east-1': { deps: ['log-archive-us-east-1'] },
    'network-us-east-1': { deps: ['log-archive-us-east-1'] },
    'security-us-east-1': { deps: ['log-archive-us-east-1', 'management-us-east-1'], reads: ['management-us-east-1'] },
    'workload-prod-us-east-1': { deps: ['log-archive-us-east-1', 'network-us-east-1'], reads: ['network-us-east-1', 'log-archive-us-east-1'] },
  });

  it('selects by name and glob, and refuses a selector that matches nothing', () => {
    expect([...selectStacks(graph, ['*-us-east-1'])]).toHaveLength(5);
    expect([...selectStacks(graph, ['management-*', 'network-us-east-1'])]).toEqual(['management-us-east-1', 'network-us-east-1']);
    expect(() => selectStacks(graph, ['managment-*'])).toThrow(SelectionError);
    expect(() => selectStacks(graph, ['managment-*'])).toThrow(/"managment-\*" matches no stack; stacks are: log-archive-us-east-1, management-us-east-1/);
  });

  it('puts every stack in a later wave than the stacks it depends on, also through unselected ones', () => {
    expect(dependencyWaves(graph, new Set(graph.stacks.keys()))).toEqual([
      ['log-archive-us-east-1'],
      ['management-us-east-1', 'network-us-east-1'],
      ['security-us-east-1', 'workload-prod-us-east-1'],
    ]);
    // security-us-east-1 still follows log-archive-us-east-1 when management is not selected.
    expect(dependencyWaves(graph, new Set(['security-us-east-1', 'log-archive-us-east-1']))).toEqual([['log-archive-us-east-1'], ['security-us-east-1']]);
  });

  it('fails on a dependency cycle', () => {
    const cyclic = graphOf({ a: { deps: ['b'] }, b: { deps: ['a'] } });
    expect(() => dependencyWaves(cyclic, new Set(['a', 'b']))).toThrow(/dependency cycle among stacks: a, b/);
  });

  it('adds the stacks that read a changed stack outputs, and only those', () => {
    expect([...withConsumers(graph, new Set(['network-us-east-1']))].sort()).toEqual(['network-us-east-1', 'workload-prod-us-east-1']);
    expect([...withConsumers(graph, new Set(['workload-prod-us-east-1']))]).toEqual(['workload-prod-us-east-1']);
  });

  it('runs stacks only after the stacks they follow, never more than the limit at once', async () => {
    const events: string[] = [];
    let running = 0;
    let peak = 0;
    const after = new Map([
      ['b', ['a']],
      ['c', ['a']],
      ['d', ['b', 'c']],
    ]);
    await runInDependencyOrder(['a', 'b', 'c', 'd', 'e'], after, 2, async (s) => {
      running++;
      peak = Math.max(peak, running);
      events.push(`start ${s}`);
      await new Promise((r) => setTimeout(r, 10));
      events.push(`end ${s}`);
      running--;
      return s;
    });
    expect(peak).toBe(2);
    for (const [stack, before] of after) for (const b of before) expect(events.indexOf(`end ${b}`)).toBeLessThan(events.indexOf(`start ${stack}`));
  });

  it('reads the plan summary line', () => {
    expect(parsePlanCounts('...\nPlan: 12 to add, 1 to change, 0 to destroy.\n')).toEqual({ add: 12, change: 1, destroy: 0 });
    expect(parsePlanCounts('No changes. Your infrastructure matches the configuration.')).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(parsePlanCounts('Error: No valid credential sources found')).toBeUndefined();
  });

  it('prints a table with every stack and the totals', () => {
    const result = (stack: string, add: number, ok = true) => ({ stack, ok, counts: ok ? { add, change: 0, destroy: 0 } : undefined, seconds: 1.25, output: '', error: ok ? undefined : 'Error: boom' });
    const table = formatSummaryTable([{ result: result('a-us-east-1', 3), wave: 0 }, { result: result('b-us-east-1', 0, false), wave: 1 }], 2.5);
    expect(table).toMatch(/^stack\s+wave\s+add\s+change\s+destroy\s+time\s+result$/m);
    expect(table).toMatch(/^a-us-east-1\s+0\s+3\s+0\s+0\s+1\.3s\s+ok$/m);
    expect(table).toMatch(/^b-us-east-1\s+1\s+-\s+-\s+-\s+1\.3s\s+FAILED: Error: boom$/m);
    expect(table).toContain('2 stacks planned in 2.5s: 3 to add, 0 to change, 0 to destroy; 1 failed');
  });
});

describe('npm run plan: --changed-since on a small generated organisation', () => {
  const before = smallGenerated();
  const after = smallGenerated((input) => {
    const account = input.accounts.find((a) => a.name === 'workload-0004')!;
    (account as { tags?: Record<string, string> }).tags = { environment: 'changed' };
  });
  const beforeOut = synthOrganization(before, tempDir('plan-before-')).outdir;
  const afterOut = synthOrganization(after, tempDir('plan-after-')).outdir;

  it('finds only the stacks of the changed account', () => {
    expect(compareSynths(afterOut, beforeOut)).toEqual({ changed: ['workload-0004-us-east-1'], removed: [] });
    expect(compareSynths(afterOut, undefined).changed).toHaveLength(5);
    expect(withConsumers(readStackGraph(afterOut), new Set(['workload-0004-us-east-1']))).toEqual(new Set(['workload-0004-us-east-1']));
  });

  it('lists the selection for CI: every account with its id, waves in dependency order', () => {
    const graph = readStackGraph(afterOut);
    const all = selectionList(after, graph, dependencyWaves(graph, new Set(graph.stacks.keys())), {});
    expect([...all.accounts].sort()).toEqual(after.accounts.map((a) => a.name).sort());
    expect(all.matrix.include.find((t) => t.stack === 'security-us-east-1')).toEqual({
      stack: 'security-us-east-1',
      account: 'security',
      accountId: '100000000002',
      role: 'security',
      region: 'us-east-1',
      wave: 2,
    });
    expect(all.waves[0]).toEqual(['log-archive-us-east-1']);
    expect(all.waveMatrices.map((m) => m.include.length)).toEqual(all.waves.map((w) => w.length));
  });

  it('lists only account stacks: the hcp-bootstrap stack (no account) leaves no empty wave behind', () => {
    const graph = graphOf({
      'hcp-bootstrap': {},
      'log-archive-us-east-1': { deps: ['hcp-bootstrap'] },
      'security-us-east-1': { deps: ['hcp-bootstrap', 'log-archive-us-east-1'] },
    });
    const list = selectionList(after, graph, dependencyWaves(graph, new Set(graph.stacks.keys())), {});
    expect(list.waves).toEqual([['log-archive-us-east-1'], ['security-us-east-1']]);
    expect(list.matrix.include.map((t) => [t.stack, t.wave])).toEqual([['log-archive-us-east-1', 0], ['security-us-east-1', 1]]);
  });

  it('records the changed stack for validate and plan (test/scripts/plan.tf.test.ts plans it with the harness)', () => {
    expectValidAndPlannable(afterOut, ['workload-0004-us-east-1']);
  });
});

describe('npm run plan: synth at a git ref', () => {
  /** A git repository whose app writes one stack per line of the config into CDKTF_OUTDIR. */
  function fakeProject(): string {
    const repo = tempDir('plan-ref-repo-');
    fs.writeFileSync(path.join(repo, 'cdktf.json'), JSON.stringify({ app: 'node app.js' }));
    fs.writeFileSync(
      path.join(repo, 'app.js'),
      [
        "const fs = require('fs'); const path = require('path');",
        'const out = process.env.CDKTF_OUTDIR; const lines = fs.readFileSync(process.env.BASELINE_CONFIG, "utf8").trim().split("\\n");',
        'const stacks = {};',
        'for (const line of lines) { const [name, value] = line.split("="); const dir = path.join(out, "stacks", name); fs.mkdirSync(dir, { recursive: true });',
        '  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ "//": { metadata: { version: "x" } }, output: { v: { value } } }));',
        '  stacks[name] = { workingDirectory: `stacks/${name}`, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies: [] }; }',
        'fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks }));',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(repo, 'org.txt'), 'a=1\nb=1\nc=1\n');
    fs.mkdirSync(path.join(repo, 'node_modules'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'cdktf.json', 'app.js', 'org.txt');
    git('commit', '-qm', 'one');
    fs.writeFileSync(path.join(repo, 'org.txt'), 'a=1\nb=2\nd=1\n');
    git('commit', '-qam', 'two');
    return repo;
  }

  function synthHere(repo: string): string {
    const out = tempDir('plan-ref-now-');
    execFileSync('node', ['app.js'], { cwd: repo, env: { ...process.env, CDKTF_OUTDIR: out, BASELINE_CONFIG: path.join(repo, 'org.txt') } });
    return out;
  }

  it('synthesizes the ref from its own tree and config, and reports changed, new and removed stacks', () => {
    const repo = fakeProject();
    const now = synthHere(repo);
    const changes = changedSince({ repoRoot: repo, ref: 'HEAD~1', configFile: path.join(repo, 'org.txt'), currentOutdir: now, log: () => undefined });
    expect(changes.changed).toEqual(['b', 'd']);
    expect(changes.removed).toEqual(['c']);
    expect(changes.commit).toMatch(/^[0-9a-f]{40}$/);
    // The working tree is left as it was.
    expect(fs.readFileSync(path.join(repo, 'org.txt'), 'utf8')).toBe('a=1\nb=2\nd=1\n');
    expect(changedSince({ repoRoot: repo, ref: 'HEAD', configFile: path.join(repo, 'org.txt'), currentOutdir: now, log: () => undefined }).changed).toEqual([]);
  });

  it('fails naming the ref when git cannot resolve it', () => {
    const repo = fakeProject();
    expect(() => changedSince({ repoRoot: repo, ref: 'no-such-ref', configFile: undefined, currentOutdir: synthHere(repo), log: () => undefined })).toThrow(ChangedSinceError);
    expect(() => changedSince({ repoRoot: repo, ref: 'no-such-ref', configFile: undefined, currentOutdir: synthHere(repo), log: () => undefined })).toThrow(/rev-parse --verify no-such-ref/);
  });
});

describe('cdktf CLI wrapper and synth report', () => {
  it('passes --config to the app as BASELINE_CONFIG and skips the provider lock for commands that init', () => {
    expect(cdktfInvocation(['diff', 'management-us-east-1', '--config', 'org.yaml'])).toEqual({ args: ['diff', 'management-us-east-1', '--skip-provider-lock'], env: { BASELINE_CONFIG: 'org.yaml' } });
    expect(cdktfInvocation(['deploy', 'a', 'b', '--auto-approve', '--skip-provider-lock']).args).toEqual(['deploy', 'a', 'b', '--auto-approve', '--skip-provider-lock']);
    expect(cdktfInvocation(['synth', '--config=org.yaml'])).toEqual({ args: ['synth'], env: { BASELINE_CONFIG: 'org.yaml' } });
    expect(cdktfInvocation(['list']).args).toEqual(['list']);
    expect(() => cdktfInvocation(['synth', '--config'])).toThrow(/--config needs a file path/);
  });

  it('says how many stacks were written where, and from which config', () => {
    const result = { outdir: '/repo/cdktf.out', stackNames: ['a', 'b'] };
    expect(synthReport(result, 'examples/configs/x.yaml', '/repo')).toBe('synthesized 2 stacks into cdktf.out/stacks/<stack>/cdk.tf.json from examples/configs/x.yaml');
    expect(synthReport(result, undefined, '/repo')).toMatch(/from the built-in example/);
  });
});
