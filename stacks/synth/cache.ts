import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Account, Organization } from '../../config/organization';
import type { SynthPlan } from './plan';
import { CACHE_ENTRY_FILE_NAME, type CacheEntryContent, type CrossStackReference, type StackRecord } from './types';

/** Bump when the entry layout changes. */
const CACHE_FORMAT = 'synth-cache-1';
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** What the synthesized files are made from besides the config: the code and the installed dependency versions. */
const CODE_PATHS = ['main.ts', 'package.json', 'package-lock.json', 'config', 'modules', 'stacks'];

/** JSON with sorted keys and `undefined` kept (as a marker), so equal values hash equally and `{a: undefined}` differs from `{}`. */
function canonical(value: unknown): string {
  if (value === undefined) return '{"$undefined":true}';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
    .join(',')}}`;
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
 * reused consumers' references are registered on them again).
 */
export class SynthCache {
  private readonly sharedDigest: string;
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    org: Organization,
    plan: SynthPlan,
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
  }

  key(account: Account): string {
    return createHash('sha256').update(this.sharedDigest).update(canonical(account)).digest('hex').slice(0, 40);
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
      return content.stacks.every((s) => fs.existsSync(path.join(dir, 'stacks', s.name, 'cdk.tf.json'))) ? content : undefined;
    } catch {
      return undefined;
    }
  }

  /** Copies an entry's stack files into the output folder. */
  restore(account: Account, content: CacheEntryContent, outdir: string): void {
    const dir = this.entryDir(account);
    for (const stack of content.stacks) {
      fs.mkdirSync(path.join(outdir, 'stacks', stack.name), { recursive: true });
      fs.copyFileSync(path.join(dir, 'stacks', stack.name, 'cdk.tf.json'), path.join(outdir, 'stacks', stack.name, 'cdk.tf.json'));
    }
  }

  /** Removes the entries this run neither read nor wrote (older versions of accounts, removed accounts). */
  prune(): void {
    if (!fs.existsSync(this.dir)) return;
    for (const name of fs.readdirSync(this.dir)) {
      if (!this.used.has(name)) fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
    }
  }
}

/** Writes a cache entry (the account's stack files, records and references) into a temp folder, then renames it. */
export function writeCacheEntry(entryDir: string, outdir: string, stacks: readonly StackRecord[], references: readonly CrossStackReference[]): void {
  const temp = `${entryDir}.${process.pid}.tmp`;
  fs.rmSync(temp, { recursive: true, force: true });
  for (const stack of stacks) {
    fs.mkdirSync(path.join(temp, 'stacks', stack.name), { recursive: true });
    fs.copyFileSync(path.join(outdir, 'stacks', stack.name, 'cdk.tf.json'), path.join(temp, 'stacks', stack.name, 'cdk.tf.json'));
  }
  const content: CacheEntryContent = { stacks, references };
  fs.writeFileSync(path.join(temp, CACHE_ENTRY_FILE_NAME), JSON.stringify(content));
  fs.rmSync(entryDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(entryDir), { recursive: true });
  fs.renameSync(temp, entryDir);
}
