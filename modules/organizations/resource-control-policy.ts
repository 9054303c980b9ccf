import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import type { Policy } from '../iam/policy';
import { OrganizationPolicy } from './organization-policy';
import { rcpProblems } from './resource-control-policies';

export interface ResourceControlPolicyProps {
  /** Policy name (1 to 128 characters). */
  readonly policyName: string;
  /** What the policy prevents. */
  readonly description: string;
  /** The statements; linted as an RCP (Deny only, Principal "*", RCP-supported services, 5,120 characters). */
  readonly policy: Policy;
  /** Roots, OUs or accounts to attach the policy to. @default [] - created, not attached */
  readonly targetIds?: readonly string[];
}

/** A resource control policy and its attachments (management account only). */
export class ResourceControlPolicy extends Construct {
  readonly policy: OrganizationPolicy;
  /** The rendered policy JSON. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: ResourceControlPolicyProps) {
    super(scope, id);
    const problems = rcpProblems(props.policy);
    if (problems.length > 0) {
      throw new ValidationError(this, 'policy', props.policy.statements.map((s) => s.options.sid ?? s.effect), `is not a valid resource control policy:\n  - ${problems.join('\n  - ')}\n`);
    }
    this.policyJson = props.policy.toJson();
    this.policy = new OrganizationPolicy(this, 'Policy', {
      policyName: props.policyName,
      description: props.description,
      type: 'RESOURCE_CONTROL_POLICY',
      content: this.policyJson,
      targetIds: props.targetIds,
    });
  }
}
