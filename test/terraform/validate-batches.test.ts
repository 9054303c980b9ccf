import * as fs from 'fs';
import * as path from 'path';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { recordedStacks, recordForTerraform } from '../support/terraform-queue';
import { batchable, memberModule } from '../support/stack-batches';
import { writeValidateBatch } from '../support/validate-batches';
import { oneKeyStackOutdir } from '../support/one-key-stack';
import { tempDir } from '../support/synth';

const outdirWith = (description: string): string => oneKeyStackOutdir('member', { description });

describe('a validate batch', () => {
  it('calls each member as a child module holding its validate copy without the backend', () => {
    const root = tempDir('repo-');
    recordForTerraform(root, outdirWith('one'), { testFile: 't', testName: 'one' });
    recordForTerraform(root, outdirWith('two'), { testFile: 't', testName: 'two' });
    const members = recordedStacks(root);
    expect(members).toHaveLength(2);
    const folder = writeValidateBatch(path.join(root, 'batch'), members);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
    const [working] = Object.values(manifest.stacks).map((s) => path.join(folder, s.workingDirectory));
    const main = JSON.parse(fs.readFileSync(path.join(working!, 'main.tf.json'), 'utf8')) as { module: Record<string, { source: string }> };
    expect(main.module).toEqual(Object.fromEntries(members.map((m) => [memberModule(m), { source: `./members/${m.key}` }])));
    for (const member of members) {
      const copy = fs.readFileSync(path.join(working!, 'members', member.key, 'cdk.tf.json'), 'utf8');
      const json = JSON.parse(copy) as { terraform: Record<string, unknown> };
      expect(json.terraform).toEqual({ required_providers: { aws: { source: 'aws', version: '5.100.0' } } });
      expect(copy).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    }
  });

  it('leaves out stacks with root-only blocks (import, cloud) or a variable without a default, and keeps the rest', () => {
    expect(batchable({ variable: { tier: { type: 'string', default: 'dev' } } })).toBe(true);
    expect(batchable({ variable: { db_password: { type: 'string', sensitive: true } } })).toBe(false);
    expect(batchable({ terraform: { required_providers: {}, backend: { local: {} } }, resource: {} })).toBe(true);
    expect(batchable({ terraform: { required_providers: {} }, import: [{ to: 'aws_kms_key.k', id: 'x' }] })).toBe(false);
    expect(batchable({ terraform: { required_providers: {}, cloud: { organization: 'o' } } })).toBe(false);
  });
});
