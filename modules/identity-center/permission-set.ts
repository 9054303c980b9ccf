import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import type { AwsPartition } from '../core/regions';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import { ADMIN_EQUIVALENT_AWS_POLICIES, AwsManagedPolicy, assertValidPolicy, escapeForTerraform, type BreakGlassMark, type Policy } from '../iam';

/** An IAM Identity Center instance ARN: `arn:<partition>:sso:::instance/ssoins-<16 characters>`. */
export const INSTANCE_ARN = /^arn:(aws|aws-us-gov|aws-cn):sso:::instance\/ssoins-[a-zA-Z0-9-.]{16}$/;
/** A permission set name: 1 to 32 letters, digits or `+=,.@_-`. */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;
/** AWS managed job-function policies, whose ARN has the `job-function/` path (`.../policy/job-function/ViewOnlyAccess`). */
const JOB_FUNCTION_POLICIES = ['Billing', 'DataScientist', 'DatabaseAdministrator', 'NetworkAdministrator', 'SupportUser', 'SystemAdministrator', 'ViewOnlyAccess'];
/** Managed policies (AWS and customer managed together) per permission set. */
const MAX_MANAGED_POLICIES = 20;

/** A customer managed policy referenced by name; it must exist, with this name and path, in every assigned account. */
export interface CustomerManagedPolicyReference {
  /** The policy name, e.g. `permissions-boundary`. */
  readonly policyName: string;
  /** The policy's IAM path. @default "/" */
  readonly path?: string;
}

export interface PermissionSetProps {
  /**
   * The IAM Identity Center instance (`arn:aws:sso:::instance/ssoins-...`); its partition is used for AWS managed policy ARNs.
   * The stack's provider must be in the instance's Region.
   * Security: no effect.
   */
  readonly instanceArn: string;
  /**
   * The permission set name (1 to 32 letters, digits or `+=,.@_-`); people see it in the access portal and it names the
   * `AWSReservedSSO_<name>_...` role in every assigned account.
   * Security: a stable, descriptive name makes CloudTrail events (`AWSReservedSSO_<name>`) attributable.
   */
  readonly name: string;
  /**
   * What the permission set is for (1 to 700 characters).
   * @default - none
   * Security: no effect.
   */
  readonly description?: string;
  /**
   * How long an access-portal session lasts, in whole hours (1 to 12); written as ISO-8601 `PT<n>H`.
   * @default 1
   * Security: short sessions limit how long stolen temporary credentials work.
   */
  readonly sessionHours?: number;
  /**
   * URL the console opens after sign-in (1 to 240 characters, https).
   * @default - the console home page
   * Security: no effect on permissions.
   */
  readonly relayState?: string;
  /**
   * AWS managed policies by name (with their path where they have one, e.g. `job-function/ViewOnlyAccess`), attached as
   * `arn:<partition>:iam::aws:policy/<name>`; at most 20.
   * @default []
   * Security: administrator-equivalent policies (AdministratorAccess, IAMFullAccess, PowerUserAccess) are refused unless
   *   `breakGlass` gives a reason.
   */
  readonly awsManagedPolicies?: readonly string[];
  /**
   * The inline policy, built with `Policy`/`Statement`; linted as an inline policy (IAM action catalogue, wildcard
   * administrator access, NotAction/NotResource in an Allow, 10,240-character limit of the role it becomes).
   * @default - none
   * Security: the same lint as every other policy of the baseline; grant specific actions on specific resources.
   */
  readonly inlinePolicy?: Policy;
  /**
   * A customer managed policy used as the permissions boundary of the role in every assigned account.
   * @default - none
   * Security: caps the set's permissions (e.g. no IAM or Organizations changes) whatever its policies grant; the policy
   *   must already exist in each assigned account, or provisioning fails.
   */
  readonly permissionsBoundary?: CustomerManagedPolicyReference;
  /**
   * Marks the permission set as break-glass access with a reason (at least 20 characters): allows
   * administrator-equivalent AWS managed policies.
   * @default - not break-glass: those policies are refused
   * Security: administrator access exists only on purpose, with a reason reviewers can read.
   */
  readonly breakGlass?: BreakGlassMark;
  /**
   * Tags of the permission set (the provider's default tags are added).
   * @default {}
   * Security: no effect.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An IAM Identity Center permission set: session duration, AWS managed policies, a linted inline policy and an optional
 * permissions boundary. Nothing is read from AWS at plan time.
 */
export class PermissionSet extends Construct {
  readonly resource: SsoadminPermissionSet;
  readonly instanceArn: string;
  readonly permissionSetArn: string;
  readonly name: string;
  /** The session duration as written to AWS, e.g. `PT1H`. */
  readonly sessionDuration: string;
  /** ARNs of the attached AWS managed policies. */
  readonly managedPolicyArns: readonly string[];
  /** The rendered inline policy JSON, when there is one. */
  readonly inlinePolicyJson?: string;
  /** The policy attachments; account assignments depend on them so an account is provisioned with every policy. */
  readonly attachments: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PermissionSetProps) {
    super(scope, id);
    const partition = instancePartition(this, props.instanceArn);
    if (!PERMISSION_SET_NAME.test(props.name)) throw new ValidationError(this, 'name', props.name, 'must be 1 to 32 letters, digits or +=,.@_-');
    if (props.description !== undefined && (props.description.length < 1 || props.description.length > 700)) {
      throw new ValidationError(this, 'description', props.description, 'must be 1 to 700 characters');
    }
    const sessionHours = props.sessionHours ?? 1;
    requireIntegerInRange(this, 'sessionHours', sessionHours, 1, 12, 'hours');
    if (props.relayState !== undefined && !/^https:\/\/\S{1,232}$/.test(props.relayState)) {
      throw new ValidationError(this, 'relayState', props.relayState, 'must be an https URL of at most 240 characters');
    }
    if (props.breakGlass !== undefined && props.breakGlass.reason.trim().length < 20) {
      throw new ValidationError(this, 'breakGlass.reason', props.breakGlass.reason, 'must say why in at least 20 characters');
    }

    const names = props.awsManagedPolicies ?? [];
    const managed = names.map((name, i) => {
      const prop = `awsManagedPolicies[${i}]`;
      if (JOB_FUNCTION_POLICIES.includes(name)) {
        throw new ValidationError(this, prop, name, `is a job-function policy; write it with its path: "job-function/${name}"`);
      }
      let policy: AwsManagedPolicy;
      try {
        policy = AwsManagedPolicy.of(partition, name);
      } catch {
        throw new ValidationError(this, prop, name, 'must be an AWS managed policy name, e.g. "SecurityAudit" or "job-function/ViewOnlyAccess"');
      }
      if (ADMIN_EQUIVALENT_AWS_POLICIES.includes(policy.policyName) && props.breakGlass === undefined) {
        throw new ValidationError(this, prop, name, 'grants administrator-equivalent access; attach specific policies, or mark the permission set breakGlass with a reason');
      }
      return policy;
    });
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new ValidationError(this, 'awsManagedPolicies', duplicate, 'lists the same policy twice');
    if (managed.length > MAX_MANAGED_POLICIES) {
      throw new ValidationError(this, 'awsManagedPolicies', managed.length, `may attach at most ${MAX_MANAGED_POLICIES} managed policies (Identity Center quota)`);
    }
    if (props.inlinePolicy) assertValidPolicy(this, 'inlinePolicy', props.inlinePolicy, 'inline');
    if (managed.length === 0 && props.inlinePolicy === undefined) {
      throw new ValidationError(this, 'awsManagedPolicies', [], 'and inlinePolicy are both empty; a permission set needs at least one policy');
    }
    const boundary = props.permissionsBoundary;
    if (boundary !== undefined) {
      if (!/^[\w+=,.@-]{1,128}$/.test(boundary.policyName)) {
        throw new ValidationError(this, 'permissionsBoundary.policyName', boundary.policyName, 'must be 1 to 128 letters, digits or +=,.@_-');
      }
      if (boundary.path !== undefined && !/^\/([\w+=,.@-]+\/)*$/.test(boundary.path)) {
        throw new ValidationError(this, 'permissionsBoundary.path', boundary.path, 'must start and end with "/", e.g. "/baseline/"');
      }
    }

    this.instanceArn = props.instanceArn;
    this.name = props.name;
    this.sessionDuration = `PT${sessionHours}H`;
    this.resource = new SsoadminPermissionSet(this, 'Resource', {
      instanceArn: props.instanceArn,
      name: props.name,
      description: props.description,
      sessionDuration: this.sessionDuration,
      relayState: props.relayState,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.permissionSetArn = this.resource.arn;
    const target = { instanceArn: props.instanceArn, permissionSetArn: this.permissionSetArn };

    const attachments: ITerraformDependable[] = [];
    this.managedPolicyArns = managed.map((p) => p.policyArn);
    for (const policy of managed) {
      attachments.push(new SsoadminManagedPolicyAttachment(this, `aws-managed-${policy.policyName}`, { ...target, managedPolicyArn: policy.policyArn }));
    }
    if (props.inlinePolicy) {
      this.inlinePolicyJson = props.inlinePolicy.toJson();
      attachments.push(new SsoadminPermissionSetInlinePolicy(this, 'inline-policy', { ...target, inlinePolicy: escapeForTerraform(this.inlinePolicyJson) }));
    }
    if (boundary) {
      attachments.push(
        new SsoadminPermissionsBoundaryAttachment(this, 'permissions-boundary', {
          ...target,
          permissionsBoundary: { customerManagedPolicyReference: { name: boundary.policyName, path: boundary.path ?? '/' } },
        }),
      );
    }
    this.attachments = attachments;
  }
}

/** The partition of a validated instance ARN; throws a ValidationError naming `instanceArn` otherwise. */
export function instancePartition(scope: Construct, instanceArn: string): AwsPartition {
  const match = INSTANCE_ARN.exec(instanceArn);
  if (!match) {
    throw new ValidationError(scope, 'instanceArn', instanceArn, 'must be an IAM Identity Center instance ARN, e.g. "arn:aws:sso:::instance/ssoins-1234567890abcdef"');
  }
  return match[1] as AwsPartition;
}
