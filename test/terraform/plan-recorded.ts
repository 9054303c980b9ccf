import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { QUEUE_DIR, recordedStacks, shardOf, type RecordedStack } from '../support/terraform-queue';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Stacks that passed validate + plan, by a hash of the stack key and the Terraform version (kept across runs). */
const CACHE_DIR = path.join(REPO_ROOT, '.test-out', 'terraform-cache');

/** Number of shard files in test/terraform (plan-N-of-SHARDS.tf.test.ts). */
export const SHARDS = 4;

let terraformVersionText: string | undefined;
function terraformVersion(): string {
  terraformVersionText ??= execFileSync('terraform', ['version', '-json'], { env: process.env }).toString();
  return terraformVersionText;
}

function cacheMarker(stack: RecordedStack): string {
  const id = createHash('sha256').update(`${stack.key}\0${terraformVersion()}`).digest('hex').slice(0, 24);
  return path.join(CACHE_DIR, id);
}

/**
 * Plans the offline copy again into a saved plan (the matcher's `terraform init` already ran there) and holds
 * `terraform show -json` of it and the plan file's bytes to the stack's checks.
 */
function expectPlanChecks(stack: RecordedStack, plan: string): void {
  const { planContains = [], planOmits = [] } = stack.checks;
  if (planContains.length === 0 && planOmits.length === 0) return;
  const dir = path.join(plan, 'stacks', stack.stack);
  const run = (...args: string[]): string => execFileSync('terraform', args, { cwd: dir, env: process.env, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 }).toString();
  run('plan', '-input=false', '-lock=false', '-out=tfplan');
  const shown = run('show', '-json', 'tfplan');
  const planFile = fs.readFileSync(path.join(dir, 'tfplan'));
  for (const text of planContains) expect(shown).toContain(text);
  for (const value of planOmits) {
    expect(shown).not.toContain(value);
    expect(planFile.includes(value)).toBe(false);
  }
}

function withVariables(variables: Readonly<Record<string, string>>, run: () => void): void {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    run();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function title(stack: RecordedStack): string {
  const [first, ...rest] = stack.sources;
  const from = first ? `${first.testFile} › ${first.testName}` : 'unknown test';
  return `${stack.stack} [${stack.key}] (from ${from}${rest.length ? ` and ${rest.length} more` : ''})`;
}

/**
 * One jest test per recorded stack of shard `index`: cdktf's `toBeValidTerraform` on the validate copy and
 * `toPlanSuccessfully` on the offline-plan copy (then the stack's saved-plan checks), skipped when the same stack (same content hash, same Terraform)
 * already passed in an earlier run.
 */
export function planShard(index: number): void {
  const stacks = shardOf(recordedStacks(REPO_ROOT), index, SHARDS);

  describe(`recorded stacks, shard ${index + 1} of ${SHARDS}`, () => {
    it('has stacks recorded by the unit project', () => {
      // The unit project synthesizes the stacks and records them (`npm run jest` runs it first).
      if (recordedStacks(REPO_ROOT).length === 0) throw new Error(`no stacks recorded in ${QUEUE_DIR}: run the unit project first (npx jest --selectProjects unit)`);
    });

    for (const stack of stacks) {
      it(`${title(stack)} passes terraform validate and plan`, () => {
        const marker = cacheMarker(stack);
        if (fs.existsSync(marker)) return;
        const validate = path.join(stack.dir, 'validate');
        const plan = path.join(stack.dir, 'plan');
        withVariables(stack.variables, () => {
          expect(validate).toBeValidTerraform();
          expect(plan).toPlanSuccessfully();
          expectPlanChecks(stack, plan);
        });
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        fs.writeFileSync(marker, `${stack.stack}\n`);
      });
    }
  });
}
