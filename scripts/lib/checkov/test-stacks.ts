import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Stacks the test suite synthesized and held to validate + plan are also held to Checkov: the jest harness
 * (`test/support/terraform.ts`) records each production `cdk.tf.json` here, and `npm run scan` scans them as the
 * config `test-stacks`. A recorded stack is named `t<content hash>-<stack>` so allowlist stack globs such as
 * `*-state-bootstrap` keep matching, and identical stacks (the same organisation synthesized by several test files)
 * are stored once.
 */
export const TEST_STACKS_DIR = path.join('.test-out', 'scan-stacks');
export const TEST_STACKS_CONFIG_NAME = 'test-stacks';

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** Records one synthesized stack for the scan. */
export function recordTestStack(repoRoot: string, stackName: string, stackJsonText: string): void {
  const dir = path.join(repoRoot, TEST_STACKS_DIR, 'stacks', `t${contentHash(stackJsonText)}-${stackName}`);
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), stackJsonText);
}

/** Clears the recorded stacks (at the start of a jest run). */
export function clearTestStacks(repoRoot: string): void {
  fs.rmSync(path.join(repoRoot, TEST_STACKS_DIR), { recursive: true, force: true });
}

/**
 * The recorded stacks whose content was not already synthesized by a scanned config (those are scanned there).
 * Returns stack folder names under `<TEST_STACKS_DIR>/stacks`.
 */
export function recordedTestStacks(repoRoot: string, alreadyScanned: ReadonlySet<string>): string[] {
  const stacksDir = path.join(repoRoot, TEST_STACKS_DIR, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .filter((name) => !alreadyScanned.has(contentHash(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'))))
    .sort();
}
