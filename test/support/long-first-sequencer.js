/**
 * Jest's test order, with the terraform project's known-long files first. Jest's own sequencer orders files by the
 * durations it cached in an earlier run, and without that cache (a clean clone, as in CI) by file size: the four plan
 * shards (3-line files, each planning a quarter of the recorded stacks in 70-150 s) then started last, and the
 * project ended with one worker finishing a shard while the other sat idle. Measured on the same recorded stacks
 * with 2 workers: 381-438 s in clean-clone CI runs in size order, 331.6 s with the long files first and a clean
 * jest cache (354 s with a warm duration cache).
 */
const Sequencer = require('@jest/test-sequencer').default;

/**
 * The longest files, longest first (paths from the repository root). Destroy safety leads: it waits about a minute
 * in the AWS provider's S3 lifecycle waiter, which the other worker fills with a plan shard.
 */
const LONG_FIRST = [
  'test/emulator/destroy-safety.tf.test.ts',
  'test/terraform/plan-3-of-4.tf.test.ts',
  'test/terraform/plan-2-of-4.tf.test.ts',
  'test/terraform/plan-4-of-4.tf.test.ts',
  'test/stacks/sharded-synth.test.ts',
  'test/terraform/plan-1-of-4.tf.test.ts',
];

/** Position of a test file in LONG_FIRST, or LONG_FIRST.length for every other file. */
function rank(testPath) {
  const index = LONG_FIRST.findIndex((file) => testPath.endsWith(`/${file}`));
  return index === -1 ? LONG_FIRST.length : index;
}

class LongFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    // files that failed last time stay first, as in jest's order; Array.prototype.sort is stable, so files of the
    // same rank keep jest's order (by cached duration, else by size)
    const key = (test) => (this.hasFailed(test) ? -1 : rank(test.path));
    return [...sorted].sort((a, b) => key(a) - key(b));
  }
}

module.exports = LongFirstSequencer;
module.exports.LONG_FIRST = LONG_FIRST;
