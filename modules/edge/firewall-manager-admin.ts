import { Construct } from 'constructs';
import { Token, type TerraformProvider } from 'cdktf';
import { FmsAdminAccount } from '@cdktf/provider-aws/lib/fms-admin-account';
import { ValidationError } from '../core/errors';

/** The Region AWS Firewall Manager takes its administrator association from (the provider does not redirect it). */
export const FMS_ADMIN_REGION = 'us-east-1';

export interface FirewallManagerAdminProps {
  /**
   * The member account that becomes the Firewall Manager default administrator (12 digits).
   * Security: delegate to the security account, not the management account, so day-to-day policy work never needs
   * management-account credentials.
   */
  readonly adminAccountId: string;
  /**
   * The management account's provider for us-east-1, where the association must be made.
   * @default - the stack's default provider (whose Region must then be us-east-1)
   * Security: none; a provider in another Region fails at apply, so the composition passes one pinned to us-east-1.
   */
  readonly provider?: TerraformProvider;
}

/**
 * Makes an account the AWS Firewall Manager administrator (`aws_fms_admin_account`). Apply it with the organisation's
 * management account in us-east-1; Firewall Manager needs trusted access for `fms.amazonaws.com` in the organisation
 * and AWS Config recording in every account its policies cover.
 */
export class FirewallManagerAdmin extends Construct {
  readonly resource: FmsAdminAccount;
  /** The administrator account id. */
  readonly adminAccountId: string;

  constructor(scope: Construct, id: string, props: FirewallManagerAdminProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.adminAccountId) && !/^\d{12}$/.test(props.adminAccountId)) {
      throw new ValidationError(this, 'adminAccountId', props.adminAccountId, 'must be a 12-digit AWS account id');
    }
    this.resource = new FmsAdminAccount(this, 'Resource', { accountId: props.adminAccountId, provider: props.provider });
    this.adminAccountId = props.adminAccountId;
  }
}
