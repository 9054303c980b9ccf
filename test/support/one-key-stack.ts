import { TerraformStack } from 'cdktf';
import { KmsKey, type KmsKeyConfig } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { synthApp, testApp } from './synth';

/** An output folder with one stack (`name`) holding one rotating KMS key with `key` set on it: the smallest stack a Terraform-harness test can record. */
export function oneKeyStackOutdir(name: string, key: Omit<KmsKeyConfig, 'enableKeyRotation'> = {}): string {
  const app = testApp();
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new KmsKey(stack, 'key', { enableKeyRotation: true, ...key });
  return synthApp(app);
}
