import type { Construct } from 'constructs';
import type { Account, Organization } from '../config/organization';
import type { AwsRegion } from '../config/regions';
import { EncryptionKey } from '../modules/kms/key';
import { AccountStack } from './account-stack';
import { regionalStackName } from './naming';
import type { StackRegistry } from './registry';
import type { CrossStackHandoff } from './handoff';

/**
 * The baseline of one account in one Region. Global (once-per-account) resources go in the home-Region stack.
 * The account-role compositions (`compose/`, run by `composeBaseline`) build on this stack; it does not import them,
 * so the compositions can take it as their type without an import cycle.
 */
export class AccountBaselineStack extends AccountStack {
  /** The account's baseline key (home Region only). */
  readonly baselineKey: EncryptionKey | undefined;

  /** Stacks built before this one (other accounts' stacks this one may take values from). */
  readonly registry: StackRegistry<AccountBaselineStack>;

  /** What this stack's compositions hand to the stacks built after it (the hub, endpoint services, the logs key). */
  readonly handoff: CrossStackHandoff = { endpointServices: new Map() };

  constructor(scope: Construct, org: Organization, account: Account, region: AwsRegion, registry: StackRegistry<AccountBaselineStack>) {
    super(scope, { org, account, region, stackName: regionalStackName(account, region) });
    this.registry = registry;
    this.baselineKey = this.isHomeRegion
      ? new EncryptionKey(this, 'baseline-key', {
          ...this.accountContext,
          aliasName: `${org.name}/baseline`,
          description: `${org.name} baseline key for ${account.name}`,
          rotationPeriodDays: account.baselineKey.rotationPeriodDays,
          deletionWindowDays: account.baselineKey.deletionWindowDays,
        })
      : undefined;
  }
}
