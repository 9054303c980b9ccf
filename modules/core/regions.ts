/**
 * AWS Regions the baseline knows, grouped by partition. A Region outside this list is refused at synth:
 * a typo such as `eu-west-4` would otherwise surface only when the provider first calls AWS.
 */
export const COMMERCIAL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-south-1', 'eu-south-2', 'eu-north-1',
  'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
] as const;

export const GOVCLOUD_REGIONS = ['us-gov-east-1', 'us-gov-west-1'] as const;
export const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

export const ALL_REGIONS = [...COMMERCIAL_REGIONS, ...GOVCLOUD_REGIONS, ...CHINA_REGIONS] as const;
export type AwsRegion = (typeof ALL_REGIONS)[number];

export const PARTITIONS = ['aws', 'aws-us-gov', 'aws-cn'] as const;
export type AwsPartition = (typeof PARTITIONS)[number];

/** The partition a Region belongs to. */
export function partitionOfRegion(region: AwsRegion): AwsPartition {
  if ((GOVCLOUD_REGIONS as readonly string[]).includes(region)) return 'aws-us-gov';
  if ((CHINA_REGIONS as readonly string[]).includes(region)) return 'aws-cn';
  return 'aws';
}
