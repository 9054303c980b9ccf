import type { Construct } from 'constructs';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { EncryptionKey } from '../modules/kms/key';
import { AccountStack } from './account-stack';
import { regionalStackName } from './naming';
import { composeDataProtection } from './compose/data-protection';
import { composeIdentity } from './compose/identity';

/**
 * The baseline of one account in one Region. Global (once-per-account) resources go in the home-Region stack.
 * The account-role compositions (management, log-archive, security, network, workload) build on this stack.
 */
export class AccountBaselineStack extends AccountStack {
  /** The account's baseline key (home Region only). */
  readonly baselineKey: EncryptionKey | undefined;

  constructor(scope: Construct, org: Organization, account: Account, region: AwsRegion) {
    super(scope, { org, account, region, stackName: regionalStackName(account, region) });
    this.baselineKey = this.isHomeRegion
      ? new EncryptionKey(this, 'baseline-key', {
          accountId: account.id,
          partition: org.partition,
          region,
          aliasName: `${org.name}/baseline`,
          description: `${org.name} baseline key for ${account.name}`,
          rotationPeriodDays: account.baselineKey.rotationPeriodDays,
          deletionWindowDays: account.baselineKey.deletionWindowDays,
        })
      : undefined;
    composeDataProtection(this);
    composeIdentity(this);
  }
}
