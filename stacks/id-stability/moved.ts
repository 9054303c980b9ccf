/**
 * The id-stability file: every intended change of a resource address (a Terraform logical id) in the baseline's
 * stacks. Addresses are state addresses: a renamed construct id would destroy and re-create the resource (a KMS key
 * with it, or a log bucket). Each entry here becomes a Terraform `moved` block in every stack that holds `to`, so
 * existing state follows the rename, and the id-stability test (`test/stacks/id-stability.test.ts`) accepts the change
 * against the recorded addresses in `stacks/id-stability/addresses/`.
 *
 * Add an entry in the same change that renames the construct, with the reason; never remove one while a deployed
 * estate may still hold the old address (Terraform treats a `moved` block whose `from` is absent as a no-op).
 */
export interface MovedResource {
  /** The old address, `<type>.<logical id>`. */
  readonly from: string;
  /** The new address, `<type>.<logical id>`; must have the same resource type. */
  readonly to: string;
  /** Stacks the move applies to: a stack name or a glob with `*` (default: every stack that holds `to`). */
  readonly stacks?: string;
  /** Why the address changed (reviewed with the change). */
  readonly reason: string;
}

/**
 * Addresses removed on purpose (the resource is no longer managed or no longer exists). Terraform destroys a removed
 * resource on the next apply unless the operator runs `terraform state rm`; the reason says which is intended.
 */
export interface RemovedResource {
  readonly address: string;
  readonly stacks?: string;
  readonly reason: string;
}

export const MOVED_RESOURCES: readonly MovedResource[] = [];

export const REMOVED_RESOURCES: readonly RemovedResource[] = [
  {
    address: 'aws_ec2_instance_metadata_defaults.ec2-defaults_InstanceMetadataDefaults_DDC98FD6',
    reason:
      'Accounts under the organisation EC2 declarative policy (organizationPolicies.ec2DeclarativePolicy) get their IMDS ' +
      'defaults from it; AWS refuses per-account changes to attributes a declarative policy manages, so the account ' +
      'stack no longer sets them. Intended: the operator runs `terraform state rm` on this address in each such stack ' +
      'before its next apply (destroying it would call ModifyInstanceMetadataDefaults, which the policy refuses); accounts ' +
      'the policy does not cover keep the resource as the fallback.',
  },
];
