import type { Construct } from 'constructs';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { EncryptionKey } from '../modules/kms/key';
import { AccountStack } from './account-stack';
import { regionalStackName } from './naming';
import type { StackRegistry } from './registry';
import { composeDataProtection } from './compose/data-protection';
import { composeIdentity } from './compose/identity';
import { composeNetwork } from './compose/network';
import { composeWaf } from './compose/waf';
import { composeDetection } from './compose/detection';
import { composeHcpTerraform } from './compose/hcp-terraform';

/**
 * The baseline of one account in one Region. Global (once-per-account) resources go in the home-Region stack.
 * The account-role compositions (management, log-archive, security, network, workload) build on this stack.
 */
export class AccountBaselineStack extends AccountStack {
  /** The account's baseline key (home Region only). */
  readonly baselineKey: EncryptionKey | undefined;

  /** Stacks built before this one (other accounts' stacks this one may take values from). */
  readonly registry: StackRegistry;

  constructor(scope: Construct, org: Organization, account: Account, region: AwsRegion, registry: StackRegistry) {
    super(scope, { org, account, region, stackName: regionalStackName(account, region) });
    this.registry = registry;
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
    composeNetwork(this);
    composeWaf(this);
    composeDetection(this);
    composeHcpTerraform(this);
  }
}
