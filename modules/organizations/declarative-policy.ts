
/**
 * The EC2 declarative policy (Organizations `DECLARATIVE_POLICY_EC2`): account attributes set for every account
 * under its targets, which account administrators can no longer change (AWS refuses the API calls):
 * - instance metadata defaults: IMDSv2 required, with the hop limit given (CIS 5.6);
 * - no public sharing of AMIs (`block_new_sharing`) or EBS snapshots (`block_all_sharing`);
 * - no EC2 serial console access.
 * Accounts under it must not also manage the same attribute themselves (`aws_ec2_instance_metadata_defaults`):
 * AWS refuses changes to attributes a declarative policy manages.
 */
export interface Ec2DeclarativePolicyOptions {
  /**
   * Hops an IMDSv2 token response may travel (1-64).
   * Security: 1 keeps containers behind a bridge network away from the instance's credentials.
   */
  readonly instanceMetadataHopLimit: number;
  /** Shown to whoever is refused (a URL to the organisation's exception process, say). @default - AWS's own message */
  readonly exceptionMessage?: string;
}

/** The EC2 declarative policy JSON (compact). */
export function ec2DeclarativePolicyDocument(options: Ec2DeclarativePolicyOptions): string {
  const hops = options.instanceMetadataHopLimit;
  if (!Number.isInteger(hops) || hops < 1 || hops > 64) throw new Error(`instanceMetadataHopLimit must be a whole number from 1 to 64 hops (got ${JSON.stringify(hops)})`);
  const assign = (value: string) => ({ '@@assign': value });
  return JSON.stringify({
    ec2_attributes: {
      ...(options.exceptionMessage !== undefined ? { exception_message: assign(options.exceptionMessage) } : {}),
      instance_metadata_defaults: {
        http_tokens: assign('required'),
        http_put_response_hop_limit: assign(String(options.instanceMetadataHopLimit)),
        http_endpoint: assign('enabled'),
        instance_metadata_tags: assign('disabled'),
      },
      image_block_public_access: { state: assign('block_new_sharing') },
      snapshot_block_public_access: { state: assign('block_all_sharing') },
      serial_console_access: { status: assign('disabled') },
    },
  });
}
