import { Construct } from 'constructs';
import { S3AccountPublicAccessBlock as S3AccountPublicAccessBlockResource } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { ValidationError } from '../core/errors';

export interface AccountPublicAccessBlockProps {
  /** Account the setting applies to (12 digits); the provider must be pinned to it. */
  readonly accountId: string;
}

/**
 * S3 Block Public Access for the whole account (CIS 2.1.4): public ACLs are blocked and ignored, public bucket
 * policies are refused, and buckets that already have one are restricted to AWS principals of the account. All four
 * settings are always on; one per account (a global setting, so only in the home-Region stack).
 */
export class AccountPublicAccessBlock extends Construct {
  readonly resource: S3AccountPublicAccessBlockResource;

  constructor(scope: Construct, id: string, props: AccountPublicAccessBlockProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    }
    this.resource = new S3AccountPublicAccessBlockResource(this, 'Resource', {
      accountId: props.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
}
