import { ALL_REGIONS, CHINA_REGIONS, GOVCLOUD_REGIONS, PARTITIONS, type AwsPartition } from '../config/regions';
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

/** Expression: the partition a Region belongs to (the same lists as config/regions.ts). */
function partitionOfRegionExpression(region: string): string {
  return `contains(${hclList(GOVCLOUD_REGIONS)}, ${region}) ? "aws-us-gov" : (contains(${hclList(CHINA_REGIONS)}, ${region}) ? "aws-cn" : "aws")`;
}

/**
 * `account_id`, `partition` and `region`: every module takes them as inputs, so a plan never calls AWS (no
 * `aws_caller_identity`, `aws_partition` or `aws_region` data sources).
 */
export function declareAccountVariables(stack: ModuleStack): { accountId: string; partition: AwsPartition; region: string } {
  const accountId = stack.variable('account_id', {
    type: 'string',
    description: 'AWS account the resources are created in (12 digits). An input, not a data source, so plans never call AWS; also used in policy conditions that stop other accounts from using the resources.',
    validation: [{ condition: 'can(regex("^[0-9]{12}$", var.account_id))', errorMessage: 'account_id must be a 12-digit AWS account id.' }],
  });
  const partition = stack.variable('partition', {
    type: 'string',
    description: `Partition of the account: one of ${PARTITIONS.join(', ')}. Used in ARNs. Default "aws".`,
    default: 'aws',
    validation: [{ condition: `contains(${hclList(PARTITIONS)}, var.partition)`, errorMessage: `partition must be one of ${PARTITIONS.join(', ')}.` }],
  });
  const region = stack.variable('region', {
    type: 'string',
    description: 'AWS Region of the resources (must match the provider\'s Region), e.g. "us-east-1". Only the Regions the baseline knows are accepted, so a typo fails at plan instead of at the first API call.',
    validation: [
      { condition: `contains(${hclList(ALL_REGIONS)}, var.region)`, errorMessage: 'region must be an AWS Region the baseline knows, such as "us-east-1".' },
      { condition: `var.partition == (${partitionOfRegionExpression('var.region')})`, errorMessage: 'region must belong to partition (us-gov-* to "aws-us-gov", cn-* to "aws-cn", others to "aws").' },
    ],
  });
  return { accountId: accountId.stringValue, partition: partition.stringValue as AwsPartition, region: region.stringValue };
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
