import type { AwsPartition } from './regions';

/**
 * Where a construct's resources live: the partition, account and Region that every ARN it writes is built from.
 * Props that need them extend this interface (or pick from it), so a stack passes one object, its own
 * `accountContext`, instead of repeating three props, and no construct guesses a partition.
 */
export interface AccountContext {
  /**
   * The account's partition (`aws`, `aws-cn` or `aws-us-gov`). Required, with no default: an ARN in the wrong
   * partition (a GovCloud account with `arn:aws:`) names nothing, so a policy built from it silently grants nothing
   * or, in a Deny, protects nothing.
   */
  readonly partition: AwsPartition;
  /** The 12-digit id of the account the resources are created in. */
  readonly accountId: string;
  /** The Region the resources are created in. */
  readonly region: string;
}

/** The partition and account, for constructs of once-per-account (global) resources such as IAM. */
export type GlobalAccountContext = Pick<AccountContext, 'partition' | 'accountId'>;
