import { savedOfflinePlan } from '../support/terraform';
import { synthPolicyVariablesOrg } from './policy-variables-org';

/**
 * IAM policy variables in statement resources reach the plan as literals for IAM to evaluate (the terraform jest
 * project: this reads a saved offline plan). The JSON side is in templates.test.ts.
 */
describe('IAM policy variables in statement resources, planned', () => {
  test('the plan keeps them as literals for IAM to evaluate', () => {
    const stack = 'workload-prod-us-east-1';
    const plan = JSON.parse(savedOfflinePlan(synthPolicyVariablesOrg(), stack).showJson) as { planned_values: { root_module: { resources: Array<{ type: string; values: Record<string, unknown> }> } } };
    // The planned values (what would be sent to IAM), not the configuration section (which repeats the JSON as written).
    const policies = plan.planned_values.root_module.resources
      .filter((r) => r.type === 'aws_iam_role_policy')
      .map((r) => String(r.values.policy))
      .filter((policy) => policy.includes('/home/'));
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain('home/${aws:username}/*');
    expect(policies[0]).toContain('home/${aws:PrincipalTag/team}/*');
    expect(policies[0]).not.toContain('$${');
  });
});
