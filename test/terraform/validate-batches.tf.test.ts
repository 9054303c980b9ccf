import * as path from 'path';
import { toBeValidTerraform } from 'cdktf/lib/testing/matchers';
import { recordedStacks, recordForTerraform } from '../support/terraform-queue';
import { ValidateBatches } from '../support/validate-batches';
import { tempDir } from '../support/synth';
import { oneKeyStackOutdir } from '../support/one-key-stack';

/** A one-key stack; `description` may carry a raw Terraform reference. */
const outdirWith = (description: string): string => oneKeyStackOutdir('member', { description });

describe('validate batches (real Terraform)', () => {
  it('passes a batch of valid stacks, fails a batch with one broken member, and the broken one alone names its error', () => {
    const root = tempDir('repo-');
    const good = recordForTerraform(root, outdirWith('good'), { testFile: 't', testName: 'good' })[0]!;
    const alsoGood = recordForTerraform(root, outdirWith('also good'), { testFile: 't', testName: 'also good' })[0]!;
    const broken = recordForTerraform(root, outdirWith('${aws_kms_key.missing.arn}'), { testFile: 't', testName: 'broken' })[0]!;
    const byKey = new Map(recordedStacks(root).map((s) => [s.key, s]));

    const valid = new ValidateBatches(path.join(root, 'valid'), [byKey.get(good)!, byKey.get(alsoGood)!]);
    expect(valid.validTogether({ key: good })).toBe(true);

    const mixed = new ValidateBatches(path.join(root, 'mixed'), [byKey.get(good)!, byKey.get(broken)!]);
    expect(mixed.validTogether({ key: good })).toBe(false);
    expect(mixed.validTogether({ key: broken })).toBe(false); // the same batch, validated once
    const alone = toBeValidTerraform(path.join(byKey.get(broken)!.dir, 'validate'));
    expect(alone.pass).toBe(false);
    expect(alone.message).toMatch(/undeclared resource/i);
    expect(path.join(byKey.get(good)!.dir, 'validate')).toBeValidTerraform();
  });
});
