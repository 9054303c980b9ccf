import * as fs from 'fs';
import * as path from 'path';

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string }>;
}

interface StackResources {
  readonly resource?: Record<string, Record<string, unknown>>;
}

/** Resource instances in one synthesized `cdk.tf.json` (the sum over its `resource` map's types). */
export function countStackResources(file: string): number {
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as StackResources;
  return Object.values(stack.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/** Resource instances across every stack listed in `<outdir>/manifest.json`. */
export function countResources(outdir: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  return Object.values(manifest.stacks).reduce((sum, stack) => sum + countStackResources(path.join(outdir, stack.synthesizedStackPath)), 0);
}
