import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import { assertValidPolicy, escapeForTerraform, type Policy } from './policy';

/** A managed policy a role can attach: one of ours or an AWS managed one. */
export interface IManagedPolicy {
  /** ARN of the policy. */
  readonly policyArn: string;
  /** Name of the policy (for AWS managed policies, the name after `policy/`). */
  readonly policyName: string;
  /** True for AWS managed policies (`arn:<partition>:iam::aws:policy/...`). */
  readonly awsManaged: boolean;
}

/**
 * AWS managed policies that grant administrator or full-IAM access. Attaching one needs a break-glass reason on the
 * role (Checkov CKV_AWS_274, CKV2_AWS_56; CIS 1.16).
 */
export const ADMIN_EQUIVALENT_AWS_POLICIES: readonly string[] = ['AdministratorAccess', 'IAMFullAccess', 'PowerUserAccess'];

/** References to AWS managed policies. */
export class AwsManagedPolicy implements IManagedPolicy {
  /** The AWS managed policy `name` (optionally with its path, e.g. `service-role/AWSConfigRole`). */
  static of(partition: AwsPartition, name: string): AwsManagedPolicy {
    return new AwsManagedPolicy(partition, name);
  }

  readonly policyArn: string;
  readonly policyName: string;
  readonly awsManaged = true;

  private constructor(partition: AwsPartition, name: string) {
    if (!/^([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/.test(name)) {
      throw new Error(`AWS managed policy name ${JSON.stringify(name)} is not a policy name such as "ReadOnlyAccess" or "job-function/ViewOnlyAccess"`);
    }
    this.policyName = name.split('/').pop()!;
    this.policyArn = `arn:${partition}:iam::aws:policy/${name}`;
  }
}

export interface ManagedPolicyProps {
  /** The policy name (letters, digits and `+=,.@_-`, up to 128). */
  readonly policyName: string;
  /** What the policy is for. @default - none */
  readonly description?: string;
  /** The statements; linted as a managed policy (catalogue, wildcard admin, NotAction, 6,144-character limit). */
  readonly policy: Policy;
  /**
   * Lint as a permissions boundary (Allow statements are a ceiling) instead of a grant.
   * @default false
   * Security: only boundaries may Allow `*`; a grant that does so needs a break-glass mark.
   */
  readonly isBoundary?: boolean;
  /** IAM path. @default "/" */
  readonly path?: string;
  /** Tags for the policy. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A customer managed policy whose document is linted at synth. */
export class ManagedPolicy extends Construct implements IManagedPolicy {
  readonly resource: IamPolicy;
  readonly policyArn: string;
  readonly policyName: string;
  readonly awsManaged = false;
  /** The rendered policy JSON. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: ManagedPolicyProps) {
    super(scope, id);
    if (!/^[\w+=,.@-]{1,128}$/.test(props.policyName)) {
      throw new ValidationError(this, 'policyName', props.policyName, 'must be 1 to 128 letters, digits or +=,.@_-');
    }
    const path = props.path ?? '/';
    if (!/^\/([\w+=,.@-]+\/)*$/.test(path)) throw new ValidationError(this, 'path', path, 'must start and end with "/", e.g. "/baseline/"');
    assertValidPolicy(this, 'policy', props.policy, props.isBoundary ? 'boundary' : 'managed');
    this.policyJson = props.policy.toJson();
    this.resource = new IamPolicy(this, 'Resource', {
      name: props.policyName,
      path,
      description: props.description,
      policy: escapeForTerraform(this.policyJson),
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.policyArn = this.resource.arn;
    this.policyName = props.policyName;
  }
}
