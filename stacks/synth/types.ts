/** One cdktf cross-stack reference: `consumer` reads `identifier` (a producer attribute) through remote state. */
export interface CrossStackReference {
  readonly producer: string;
  readonly consumer: string;
  readonly identifier: string;
}

/** A synthesized stack: who it belongs to and its `manifest.json` entry, as cdktf wrote it. */
export interface StackRecord {
  readonly name: string;
  /** Name of the account the stack belongs to (the holder, for a state bootstrap). */
  readonly account: string;
  readonly region: string;
  readonly bootstrap: boolean;
  readonly manifest: Readonly<Record<string, unknown>>;
}

/** The content of one cache entry's `entry.json`: an account's stacks and the references they make. */
export interface CacheEntryContent {
  readonly stacks: readonly StackRecord[];
  readonly references: readonly CrossStackReference[];
  /** `fileStamp` of each stack's `cdk.tf.json` in the entry when it was written (./files.ts), by stack name. */
  readonly stamps: Readonly<Record<string, string>>;
}

/** File name of a cache entry's records inside its folder. */
export const CACHE_ENTRY_FILE_NAME = 'entry.json';

/** Where a worker writes the result of the job in `jobFile`. */
export function resultFileOf(jobFile: string): string {
  return `${jobFile}.result.json`;
}
