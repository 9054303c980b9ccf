import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import type { AwsPartition } from '../modules/core/regions';
import type { ModuleStack, VariableValidation } from './lib/module-stack';

/** An HCL list literal of strings. */
export function hclList(values: readonly (string | number)[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** `var.<name>` is a whole number from min to max. */
export function integerInRange(name: string, min: number, max: number, unit: string): VariableValidation {
  return {
    condition: `var.${name} >= ${min} && var.${name} <= ${max} && floor(var.${name}) == var.${name}`,
    errorMessage: `${name} must be a whole number from ${min} to ${max} ${unit}.`,
  };
}

/** IAM role, user or account-root ARNs, as EncryptionKey checks them (no wildcards). */
export const IAM_PRINCIPAL_ARN_REGEX = String.raw`^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(root|role/[A-Za-z0-9_+=,.@/-]+|user/[A-Za-z0-9_+=,.@/-]+)$`;
/** A KMS key ARN (not an alias): what SSE-KMS and log-group encryption should name. */
export const KMS_KEY_ARN_REGEX = String.raw`^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$`;
/** An S3 bucket name, as SecureBucket checks it (the `..` rule is a separate check). */
export const BUCKET_NAME_REGEX = String.raw`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`;
/** An SNS topic ARN. */
export const SNS_TOPIC_ARN_REGEX = String.raw`^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$`;

/** HCL expressions of the calling provider's Region and partition (data sources that read nothing from AWS). */
export const PROVIDER_REGION = 'data.aws_region.current.name';
export const PROVIDER_PARTITION = 'data.aws_partition.current.partition';
export const PROVIDER_DNS_SUFFIX = 'data.aws_partition.current.dns_suffix';

/** The Region and partition of the calling provider, as tokens for the constructs. */
export interface ProviderContext {
  readonly region: string;
  /** A token typed as a partition: constructs only put it into ARNs. */
  readonly partition: AwsPartition;
  /** `amazonaws.com` (`amazonaws.com.cn` in China): the service principal suffix. */
  readonly dnsSuffix: string;
}

/**
 * Region and partition from the calling provider (`data.aws_region.current`, `data.aws_partition.current`): both
 * resolve offline, from the provider configuration. Modules never take a `region` or `partition` input, so a module
 * cannot be told a Region its provider does not use (which would build wrong ARNs and service principals).
 */
export function providerContext(stack: ModuleStack): ProviderContext {
  const region = new DataAwsRegion(stack, 'current', {});
  const partition = new DataAwsPartition(stack, 'current-partition', {});
  // Construct ids are unique per scope, Terraform names only per type: the partition data source is `current` too.
  stack.nameElement(partition, 'current');
  return { region: region.name, partition: partition.partition as AwsPartition, dnsSuffix: partition.dnsSuffix };
}

/** `account_id`: an input (aws_caller_identity would call AWS at plan). */
export function declareAccountId(stack: ModuleStack, use: string): string {
  return stack.variable('account_id', {
    type: 'string',
    description: `AWS account the resources are created in (12 digits). An input, not a data source, so plans never call AWS; ${use}`,
    validation: [{ condition: 'can(regex("^[0-9]{12}$", var.account_id))', errorMessage: 'account_id must be a 12-digit AWS account id.' }],
  }).stringValue;
}

/** `vpc_id`: the VPC a module's resources go into or record; `description` says which and how. */
export function declareVpcId(stack: ModuleStack, description: string): string {
  return stack.variable('vpc_id', {
    type: 'string',
    description,
    validation: [{ condition: 'can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))', errorMessage: 'vpc_id must be a VPC id such as "vpc-0123456789abcdef0".' }],
  }).stringValue;
}

/**
 * An organisation id of the right shape for the constructs' own checks, which the modules replace with
 * `var.organization_id` (see {@link declareOrganizationId}).
 */
export const ORGANIZATION_PLACEHOLDER = 'o-xexportorgx';

/** `organization_id`: the AWS Organizations id a module's policies are limited to; `use` says how (the description). */
export function declareOrganizationId(stack: ModuleStack, use: string): void {
  stack.variable('organization_id', {
    type: 'string',
    description: `AWS Organizations id ("o-..."): ${use}`,
    validation: [{ condition: 'can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))', errorMessage: 'organization_id must be an AWS Organizations id such as "o-a1b2c3d4e5".' }],
  });
}

/** `tags`: merged into every taggable resource (with the Name tags the constructs set). */
export function declareTagsVariable(stack: ModuleStack): void {
  stack.variable('tags', {
    type: 'map(string)',
    description: 'Tags for every taggable resource of the module, merged with the Name tags the module sets. Default {}. Provider default_tags also apply.',
    default: {},
    validation: [
      {
        condition: 'alltrue([for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")])',
        errorMessage: 'tags keys must be 1-128 characters and not start with "aws:", values at most 256 characters.',
      },
    ],
  });
}
