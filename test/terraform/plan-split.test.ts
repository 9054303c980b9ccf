import { memberPlan, reexportedOutput, type PlanJson } from '../support/plan-split';

const member = 'stack_a';
const other = 'stack_b';

/** A batch plan of two members, `stack_a` with a nested module and a moved resource. */
function batchPlan(): PlanJson {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {
      outputs: { [reexportedOutput(member, 'arn')]: { sensitive: true }, [reexportedOutput(other, 'arn')]: { sensitive: false } },
      root_module: {
        child_modules: [
          { address: `module.${member}`, resources: [{ address: `module.${member}.aws_kms_key.k`, type: 'aws_kms_key' }], child_modules: [{ address: `module.${member}.module.inner`, resources: [{ address: `module.${member}.module.inner.aws_sns_topic.t` }] }] },
          { address: `module.${other}`, resources: [{ address: `module.${other}.aws_kms_key.k` }] },
        ],
      },
    },
    resource_changes: [
      { address: `module.${member}.aws_kms_key.k`, module_address: `module.${member}`, previous_address: `module.${member}.aws_kms_key.old`, change: { actions: ['create'] } },
      { address: `module.${member}.module.inner.aws_sns_topic.t`, module_address: `module.${member}.module.inner`, change: { actions: ['create'] } },
      { address: `module.${other}.aws_kms_key.k`, module_address: `module.${other}`, change: { actions: ['create'] } },
    ],
    output_changes: { [reexportedOutput(member, 'arn')]: { actions: ['create'] }, [reexportedOutput(other, 'arn')]: { actions: ['create'] } },
    configuration: {
      provider_config: { [`module.${member}:aws`]: { name: 'aws', module_address: `module.${member}` }, [`module.${other}:aws`]: { name: 'aws', module_address: `module.${other}` } },
      root_module: {
        module_calls: {
          [member]: { module: { resources: [{ address: 'aws_kms_key.k', provider_config_key: `module.${member}:aws` }], variables: { tier: { default: 'dev' }, required: {} } } },
          [other]: { module: { resources: [] } },
        },
      },
    },
    relevant_attributes: [{ resource: `module.${member}.aws_kms_key.k`, attribute: ['arn'] }, { resource: `module.${other}.aws_kms_key.k`, attribute: ['arn'] }],
    timestamp: '2026-12-02T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

describe('a member plan split out of a batch plan', () => {
  const plan = memberPlan(batchPlan(), member);

  it("keeps only the member's resources, nested modules included, with addresses relative to it", () => {
    expect(plan.planned_values).toEqual({
      outputs: { arn: { sensitive: true } },
      root_module: { resources: [{ address: 'aws_kms_key.k', type: 'aws_kms_key' }], child_modules: [{ address: 'module.inner', resources: [{ address: 'module.inner.aws_sns_topic.t' }] }] },
    });
    expect(plan.resource_changes).toEqual([
      { address: 'aws_kms_key.k', previous_address: 'aws_kms_key.old', change: { actions: ['create'] } },
      { address: 'module.inner.aws_sns_topic.t', module_address: 'module.inner', change: { actions: ['create'] } },
    ]);
    expect(plan.relevant_attributes).toEqual([{ resource: 'aws_kms_key.k', attribute: ['arn'] }]);
  });

  it("gives the member's providers, configuration, outputs and variable defaults as a root's", () => {
    expect(plan.configuration).toEqual({
      provider_config: { aws: { name: 'aws' } },
      root_module: { resources: [{ address: 'aws_kms_key.k', provider_config_key: 'aws' }], variables: { tier: { default: 'dev' }, required: {} } },
    });
    expect(plan.output_changes).toEqual({ arn: { actions: ['create'] } });
    expect(plan.variables).toEqual({ tier: { value: 'dev' } });
    expect(plan).not.toHaveProperty('prior_state');
    expect(plan).toMatchObject({ applyable: true, complete: true, errored: false, terraform_version: '1.11.4' });
  });

  it('refuses a module the batch does not call, and a batch plan with check results it cannot split', () => {
    expect(() => memberPlan(batchPlan(), 'stack_c')).toThrow(/no module stack_c/);
    expect(() => memberPlan({ ...batchPlan(), checks: [{ address: { module: `module.${member}` } }] }, member)).toThrow(/checks/);
  });
});
