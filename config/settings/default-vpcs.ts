import { z } from 'zod';

/**
 * Default VPCs (`defaultVpcs`, optional): AWS creates one in every Region of a new account, with a security group and
 * network ACL that allow traffic. With `lockDown` the baseline adopts each account's default VPC in every Region it
 * runs in, removes all rules of its default security group and network ACL and turns on its flow logs.
 *
 * The baseline assumes a default VPC exists (AWS creates one in every Region of every new account; a deleted one is an
 * operator's deliberate, known act). `deleted` names the accounts and Regions where it was deleted: `aws_default_vpc`
 * would re-create it there, so the baseline leaves those alone. Were a deleted one missed here, the re-created VPC
 * would itself be locked down (no rules, flow logs on): an unwanted resource, not an opening.
 */
export const defaultVpcsSchema = z.strictObject(
  {
    /** Adopt and lock down the default VPCs. */
    lockDown: z.boolean().default(true),
    /** Account names and the Regions where their default VPC was deleted (the baseline never creates one there). */
    deleted: z
      .record(z.string(), z.array(z.string(), { error: 'must be a list of Region codes, e.g. [eu-west-1]' }), {
        error: 'must be a mapping of account names to Regions, e.g. { workload-dev: [eu-west-1] }',
      })
      .default({}),
  },
  { error: 'must be a mapping with lockDown and deleted' },
);

export type DefaultVpcsSettings = z.output<typeof defaultVpcsSchema>;
