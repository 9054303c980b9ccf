import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { arn } from '../modules/core/arn';
import { defaultTagsFor } from './tags';

/**
 * The AWS provider of a stack: pinned to one account (`allowed_account_ids`, so a plan can never touch another
 * account), one Region, the account's deploy role, and the baseline's default tags. Nothing here calls AWS at
 * synth; account ids and ARNs come from the config.
 */
export function configureAwsProvider(scope: Construct, org: Organization, account: Account, region: AwsRegion, stackName: string): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region,
    allowedAccountIds: [account.id],
    assumeRole: [
      {
        roleArn: arn.role(org.partition, account.id, org.deployRoleName),
        sessionName: `baseline-${stackName}`.slice(0, 64),
      },
    ],
    defaultTags: [{ tags: defaultTagsFor(org, account) }],
  });
}
