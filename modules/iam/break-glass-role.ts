import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { AwsManagedPolicy } from './managed-policy';
import { Role } from './role';
import { Trust } from './trust';
import type { GlobalAccountContext } from '../core/account-context';

/** The principal tag the guardrail SCPs exempt, unless the organisation config chooses another. */
export const DEFAULT_BREAK_GLASS_TAG = { key: 'break-glass', value: 'true' } as const;

/** The role is created in `accountId`. */
export interface BreakGlassRoleProps extends GlobalAccountContext {
  /**
   * Role name.
   * @default "break-glass"
   * Security: a fixed, well-known name so alarms on its use are easy to write.
   */
  readonly roleName?: string;
  /**
   * Tag key and value that mark the role as break-glass; the SCPs exempt principals carrying it.
   * @default { key: "break-glass", value: "true" }
   */
  readonly tag?: { readonly key: string; readonly value: string };
  /**
   * IAM users or roles of the account that may assume the role.
   * @default - the account root: principals of the account whose IAM policy allows it
   */
  readonly trustedPrincipalArns?: readonly string[];
  /**
   * Require MFA to assume the role.
   * @default true
   * Security: break-glass credentials are kept offline with a hardware MFA device; without MFA a leaked key is admin.
   */
  readonly requireMfa?: boolean;
  /**
   * Longest session in hours (1 to 12).
   * @default 1
   * Security: emergency sessions are re-authorised hourly.
   */
  readonly maxSessionHours?: number;
}

/**
 * The emergency administrator role: AdministratorAccess, no permissions boundary, MFA to assume, and the tag the
 * guardrail SCPs exempt so that responders are never locked out by a Region or service restriction.
 */
export class BreakGlassRole extends Construct {
  readonly role: Role;
  readonly roleArn: string;
  readonly roleName: string;
  readonly tag: { readonly key: string; readonly value: string };

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    const partition = props.partition;
    this.tag = props.tag ?? DEFAULT_BREAK_GLASS_TAG;
    if (!/^[\w.:/=+@-]{1,128}$/.test(this.tag.key) || this.tag.key.toLowerCase().startsWith('aws:')) {
      throw new ValidationError(this, 'tag.key', this.tag.key, 'must be a tag key (1-128 of letters, digits and _.:/=+@-, not starting with "aws:")');
    }
    if (this.tag.value.length === 0 || this.tag.value.length > 256) throw new ValidationError(this, 'tag.value', this.tag.value, 'must be 1 to 256 characters');
    this.roleName = props.roleName ?? 'break-glass';
    this.role = new Role(this, 'Role', {
      roleName: this.roleName,
      description: 'Emergency administrator access; every use is an incident',
      partition,
      accountId: props.accountId,
      maxSessionHours: props.maxSessionHours ?? 1,
      trust: [Trust.account({ accountId: props.accountId, principalArns: props.trustedPrincipalArns, requireMfa: props.requireMfa ?? true })],
      managedPolicies: [AwsManagedPolicy.of(partition, 'AdministratorAccess')],
      breakGlass: { reason: 'emergency administrator access when normal access paths are unavailable' },
      withoutPermissionsBoundary: { reason: 'a boundary would cap the emergency access this role exists for' },
      tags: { [this.tag.key]: this.tag.value },
    });
    this.roleArn = this.role.roleArn;
  }
}
