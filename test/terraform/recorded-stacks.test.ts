import * as fs from 'fs';
import * as path from 'path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { clearRecordedStacks, QUEUE_DIR, recordedStacks, recordForTerraform, shardOf } from '../support/terraform-queue';
import { oneKeyStackOutdir } from '../support/one-key-stack';
import { tempDir } from '../support/synth';

/** An output folder with one stack holding one key (`rotation` varies its content). */
const outdirWith = (rotation: number): string => oneKeyStackOutdir('queued', { rotationPeriodInDays: rotation });

describe('the stacks recorded for the terraform project', () => {
  it('keeps one entry per distinct stack, with every test that recorded it, and a validate and a plan copy', () => {
    const root = tempDir('repo-');
    const first = recordForTerraform(root, outdirWith(90), { testFile: 'test/a.test.ts', testName: 'a' });
    const again = recordForTerraform(root, outdirWith(90), { testFile: 'test/b.test.ts', testName: 'b' });
    const other = recordForTerraform(root, outdirWith(180), { testFile: 'test/a.test.ts', testName: 'a' });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const stacks = recordedStacks(root);
    expect(stacks.map((s) => s.key).sort()).toEqual([...first, ...other].sort());
    const shared = stacks.find((s) => s.key === first[0])!;
    expect(shared.stack).toBe('queued');
    expect(shared.sources.map((s) => s.testFile)).toEqual(['test/a.test.ts', 'test/b.test.ts']);
    const planned = fs.readFileSync(path.join(shared.dir, 'plan', 'stacks', 'queued', 'cdk.tf.json'), 'utf8');
    expect(planned).toContain('"skip_credentials_validation": true');
    expect(planned).toHaveResourceWithProperties(KmsKey, { rotation_period_in_days: 90 });
    expect(fs.readFileSync(path.join(shared.dir, 'validate', 'stacks', 'queued', 'cdk.tf.json'), 'utf8')).not.toContain('skip_credentials_validation');
    clearRecordedStacks(root);
    expect(fs.existsSync(path.join(root, QUEUE_DIR))).toBe(false);
  });

  it('keys a stack by the TF_VAR_ values and plan checks it is recorded with', () => {
    const root = tempDir('repo-');
    const plain = recordForTerraform(root, outdirWith(90), { testFile: 't', testName: 'n' });
    process.env.TF_VAR_example = 'value';
    try {
      const withVariable = recordForTerraform(root, outdirWith(90), { testFile: 't', testName: 'n' });
      expect(withVariable).not.toEqual(plain);
      expect(recordedStacks(root).find((s) => s.key === withVariable[0])!.variables).toEqual({ TF_VAR_example: 'value' });
    } finally {
      delete process.env.TF_VAR_example;
    }
    const checked = recordForTerraform(root, outdirWith(90), { testFile: 't', testName: 'n' }, undefined, { planOmits: ['secret'] });
    expect(checked).not.toEqual(plain);
    expect(recordedStacks(root).find((s) => s.key === checked[0])!.checks).toEqual({ planOmits: ['secret'] });
  });

  it('splits the stacks into shards of about equal size, each stack in exactly one', () => {
    const stacks = [9, 7, 5, 4, 3, 1].map((size, i) => ({ key: `k${i}`, size }));
    const shards = [0, 1, 2].map((i) => shardOf(stacks, i, 3));
    expect(shards.flat().map((s) => s.key).sort()).toEqual(stacks.map((s) => s.key).sort());
    expect(shards.map((shard) => shard.reduce((sum, s) => sum + s.size, 0))).toEqual([10, 10, 9]);
  });
});
