import { Testing, type TerraformStack } from 'cdktf';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { loadOrganizationFile } from '../../config';
import { MOVED_RESOURCES } from '../../stacks/id-stability/moved';
import { applyMovedResources } from '../../stacks/id-stability/apply-moves';
import { stackMatches } from '../../stacks/id-stability/stack-pattern';
import {
  compareAddresses, readRecordedAddresses, recordedConfigs, synthesizedAddresses, type AddressesByStack,
} from '../../scripts/lib/id-stability/addresses';
import { stackJson, testStack, synthApp, testApp } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { synthOrg } from '../support/org-synth';

/**
 * Resource addresses are API: a changed logical id destroys and re-creates the resource. Every stack of the example
 * and of the sample configs is held to its recorded addresses; a change passes only through the id-stability file
 * (`stacks/id-stability/moved.ts`), which also emits the `moved` blocks that carry deployed state across.
 */
describe('resource addresses of the example and the sample configs', () => {
  const configs = recordedConfigs();
  const synthesized = new Map<string, { outdir: string; addresses: AddressesByStack }>();
  for (const config of configs) {
    const { outdir } = synthOrg(loadOrganizationFile(config.file)); // this run's synth of it, if another file made one
    synthesized.set(config.name, { outdir, addresses: synthesizedAddresses(outdir) });
  }

  it('records every config the id-stability check covers (the example and all samples)', () => {
    expect(configs.map((c) => c.name)).toEqual(expect.arrayContaining(['example', 'hcp-terraform', 's3-central-dynamodb', 's3-per-account']));
    for (const config of configs) expect(readRecordedAddresses(config).size).toBeGreaterThan(0);
  });

  it.each(configs.map((c) => [c.name, c] as const))('%s: no recorded address is gone without a moved or removed entry', (name, config) => {
    const { unexplainedMissing } = compareAddresses(readRecordedAddresses(config), synthesized.get(name)!.addresses);
    expect(unexplainedMissing).toEqual([]);
  });

  it.each(configs.map((c) => [c.name, c] as const))('%s: every current address is recorded (run `npm run ids:record` after adding resources)', (name, config) => {
    const { unrecorded } = compareAddresses(readRecordedAddresses(config), synthesized.get(name)!.addresses);
    expect(unrecorded).toEqual([]);
  });

  it('emits a Terraform moved block for each applied move, in the stack that holds the new address', () => {
    for (const config of configs) {
      const { outdir, addresses } = synthesized.get(config.name)!;
      for (const [stack, list] of addresses) {
        const moved = (stackJson(outdir, stack) as { moved?: Array<{ from: string; to: string }> }).moved ?? [];
        const expected = MOVED_RESOURCES.filter((m) => stackMatches(m.stacks, stack) && list.includes(m.to)).map((m) => ({ from: m.from, to: m.to }));
        expect(moved).toEqual(expect.arrayContaining(expected));
        expect(moved).toHaveLength(expected.length);
      }
    }
  });

  it('has no stale entry: every move target exists in some stack of the recorded configs', () => {
    const all = [...synthesized.values()].flatMap(({ addresses }) => [...addresses.values()].flat());
    expect(MOVED_RESOURCES.filter((m) => !all.includes(m.to))).toEqual([]);
    for (const m of MOVED_RESOURCES) {
      expect(m.from.split('.')[0]).toBe(m.to.split('.')[0]);
      expect(m.reason.length).toBeGreaterThan(10);
    }
  });
});

describe('the id-stability comparison', () => {
  const recorded: AddressesByStack = new Map([['a-us-east-1', ['aws_s3_bucket.logs_1', 'aws_kms_key.key_2']]]);

  it('reports a renamed address that has no entry as a missing address and the new one as unrecorded', () => {
    const current: AddressesByStack = new Map([['a-us-east-1', ['aws_s3_bucket.log-bucket_3', 'aws_kms_key.key_2']]]);
    const result = compareAddresses(recorded, current, [], []);
    expect(result.unexplainedMissing).toEqual([{ stack: 'a-us-east-1', address: 'aws_s3_bucket.logs_1' }]);
    expect(result.unrecorded).toEqual([{ stack: 'a-us-east-1', address: 'aws_s3_bucket.log-bucket_3' }]);
  });

  it('accepts the rename when the id-stability file lists it for that stack only', () => {
    const current: AddressesByStack = new Map([['a-us-east-1', ['aws_s3_bucket.log-bucket_3', 'aws_kms_key.key_2']]]);
    const move = { from: 'aws_s3_bucket.logs_1', to: 'aws_s3_bucket.log-bucket_3', stacks: 'a-*', reason: 'bucket construct renamed' };
    expect(compareAddresses(recorded, current, [move], []).unexplainedMissing).toEqual([]);
    expect(compareAddresses(recorded, current, [{ ...move, stacks: 'b-*' }], []).unexplainedMissing).toHaveLength(1);
  });

  it('accepts a removal only with a removed entry', () => {
    const current: AddressesByStack = new Map([['a-us-east-1', ['aws_kms_key.key_2']]]);
    expect(compareAddresses(recorded, current, [], []).unexplainedMissing).toHaveLength(1);
    expect(compareAddresses(recorded, current, [], [{ address: 'aws_s3_bucket.logs_1', reason: 'no longer managed' }]).unexplainedMissing).toEqual([]);
  });
});

describe('moved blocks', () => {
  it('come out of applyMovedResources as Terraform moved blocks that validate and plan', () => {
    const app = testApp();
    const stack: TerraformStack = testStack('moved-stack', app);
    new IamGroup(stack, 'renamed-group', { name: 'example-moved-group' });
    const applied = applyMovedResources(stack, [{ from: 'aws_iam_group.old-group', to: 'aws_iam_group.renamed-group', reason: 'construct id renamed' }]);
    expect(applied).toHaveLength(1);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(IamGroup, { name: 'example-moved-group' });
    const outdir = synthApp(app);
    expect((stackJson(outdir, 'moved-stack') as { moved?: unknown }).moved).toEqual([{ from: 'aws_iam_group.old-group', to: 'aws_iam_group.renamed-group' }]);
    expectValidAndPlannable(outdir);
  });

  it('are not emitted in stacks the entry does not name', () => {
    const stack = testStack('other-stack');
    new IamGroup(stack, 'renamed-group', { name: 'example-moved-group' });
    expect(applyMovedResources(stack, [{ from: 'aws_iam_group.a', to: 'aws_iam_group.renamed-group', stacks: 'moved-*', reason: 'construct id renamed' }])).toEqual([]);
  });
});
