import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Ec2InstanceMetadataDefaults } from '@cdktf/provider-aws/lib/ec2-instance-metadata-defaults';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { AccountPublicAccessBlock, Ec2RegionalDefaults } from '../../modules/account-defaults';
import type { IEncryptionKey } from '../../modules/kms';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, TEST_REGION, onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** Stack name of the validated test stack (the Checkov gate scans it too). */
const STACK = 'account-defaults-test';

describe('account-level defaults', () => {
  describe('in one stack', () => {
    const { outdir, stack, synthesized } = synthConstruct((scope) => {
      new AccountPublicAccessBlock(scope, 's3-account-public-access-block', { accountId: TEST_ACCOUNT_ID });
      new Ec2RegionalDefaults(scope, 'ec2-defaults', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: TEST_REGION, ebsKeyAliasName: 'example/ebs-default' });
    }, STACK);

    it('blocks public access to S3 for the whole account, all four settings', () => {
      expect(synthesized).toHaveResourceWithProperties(S3AccountPublicAccessBlock, {
        account_id: TEST_ACCOUNT_ID,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it('encrypts new EBS volumes by default with a Regional customer-managed key', () => {
      expect(synthesized).toHaveResourceWithProperties(EbsEncryptionByDefault, { enabled: true });
      expect(synthesized).toHaveResourceWithProperties(EbsDefaultKmsKey, { key_arn: expect.stringMatching(/^\$\{aws_kms_key\.ec2-defaults_ebs-key_[0-9A-F]{8}\.arn\}$/) });
      expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
      expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/example/ebs-default' });
    });

    it('lets EC2 use the EBS key for this account only', () => {
      const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Array<{ Sid: string; Condition?: unknown }> };
      expect(policy.Statement.map((s) => s.Sid)).toEqual(['AccountRootAdministers', 'EbsViaEc2', 'EbsViaEc2Grants']);
      expect(policy.Statement[1]!.Condition).toEqual({ StringEquals: { 'kms:CallerAccount': TEST_ACCOUNT_ID, 'kms:ViaService': `ec2.${TEST_REGION}.amazonaws.com` } });
    });

    it('requires IMDSv2 on new instances, with a hop limit of 1', () => {
      expect(synthesized).toHaveResourceWithProperties(Ec2InstanceMetadataDefaults, {
        http_tokens: 'required',
        http_endpoint: 'enabled',
        http_put_response_hop_limit: 1,
        instance_metadata_tags: 'disabled',
      });
    });

    it('passes terraform validate and plan', () => {
      expectValidAndPlannable(outdir);
    });
  });

  it('uses a given EBS key instead of creating one', () => {
    const keyArn = `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const ebsKey: IEncryptionKey = { keyArn, aliasArn: `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT_ID}:alias/ebs` };
    const { stack, synthesized } = synthConstruct((scope) => new Ec2RegionalDefaults(scope, 'ec2-defaults', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: TEST_REGION, ebsKey, instanceMetadataHopLimit: 2 }));
    expect(resourcesOfType(stack, 'aws_kms_key')).toHaveLength(0);
    expect(synthesized).toHaveResourceWithProperties(EbsDefaultKmsKey, { key_arn: keyArn });
    expect(synthesized).toHaveResourceWithProperties(Ec2InstanceMetadataDefaults, { http_put_response_hop_limit: 2 });
  });

  it('the EBS key cannot be used through EC2 by another account', async () => {
    const defaults = new Ec2RegionalDefaults(testStack(), 'ec2-defaults', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: TEST_REGION });
    const resourcePolicy = defaults.createdEbsKey!.policyJson;
    const keyArn = `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const viaEc2 = (account: string) => ({ 'kms:ViaService': `ec2.${TEST_REGION}.amazonaws.com`, 'kms:CallerAccount': account });
    expect(await evaluate({ principal: `arn:aws:iam::${TEST_ACCOUNT_ID}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`, action: 'kms:Decrypt', resource: keyArn, resourcePolicy, context: viaEc2(TEST_ACCOUNT_ID) })).toBe('Allowed');
    expect(await evaluate({ principal: 'arn:aws:iam::999999999999:role/Launcher', action: 'kms:Decrypt', resource: keyArn, resourcePolicy, context: viaEc2('999999999999') })).toBe('ImplicitlyDenied');
  });

  describe('validation', () => {
    it.each([0, 65, 1.5])('fails when instanceMetadataHopLimit is %p', (instanceMetadataHopLimit) => {
      expect(() => new Ec2RegionalDefaults(testStack(), 'ec2-defaults', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: TEST_REGION, instanceMetadataHopLimit })).toThrow(
        /instanceMetadataHopLimit must be a whole number from 1 to 64 hops/,
      );
    });

    it('fails when the EBS key rotation period is out of range', () => {
      expect(() => new Ec2RegionalDefaults(testStack(), 'ec2-defaults', { accountId: TEST_ACCOUNT_ID, partition: 'aws', region: TEST_REGION, ebsKeyRotationPeriodDays: 30 })).toThrow(
        /ec2-defaults\/ebs-key: rotationPeriodDays must be a whole number from 90 to 2560 days/,
      );
    });

    it('fails when the account id is malformed', () => {
      expect(() => new AccountPublicAccessBlock(testStack(), 'pab', { accountId: '1234' })).toThrow(/accountId must be a 12-digit AWS account id/);
    });
  });
});
