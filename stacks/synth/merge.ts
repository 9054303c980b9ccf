import * as fs from 'fs';
import * as path from 'path';
import { writeFileReplacing } from './files';
import { cdktfJson } from './stable-json';
import type { ShardResult } from './shard';
import type { StackRecord } from './types';
import { SynthError } from './synth-error';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The union of two copies of one stack: objects merge key by key, anything else must be equal. Copies of a shared
 * stack differ only in the cross-stack outputs their shard's consumers asked for, so the union is the file one App
 * would write; any other difference is a bug in the sharding and fails naming the stack and the path.
 */
export function mergeStackCopies(stack: string, a: Json, b: Json, at = ''): Json {
  if (isObject(a) && isObject(b)) {
    const merged: { [key: string]: Json } = { ...a };
    for (const [key, value] of Object.entries(b)) merged[key] = key in a ? mergeStackCopies(stack, a[key]!, value, `${at}.${key}`) : value;
    return merged;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new SynthError(`sharded synth: the shards' copies of ${stack} differ at ${at || '(root)'}`);
  return a;
}

/** Writes each shared stack once into `outdir`: the shards' copies when equal, else their union. */
export function writeSharedStacks(outdir: string, sharedStacks: readonly string[], scratchDirs: readonly string[]): void {
  for (const stack of sharedStacks) {
    const file = path.join('stacks', stack, 'cdk.tf.json');
    const texts = scratchDirs.map((dir) => fs.readFileSync(path.join(dir, file), 'utf8'));
    const text = texts.every((t) => t === texts[0]) ? texts[0]! : cdktfJson(texts.map((t) => JSON.parse(t) as Json).reduce((a, b) => mergeStackCopies(stack, a, b)));
    fs.mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
    writeFileReplacing(path.join(outdir, file), text);
  }
}

/** The shared stacks' records, checked equal across shards (their manifest entries must not depend on the shard). */
export function sharedRecords(results: readonly ShardResult[], shared: ReadonlySet<string>): StackRecord[] {
  const [first, ...rest] = results;
  if (!first) throw new SynthError('sharded synth: no shard ran');
  const records = first.stacks.filter((s) => shared.has(s.account));
  const expected = JSON.stringify(records);
  for (const result of rest) {
    if (JSON.stringify(result.stacks.filter((s) => shared.has(s.account))) !== expected) {
      throw new SynthError(`sharded synth: shard ${result.index} built the shared stacks differently from shard ${first.index}`);
    }
  }
  return records;
}

/** Writes `manifest.json` as cdktf's Manifest does (same serializer, same fields). */
export function writeManifest(outdir: string, cdktfVersion: string, records: readonly StackRecord[]): void {
  const stacks: Record<string, unknown> = {};
  for (const record of records) stacks[record.name] = record.manifest;
  writeFileReplacing(path.join(outdir, 'manifest.json'), cdktfJson({ version: cdktfVersion, stacks }));
}
