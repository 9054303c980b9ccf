import * as fs from 'fs';
import * as path from 'path';
import { toPlanSuccessfully } from 'cdktf/lib/testing/matchers';
import { EMPTY_STATE, EMPTY_STATE_FILE } from '../../scripts/lib/terraform/remote-state-placeholders';
import { memberPlan, reexportedOutput, type PlanJson } from './plan-split';
import { StackBatches, batchable, memberModule, readStackJson, writeBatchFolder, type StackJson } from './stack-batches';
import { SAVE_PLAN_ENV, showSavedPlan } from './saved-plan';
import { recordedCopyFile, type RecordedStack } from './terraform-queue';
import { withEnv } from './with-env';

/**
 * `terraform plan` of several recorded stacks in one Terraform configuration: each stack's offline-plan copy becomes
 * a child module of one root, which cdktf's `toPlanSuccessfully` inits and plans once, and one `terraform show -json`
 * of the saved plan is split into each member's plan (test/support/plan-split.ts). Terraform loads the AWS
 * provider's schema once per batch instead of twice per stack (plan and show). Measured on 6 recorded stacks of
 * the example organisation: 19 CPU-s for the batch (plan 15.3, show 3.7) against 51 one by one. Each configured
 * AWS provider holds about 650 MB while the batch plans, so a batch of 6 stacks peaks at about 5 GB; two jest
 * workers stay under half of the machine's memory.
 */
export const PLAN_BATCH_SIZE = 6;

/** What a plan batch needs of a recorded stack. */
export type PlanMember = Pick<RecordedStack, 'key' | 'dir' | 'stack' | 'variables' | 'checks'>;

/**
 * Whether a recorded stack can be planned in a batch: batchable as a module (stack-batches.ts), no `TF_VAR_*` values
 * (they reach only a root's variables), no values its plan file must omit (that check reads the stack's own plan file),
 * and no conditions or check blocks (their results are reported by module and not split).
 */
export function planBatchable(stack: PlanMember, json: StackJson = readStackJson(recordedCopyFile(stack, 'plan'))): boolean {
  const text = JSON.stringify(json);
  return (
    batchable(json) &&
    Object.keys(stack.variables).length === 0 &&
    (stack.checks.planOmits ?? []).length === 0 &&
    json.check === undefined &&
    !text.includes('"precondition"') &&
    !text.includes('"postcondition"')
  );
}

/**
 * Writes a plan batch folder at `dir`: the root calls each member's offline-plan copy, re-exports each member output
 * as `<member>__<output>` (sensitive where the member's is), and holds the empty state file that the members'
 * rewritten remote state data sources read (a relative path, which Terraform resolves from the root). Returns the
 * root's working directory.
 */
export function writePlanBatch(dir: string, members: readonly Pick<RecordedStack, 'key' | 'dir' | 'stack'>[]): string {
  const jsons = members.map((member) => ({ key: member.key, json: readStackJson(recordedCopyFile(member, 'plan')) }));
  const output: Record<string, { value: string; sensitive?: boolean }> = {};
  for (const { key, json } of jsons) {
    for (const [name, declared] of Object.entries(json.output ?? {})) {
      output[reexportedOutput(memberModule({ key }), name)] = { value: `\${module.${memberModule({ key })}.${name}}`, ...(declared.sensitive ? { sensitive: true } : {}) };
    }
  }
  const working = writeBatchFolder(dir, jsons, Object.keys(output).length > 0 ? { output } : {});
  fs.writeFileSync(path.join(working, EMPTY_STATE_FILE), JSON.stringify(EMPTY_STATE));
  return working;
}

/**
 * The plan batches of one shard: the plan-batchable stacks in groups of `size`, in the order given. `planTogether`
 * plans a stack's batch the first time a member asks (cdktf's `toPlanSuccessfully` on the batch folder), keeps the
 * batch's `terraform show -json`, and answers each member with its own part.
 */
export class PlanBatches {
  private readonly batches: StackBatches<PlanMember, PlanJson>;

  constructor(root: string, stacks: readonly PlanMember[], size: number = PLAN_BATCH_SIZE) {
    this.batches = new StackBatches(stacks, size, (stack) => planBatchable(stack), (index, group) => {
      const folder = path.join(root, `batch-${index + 1}`);
      const working = writePlanBatch(folder, group);
      // the folder of a batch that fails is kept for a look
      if (!withEnv(SAVE_PLAN_ENV, () => toPlanSuccessfully(folder).pass)) return undefined;
      const shown = showSavedPlan(working);
      fs.rmSync(folder, { recursive: true, force: true });
      return JSON.parse(shown) as PlanJson;
    });
  }

  /**
   * The stack's plan (`terraform show -json` text, as its own root would give it) from its batch, or undefined when
   * the stack is planned on its own: not batchable, a batch of one, or a batch that failed (the member's own plan
   * then names the error).
   */
  planTogether(stack: Pick<RecordedStack, 'key'>): string | undefined {
    const plan = this.batches.resultFor(stack);
    return plan && JSON.stringify(memberPlan(plan, memberModule(stack)));
  }
}
