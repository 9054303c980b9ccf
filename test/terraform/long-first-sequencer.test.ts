import * as fs from 'fs';
import * as path from 'path';
import type { Test } from '@jest/test-result';

// CommonJS module loaded by jest itself (jest.config.js `testSequencer`)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const LongFirstSequencer = require('../support/long-first-sequencer') as { new (): { sort(tests: Test[]): Promise<Test[]> }; LONG_FIRST: readonly string[] };

const ROOT = path.resolve(__dirname, '..', '..');

/** Jest's view of test files without a duration cache (a clean clone), each with the size jest would read. */
function testsOf(sizes: Readonly<Record<string, number>>): Test[] {
  const context = { config: { cache: false, cacheDirectory: '/nonexistent', id: 'terraform' }, hasteFS: { getSize: (file: string) => sizes[path.relative(ROOT, file)] } };
  return Object.keys(sizes).map((file) => ({ path: path.join(ROOT, file), context, duration: undefined }) as unknown as Test);
}

describe('the long-first test sequencer', () => {
  it('names only files that exist, so a rename cannot silently drop one back to the size order', () => {
    expect(LongFirstSequencer.LONG_FIRST.length).toBeGreaterThanOrEqual(5);
    for (const file of LongFirstSequencer.LONG_FIRST) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  });

  it('starts the known-long files in their listed order, then every other file in jest order (largest first)', async () => {
    const sizes = {
      'test/exports/hcl-estate.tf.test.ts': 6000,
      'test/terraform/plan-1-of-4.tf.test.ts': 60,
      'test/terraform/plan-3-of-4.tf.test.ts': 60,
      'test/scripts/plan.tf.test.ts': 2000,
      'test/emulator/destroy-safety.tf.test.ts': 1500,
      'test/exports/export-module-inputs.tf.test.ts': 9000,
    };
    const order = (await new LongFirstSequencer().sort(testsOf(sizes))).map((test) => path.relative(ROOT, test.path));
    expect(order).toEqual([
      'test/emulator/destroy-safety.tf.test.ts',
      'test/terraform/plan-3-of-4.tf.test.ts',
      'test/terraform/plan-1-of-4.tf.test.ts',
      'test/exports/export-module-inputs.tf.test.ts',
      'test/exports/hcl-estate.tf.test.ts',
      'test/scripts/plan.tf.test.ts',
    ]);
  });
});
