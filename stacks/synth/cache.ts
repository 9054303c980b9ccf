import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Account, Organization } from '../../config/organization';
import { fileStamp, placeFile } from './files';
import type { SynthPlan } from './plan';
import { CACHE_ENTRY_FILE_NAME, type CacheEntryContent, type CrossStackReference, type StackRecord } from './types';

/** Bump when the entry layout changes. */
const CACHE_FORMAT = 'synth-cache-2';
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** What the synthesized files are made from besides the config: the code and the installed dependency versions. */
const CODE_PATHS = ['main.ts', 'package.json', 'package-lock.json', 'config', 'modules', 'stacks'];

/** Stands for `undefined` in {@link canonical}, so that `{a: undefined}` hashes apart from `{}`. */
const UNDEFINED_MARKER = { $undefined: true } as const;

/**
 * JSON with sorted keys and `undefined` kept (as a marker), so equal values hash equally and `{a: undefined}` differs
 * from `{}`. Built on `JSON.stringify` with a replacer (about 3x faster than a hand-written walk: the account keys of
 * a 1,000-account organisation are hashed on every incremental run).
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => {
    if (child === undefined) return UNDEFINED_MARKER;
    if (child === null || typeof child !== 'object' || Array.isArray(child)) return child;
    const record = child as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) sorted[key] = record[key];
    return sorted;
  });
}

function filesUnder(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (fs.statSync(entry).isFile()) return [entry];
  return fs
    .readdirSync(entry)
    .sort()
    .flatMap((name) => (name === 'node_modules' ? [] : filesUnder(path.join(entry, name))));
}

/** Hash of the project's code and dependency versions: any edit to a source file invalidates every entry. */
function codeFingerprint(): string {
  const hash = createHash('sha256').update(CACHE_FORMAT);
  for (const file of CODE_PATHS.flatMap((p) => filesUnder(path.join(PROJECT_ROOT, p)))) {
    hash.update(`\n${path.relative(PROJECT_ROOT, file)}\n`).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Contents of the files config names by `templateFile` (conformance packs): their text goes into the stacks. */
function referencedFiles(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencedFiles(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'templateFile' && typeof child === 'string') {
        const file = path.join(PROJECT_ROOT, child);
        out.push(`${child}\n${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)'}`);
      } else referencedFiles(child, out);
    }
  }
  return out;
}

/**
 * The incremental synth cache: one entry per sharded (workload) account, holding the files of its stacks, their
 * `manifest.json` entries and the cross-stack references they make, under a key that hashes everything the
 * account's stacks are made from:
 * - the project's code and dependency versions (every source file under config/, modules/, stacks/, main.ts,
 *   package.json, package-lock.json), and the cache format;
 * - every organisation-wide setting (everything but `accounts`: tags, SCPs, detection, state, ...) and the files
 *   it names (conformance pack templates);
 * - every shared account (management, log archive, security, network, a central state holder) in full;
 * - the network settings of every account with a VPC (a VPC routes to the blocks of the other VPCs it reaches);
 * - the account's own normalised config.
 * What a workload's stacks read of another workload is its network settings, nothing else: an account whose key
 * is unchanged gets byte-identical stacks. Shared accounts are never cached (they are rebuilt every time, and the
 * reused consumers' references are registered on them again), except that an organisation whose every input is
 * unchanged gets its whole output back from one more entry (keyed by all of the above and every account).
 */
export class SynthCache {
  private readonly sharedDigest: string;
  private readonly wholeKey: string;
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    org: Organization,
    private readonly plan: SynthPlan,
  ) {
    const { accounts: _accounts, ...settings } = org;
    const networks = org.accounts.filter((a) => Object.values(a.network.vpcs).some(Boolean)).map((a) => [a.name, a.network]);
    this.sharedDigest = createHash('sha256')
      .update(codeFingerprint())
      .update(canonical(settings))
      .update(canonical(referencedFiles(org)))
      .update(canonical(plan.shared))
      .update(canonical(networks))
      .digest('hex');
    this.wholeKey = `all-${createHash('sha256').update(this.sharedDigest).update(canonical(plan.sharded)).digest('hex').slice(0, 40)}`;
  }

  private readonly keys = new Map<Account, string>();

  key(account: Account): string {
    let key = this.keys.get(account);
    if (key === undefined) {
      key = createHash('sha256').update(this.sharedDigest).update(canonical(account)).digest('hex').slice(0, 40);
      this.keys.set(account, key);
    }
    return key;
  }

  entryDir(account: Account): string {
    const key = this.key(account);
    this.used.add(key);
    return path.join(this.dir, key);
  }

  /** The account's entry, or undefined when there is none for its current key (or it is incomplete). */
  read(account: Account): CacheEntryContent | undefined {
    const dir = this.entryDir(account);
    try {
      const content = JSON.parse(fs.readFileSync(path.join(dir, CACHE_ENTRY_FILE_NAME), 'utf8')) as CacheEntryContent;
      // a file rewritten in place through an output folder's link (see ./files.ts) makes the entry stale
      return content.stacks.every((s) => fileStamp(path.join(dir, 'stacks', s.name, 'cdk.tf.json')) === content.stamps[s.name]) ? content : undefined;
    } catch {
      return undefined;
    }
  }

  /** The files (`[from, to]`) that restore an entry's stacks into the output folder (hard links, see ./files.ts). */
  restoreCopies(account: Account, content: CacheEntryContent, outdir: string): Array<[string, string]> {
    const dir = this.entryDir(account);
    return content.stacks.map((stack) => [path.join(dir, 'stacks', stack.name, 'cdk.tf.json'), path.join(outdir, 'stacks', stack.name, 'cdk.tf.json')]);
  }

  /** Places an entry's stack files into the output folder. */
  restore(account: Account, content: CacheEntryContent, outdir: string): void {
    for (const [from, to] of this.restoreCopies(account, content, outdir)) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      placeFile(from, to);
    }
  }

  /**
   * Restores the whole output of an unchanged organisation (every account's key and the shared inputs as in the run
   * that wrote it): the shared stacks, `manifest.json` and `hcp-workspaces.json` from the whole-output entry, the
   * workloads from their entries. Returns the stack names in build order, or undefined on any miss.
   */
  restoreWhole(outdir: string): { stackNames: string[]; accounts: number } | undefined {
    const dir = path.join(this.dir, this.wholeKey);
    let whole: WholeOutput;
    try {
      whole = JSON.parse(fs.readFileSync(path.join(dir, WHOLE_FILE), 'utf8')) as WholeOutput;
    } catch {
      return undefined;
    }
    const entries = this.plan.sharded.map((account) => [account, this.read(account)] as const);
    if (entries.some(([, entry]) => entry === undefined)) return undefined;
    if (!whole.files.every((file) => existingStamp(path.join(dir, file)) === whole.stamps[file])) return undefined;
    this.used.add(this.wholeKey);
    for (const [account, entry] of entries) this.restore(account, entry!, outdir);
    for (const file of whole.files) {
      fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
      placeFile(path.join(dir, file), path.join(outdir, file));
    }
    return { stackNames: [...whole.stackNames], accounts: entries.length };
  }

  /** Keeps what only a whole run writes (shared stacks, manifest, workspace list) for {@link restoreWhole}. */
  writeWhole(outdir: string, stackNames: readonly string[], sharedStacks: readonly string[]): void {
    const dir = path.join(this.dir, this.wholeKey);
    const temp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(temp, { recursive: true, force: true });
    const files = ['manifest.json', HCP_FILE, ...sharedStacks.map((name) => path.join('stacks', name, 'cdk.tf.json'))].filter((file) => fs.existsSync(path.join(outdir, file)));
    const stamps: Record<string, string> = {};
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
      placeFile(path.join(outdir, file), path.join(temp, file));
      stamps[file] = fileStamp(path.join(temp, file));
    }
    const whole: WholeOutput = { stackNames: [...stackNames], files, stamps };
    fs.writeFileSync(path.join(temp, WHOLE_FILE), JSON.stringify(whole));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temp, dir);
    this.used.add(this.wholeKey);
  }

  /** Removes the entries this run neither read nor wrote (older versions of accounts, removed accounts). */
  prune(): void {
    if (!fs.existsSync(this.dir)) return;
    for (const name of fs.readdirSync(this.dir)) {
      if (!this.used.has(name)) fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/** The whole-output entry's index: the stack names in build order and the files it holds (relative paths). */
interface WholeOutput {
  readonly stackNames: readonly string[];
  readonly files: readonly string[];
  /** {@link fileStamp} of each file when it was written. */
  readonly stamps: Readonly<Record<string, string>>;
}

function existingStamp(file: string): string | undefined {
  return fs.existsSync(file) ? fileStamp(file) : undefined;
}

const WHOLE_FILE = 'whole.json';
/** `stacks/hcp-workspaces.ts` writes it (cloud mode); not imported, to keep this module light for the cache-hit path. */
const HCP_FILE = 'hcp-workspaces.json';

/** Writes a cache entry (links to the account's stack files, records and references) into a temp folder, then renames it. */
export function writeCacheEntry(entryDir: string, outdir: string, stacks: readonly StackRecord[], references: readonly CrossStackReference[]): void {
  const temp = `${entryDir}.${process.pid}.tmp`;
  fs.rmSync(temp, { recursive: true, force: true });
  const stamps: Record<string, string> = {};
  for (const stack of stacks) {
    const file = path.join(temp, 'stacks', stack.name, 'cdk.tf.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    placeFile(path.join(outdir, 'stacks', stack.name, 'cdk.tf.json'), file);
    stamps[stack.name] = fileStamp(file);
  }
  const content: CacheEntryContent = { stacks, references, stamps };
  fs.writeFileSync(path.join(temp, CACHE_ENTRY_FILE_NAME), JSON.stringify(content));
  fs.rmSync(entryDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(entryDir), { recursive: true });
  fs.renameSync(temp, entryDir);
}
