import * as fs from 'fs';
import * as path from 'path';
import type { RecordedStack } from './terraform-queue';

/** What a batch needs of a recorded stack. */
export type BatchMember = Pick<RecordedStack, 'key' | 'dir' | 'stack'>;

/**
 * Recorded stacks in groups of up to `size`, in the order given (the order a shard's tests run in), each group run
 * once by `runBatch` the first time one of its members asks. Used for the validate batches and the plan batches: one
 * Terraform configuration per group, each member a child module of its root, so Terraform and the AWS provider start
 * once per group instead of once per stack.
 */
export class StackBatches<Member extends BatchMember, Result> {
  private readonly batchOf = new Map<string, number>();
  private readonly groups: Member[][] = [];
  /** The result of each group run so far; `undefined` when its run failed. */
  private readonly results = new Map<number, Result | undefined>();

  /**
   * @param stacks the shard's stacks; those `canBatch` refuses are left out (each runs on its own)
   * @param runBatch runs a group (its index and members); returns undefined when the group fails as a whole
   */
  constructor(
    stacks: readonly Member[],
    size: number,
    canBatch: (stack: Member) => boolean,
    private readonly runBatch: (index: number, group: readonly Member[]) => Result | undefined,
  ) {
    const members = stacks.filter(canBatch);
    for (let start = 0; start < members.length; start += size) {
      const group = members.slice(start, start + size);
      for (const member of group) this.batchOf.set(member.key, this.groups.length);
      this.groups.push(group);
    }
  }

  /** Whether the stack is in a group of two or more (a group of one would only repeat the stack's own run). */
  batched(stack: Pick<BatchMember, 'key'>): boolean {
    const index = this.batchOf.get(stack.key);
    return index !== undefined && this.groups[index]!.length > 1;
  }

  /**
   * The result of the stack's group, run on first ask; undefined when the stack is not batched or its group failed
   * (the caller then runs the stack on its own, which names the error).
   */
  resultFor(stack: Pick<BatchMember, 'key'>): Result | undefined {
    if (!this.batched(stack)) return undefined;
    const index = this.batchOf.get(stack.key)!;
    if (!this.results.has(index)) this.results.set(index, this.runBatch(index, this.groups[index]!));
    return this.results.get(index);
  }
}

/** A stack's JSON (`cdk.tf.json`) as a batch reads it. */
export interface StackJson {
  readonly terraform?: Record<string, unknown>;
  readonly variable?: Record<string, { readonly default?: unknown; readonly [field: string]: unknown }>;
  readonly output?: Record<string, { readonly sensitive?: boolean; readonly [field: string]: unknown }>;
  readonly [block: string]: unknown;
}

/**
 * Whether a stack can run as a child module with no change of meaning: only its backend (a local placeholder in the
 * test copies, which a child module may not hold) is dropped. A stack runs on its own when it has `import` or `cloud`
 * blocks (root-only) or an input variable without a default (a module call would have to invent a value for it,
 * where a root leaves it unset).
 */
export function batchable(json: StackJson): boolean {
  const terraformKeys = Object.keys(json.terraform ?? {});
  const variables = Object.values(json.variable ?? {});
  return (
    json.import === undefined &&
    terraformKeys.every((key) => key === 'required_providers' || key === 'backend') &&
    variables.every((variable) => variable.default !== undefined)
  );
}

/** Module name of a member in a batch root. */
export function memberModule(stack: Pick<BatchMember, 'key'>): string {
  return `stack_${stack.key}`;
}

/** The one stack (the root module) of a batch folder's manifest. */
export const BATCH_STACK = 'batch';

/**
 * Writes a batch folder at `dir`: a cdktf manifest naming one stack whose working directory holds a root module
 * (`main.tf.json`: `root`, plus a call of each member at `./members/<key>`, its JSON without the backend). Returns
 * the root's working directory.
 */
export function writeBatchFolder(dir: string, members: readonly { readonly key: string; readonly json: StackJson }[], root: Record<string, unknown> = {}): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const working = path.join(dir, 'stacks', BATCH_STACK);
  const calls: Record<string, { source: string }> = {};
  for (const member of members) {
    const { backend: _backend, ...terraform } = member.json.terraform ?? {};
    const memberDir = path.join(working, 'members', member.key);
    fs.mkdirSync(memberDir, { recursive: true });
    fs.writeFileSync(path.join(memberDir, 'cdk.tf.json'), JSON.stringify({ ...member.json, terraform }));
    calls[memberModule(member)] = { source: `./members/${member.key}` };
  }
  fs.writeFileSync(path.join(working, 'main.tf.json'), JSON.stringify({ ...root, module: calls }, null, 2));
  const manifest = { version: 'batch', stacks: { [BATCH_STACK]: { name: BATCH_STACK, workingDirectory: `stacks/${BATCH_STACK}` } } };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return working;
}

/** Reads a stack JSON file. */
export function readStackJson(file: string): StackJson {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
}
