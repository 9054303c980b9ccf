import * as fs from 'fs';
import * as path from 'path';
import { toBeValidTerraform } from 'cdktf/lib/testing/matchers';
import type { RecordedStack } from './terraform-queue';

/**
 * `terraform validate` of several recorded stacks in one Terraform configuration: each stack's validate copy becomes a
 * child module of one root, which cdktf's `toBeValidTerraform` inits and validates once. Validation is per module,
 * so a batch that is valid proves every member valid; the AWS provider's schema is built once per batch instead of
 * once or twice per stack (measured: 10 stacks, 17.4 CPU-s together against about 69 one by one). A batch that
 * fails says nothing about which member broke it: the caller then validates the member on its own copy, which names
 * the error. Each stack is still planned on its own, as the root module a user runs.
 */
export const VALIDATE_BATCH_SIZE = 12;

/** The name of the one stack (the root module) of a batch folder's manifest. */
const BATCH_STACK = 'validate-batch';

interface StackJson {
  readonly terraform?: Record<string, unknown>;
  readonly [block: string]: unknown;
}

function validateCopy(stack: Pick<RecordedStack, 'dir' | 'stack'>): string {
  return path.join(stack.dir, 'validate', 'stacks', stack.stack, 'cdk.tf.json');
}

/**
 * Whether a stack can be validated as a child module with no change of meaning: only its backend (a local
 * placeholder in the validate copy, which a child module may not hold) is dropped. A stack is validated on its own
 * when it has `import` or `cloud` blocks (root-only) or an input variable without a default (a module call would
 * have to invent a value for it, where a root leaves it unset).
 */
export function batchable(json: StackJson): boolean {
  const terraformKeys = Object.keys(json.terraform ?? {});
  const variables = Object.values((json.variable ?? {}) as Record<string, { default?: unknown }>);
  return (
    json.import === undefined &&
    terraformKeys.every((key) => key === 'required_providers' || key === 'backend') &&
    variables.every((variable) => variable.default !== undefined)
  );
}

/** Module name of a member in the batch root. */
export function memberModule(stack: Pick<RecordedStack, 'key'>): string {
  return `stack_${stack.key}`;
}

/**
 * Writes a batch folder under `dir`: a cdktf manifest naming one stack whose working directory holds a root module
 * that calls each member (`./members/<key>`, its validate copy without the backend). Returns the folder.
 */
export function writeValidateBatch(dir: string, members: readonly Pick<RecordedStack, 'key' | 'dir' | 'stack'>[]): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const working = path.join(dir, 'stacks', BATCH_STACK);
  fs.mkdirSync(working, { recursive: true });
  const calls: Record<string, { source: string }> = {};
  for (const member of members) {
    const json = JSON.parse(fs.readFileSync(validateCopy(member), 'utf8')) as StackJson;
    const { backend: _backend, ...terraform } = json.terraform ?? {};
    const memberDir = path.join(working, 'members', member.key);
    fs.mkdirSync(memberDir, { recursive: true });
    fs.writeFileSync(path.join(memberDir, 'cdk.tf.json'), JSON.stringify({ ...json, terraform }));
    calls[memberModule(member)] = { source: `./members/${member.key}` };
  }
  fs.writeFileSync(path.join(working, 'main.tf.json'), JSON.stringify({ module: calls }, null, 2));
  const manifest = { version: 'batch', stacks: { [BATCH_STACK]: { name: BATCH_STACK, workingDirectory: `stacks/${BATCH_STACK}` } } };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * The validate batches of one shard: the batchable stacks in groups of `size`, in the order given (the order the
 * shard's tests run in). `validTogether` validates a stack's batch the first time a member asks and remembers it.
 */
export class ValidateBatches {
  private readonly batchOf = new Map<string, number>();
  private readonly groups: Pick<RecordedStack, 'key' | 'dir' | 'stack'>[][] = [];
  /** Whether cdktf's `toBeValidTerraform` passed each batch validated so far. */
  private readonly passed = new Map<number, boolean>();

  constructor(
    private readonly root: string,
    stacks: readonly Pick<RecordedStack, 'key' | 'dir' | 'stack'>[],
    size: number = VALIDATE_BATCH_SIZE,
  ) {
    const members = stacks.filter((stack) => batchable(JSON.parse(fs.readFileSync(validateCopy(stack), 'utf8')) as StackJson));
    for (let start = 0; start < members.length; start += size) {
      const group = members.slice(start, start + size);
      for (const member of group) this.batchOf.set(member.key, this.groups.length);
      this.groups.push(group);
    }
  }

  /**
   * Whether the stack's batch is valid, or undefined when the stack is validated on its own (not batchable, or a
   * batch of one). A failed batch's folder is kept for a look; its message is not: the member's own copy names the error.
   */
  validTogether(stack: Pick<RecordedStack, 'key'>): boolean | undefined {
    const index = this.batchOf.get(stack.key);
    if (index === undefined || this.groups[index]!.length < 2) return undefined;
    let pass = this.passed.get(index);
    if (pass === undefined) {
      const folder = writeValidateBatch(path.join(this.root, `batch-${index + 1}`), this.groups[index]!);
      pass = toBeValidTerraform(folder).pass;
      this.passed.set(index, pass);
      if (pass) fs.rmSync(folder, { recursive: true, force: true });
    }
    return pass;
  }
}
