/**
 * Entry of one synth worker process: `worker.ts <job file>`. The job file holds the organisation and a
 * {@link ShardJob} (v8-serialized, so the organisation arrives exactly as parsed); the worker synthesizes the shard
 * and writes `<job file>.result.json`: `{ ok: true, result }` or `{ ok: false, error }`.
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import type { Organization } from '../../config/organization';
import { describeError, type WorkerError } from './errors';
import { synthShard, type ShardJob, type ShardResult } from './shard';
import { withPlainStackTraces } from './stack-traces';
import { resultFileOf } from './types';
import { SynthError } from './synth-error';

export interface WorkerInput {
  readonly org: Organization;
  readonly job: ShardJob;
}

export type WorkerOutput = { readonly ok: true; readonly result: ShardResult } | { readonly ok: false; readonly error: WorkerError };

function main(jobFile: string | undefined): void {
  if (!jobFile) throw new SynthError('usage: worker.ts <job file>');
  const input = v8.deserialize(fs.readFileSync(jobFile)) as WorkerInput;
  let output: WorkerOutput;
  try {
    output = { ok: true, result: withPlainStackTraces(() => synthShard(input.org, input.job)) };
  } catch (error) {
    output = { ok: false, error: describeError(error) };
    process.exitCode = 1;
  }
  fs.writeFileSync(resultFileOf(jobFile), JSON.stringify(output));
}

if (require.main === module) main(process.argv[2]);
