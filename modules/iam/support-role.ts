import { Construct } from 'constructs';
import { AwsManagedPolicy, type IManagedPolicy } from './managed-policy';
import { Role } from './role';
import { Trust } from './trust';
import type { GlobalAccountContext } from '../core/account-context';

/** The role is created in `accountId`; its principals may assume it. */
export interface SupportRoleProps extends GlobalAccountContext {
  /** Role name. @default "aws-support" */
  readonly roleName?: string;
  /**
   * ARN patterns of the principals allowed to assume the role (`aws:PrincipalArn`), e.g. an IAM Identity Center role.
   * @default [] - any principal of the account whose IAM policy allows it
   * Security: narrow it to the team that handles AWS Support cases.
   */
  readonly principalArnPatterns?: readonly string[];
  /** Permissions boundary (people assume the role). */
  readonly permissionsBoundary: IManagedPolicy;
  /** @default 1 */
  readonly maxSessionHours?: number;
}

/** CIS 1.17: a role for managing incidents with AWS Support (the AWSSupportAccess managed policy), for people only. */
export class SupportRole extends Construct {
  readonly role: Role;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: SupportRoleProps) {
    super(scope, id);
    const partition = props.partition;
    this.role = new Role(this, 'Role', {
      roleName: props.roleName ?? 'aws-support',
      description: 'Manages AWS Support cases (CIS 1.17)',
      partition,
      accountId: props.accountId,
      maxSessionHours: props.maxSessionHours ?? 1,
      trust: [Trust.account({ accountId: props.accountId, principalArnPatterns: props.principalArnPatterns })],
      managedPolicies: [AwsManagedPolicy.of(partition, 'AWSSupportAccess')],
      permissionsBoundary: props.permissionsBoundary,
    });
    this.roleArn = this.role.roleArn;
  }
}
