import { Construct } from 'constructs';
import { OrganizationsDelegatedAdministrator } from '@cdktf/provider-aws/lib/organizations-delegated-administrator';
import { ValidationError } from '../core/errors';

export interface DelegatedAdministratorProps {
  /** The member account that administers the service for the organisation (usually the security account). */
  readonly accountId: string;
  /** The service principal, e.g. `access-analyzer.amazonaws.com`. */
  readonly servicePrincipal: string;
}

/**
 * Registers a member account as a service's delegated administrator (created in the management account). The
 * service's trusted access must be enabled in the organisation (`aws_service_access_principals`).
 */
export class DelegatedAdministrator extends Construct {
  readonly resource: OrganizationsDelegatedAdministrator;

  constructor(scope: Construct, id: string, props: DelegatedAdministratorProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    if (!/^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/.test(props.servicePrincipal)) {
      throw new ValidationError(this, 'servicePrincipal', props.servicePrincipal, 'must be a service principal such as "access-analyzer.amazonaws.com"');
    }
    this.resource = new OrganizationsDelegatedAdministrator(this, 'Resource', { accountId: props.accountId, servicePrincipal: props.servicePrincipal });
  }
}
