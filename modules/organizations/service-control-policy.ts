import { Construct, type IConstruct } from 'constructs';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { ValidationError } from '../core/errors';
import { assertValidPolicy, escapeForTerraform, type Policy } from '../iam/policy';

/** An organisation root (`r-`), organisational unit (`ou-`) or account id. */
export const SCP_TARGET = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/;

/**
 * The rules every Organizations policy construct applies to its name and targets: a name of 1 to 128 characters, and
 * targets that are root, OU or account ids, each listed once. Throws a ValidationError naming the prop.
 */
export function assertPolicyNameAndTargets(scope: IConstruct, policyName: string, targets: readonly string[]): void {
  if (policyName.length === 0 || policyName.length > 128) throw new ValidationError(scope, 'policyName', policyName, 'must be 1 to 128 characters');
  targets.forEach((target, i) => {
    if (!SCP_TARGET.test(target)) {
      throw new ValidationError(scope, `targetIds[${i}]`, target, 'must be a root id ("r-..."), an OU id ("ou-...-...") or a 12-digit account id');
    }
    if (targets.indexOf(target) !== i) throw new ValidationError(scope, `targetIds[${i}]`, target, 'is listed twice');
  });
}

export interface ServiceControlPolicyProps {
  /** Policy name (1 to 128 characters). */
  readonly policyName: string;
  /** What the policy prevents. */
  readonly description: string;
  /** The statements; linted as an SCP (catalogue, NotAction only in Deny, 5,120-character limit). */
  readonly policy: Policy;
  /** Roots, OUs or accounts to attach the policy to. @default [] - created, not attached */
  readonly targetIds?: readonly string[];
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A service control policy and its attachments (management account only). */
export class ServiceControlPolicy extends Construct {
  readonly resource: OrganizationsPolicy;
  readonly policyId: string;
  /** The rendered policy JSON. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id);
    const targets = props.targetIds ?? [];
    assertPolicyNameAndTargets(this, props.policyName, targets);
    assertValidPolicy(this, 'policy', props.policy, 'scp');
    this.policyJson = props.policy.toJson();
    this.resource = new OrganizationsPolicy(this, 'Resource', {
      name: props.policyName,
      description: props.description,
      type: 'SERVICE_CONTROL_POLICY',
      content: escapeForTerraform(this.policyJson),
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.policyId = this.resource.id;
    // Attachment ids come from the target id, never a list position, so reordering targets changes nothing.
    for (const target of targets) {
      new OrganizationsPolicyAttachment(this, `attach-${target}`, { policyId: this.resource.id, targetId: target });
    }
  }
}
