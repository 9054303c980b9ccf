import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { allSecurityServiceTamperActions } from './guardrail-actions';
import { ManagedPolicy, type IManagedPolicy } from './managed-policy';
import { Policy } from './policy';
import { Statement } from './statement';
import { IAM_ROLE_ARN_PATTERN } from '../core/arn-patterns';

/** Services a bounded role never gets: identity, organisation and account administration. */
export const BOUNDARY_DENIED_SERVICES: readonly string[] = ['iam', 'organizations', 'account'];

export interface PermissionsBoundaryProps {
  /**
   * Name of the managed policy.
   * @default "permissions-boundary"
   * Security: a fixed name lets IAM policies require it (`iam:PermissionsBoundary`) when developers create roles.
   */
  readonly policyName?: string;
  /**
   * Role ARNs (or ARN patterns) that bounded roles may pass to AWS services (`iam:PassRole` only; every other IAM action
   * stays denied, on those roles too).
   * @default [] - no iam:PassRole at all
   * Security: passing a role is how a bounded principal gives a service permissions; allow only the roles it must pass.
   */
  readonly passableRoleArns?: readonly string[];
  /**
   * More actions to deny under the boundary.
   * @default []
   */
  readonly additionalDeniedActions?: readonly string[];
  /** Tags for the policy. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A permissions boundary for roles people, CI and developers use: whatever their policies grant, they get no IAM,
 * Organizations or account-management actions, and cannot switch off CloudTrail, GuardDuty, Config, Security Hub or
 * Access Analyzer. The ceiling is `Allow *`: a boundary grants nothing by itself, it only limits what policies grant.
 */
export class PermissionsBoundary extends Construct implements IManagedPolicy {
  readonly policy: ManagedPolicy;
  readonly policyArn: string;
  readonly policyName: string;
  readonly awsManaged = false;
  /** The rendered boundary JSON. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: PermissionsBoundaryProps = {}) {
    super(scope, id);
    const passable = props.passableRoleArns ?? [];
    passable.forEach((arn, i) => {
      if (!IAM_ROLE_ARN_PATTERN.test(arn)) {
        throw new ValidationError(this, `passableRoleArns[${i}]`, arn, 'must be an IAM role ARN (wildcards allowed in the name), e.g. "arn:aws:iam::123456789012:role/app-*"');
      }
    });
    const deniedServiceActions = BOUNDARY_DENIED_SERVICES.map((s) => `${s}:*`);
    const statements: Statement[] = [
      Statement.allow({ sid: 'BoundaryCeiling', actions: ['*'], resources: ['*'] }),
      passable.length === 0
        ? Statement.deny({ sid: 'DenyIdentityOrganizationAccountAdmin', actions: deniedServiceActions, resources: ['*'] })
        : Statement.deny({ sid: 'DenyIdentityOrganizationAccountAdmin', actions: deniedServiceActions, notResources: passable }),
      ...(passable.length > 0
        ? [Statement.deny({ sid: 'DenyAllButPassRoleOnPassableRoles', notActions: ['iam:PassRole'], resources: passable })]
        : []),
      Statement.deny({ sid: 'DenySecurityServiceTampering', actions: allSecurityServiceTamperActions(), resources: ['*'] }),
      ...((props.additionalDeniedActions ?? []).length > 0
        ? [Statement.deny({ sid: 'DenyAdditional', actions: props.additionalDeniedActions, resources: ['*'] })]
        : []),
    ];
    this.policy = new ManagedPolicy(this, 'Policy', {
      policyName: props.policyName ?? 'permissions-boundary',
      description: 'Permissions boundary: no IAM, Organizations or account administration, no tampering with security services',
      policy: Policy.of(...statements),
      isBoundary: true,
      tags: props.tags,
    });
    this.policyArn = this.policy.policyArn;
    this.policyName = this.policy.policyName;
    this.policyJson = this.policy.policyJson;
  }
}
