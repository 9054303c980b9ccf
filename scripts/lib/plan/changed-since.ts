import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifest } from '../terraform/output-copies';

/** How the stacks of the working tree differ from a synth of the same config at a git ref. */
export interface StackChanges {
  /** Stacks whose synthesized JSON differs from the ref's, or that the ref did not have. */
  readonly changed: readonly string[];
  /** Stacks the ref had and the working tree no longer has (nothing to plan; destroy them by hand). */
  readonly removed: readonly string[];
  /** The commit the ref resolved to. */
  readonly commit: string;
}

/** Thrown when the ref cannot be resolved or its synth fails. */
export class ChangedSinceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangedSinceError';
  }
}

type Json = Record<string, unknown>;

/** A stack's JSON without cdktf's `//` metadata block (it only repeats the stack name and cdktf version). */
function comparable(file: string): string {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  delete json['//'];
  return JSON.stringify(json);
}

/** Compares two synth output folders stack by stack. */
export function compareSynths(current: string, previous: string | undefined): { changed: string[]; removed: string[] } {
  const now = readManifest(current).stacks;
  const then = previous ? readManifest(previous).stacks : {};
  const changed = Object.entries(now)
    .filter(([name, stack]) => {
      const old = then[name];
      if (!old || !previous) return true;
      return comparable(path.join(current, stack.synthesizedStackPath)) !== comparable(path.join(previous, old.synthesizedStackPath));
    })
    .map(([name]) => name);
  const removed = Object.keys(then).filter((name) => !(name in now));
  return { changed, removed };
}

function git(repoRoot: string, args: readonly string[]): string {
  try {
    return execFileSync('git', [...args], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new ChangedSinceError(`git ${args.join(' ')} failed: ${stderr.trim()}`);
  }
}

export interface SynthAtRefInputs {
  readonly repoRoot: string;
  readonly ref: string;
  /** Absolute path of the config the current synth used, or undefined for the built-in example. */
  readonly configFile: string | undefined;
  /** The current synth output folder. */
  readonly currentOutdir: string;
  readonly log: (message: string) => void;
}

/**
 * Synthesizes the same organisation from the code at `ref`: the ref's committed tree is exported with `git archive`
 * into a temporary folder (the working tree and `.git` are untouched), given this checkout's `node_modules`, and its
 * own `cdktf.json` app is run with `CDKTF_OUTDIR`. A config file inside the repository is taken as it was at the ref
 * (missing there: every stack counts as changed); one outside it is the same file for both synths.
 */
export function changedSince(inputs: SynthAtRefInputs): StackChanges {
  const { repoRoot, ref } = inputs;
  const commit = git(repoRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-ref-'));
  try {
    const tree = path.join(tmp, 'tree');
    fs.mkdirSync(tree);
    const archive = path.join(tmp, 'tree.tar');
    git(repoRoot, ['archive', '--format=tar', `--output=${archive}`, commit]);
    execFileSync('tar', ['-xf', archive, '-C', tree]);
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tree, 'node_modules'), 'dir');

    let configAtRef: string | undefined;
    if (inputs.configFile) {
      const relative = path.relative(repoRoot, inputs.configFile);
      const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
      configAtRef = inside ? path.join(tree, relative) : inputs.configFile;
      if (!fs.existsSync(configAtRef)) {
        inputs.log(`changed-since ${ref}: ${relative} did not exist at ${commit.slice(0, 12)}; every stack counts as changed`);
        return { ...compareSynths(inputs.currentOutdir, undefined), commit };
      }
    }
    const app = (JSON.parse(fs.readFileSync(path.join(tree, 'cdktf.json'), 'utf8')) as { app?: string }).app;
    if (!app) throw new ChangedSinceError(`cdktf.json at ${ref} names no app`);
    const outdir = path.join(tmp, 'out');
    inputs.log(`changed-since ${ref}: synthesizing ${commit.slice(0, 12)} (${app})`);
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    if (configAtRef) env.BASELINE_CONFIG = configAtRef;
    else delete env.BASELINE_CONFIG;
    const run = spawnSync(app, { cwd: tree, env, shell: true, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0 || !fs.existsSync(path.join(outdir, 'manifest.json'))) {
      throw new ChangedSinceError(`synth at ${ref} (${commit.slice(0, 12)}) failed (${run.status ?? run.signal}):\n${run.stderr}${run.stdout}`);
    }
    return { ...compareSynths(inputs.currentOutdir, outdir), commit };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
