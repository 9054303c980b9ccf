import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { planDir, readManifest, stacksNeedingUnmirroredProviders, validateDir } from '../../scripts/lib/terraform/output-copies';

/**
 * The hand-over between the two jest projects. The `unit` project synthesizes stacks and asserts on their JSON;
 * `expectValidAndPlannable` records each stack here (its validate copy and its offline-plan copy, each a one-stack
 * output folder). The `terraform` project (test/terraform/*.tf.test.ts) then runs cdktf's `toBeValidTerraform` and
 * `toPlanSuccessfully` once per distinct stack: an entry is keyed by a content hash of both copies (and of the
 * `TF_VAR_*` values the test set), so the same stack synthesized by several test files is planned once.
 */
export const QUEUE_DIR = path.join('.test-out', 'terraform-stacks');

/** What a recorded stack says about itself (`source.json` in its folder). */
export interface RecordedSource {
  readonly stack: string;
  /** Test file that synthesized it, relative to the repository root. */
  readonly testFile: string;
  /** Full name of the test that called `expectValidAndPlannable`. */
  readonly testName: string;
}

/** Checks on the saved offline plan of a stack, for the no-secret-in-plan promises. */
export interface PlanChecks {
  /** Text the `terraform show -json` of the plan must hold (proves the plan has the resource at all). */
  readonly planContains?: readonly string[];
  /** Values neither `terraform show -json` nor the plan file's bytes may hold (e.g. a `TF_VAR_*` secret). */
  readonly planOmits?: readonly string[];
}

export interface RecordedStack {
  readonly key: string;
  /** Folder holding `validate/` and `plan/` (each with `manifest.json` and `stacks/<name>/cdk.tf.json`). */
  readonly dir: string;
  readonly stack: string;
  /** Every test that recorded this exact stack, sorted. */
  readonly sources: readonly RecordedSource[];
  /** `TF_VAR_*` values the recording test had set (write-only secrets given at apply time). */
  readonly variables: Readonly<Record<string, string>>;
  readonly checks: PlanChecks;
  /** Size of the plan copy in bytes, to balance the shards. */
  readonly size: number;
}

function queueRoot(repoRoot: string): string {
  return path.join(repoRoot, QUEUE_DIR);
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `TF_VAR_*` of an environment, sorted by name. */
export function terraformVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter((entry): entry is [string, string] => entry[0].startsWith('TF_VAR_') && entry[1] !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function stackFile(copy: string, stack: string): string {
  return path.join(copy, 'stacks', stack, 'cdk.tf.json');
}

/** The stack JSON (`cdk.tf.json`) of a recorded stack's validate copy or offline-plan copy. */
export function recordedCopyFile(stack: Pick<RecordedStack, 'dir' | 'stack'>, copy: 'validate' | 'plan'): string {
  return stackFile(path.join(stack.dir, copy), stack.stack);
}

/**
 * Records the stacks of a synthesized output folder (all, or those in `only`) for the `terraform` project. Returns
 * the keys, one per stack. A stack already recorded under the same key only gains a source. Without `only`, a stack
 * whose providers the offline mirror does not hold (the HCP Terraform bootstrap) is left out, as the rewrite does;
 * naming one in `only` fails.
 */
export function recordForTerraform(
  repoRoot: string,
  outdir: string,
  source: Omit<RecordedSource, 'stack'>,
  only?: readonly string[],
  checks: PlanChecks = {},
): string[] {
  const variables = terraformVariables(process.env);
  const keys: string[] = [];
  const unmirrored = only ? new Set<string>() : new Set(stacksNeedingUnmirroredProviders(outdir));
  for (const stack of Object.keys(readManifest(outdir).stacks)) {
    if ((only && !only.includes(stack)) || unmirrored.has(stack)) continue;
    const validate = validateDir(outdir, [stack]);
    const plan = planDir(outdir, [stack]);
    try {
      const validateText = fs.readFileSync(stackFile(validate, stack), 'utf8');
      const planText = fs.readFileSync(stackFile(plan, stack), 'utf8');
      const key = sha([stack, validateText, planText, JSON.stringify(variables), JSON.stringify(checks)].join('\0')).slice(0, 16);
      const dir = path.join(queueRoot(repoRoot), key);
      if (!fs.existsSync(path.join(dir, 'variables.json'))) {
        const staging = `${dir}.${process.pid}.tmp`;
        fs.rmSync(staging, { recursive: true, force: true });
        fs.cpSync(validate, path.join(staging, 'validate'), { recursive: true });
        fs.cpSync(plan, path.join(staging, 'plan'), { recursive: true });
        fs.writeFileSync(path.join(staging, 'checks.json'), JSON.stringify(checks));
        fs.writeFileSync(path.join(staging, 'variables.json'), JSON.stringify(variables));
        fs.mkdirSync(path.join(staging, 'sources'));
        try {
          fs.renameSync(staging, dir);
        } catch {
          fs.rmSync(staging, { recursive: true, force: true }); // another worker recorded it first
        }
      }
      const full: RecordedSource = { stack, ...source };
      fs.writeFileSync(path.join(dir, 'sources', `${sha(JSON.stringify(full)).slice(0, 16)}.json`), JSON.stringify(full));
      keys.push(key);
    } finally {
      fs.rmSync(validate, { recursive: true, force: true });
      fs.rmSync(plan, { recursive: true, force: true });
    }
  }
  return keys;
}

/** Every recorded stack, sorted by key. */
export function recordedStacks(repoRoot: string): RecordedStack[] {
  const root = queueRoot(repoRoot);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((name) => /^[0-9a-f]{16}$/.test(name))
    .sort()
    .map((key) => {
      const dir = path.join(root, key);
      const sources = fs
        .readdirSync(path.join(dir, 'sources'))
        .map((file) => JSON.parse(fs.readFileSync(path.join(dir, 'sources', file), 'utf8')) as RecordedSource)
        .sort((a, b) => `${a.testFile} ${a.testName}`.localeCompare(`${b.testFile} ${b.testName}`));
      const stack = sources[0]?.stack ?? Object.keys(readManifest(path.join(dir, 'plan')).stacks)[0] ?? key;
      const variables = JSON.parse(fs.readFileSync(path.join(dir, 'variables.json'), 'utf8')) as Record<string, string>;
      const checks = JSON.parse(fs.readFileSync(path.join(dir, 'checks.json'), 'utf8')) as PlanChecks;
      const size = fs.statSync(stackFile(path.join(dir, 'plan'), stack)).size;
      return { key, dir, stack, sources, variables, checks, size };
    });
}

/** Clears the recorded stacks (at the start of a `unit` run). */
export function clearRecordedStacks(repoRoot: string): void {
  fs.rmSync(queueRoot(repoRoot), { recursive: true, force: true });
}

/**
 * Splits the stacks into `count` shards of about equal work (largest first, each to the lightest shard), the same
 * split in every shard's test file, so jest can run the shards on parallel workers.
 */
export function shardOf<T extends Pick<RecordedStack, 'key' | 'size'>>(stacks: readonly T[], index: number, count: number): T[] {
  const loads = Array.from({ length: count }, () => 0);
  const shards: T[][] = Array.from({ length: count }, () => []);
  const bySize = [...stacks].sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));
  for (const stack of bySize) {
    const lightest = loads.indexOf(Math.min(...loads));
    shards[lightest]!.push(stack);
    loads[lightest]! += stack.size;
  }
  return shards[index] ?? [];
}
