/**
 * One member's plan out of a batch plan (`terraform show -json` of a root that calls each member as a child module,
 * test/support/plan-batches.ts), in the shape `terraform show -json` gives for the member planned as its own root:
 * addresses without the `module.<member>.` prefix, the member's provider configurations and configuration as the
 * root's, its outputs from the root's re-exports (`<member>__<output>`). Only `timestamp` and the order of
 * `relevant_attributes` (which Terraform does not keep stable between runs) can differ from the member's own plan;
 * test/terraform/plan-batches.tf.test.ts proves it on real plans.
 */

type Json = Record<string, unknown>;

interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly Json[];
  readonly child_modules?: readonly PlannedModule[];
}

interface ConfigModule {
  readonly resources?: readonly Json[];
  readonly variables?: Record<string, { readonly default?: unknown }>;
  readonly [field: string]: unknown;
}

/** The part of a `terraform show -json` plan this reads. */
export interface PlanJson {
  readonly planned_values?: { readonly outputs?: Record<string, unknown>; readonly root_module?: PlannedModule };
  readonly resource_changes?: readonly Json[];
  readonly output_changes?: Record<string, unknown>;
  readonly prior_state?: { readonly values?: { readonly outputs?: Record<string, unknown>; readonly root_module?: PlannedModule }; readonly [field: string]: unknown };
  readonly configuration?: {
    readonly provider_config?: Record<string, Json>;
    readonly root_module?: { readonly module_calls?: Record<string, { readonly module?: ConfigModule }> };
  };
  readonly relevant_attributes?: readonly { readonly resource: string; readonly [field: string]: unknown }[];
  readonly checks?: readonly unknown[];
  readonly [field: string]: unknown;
}

/** Name of the root output that re-exports a member's output in a batch root. */
export function reexportedOutput(member: string, output: string): string {
  return `${member}__${output}`;
}

/** An address inside module `prefix` (`module.<member>`), relative to it; undefined for the module itself. */
function relative(address: string, prefix: string): string | undefined {
  if (address === prefix) return undefined;
  return address.startsWith(`${prefix}.`) ? address.slice(prefix.length + 1) : address;
}

function lift(module: PlannedModule, prefix: string): PlannedModule {
  return {
    ...(module.resources ? { resources: module.resources.map((resource) => ({ ...resource, address: relative(String(resource.address), prefix) })) } : {}),
    ...(module.child_modules ? { child_modules: module.child_modules.map((child) => ({ ...lift(child, prefix), address: relative(String(child.address), prefix) })) } : {}),
  };
}

function childModule(root: PlannedModule | undefined, prefix: string): PlannedModule | undefined {
  return root?.child_modules?.find((child) => child.address === prefix);
}

function memberOutputs(outputs: Record<string, unknown> | undefined, member: string): Record<string, unknown> | undefined {
  const start = reexportedOutput(member, '');
  const mine = Object.entries(outputs ?? {}).filter(([name]) => name.startsWith(start));
  return mine.length > 0 ? Object.fromEntries(mine.map(([name, value]) => [name.slice(start.length), value])) : undefined;
}

function inModule(address: unknown, prefix: string): boolean {
  return typeof address === 'string' && (address === prefix || address.startsWith(`${prefix}.`));
}

/** The plan of batch member `member` (its module name in the batch root) as its own root's plan. */
export function memberPlan(plan: PlanJson, member: string): Json {
  const prefix = `module.${member}`;
  const config = plan.configuration?.root_module?.module_calls?.[member]?.module;
  if (!config) throw new Error(`the batch plan has no module ${member}`);
  const out: Json = { format_version: plan.format_version, terraform_version: plan.terraform_version };

  const variables = Object.entries(config.variables ?? {}).filter(([, variable]) => 'default' in variable);
  if (variables.length > 0) out.variables = Object.fromEntries(variables.map(([name, variable]) => [name, { value: variable.default }]));

  const plannedOutputs = memberOutputs(plan.planned_values?.outputs, member);
  out.planned_values = { ...(plannedOutputs ? { outputs: plannedOutputs } : {}), root_module: lift(childModule(plan.planned_values?.root_module, prefix) ?? {}, prefix) };

  if (plan.resource_changes) {
    out.resource_changes = plan.resource_changes
      .filter((change) => inModule(change.module_address, prefix))
      .map((change) => {
        const { module_address: moduleAddress, ...rest } = change;
        const nested = relative(String(moduleAddress), prefix);
        return {
          ...rest,
          address: relative(String(change.address), prefix),
          ...(nested === undefined ? {} : { module_address: nested }),
          ...(typeof change.previous_address === 'string' ? { previous_address: relative(change.previous_address, prefix) } : {}),
        };
      });
  }
  const outputChanges = memberOutputs(plan.output_changes, member);
  if (outputChanges) out.output_changes = outputChanges;

  const prior = childModule(plan.prior_state?.values?.root_module, prefix);
  const priorOutputs = memberOutputs(plan.prior_state?.values?.outputs, member);
  if (plan.prior_state && (prior || priorOutputs)) {
    out.prior_state = { ...plan.prior_state, values: { ...(priorOutputs ? { outputs: priorOutputs } : {}), root_module: lift(prior ?? {}, prefix) } };
  }

  const providerPrefix = `${prefix}:`;
  const ownKey = (key: unknown): unknown => (typeof key === 'string' && key.startsWith(providerPrefix) ? key.slice(providerPrefix.length) : key);
  const providers = Object.entries(plan.configuration?.provider_config ?? {})
    .filter(([key]) => key.startsWith(providerPrefix))
    .map(([key, { module_address: _moduleAddress, ...provider }]) => [ownKey(key), provider]);
  const rootModule = config.resources ? { ...config, resources: config.resources.map((resource) => ({ ...resource, provider_config_key: ownKey(resource.provider_config_key) })) } : config;
  out.configuration = { provider_config: Object.fromEntries(providers), root_module: rootModule };

  if (plan.relevant_attributes) {
    out.relevant_attributes = plan.relevant_attributes.filter((entry) => inModule(entry.resource, prefix)).map((entry) => ({ ...entry, resource: relative(entry.resource, prefix) }));
  }
  // check blocks and conditions report by module in `checks`; no batched stack has them (plan-batches.ts leaves them out)
  if (plan.checks && plan.checks.length > 0) throw new Error('a batch plan with checks (check blocks, pre- or postconditions) cannot be split');
  for (const field of ['timestamp', 'applyable', 'complete', 'errored']) if (field in plan) out[field] = plan[field];
  return out;
}
