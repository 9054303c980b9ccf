import * as fs from 'fs';
import * as path from 'path';
import { startEmulatorSession, type EmulatorSession } from '../../scripts/lib/emulator/session';
import { emulatorPaths } from '../../scripts/lib/emulator/settings';
import { terraform } from '../../scripts/lib/emulator/terraform';
import { emulatorDir } from '../../scripts/lib/terraform/output-copies';
import { TEST_ACCOUNT_ID, tempDir } from '../support/synth';
import { DESTROY_SAFETY_ROTATION as ROTATION, DESTROY_SAFETY_STACK as STACK, synthDestroySafetyStack } from './destroy-safety-stack';

/**
 * On the emulator: a stack with the baseline's protected resources (a KMS key, a log bucket, a secret) is applied,
 * then `terraform destroy` must be refused for each of them and leave them in place.
 */

jest.setTimeout(600_000);

describe('destroy safety on the emulator', () => {
  const outdir = synthDestroySafetyStack();
  let session: EmulatorSession | undefined;

  afterAll(async () => {
    await session?.stop();
  });

  it('refuses to destroy the key, the bucket and the secret, which stay in the state', async () => {
    const paths = emulatorPaths(path.resolve(__dirname, '..', '..'));
    const work = tempDir('emulator-destroy-');
    session = await startEmulatorSession(
      paths,
      { partition: 'aws', organization: { id: 'o-a1b2c3d4e5', rootId: 'r-a1b2', managementAccountId: TEST_ACCOUNT_ID, accounts: [{ id: TEST_ACCOUNT_ID, name: 'test', email: 'test@example.com' }] }, loadBalancers: [], lambdaFunctions: [ROTATION] },
      work,
      () => undefined,
    );
    const dir = path.join(emulatorDir(outdir, { endpoint: session.moto.endpoint, stateDir: path.join(work, 'state') }), 'stacks', STACK);
    fs.mkdirSync(path.join(work, 'state'), { recursive: true });
    const run = (...args: string[]) => terraform(dir, args, session!.env);
    expect((await run('init', '-input=false', '-no-color')).code).toBe(0);
    const apply = await run('apply', '-auto-approve', '-input=false', '-no-color');
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);

    const destroy = await run('destroy', '-auto-approve', '-input=false', '-no-color');
    expect(destroy.code).toBe(1);
    expect(destroy.stderr).toContain('Instance cannot be destroyed');
    const refused = [...destroy.stderr.matchAll(/Resource\s+(aws_[a-z0-9_]+)\.[\w-]+\s+has\s+lifecycle\.prevent_destroy\s+set/g)].map((m) => m[1]);
    expect(new Set(refused)).toEqual(new Set(['aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret']));
    const state = (await run('state', 'list')).stdout;
    for (const type of ['aws_kms_key', 'aws_s3_bucket', 'aws_secretsmanager_secret']) expect(state).toContain(`${type}.`);
    expect(session.proxy.refusals).toEqual([]);
  });
});
