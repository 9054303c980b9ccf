import { Construct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { ValidationError } from '../core/errors';
import { POLICY_QUOTAS, policySize, policySizeProblem } from '../core/policy-quotas';
import { escapeForTerraform } from '../iam/policy';
import { assertPolicyNameAndTargets } from './service-control-policy';

/**
 * The Organizations policy types other than SCPs that the baseline creates (SCPs have their own construct,
 * `ServiceControlPolicy`, with the IAM lint).
 */
export type NonScpPolicyType = 'RESOURCE_CONTROL_POLICY' | 'TAG_POLICY' | 'DECLARATIVE_POLICY_EC2';

/** AWS's size quota of each policy type, in characters (`POLICY_QUOTAS`, counted by `policySize`). */
export const ORGANIZATION_POLICY_SIZE_LIMITS: Readonly<Record<NonScpPolicyType, number>> = {
  RESOURCE_CONTROL_POLICY: POLICY_QUOTAS.RESOURCE_CONTROL_POLICY.maxCharacters,
  TAG_POLICY: POLICY_QUOTAS.TAG_POLICY.maxCharacters,
  DECLARATIVE_POLICY_EC2: POLICY_QUOTAS.DECLARATIVE_POLICY_EC2.maxCharacters,
};

export interface OrganizationPolicyProps {
  /** Policy name (1 to 128 characters). */
  readonly policyName: string;
  /** What the policy enforces. */
  readonly description: string;
  /** The policy type. */
  readonly type: NonScpPolicyType;
  /**
   * The policy document as compact JSON (already validated for its type by the function that built it).
   * Security: checked here against the type's size quota, so an oversized policy fails at synth, not at apply.
   */
  readonly content: string;
  /** Roots, OUs or accounts to attach the policy to. @default [] - created, not attached */
  readonly targetIds?: readonly string[];
}

/** A resource control, tag or declarative policy and its attachments (management account only). */
export class OrganizationPolicy extends Construct {
  readonly resource: OrganizationsPolicy;
  readonly type: NonScpPolicyType;

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    const targets = props.targetIds ?? [];
    assertPolicyNameAndTargets(this, props.policyName, targets);
    const size = policySize(props.content);
    const sizeProblem = policySizeProblem(props.type, size);
    if (sizeProblem) throw new ValidationError(this, 'content', `${size} characters`, sizeProblem);
    this.type = props.type;
    this.resource = new OrganizationsPolicy(this, 'Resource', {
      name: props.policyName,
      description: props.description,
      type: props.type,
      content: escapeForTerraform(props.content),
    });
    for (const target of targets) {
      new OrganizationsPolicyAttachment(this, `attach-${target}`, { policyId: this.resource.id, targetId: target });
    }
  }
}
