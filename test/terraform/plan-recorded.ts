import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type {} from 'cdktf/lib/testing/adapters/jest';
import { recordTestPlan } from '../../scripts/lib/checkov/test-plans';
import { SAVE_PLAN_ENV, savedPlanFile, showSavedPlan } from '../support/saved-plan';
import { QUEUE_DIR, recordedCopyFile, recordedStacks, shardOf, type RecordedStack } from '../support/terraform-queue';
import { PlanBatches } from '../support/plan-batches';
import { ValidateBatches } from '../support/validate-batches';
import { withEnv } from '../support/with-env';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Stacks that passed validate + plan, by a hash of the stack key and the Terraform version (kept across runs); each
 * marker holds the plan JSON, which a cached stack still records for the Checkov gate.
 */
const CACHE_DIR = path.join(REPO_ROOT, '.test-out', 'terraform-cache');

/** Folders of the validate and plan batches (test/support/validate-batches.ts, plan-batches.ts), one subfolder per shard. */
const BATCH_DIR = path.join(REPO_ROOT, '.test-out', 'terraform-batches');

/** Number of shard files in test/terraform (plan-N-of-SHARDS.tf.test.ts). */
export const SHARDS = 4;

let terraformVersionText: string | undefined;
function terraformVersion(): string {
  terraformVersionText ??= execFileSync('terraform', ['version', '-json'], { env: process.env }).toString();
  return terraformVersionText;
}

function cacheMarker(stack: RecordedStack): string {
  // `plan-json`: a marker holds the plan JSON (older markers held only the stack name and must not be reused)
  const id = createHash('sha256').update(`plan-json\0${stack.key}\0${terraformVersion()}`).digest('hex').slice(0, 24);
  return path.join(CACHE_DIR, id);
}

/** Holds `terraform show -json` of the stack's plan to the stack's checks. */
function expectPlanChecks(stack: RecordedStack, shown: string): void {
  const { planContains = [], planOmits = [] } = stack.checks;
  for (const text of planContains) expect(shown).toContain(text);
  for (const value of planOmits) expect(shown).not.toContain(value);
}

/**
 * cdktf's `toPlanSuccessfully` on the stack's own offline-plan copy, whose plan is saved; returns
 * `terraform show -json` of it, having checked that the plan file's bytes hold none of the values to omit (a stack
 * with such values is never batched).
 */
function ownPlan(stack: RecordedStack): string {
  const plan = path.join(stack.dir, 'plan');
  // the stack's `TF_VAR_*` values, and the saved plan: the plan checks and the Checkov gate's plan pass read it
  withEnv({ ...stack.variables, ...SAVE_PLAN_ENV }, () => expect(plan).toPlanSuccessfully());
  const working = path.join(plan, 'stacks', stack.stack);
  const planFile = fs.readFileSync(savedPlanFile(working));
  for (const value of stack.checks.planOmits ?? []) expect(planFile.includes(value)).toBe(false);
  return showSavedPlan(working);
}

/** Records the plan JSON for the Checkov gate's plan pass, with the stack's production JSON. */
function recordPlanForCheckov(stack: RecordedStack, shown: string): void {
  const production = fs.readFileSync(recordedCopyFile(stack, 'validate'), 'utf8');
  recordTestPlan(REPO_ROOT, stack.key, stack.stack, shown, production);
}

function title(stack: RecordedStack): string {
  const [first, ...rest] = stack.sources;
  const from = first ? `${first.testFile} › ${first.testName}` : 'unknown test';
  return `${stack.stack} [${stack.key}] (from ${from}${rest.length ? ` and ${rest.length} more` : ''})`;
}

/**
 * One jest test per recorded stack of shard `index`: cdktf's `toBeValidTerraform` on the stack's validate batch
 * (its validate copy with up to 11 others, each a child module of one root) and `toPlanSuccessfully` on its plan
 * batch (its offline-plan copy with up to 5 others; the stack's plan is its part of the batch's saved plan). A stack
 * that cannot be batched, or whose batch fails, runs on its own copy, whose failure names the error. The stack's plan
 * checks and the Checkov gate's plan pass read `terraform show -json` of its plan. Skipped when the same stack (same
 * content hash, same Terraform) already passed in an earlier run.
 */
export function planShard(index: number): void {
  const stacks = shardOf(recordedStacks(REPO_ROOT), index, SHARDS);
  const uncached = stacks.filter((stack) => !fs.existsSync(cacheMarker(stack)));
  const validateBatches = new ValidateBatches(path.join(BATCH_DIR, `shard-${index + 1}`, 'validate'), uncached);
  const planBatches = new PlanBatches(path.join(BATCH_DIR, `shard-${index + 1}`, 'plan'), uncached);

  describe(`recorded stacks, shard ${index + 1} of ${SHARDS}`, () => {
    it('has stacks recorded by the unit project', () => {
      // The unit project synthesizes the stacks and records them (`npm run jest` runs it first).
      if (recordedStacks(REPO_ROOT).length === 0) throw new Error(`no stacks recorded in ${QUEUE_DIR}: run the unit project first (npx jest --selectProjects unit)`);
    });

    for (const stack of stacks) {
      it(`${title(stack)} passes terraform validate and plan`, () => {
        const marker = cacheMarker(stack);
        if (fs.existsSync(marker)) {
          recordPlanForCheckov(stack, fs.readFileSync(marker, 'utf8'));
          return;
        }
        const validate = path.join(stack.dir, 'validate');
        // a valid batch proves its members valid, and a batch that plans gives each member its plan; otherwise the
        // stack's own copy, whose failure names the error
        if (validateBatches.validTogether(stack) !== true) withEnv(stack.variables, () => expect(validate).toBeValidTerraform());
        const shown = planBatches.planTogether(stack) ?? ownPlan(stack);
        expectPlanChecks(stack, shown);
        recordPlanForCheckov(stack, shown);
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        fs.writeFileSync(marker, shown);
      });
    }
  });
}
