import { AccountPublicAccessBlock, Ec2RegionalDefaults } from '../modules/account-defaults';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { PROVIDER_REGION, declareAccountId, declareTagsVariable, integerInRange, providerContext } from './common';

const ACCOUNT_PLACEHOLDER = '000000000000';
/** The EBS key's via-service grant needs a concrete Region name (`ec2.<region>.amazonaws.com`); replaced by the provider's. */
const REGION_PLACEHOLDER = 'zz-exportregion-9';

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareAccountId(stack, 'the S3 account block applies to it and the EBS key may be used only through EC2 by it.');
  declareTagsVariable(stack);
  stack.variable('enable_s3_account_public_access_block', {
    type: 'bool',
    description: 'Block public ACLs and policies for every bucket of the account (S3 account-level Block Public Access, CIS 2.1.4). Global per account: set it in one Region\'s call only. Default true.',
    default: true,
  });
  const alias = stack.variable('ebs_key_alias_name', {
    type: 'string',
    description: 'Alias of the EBS default-encryption key created in the provider\'s Region, without "alias/". Default "ebs-default". The key is usable only through EC2 by this account.',
    default: 'ebs-default',
    validation: [{ condition: 'can(regex("^[a-zA-Z0-9/_-]{1,250}$", var.ebs_key_alias_name)) && !startswith(var.ebs_key_alias_name, "aws/")', errorMessage: 'ebs_key_alias_name must be letters, digits, "/", "_" or "-", without "alias/" and not starting with "aws/".' }],
  });
  const rotation = stack.variable('ebs_key_rotation_period_days', {
    type: 'number',
    description: 'Days between rotations of the EBS key, 90-2560. Default 365.',
    default: 365,
    validation: [integerInRange('ebs_key_rotation_period_days', 90, 2560, 'days')],
  });
  const hops = stack.variable('instance_metadata_hop_limit', {
    type: 'number',
    description: 'Hops an IMDSv2 token response may travel, 1-64. Default 1: containers behind a bridge network cannot reach the instance\'s credentials. IMDSv2 is always required for new instances.',
    default: 1,
    validation: [integerInRange('instance_metadata_hop_limit', 1, 64, 'hops')],
  });

  const block = new AccountPublicAccessBlock(stack, 'this', { accountId: ACCOUNT_PLACEHOLDER });
  block.resource.addOverride('count', '${var.enable_s3_account_public_access_block ? 1 : 0}');
  const ec2 = new Ec2RegionalDefaults(stack, 'ec2', {
    accountId: ACCOUNT_PLACEHOLDER,
    partition,
    region: REGION_PLACEHOLDER,
    ebsKeyAliasName: alias.stringValue,
    ebsKeyRotationPeriodDays: rotation.numberValue,
    instanceMetadataHopLimit: hops.numberValue,
    tags: stack.moduleTags,
  });
  stack.replaceLiteral(ACCOUNT_PLACEHOLDER, 'var.account_id', 'substring');
  stack.replaceLiteral(REGION_PLACEHOLDER, PROVIDER_REGION, 'substring');

  stack.output('ebs_key_arn', ec2.ebsKey.keyArn, 'ARN of the key EBS encrypts new volumes with in this Region.');
  stack.output('ebs_encryption_by_default', ec2.encryptionByDefault.enabled, 'Always true: EBS encryption by default is on in this Region (CIS 2.2.1).');
}

export const accountDefaultsModule: ModuleDefinition = {
  name: 'account-defaults',
  title: 'account-wide S3 Block Public Access, EBS encryption by default, IMDSv2 defaults',
  summary: `
Account defaults of \`modules/account-defaults\`: S3 Block Public Access for the whole account
(\`AccountPublicAccessBlock\`), and per Region (\`Ec2RegionalDefaults\`) EBS encryption by default with a dedicated
customer-managed key usable only through EC2, and instance metadata defaults that require IMDSv2 with a hop limit of 1.
`,
  example: `
module "account_defaults" {
  source = "../.."

  account_id = "123456789012"
}

output "ebs_key_arn" {
  value = module.account_defaults.ebs_key_arn
}
`,
  notes: [
    'The S3 block is global per account, the EC2 settings per Region: for a second Region call the module again with an aliased provider and `enable_s3_account_public_access_block = false`.',
    'The EBS key has `prevent_destroy`. Its EC2 via-service condition names `ec2.<region>.<dns suffix>` of the provider\'s partition (`amazonaws.com.cn` in China).',
  ],
  build,
};
