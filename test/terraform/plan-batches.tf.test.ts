import { execFileSync } from 'child_process';
import * as path from 'path';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { PlanBatches } from '../support/plan-batches';
import { synthApp, tempDir, testApp } from '../support/synth';
import { recordedStacks, recordForTerraform, type RecordedStack } from '../support/terraform-queue';

/**
 * Two stacks with what a split has to carry: a cross-stack reference (outputs, sensitive, on the producer; a remote
 * state data source read at plan time on the consumer), a plain output, a variable with a default, and a second
 * provider configuration (an alias in another Region).
 */
function producerAndConsumer(): string {
  const app = testApp();
  const producer = new TerraformStack(app, 'producer');
  new AwsProvider(producer, 'aws', { region: 'us-east-1' });
  const key = new KmsKey(producer, 'key', { enableKeyRotation: true, description: 'producer key' });
  new TerraformOutput(producer, 'key-id', { value: key.keyId });

  const consumer = new TerraformStack(app, 'consumer');
  new AwsProvider(consumer, 'aws', { region: 'us-east-1' });
  const west = new AwsProvider(consumer, 'west', { region: 'eu-west-1', alias: 'west' });
  const tier = new TerraformVariable(consumer, 'tier', { type: 'string', default: 'dev' });
  new SsmParameter(consumer, 'key-arn', { name: `/batch/${tier.stringValue}/key-arn`, type: 'String', value: key.arn });
  const westKey = new KmsKey(consumer, 'west-key', { provider: west, enableKeyRotation: true, description: 'west key' });
  new KmsAlias(consumer, 'west-alias', { provider: west, name: 'alias/batch-west', targetKeyId: westKey.keyId });
  return synthApp(app);
}

/** `terraform show -json` of the stack planned on its own (init, plan to a saved plan, show). */
function ownPlanJson(stack: RecordedStack): Record<string, unknown> {
  const cwd = path.join(stack.dir, 'plan', 'stacks', stack.stack);
  const run = (args: string[]): string => execFileSync('terraform', args, { cwd, env: process.env, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 }).toString();
  run(['init', '-input=false']);
  run(['plan', '-input=false', '-lock=false', '-out=own.tfplan']);
  return JSON.parse(run(['show', '-json', 'own.tfplan'])) as Record<string, unknown>;
}

/** A plan without what differs between two runs of the same plan: the timestamp, and the order of `relevant_attributes`. */
function comparable(plan: Record<string, unknown>): Record<string, unknown> {
  const { timestamp: _timestamp, relevant_attributes: attributes, ...rest } = plan;
  const sorted = Array.isArray(attributes) ? attributes.map((entry) => JSON.stringify(entry)).sort() : attributes;
  return { ...rest, relevant_attributes: sorted };
}

describe('plan batches (real Terraform)', () => {
  it("gives each member exactly the plan that its own root gives: resources, outputs, data sources read, providers, configuration", () => {
    const root = tempDir('repo-');
    recordForTerraform(root, producerAndConsumer(), { testFile: 't', testName: 'pair' });
    const stacks = recordedStacks(root);
    expect(stacks.map((stack) => stack.stack).sort()).toEqual(['consumer', 'producer']);
    const batches = new PlanBatches(path.join(root, 'batches'), stacks);
    for (const stack of stacks) {
      const together = batches.planTogether(stack);
      expect(together).toBeDefined();
      const split = JSON.parse(together!) as Record<string, unknown>;
      expect(comparable(split)).toEqual(comparable(ownPlanJson(stack)));
    }
    // what the equality covers, so that it cannot hold on empty plans
    const consumer = JSON.parse(batches.planTogether(stacks.find((stack) => stack.stack === 'consumer')!)!) as {
      resource_changes: { address: string }[];
      prior_state: { values: { root_module: { resources: { address: string }[] } } };
      configuration: { provider_config: Record<string, unknown> };
      variables: Record<string, { value: unknown }>;
    };
    expect(consumer.resource_changes.map((change) => change.address).sort()).toEqual(['aws_kms_alias.west-alias', 'aws_kms_key.west-key', 'aws_ssm_parameter.key-arn']);
    expect(consumer.prior_state.values.root_module.resources.map((resource) => resource.address)).toEqual(['data.terraform_remote_state.cross-stack-reference-input-producer']);
    expect(Object.keys(consumer.configuration.provider_config).sort()).toEqual(['aws', 'aws.west', 'terraform']);
    expect(consumer.variables).toEqual({ tier: { value: 'dev' } });
    const producer = JSON.parse(batches.planTogether(stacks.find((stack) => stack.stack === 'producer')!)!) as { output_changes: Record<string, { after_sensitive: boolean }> };
    expect(producer.output_changes['key-id']).toMatchObject({ after_sensitive: false });
    expect(Object.values(producer.output_changes).some((change) => change.after_sensitive)).toBe(true);
  });

  it('answers undefined for a stack whose batch does not plan, so that its own plan names the error', () => {
    const root = tempDir('repo-');
    const app = testApp();
    for (const name of ['fine', 'impossible']) {
      const stack = new TerraformStack(app, name);
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      // a deletion window of 3 days is outside the provider's 7 to 30: the plan fails
      new KmsKey(stack, 'key', { enableKeyRotation: true, deletionWindowInDays: name === 'fine' ? 7 : 3 });
    }
    recordForTerraform(root, synthApp(app), { testFile: 't', testName: 'mixed' });
    const stacks = recordedStacks(root);
    const batches = new PlanBatches(path.join(root, 'batches'), stacks);
    for (const stack of stacks) expect(batches.planTogether(stack)).toBeUndefined();
    const impossible = stacks.find((stack) => stack.stack === 'impossible')!;
    expect(path.join(impossible.dir, 'plan')).not.toPlanSuccessfully();
  });
});
