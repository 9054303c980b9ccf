import type { OrganizationConfig } from '../schema';
import type { OrganizationRuleProblem } from './organization-rules';
import { ORGANIZATION_SCP_KEYS } from './organization-policies';

type Config = OrganizationConfig;

/**
 * The target ids a list of config targets names, and the problems of the ones that name nothing. `root` needs
 * `identity.serviceControlPolicies.organizationRootId`; `all-accounts` is every account but the management account.
 */
export interface TargetContext {
  readonly identity: { readonly serviceControlPolicies?: { readonly organizationRootId?: string } };
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly name: string; readonly role: string }>;
}

export function resolvePolicyTargets(config: TargetContext, targets: readonly string[], path: readonly (string | number)[]): { ids: string[]; problems: OrganizationRuleProblem[] } {
  const ids = new Set<string>();
  const problems: OrganizationRuleProblem[] = [];
  const rootId = config.identity.serviceControlPolicies?.organizationRootId;
  targets.forEach((target, i) => {
    if (target === 'root') {
      if (rootId !== undefined) ids.add(rootId);
      else problems.push({ path: [...path, i], message: 'uses "root" but identity.serviceControlPolicies.organizationRootId is not set; set it or list OUs or accounts' });
    } else if (target === 'all-accounts') {
      for (const a of config.accounts) if (a.role !== 'management') ids.add(a.id);
    } else if (/^(ou-|\d{12}$)/.test(target)) {
      ids.add(target);
    } else {
      const account = config.accounts.find((a) => a.name === target);
      if (account) ids.add(account.id);
      else problems.push({ path: [...path, i], message: `names no account; use one of ${config.accounts.map((a) => a.name).join(', ')}, "root", "all-accounts", an OU id or an account id` });
    }
  });
  return { ids: [...ids], problems };
}

/**
 * The rules of `organizationPolicies`: it needs `identity.serviceControlPolicies` (the root id and the exemption every
 * guardrail carries); targets name accounts. How many policies each target gets (these, the baseline's and the
 * adopted ones together) is counted once, in organization-policy-targets-rules.ts.
 */
export function organizationPolicyProblems(config: Config): OrganizationRuleProblem[] {
  return [...defaultVpcProblems(config), ...policyProblems(config)];
}

/** `defaultVpcs.deleted` names accounts of the config and Regions each of them runs in. */
function defaultVpcProblems(config: Config): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  for (const [name, regions] of Object.entries(config.defaultVpcs?.deleted ?? {})) {
    const account = config.accounts.find((a) => a.name === name);
    if (!account) {
      problems.push({ path: ['defaultVpcs', 'deleted', name], message: `names no account; use one of ${config.accounts.map((a) => a.name).join(', ')}` });
      continue;
    }
    const own: readonly string[] = account.regions ?? config.allowedRegions;
    regions.forEach((region, i) => {
      if (!own.includes(region)) problems.push({ path: ['defaultVpcs', 'deleted', name, i], message: `is not one of the account's Regions (${own.join(', ')}); list only Regions it runs in` });
    });
  }
  return problems;
}

function policyProblems(config: Config): OrganizationRuleProblem[] {
  const settings = config.organizationPolicies;
  if (!settings) return [];
  const base = ['organizationPolicies'];
  const scps = config.identity.serviceControlPolicies;
  if (!scps) {
    return [{ path: base, message: 'needs identity.serviceControlPolicies (its organizationRootId and deploy-role exemption apply to these policies too); add it, even as {}' }];
  }
  const problems: OrganizationRuleProblem[] = [];
  const resolve = (targets: readonly string[], path: readonly (string | number)[]) => {
    problems.push(...resolvePolicyTargets(config, targets, path).problems);
  };

  for (const key of ORGANIZATION_SCP_KEYS) {
    if (settings[key].enabled) resolve(settings[key].targets, [...base, key, 'targets']);
  }
  if (settings.dataPerimeter.enabled) resolve(settings.dataPerimeter.targets, [...base, 'dataPerimeter', 'targets']);
  if (settings.tagPolicy.enabled) resolve(settings.tagPolicy.targets, [...base, 'tagPolicy', 'targets']);
  if (settings.ec2DeclarativePolicy.enabled) {
    resolve(settings.ec2DeclarativePolicy.targets, [...base, 'ec2DeclarativePolicy', 'targets']);
    settings.ec2DeclarativePolicy.targets.forEach((target, i) => {
      if (target.startsWith('ou-')) {
        problems.push({
          path: [...base, 'ec2DeclarativePolicy', 'targets', i],
          message:
            'is an OU: the config does not know which accounts an OU holds, so it cannot drop their per-account IMDS defaults ' +
            '(AWS refuses changes to attributes a declarative policy manages); use "root", "all-accounts" or account names',
        });
      }
    });
  }
  settings.customPolicies.forEach((policy, i) => resolve(policy.targets, [...base, 'customPolicies', i, 'targets']));
  return problems;
}
