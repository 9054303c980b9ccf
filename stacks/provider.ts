import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { arn } from '../modules/core/arn';
import { defaultTagsFor } from './tags';

/**
 * The AWS provider of a stack: pinned to one account (`allowed_account_ids`, so a plan can never touch another
 * account), one Region, the account's deploy role, and the baseline's default tags. Nothing here calls AWS at
 * synth; account ids and ARNs come from the config. In the cloud state mode there is no role to assume: HCP
 * Terraform's dynamic credentials give each run phase its own role in the account.
 */
export function configureAwsProvider(scope: Construct, org: Organization, account: Account, region: AwsRegion, stackName: string): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region,
    allowedAccountIds: [account.id],
    // cloud state: the HCP Terraform run role of the phase (read-only for plans) is the credential; assuming the deploy
    // role from it would turn a read-only plan credential into a write one (see stacks/compose/hcp-terraform.ts).
    assumeRole:
      org.state.mode === 'cloud'
        ? undefined
        : [
            {
              roleArn: arn.role(org.partition, account.id, org.deployRoleName),
              sessionName: `baseline-${stackName}`.slice(0, 64),
            },
          ],
    defaultTags: [{ tags: defaultTagsFor(org, account) }],
  });
}
