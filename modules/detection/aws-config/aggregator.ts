import { Construct } from 'constructs';
import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import type { ITerraformDependable } from 'cdktf';
import type { AwsPartition } from '../../core/regions';
import { ValidationError } from '../../core/errors';
import { AwsManagedPolicy, Role, Trust } from '../../iam';

export interface OrganizationAggregatorProps {
  /** Aggregator name. */
  readonly aggregatorName: string;
  readonly partition: AwsPartition;
  /** The account holding the aggregator (the management account, or Config's delegated administrator). */
  readonly accountId: string;
  /** Name of the role Config uses to read the organisation. @default "<aggregatorName>-role" */
  readonly roleName?: string;
  /** Resources created first (the delegated-administrator registration). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An AWS Config aggregator over every account of the organisation and every Region (so a Region enabled later is
 * covered without a change), through a role that may only list the organisation's accounts.
 */
export class OrganizationAggregator extends Construct {
  readonly resource: ConfigConfigurationAggregator;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: OrganizationAggregatorProps) {
    super(scope, id);
    if (!/^[\w-]{1,256}$/.test(props.aggregatorName)) {
      throw new ValidationError(this, 'aggregatorName', props.aggregatorName, 'must be 1-256 letters, digits, "-" or "_"');
    }
    this.role = new Role(this, 'Role', {
      roleName: props.roleName ?? `${props.aggregatorName}-role`.slice(0, 64),
      description: 'Lets AWS Config list the organisation for the aggregator',
      partition: props.partition,
      accountId: props.accountId,
      trust: [Trust.service('config.amazonaws.com', { sourceAccount: props.accountId })],
      managedPolicies: [AwsManagedPolicy.of(props.partition, 'service-role/AWSConfigRoleForOrganizations')],
      tags: props.tags,
    });
    this.resource = new ConfigConfigurationAggregator(this, 'Resource', {
      name: props.aggregatorName,
      organizationAggregationSource: { allRegions: true, roleArn: this.role.roleArn },
      tags: props.tags ? { ...props.tags } : undefined,
      dependsOn: [this.role.resource, ...(props.dependsOn ?? [])],
    });
  }
}
