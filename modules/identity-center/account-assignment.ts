import { Construct } from 'constructs';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { ValidationError } from '../core/errors';
import type { PermissionSet } from './permission-set';

/** Who an assignment is for: an Identity Center group (preferred) or a single user. */
export type PrincipalType = 'GROUP' | 'USER';

/** An Identity Store user or group id, e.g. `906742d3d7-1f2b3c4d-...` or a plain UUID. */
export const IDENTITY_STORE_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

export interface AccountAssignmentProps {
  /**
   * The permission set to grant; its instance is used, and the assignment waits for the set's policy attachments.
   * Security: the assignment grants exactly what the permission set's policies allow, in `accountId` only.
   */
  readonly permissionSet: PermissionSet;
  /**
   * The 12-digit AWS account the principal gets access to (target type AWS_ACCOUNT).
   * Security: one assignment per account; there is no organisation-wide wildcard.
   */
  readonly accountId: string;
  /**
   * Whether `principalId` is a group or a user.
   * @default "GROUP"
   * Security: grant groups, so access follows group membership in the identity source and is reviewed in one place.
   */
  readonly principalType?: PrincipalType;
  /**
   * The Identity Store id of the group or user, from config (never looked up at plan time).
   * Security: an id, not a display name, so a renamed or recreated group cannot silently inherit access.
   */
  readonly principalId: string;
}

/** Grants a group or user a permission set in one AWS account. */
export class AccountAssignment extends Construct {
  readonly resource: SsoadminAccountAssignment;

  constructor(scope: Construct, id: string, props: AccountAssignmentProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    const principalType = props.principalType ?? 'GROUP';
    if (principalType !== 'GROUP' && principalType !== 'USER') throw new ValidationError(this, 'principalType', principalType, 'must be "GROUP" or "USER"');
    if (!IDENTITY_STORE_ID.test(props.principalId)) {
      throw new ValidationError(this, 'principalId', props.principalId, 'must be an Identity Store id, e.g. "906742d3d7-1f2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"');
    }
    this.resource = new SsoadminAccountAssignment(this, 'Resource', {
      instanceArn: props.permissionSet.instanceArn,
      permissionSetArn: props.permissionSet.permissionSetArn,
      principalType,
      principalId: props.principalId,
      targetType: 'AWS_ACCOUNT',
      targetId: props.accountId,
      dependsOn: props.permissionSet.attachments.length > 0 ? [...props.permissionSet.attachments] : undefined,
    });
  }
}
