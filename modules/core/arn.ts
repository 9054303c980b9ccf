import type { AwsPartition } from './regions';

/** ARNs built from config values, so plans never need AWS to learn them. */
export const arn = {
  accountRoot: (partition: AwsPartition, accountId: string) => `arn:${partition}:iam::${accountId}:root`,
  role: (partition: AwsPartition, accountId: string, roleName: string) => `arn:${partition}:iam::${accountId}:role/${roleName}`,
  bucket: (partition: AwsPartition, bucketName: string) => `arn:${partition}:s3:::${bucketName}`,
  kmsAlias: (partition: AwsPartition, region: string, accountId: string, aliasName: string) =>
    `arn:${partition}:kms:${region}:${accountId}:${aliasName}`,
  dynamodbTable: (partition: AwsPartition, region: string, accountId: string, table: string) =>
    `arn:${partition}:dynamodb:${region}:${accountId}:table/${table}`,
};

/** The service principal's DNS suffix; China Regions use amazonaws.com.cn for some services, handled where needed. */
export function servicePrincipal(service: string): string {
  return `${service}.amazonaws.com`;
}
