import { stackText } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { DESTROY_SAFETY_STACK, synthDestroySafetyStack } from './destroy-safety-stack';

describe('the destroy-safety stack (applied on the emulator by destroy-safety.tf.test.ts)', () => {
  const outdir = synthDestroySafetyStack();

  it('marks the key, the bucket and the secret prevent_destroy, and is valid and plannable', () => {
    const text = stackText(outdir, DESTROY_SAFETY_STACK);
    for (const type of ['aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret']) {
      const resources = Object.values((JSON.parse(text) as { resource: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>> }).resource[type] ?? {});
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) expect(resource.lifecycle?.prevent_destroy).toBe(true);
    }
    expectValidAndPlannable(outdir);
  });
});
