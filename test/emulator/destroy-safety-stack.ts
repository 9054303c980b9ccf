import { EncryptionKey } from '../../modules/kms';
import { ManagedSecret } from '../../modules/secrets';
import { SecureBucket } from '../../modules/storage';
import { TEST_ACCOUNT_ID, synthConstruct } from '../support/synth';

/**
 * The destroy-safety stack: the baseline's protected resources (a KMS key, a log bucket, a secret). The unit project
 * records it for validate + plan + Checkov; the terraform project applies it on the emulator and tries to destroy it.
 */
export const DESTROY_SAFETY_STACK = 'destroy-safety-test';
export const DESTROY_SAFETY_ROTATION = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT_ID}:function:rotate-test`;

export function synthDestroySafetyStack(): string {
  const STACK = DESTROY_SAFETY_STACK;
  const ROTATION = DESTROY_SAFETY_ROTATION;
  const { outdir } = synthConstruct((scope) => {
    const key = new EncryptionKey(scope, 'key', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: 'us-east-1', aliasName: 'test/destroy-safety', description: 'destroy-safety test key' });
    // A key nothing depends on: Terraform reports a refused destroy for the resources it reaches first (the bucket
    // and the secret above the shared key), so a leaf key shows the key's own refusal.
    new EncryptionKey(scope, 'standalone-key', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: 'us-east-1', aliasName: 'test/destroy-safety-standalone', description: 'destroy-safety test key with no dependents' });
    new SecureBucket(scope, 'log-bucket', {
      bucketName: `destroy-safety-logs-${TEST_ACCOUNT_ID}`,
      partition: 'aws',
      encryptionKey: key,
      accessLogging: { disabledReason: 'This test bucket stands for a log bucket; it logs nowhere' },
    });
    new ManagedSecret(scope, 'secret', { name: 'test/destroy-safety', region: 'us-east-1', encryptionKey: key, organizationId: 'o-a1b2c3d4e5', rotation: { lambdaArn: ROTATION } });
  }, STACK);
  return outdir;
}
