import { arn } from '../core/arn';
import type { AwsPartition } from '../core/regions';
import { Statement } from '../iam/statement';

/**
 * The security-logs key statement for the AWS Config recorder roles of the organisation's accounts: they may generate
 * data keys (S3 encrypts their deliveries with the bucket's default key), only through S3 in the key's Region
 * (`kms:ViaService`), only as a recorder role (`aws:PrincipalArn`) of the organisation (`aws:PrincipalOrgID`).
 * One statement for any number of accounts; no Decrypt, so no member account can read the archive.
 */
export function configRecorderRolesKeyStatement(partition: AwsPartition, region: string, organizationId: string, roleNamePattern: string): Statement {
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return Statement.allow({
    sid: 'ConfigRecorderRolesEncryptViaS3',
    principal: { AWS: '*' },
    actions: ['kms:GenerateDataKey'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:PrincipalOrgID': organizationId, 'kms:ViaService': `s3.${region}.${suffix}` },
      ArnLike: { 'aws:PrincipalArn': arn.role(partition, '*', roleNamePattern) },
    },
  });
}
