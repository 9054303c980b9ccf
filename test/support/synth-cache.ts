import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../../config';
import type { SynthResult } from '../../stacks/synth';

/**
 * One synth per distinct organisation per jest run. Many test files synthesize the same organisation (the example
 * alone, 15 times): the first synth of an organisation in the run is kept under the run's cache folder, and every later
 * call gets a fresh copy of it in its own folder, so a test that changes its output changes only its copy.
 *
 * The cache lives for one run only (`SYNTH_CACHE_ENV`, set by the unit project's global setup to a new folder, which
 * removes the previous run's): the sources cannot change under it, so the key is the organisation alone.
 */
export const SYNTH_CACHE_ENV = 'BASELINE_TEST_SYNTH_CACHE';

/** The folder for this run's cache, emptied; set into `SYNTH_CACHE_ENV` by the caller (the global setup). */
export function freshSynthCache(root: string): string {
  const base = path.join(root, '.test-out', 'synth-cache');
  fs.rmSync(base, { recursive: true, force: true });
  const dir = path.join(base, `run-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

interface CachedResult {
  readonly stackNames: readonly string[];
}

/** `synth(outdir)`, or a copy of this run's earlier synth of the same organisation into `outdir`. */
export function cachedSynth(org: Organization, outdir: string, synth: (outdir: string) => SynthResult): SynthResult {
  const cacheRoot = process.env[SYNTH_CACHE_ENV];
  if (!cacheRoot || !fs.existsSync(cacheRoot)) return synth(outdir);
  const entry = path.join(cacheRoot, createHash('sha256').update(JSON.stringify(org)).digest('hex'));
  const meta = path.join(entry, 'result.json');
  if (fs.existsSync(meta)) {
    const { stackNames } = JSON.parse(fs.readFileSync(meta, 'utf8')) as CachedResult;
    fs.cpSync(path.join(entry, 'out'), outdir, { recursive: true });
    return { outdir, stackNames };
  }
  const result = synth(outdir);
  // Written to a folder of its own, then renamed into place: the other worker may be writing the same entry.
  const staging = `${entry}.${process.pid}.tmp`;
  fs.cpSync(outdir, path.join(staging, 'out'), { recursive: true });
  fs.writeFileSync(path.join(staging, 'result.json'), JSON.stringify({ stackNames: result.stackNames } satisfies CachedResult));
  try {
    fs.renameSync(staging, entry);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // the other worker's copy is already there
  }
  return result;
}
