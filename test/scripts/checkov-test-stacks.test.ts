import * as fs from 'fs';
import * as path from 'path';
import { clearTestStacks, contentHash, recordedTestStacks, recordTestStack, TEST_STACKS_DIR } from '../../scripts/lib/checkov/test-stacks';
import { tempDir } from '../support/synth';

describe('stacks recorded by the test suite for the Checkov gate', () => {
  it('stores each distinct stack once, named so stack globs still match', () => {
    const root = tempDir('repo-');
    recordTestStack(root, 'management-state-bootstrap', '{"a":1}');
    recordTestStack(root, 'management-state-bootstrap', '{"a":1}');
    recordTestStack(root, 'management-state-bootstrap', '{"a":2}');
    const names = recordedTestStacks(root, new Set());
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^t[0-9a-f]{10}-management-state-bootstrap$/);
    expect(fs.readFileSync(path.join(root, TEST_STACKS_DIR, 'stacks', names[0]!, 'cdk.tf.json'), 'utf8')).toMatch(/^\{"a":[12]\}$/);
  });

  it('leaves out stacks a scanned config already produced, and is emptied by clear', () => {
    const root = tempDir('repo-');
    recordTestStack(root, 'a', '{"same":true}');
    recordTestStack(root, 'b', '{"other":true}');
    expect(recordedTestStacks(root, new Set([contentHash('{"same":true}')]))).toEqual([`t${contentHash('{"other":true}')}-b`]);
    clearTestStacks(root);
    expect(recordedTestStacks(root, new Set())).toEqual([]);
  });
});
