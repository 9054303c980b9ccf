import * as fs from 'fs';
import * as path from 'path';
import { App, type TerraformStack } from 'cdktf';
import type { Organization } from '../../config/organization';
import type { AccountStack } from '../account-stack';
import { buildOrganization } from '../organization-app';
import { StateBootstrapStack } from '../state-bootstrap-stack';
import { writeCacheEntry } from './cache';
import { peakRssMiB } from './memory';
import type { CrossStackReference, StackRecord } from './types';
import { SynthError } from './synth-error';

export type { CrossStackReference, StackRecord };

/** What one shard builds and where it writes. */
export interface ShardJob {
  readonly index: number;
  /** Names of the shared accounts (built by every shard). */
  readonly shared: readonly string[];
  /** Names of this shard's own accounts: their stacks are moved into `outdir`. */
  readonly accounts: readonly string[];
  /** The organisation's output folder. */
  readonly outdir: string;
  /** This shard's own App output folder (its copies of the shared stacks stay there for the merge). */
  readonly scratch: string;
  /** References of stacks not built in this run (reused from the cache), registered on their producers. */
  readonly replay: readonly CrossStackReference[];
  /** Cache entry folder per own account, written after the synth (incremental synth only). */
  readonly cacheEntries?: Readonly<Record<string, string>>;
}

export interface ShardResult {
  readonly index: number;
  readonly cdktfVersion: string;
  /** Every stack the shard synthesized (shared and own), in build order. */
  readonly stacks: readonly StackRecord[];
  /** Every cross-stack reference the shard's stacks made. */
  readonly references: readonly CrossStackReference[];
  readonly ownStacks: number;
  readonly ms: number;
  /** CPU time (user + system) of the process that ran the shard, in ms. */
  readonly cpuMs: number;
  readonly peakRssMiB: number;
}

/** An App that records the cross-stack references cdktf makes while resolving tokens. */
class RecordingApp extends App {
  private readonly seen = new Map<string, CrossStackReference>();

  override crossStackReference(fromStack: TerraformStack, toStack: TerraformStack, identifier: string): string {
    const reference = { producer: fromStack.node.id, consumer: toStack.node.id, identifier };
    this.seen.set(JSON.stringify(reference), reference);
    return super.crossStackReference(fromStack, toStack, identifier);
  }

  get references(): CrossStackReference[] {
    return [...this.seen.values()];
  }
}

/**
 * Synthesizes one shard in this process: the shared accounts and the shard's own accounts in one App writing into
 * `job.scratch`, then moves the own stacks' files into `job.outdir`. Checks the assumption sharding rests on: no
 * shared stack depends on, or reads from, a stack of a sharded account.
 */
export function synthShard(org: Organization, job: ShardJob): ShardResult {
  const start = Date.now();
  const shared = new Set(job.shared);
  const own = new Set(job.accounts);
  const app = new RecordingApp({ outdir: job.scratch, stackTraces: false });
  const stacks = buildOrganization(app, org, (account) => shared.has(account.name) || own.has(account.name));
  const byName = new Map<string, AccountStack>(stacks.map((s) => [s.stackName, s]));
  for (const reference of job.replay) {
    const producer = byName.get(reference.producer);
    if (!producer) throw new SynthError(`sharded synth: ${reference.consumer} reads ${reference.producer}, which this shard did not build`);
    producer.registerOutgoingCrossStackReference(reference.identifier);
  }
  app.synth();

  const records: StackRecord[] = stacks.map((stack) => ({
    name: stack.stackName,
    account: stack.account.name,
    region: stack.region,
    bootstrap: stack instanceof StateBootstrapStack,
    manifest: app.manifest.stacks[stack.stackName] as unknown as Record<string, unknown>,
  }));
  const references = app.references;
  checkSharedIndependence(records, references, shared);

  const ownRecords = records.filter((r) => own.has(r.account));
  for (const record of ownRecords) moveStackFiles(path.join(job.scratch, 'stacks', record.name), path.join(job.outdir, 'stacks', record.name));
  if (job.cacheEntries) {
    for (const [account, entryDir] of Object.entries(job.cacheEntries)) {
      const accountStacks = ownRecords.filter((r) => r.account === account);
      const names = new Set(accountStacks.map((r) => r.name));
      writeCacheEntry(entryDir, job.outdir, accountStacks, references.filter((r) => names.has(r.consumer)));
    }
  }
  return {
    index: job.index,
    cdktfVersion: app.manifest.version,
    stacks: records,
    references,
    ownStacks: ownRecords.length,
    ms: Date.now() - start,
    cpuMs: cpuMs(),
    peakRssMiB: peakRssMiB(),
  };
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function checkSharedIndependence(records: readonly StackRecord[], references: readonly CrossStackReference[], shared: ReadonlySet<string>): void {
  const sharedStacks = new Set(records.filter((r) => shared.has(r.account)).map((r) => r.name));
  for (const record of records) {
    if (!sharedStacks.has(record.name)) continue;
    const dependencies = (record.manifest.dependencies ?? []) as string[];
    const outside = dependencies.find((d) => !sharedStacks.has(d));
    if (outside) throw new SynthError(`sharded synth: ${record.name} (a shared stack) depends on ${outside}, a stack of a sharded account; synthesize without shards`);
  }
  const fromSharded = references.find((r) => !sharedStacks.has(r.producer));
  if (fromSharded) throw new SynthError(`sharded synth: ${fromSharded.consumer} reads ${fromSharded.identifier} from ${fromSharded.producer}, a stack of a sharded account; synthesize without shards`);
}

/**
 * Moves a synthesized stack folder into the output: one rename when the output has no folder of that stack yet (or
 * an empty one), else file by file, keeping what else the output's folder holds (local state, `.terraform`).
 */
function moveStackFiles(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
  for (const file of fs.readdirSync(from)) fs.renameSync(path.join(from, file), path.join(to, file));
}
