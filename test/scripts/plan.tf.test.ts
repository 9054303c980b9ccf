import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseOrganization } from '../../config';
import { generateOrganization } from '../../scripts/lib/generate-org';
import { planStack } from '../../scripts/lib/plan/terraform-run';
import { synthOrganization } from '../../stacks/synth';
import { planDir } from '../support/terraform';
import { tempDir } from '../support/synth';
import { APP_LOADER_ARGS } from '../support/app-loader';

// The `npm run plan` harness running Terraform: a terraform-project file (the unit project never runs Terraform).
// The selection, ordering and --changed-since logic is unit-tested in plan.test.ts, which also records the changed
// stack planned here for the recorded-stack validate + plan.

describe('npm run plan: --changed-since on a small generated organisation', () => {
  it('plans the changed stack offline and counts what it adds', async () => {
    const input = generateOrganization(5, 1);
    const account = input.accounts.find((a) => a.name === 'workload-0004')!;
    (account as { tags?: Record<string, string> }).tags = { environment: 'changed' };
    const afterOut = synthOrganization(parseOrganization(input, 'generated'), tempDir('plan-after-')).outdir;
    const dir = path.join(planDir(afterOut, ['workload-0004-us-east-1']), 'stacks', 'workload-0004-us-east-1');
    const result = await planStack('workload-0004-us-east-1', dir, process.env);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.counts!.add).toBeGreaterThan(10);
    expect(result.counts).toMatchObject({ change: 0, destroy: 0 });
  });
});

describe('npm run plan: end to end on a small config', () => {
  it('synthesizes, plans the selected stack offline and prints the table; exit 0', () => {
    const dir = tempDir('plan-e2e-');
    const config = path.join(dir, 'org.yaml');
    fs.writeFileSync(config, JSON.stringify(generateOrganization(5, 1)));
    const outdir = path.join(dir, 'out');
    const root = path.resolve(__dirname, '..', '..');
    const run = spawnSync('node', [...APP_LOADER_ARGS, 'scripts/plan.ts', 'workload-*', '--offline', '--config', config, '--outdir', outdir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
    });
    expect(run.stderr).toContain('synth: 5 stacks');
    expect(run.stderr).toContain('[1/1] workload-0004-us-east-1: +');
    expect(run.stdout).toMatch(/^workload-0004-us-east-1\s+0\s+\d+\s+0\s+0\s+[\d.]+s\s+ok$/m);
    expect(run.stdout).toContain('1 stacks planned in');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain('| workload-0004-us-east-1 | 0 |');
    expect(fs.readFileSync(path.join(`${outdir}-plan-out`, 'workload-0004-us-east-1.txt'), 'utf8')).toMatch(/Plan: \d+ to add/);
    expect(spawnSync('node', [...APP_LOADER_ARGS, 'scripts/plan.ts', 'nope-*', '--config', config, '--outdir', outdir, '--skip-synth'], { cwd: root, encoding: 'utf8' })).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('"nope-*" matches no stack'),
    });
  });
});
