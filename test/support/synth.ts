import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

const tempDirs: string[] = [];

/** A temp folder removed after the test file (Testing.app() would leave one behind per call). */
export function tempDir(prefix = 'baseline-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Removes every temp folder this test file made. Registered in test/support/setup.ts. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh app writing into a temp folder. */
export function testApp(): App {
  return new App({ outdir: tempDir('cdktf-out-'), stackTraces: false });
}

export const TEST_ACCOUNT_ID = '123456789012';
export const TEST_REGION = 'us-east-1';

/**
 * A stack with a production-shaped AWS provider (one account, one Region), for module tests. Modules never
 * configure providers themselves; stacks do.
 */
export function testStack(name = 'test-stack', app: App = testApp()): TerraformStack {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', {
    region: TEST_REGION,
    allowedAccountIds: [TEST_ACCOUNT_ID],
    assumeRole: [{ roleArn: `arn:aws:iam::${TEST_ACCOUNT_ID}:role/OrganizationAccountAccessRole`, sessionName: 'test' }],
  });
  return stack;
}

/** Synthesizes a whole app and returns its output folder. */
export function synthApp(app: App): string {
  app.synth();
  return app.outdir;
}

/**
 * The text of one synthesized stack (`cdk.tf.json`): what cdktf's matchers read
 * (`expect(stackText(outdir, name)).toHaveResourceWithProperties(KmsKey, { ... })`).
 */
export function stackText(outdir: string, stackName: string): string {
  return fs.readFileSync(path.join(outdir, 'stacks', stackName, 'cdk.tf.json'), 'utf8');
}

/**
 * Parsed JSON of one synthesized stack, for what cdktf's matchers cannot express: counting, cross-stack graphs,
 * policy documents, variables and outputs.
 */
export function stackJson(outdir: string, stackName: string): SynthesizedStack {
  return JSON.parse(stackText(outdir, stackName)) as SynthesizedStack;
}

/** The parts of a synthesized stack the tests read. */
export interface SynthesizedStack {
  readonly terraform?: { readonly backend?: Record<string, Record<string, unknown>>; readonly cloud?: Record<string, unknown> };
  readonly provider?: Record<string, Array<Record<string, unknown>>>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, Record<string, unknown>>;
}

/** Every resource of a type in a synthesized stack (for counting and for checks on each of them). */
export function resourcesOfType(stack: SynthesizedStack, type: string): Array<Record<string, unknown>> {
  return Object.values(stack.resource?.[type] ?? {});
}

/** The single resource of a type; fails when there is not exactly one. */
export function onlyResource(stack: SynthesizedStack, type: string): Record<string, unknown> {
  const found = resourcesOfType(stack, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0]!;
}

/** A construct built in a fresh stack and synthesized into a temp output folder. */
export interface SynthesizedConstruct {
  /** Output folder, for `expectValidAndPlannable`. */
  readonly outdir: string;
  /** The stack's `cdk.tf.json` text, for cdktf's matchers (`toHaveResourceWithProperties`, ...). */
  readonly synthesized: string;
  /** The same, parsed (counting, policy documents). */
  readonly stack: SynthesizedStack;
}

/** Helper for tests that build one construct in a fresh stack (with the test provider) and plan it. */
export function synthConstruct(build: (scope: Construct) => void, name = 'test-stack'): SynthesizedConstruct {
  const app = testApp();
  const stack = testStack(name, app);
  build(stack);
  const outdir = synthApp(app);
  const synthesized = stackText(outdir, name);
  return { outdir, synthesized, stack: parseStack(synthesized) };
}

/**
 * `Testing.synth` of a construct built in a fresh stack with the test provider: the stack JSON for cdktf's matchers,
 * without an output folder. (`Testing.synthScope` does the same in a stack without a provider, and leaves a temp
 * folder behind per call.) For stacks a test does not plan; a stack that is planned uses `synthConstruct`.
 */
export function synthScope(build: (scope: Construct) => void): string {
  const stack = testStack();
  build(stack);
  return Testing.synth(stack);
}

/** A synthesized stack's text (`Testing.synth`, `Testing.synthScope`, `stackText`) parsed, for the helpers above. */
export function parseStack(text: string): SynthesizedStack {
  return JSON.parse(text) as SynthesizedStack;
}

/** Every file under `dir` (relative path -> text), for byte-for-byte comparisons of output folders. */
export function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}
