import { Construct } from 'constructs';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { ValidationError } from '../core/errors';
import { ManagedPolicy } from './managed-policy';
import { Policy } from './policy';
import { Statement } from './statement';
import type { GlobalAccountContext } from '../core/account-context';

/** What a person may do before signing in with MFA: see the password rules, set a password, enrol an MFA device. */
export const MFA_SELF_SERVICE_ACTIONS: readonly string[] = [
  'iam:GetAccountPasswordPolicy',
  'iam:ListVirtualMFADevices',
  'iam:GetUser',
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ListMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

/** The policy is created in `accountId`; self-service is scoped to its users. */
export interface RequireMfaPolicyProps extends GlobalAccountContext {
  /** Name of the managed policy. @default "require-mfa" */
  readonly policyName?: string;
  /**
   * Name of an IAM group the policy is attached to, for IAM users (break-glass users) to join.
   * @default "require-mfa"
   * Security: permissions reach users only through groups (CIS 1.15).
   */
  readonly groupName?: string;
}

/**
 * A managed policy for people with IAM user sign-ins: until they sign in with MFA, everything is denied except
 * managing their own password and MFA device; with MFA it adds nothing (other policies grant the real work).
 */
export class RequireMfaPolicy extends Construct {
  readonly policy: ManagedPolicy;
  readonly group: IamGroup;
  readonly policyArn: string;

  constructor(scope: Construct, id: string, props: RequireMfaPolicyProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    const iam = `arn:${props.partition}:iam::${props.accountId}`;
    const ownUser = `${iam}:user/\${aws:username}`;
    const policy = Policy.of(
      Statement.allow({ sid: 'AllowViewPasswordRulesAndMfaDevices', actions: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], resources: ['*'] }),
      Statement.allow({ sid: 'AllowManageOwnPassword', actions: ['iam:ChangePassword', 'iam:GetUser'], resources: [ownUser] }),
      Statement.allow({ sid: 'AllowCreateOwnVirtualMfaDevice', actions: ['iam:CreateVirtualMFADevice'], resources: [`${iam}:mfa/\${aws:username}`] }),
      Statement.allow({
        sid: 'AllowManageOwnMfa',
        actions: ['iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'iam:DeactivateMFADevice'],
        resources: [ownUser],
      }),
      Statement.deny({
        sid: 'DenyAllButMfaSelfServiceWithoutMfa',
        notActions: MFA_SELF_SERVICE_ACTIONS,
        resources: ['*'],
        conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    );
    this.policy = new ManagedPolicy(this, 'Policy', {
      policyName: props.policyName ?? 'require-mfa',
      description: 'Denies everything except password and MFA self-service to IAM users signed in without MFA',
      policy,
    });
    this.policyArn = this.policy.policyArn;
    this.group = new IamGroup(this, 'Group', { name: props.groupName ?? 'require-mfa' });
    new IamGroupPolicyAttachment(this, 'GroupAttachment', { group: this.group.name, policyArn: this.policy.policyArn });
  }
}
