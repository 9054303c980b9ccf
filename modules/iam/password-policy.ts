import { Construct } from 'constructs';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { requireIntegerInRange } from '../core/errors';

/** CIS AWS Foundations 1.9: remember this many previous passwords (the IAM maximum). */
export const PASSWORD_REUSE_PREVENTION = 24;

export interface PasswordPolicyProps {
  /**
   * Minimum password length (14 to 128).
   * @default 14
   * Security: CIS 1.8 asks for at least 14 characters.
   */
  readonly minimumLength?: number;
  /**
   * Days before a password expires (1 to 1095).
   * @default 90
   * Security: Checkov CKV_AWS_9 asks for 90 days or less; IAM users should be rare (break-glass only) anyway.
   */
  readonly maxAgeDays?: number;
}

/**
 * The account's IAM password policy: CIS 1.8/1.9 (length 14+, the last 24 passwords remembered), upper and lower
 * case, numbers and symbols required, users may change their own password, expired passwords can be reset.
 */
export class PasswordPolicy extends Construct {
  readonly resource: IamAccountPasswordPolicy;

  constructor(scope: Construct, id: string, props: PasswordPolicyProps = {}) {
    super(scope, id);
    const minimumLength = props.minimumLength ?? 14;
    const maxAgeDays = props.maxAgeDays ?? 90;
    requireIntegerInRange(this, 'minimumLength', minimumLength, 14, 128, 'characters (CIS 1.8 asks for at least 14)');
    requireIntegerInRange(this, 'maxAgeDays', maxAgeDays, 1, 1095, 'days');
    this.resource = new IamAccountPasswordPolicy(this, 'Resource', {
      minimumPasswordLength: minimumLength,
      passwordReusePrevention: PASSWORD_REUSE_PREVENTION,
      requireLowercaseCharacters: true,
      requireUppercaseCharacters: true,
      requireNumbers: true,
      requireSymbols: true,
      allowUsersToChangePassword: true,
      maxPasswordAge: maxAgeDays,
      hardExpiry: false,
    });
  }
}
