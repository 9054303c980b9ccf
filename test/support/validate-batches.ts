import * as fs from 'fs';
import * as path from 'path';
import { toBeValidTerraform } from 'cdktf/lib/testing/matchers';
import { StackBatches, batchable, readStackJson, writeBatchFolder, type BatchMember } from './stack-batches';
import { recordedCopyFile } from './terraform-queue';

/**
 * `terraform validate` of several recorded stacks in one Terraform configuration: each stack's validate copy becomes a
 * child module of one root, which cdktf's `toBeValidTerraform` inits and validates once. Validation is per module,
 * so a batch that is valid proves every member valid; the AWS provider's schema is built once per batch instead of
 * once or twice per stack (measured: 10 stacks, 17.4 CPU-s together against about 69 one by one). A batch that
 * fails says nothing about which member broke it: the caller then validates the member on its own copy, which names
 * the error.
 */
export const VALIDATE_BATCH_SIZE = 12;

/**
 * Writes a validate batch folder under `dir` (a cdktf manifest and a root calling each member's validate copy without
 * the backend) and returns it.
 */
export function writeValidateBatch(dir: string, members: readonly BatchMember[]): string {
  writeBatchFolder(dir, members.map((member) => ({ key: member.key, json: readStackJson(recordedCopyFile(member, 'validate')) })));
  return dir;
}

/**
 * The validate batches of one shard: the batchable stacks in groups of `size`, in the order given. `validTogether`
 * validates a stack's batch the first time a member asks and remembers it.
 */
export class ValidateBatches {
  private readonly batches: StackBatches<BatchMember, true>;

  constructor(root: string, stacks: readonly BatchMember[], size: number = VALIDATE_BATCH_SIZE) {
    this.batches = new StackBatches(stacks, size, (stack) => batchable(readStackJson(recordedCopyFile(stack, 'validate'))), (index, group) => {
      const folder = writeValidateBatch(path.join(root, `batch-${index + 1}`), group);
      if (!toBeValidTerraform(folder).pass) return undefined; // the folder is kept for a look
      fs.rmSync(folder, { recursive: true, force: true });
      return true;
    });
  }

  /**
   * Whether the stack's batch is valid, or undefined when the stack is validated on its own (not batchable, or a
   * batch of one). A failed batch's message is not kept: the member's own copy names the error.
   */
  validTogether(stack: Pick<BatchMember, 'key'>): boolean | undefined {
    if (!this.batches.batched(stack)) return undefined;
    return this.batches.resultFor(stack) === true;
  }
}
