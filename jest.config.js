/**
 * Jest: two projects, @swc/jest transpiling TypeScript (type-checking runs separately in `tsc --noEmit`; tsconfig has
 *   isolatedModules). It replaced ts-jest: the unit project went from 219 to about 135 CPU-s with the changes below
 *   (ts-jest alone was about 30 CPU-s of a cold cache); `setupFiles` drops cdktf's token creation stacks
 *   (test/support/creation-stacks.ts), which jest source-mapped frame by frame.
 * - unit: everything but `*.tf.test.ts`; never runs Terraform. `expectValidAndPlannable` records each stack it is
 *   given (test/support/terraform-queue.ts).
 * - terraform: `*.tf.test.ts`; test/terraform/ validates and plans each distinct recorded stack once (cdktf's
 *   toBeValidTerraform / toPlanSuccessfully), and the few tests that read a saved plan or run Terraform on exported
 *   HCL. Run it after the unit project: `npm run jest` runs both, in that order.
 * - SLOW_PROCESS_TESTS run in the terraform project too: files that need no Terraform but spend most of their time
 *   in child processes at scale (sharded synth: worker pools over hundreds of stacks, 110 CPU-seconds of the unit
 *   project's 250 when it was there), which would hold the unit project over its minute.
 */
const SLOW_PROCESS_TESTS = ['test/stacks/sharded-synth.test.ts'];
const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', transform: { useDefineForClassFields: true } }, module: { type: 'commonjs' }, sourceMaps: 'inline' },
    ],
  },
  setupFiles: ['<rootDir>/test/support/creation-stacks.ts'],
};

module.exports = {
  // a unit test that takes longer than this is a bug; the terraform project sets its own (test/support/setup-terraform.ts)
  testTimeout: 120000,
  maxWorkers: 2,
  // the terraform project's long files first, also in a clean clone without jest's duration cache
  testSequencer: '<rootDir>/test/support/long-first-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.tf\\.test\\.ts$', ...SLOW_PROCESS_TESTS.map((file) => `<rootDir>/${escape(file)}$`)],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'terraform',
      testMatch: ['**/*.tf.test.ts', ...SLOW_PROCESS_TESTS.map((file) => `<rootDir>/${file}`)],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts', '<rootDir>/test/support/setup-terraform.ts'],
      globalSetup: '<rootDir>/test/support/global-setup-terraform.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
