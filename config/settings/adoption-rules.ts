import type { OrganizationConfig } from '../schema';

/**
 * Rules relating the adoption settings to the rest of the config (on a config whose every field is valid): an
 * adopted Region is one the account runs in, and each adopted resource is one the baseline builds there (adopting a
 * detector with GuardDuty off would import something the baseline then destroys).
 */
/** One problem, with its config path (the shape organization-rules.ts collects; not imported from it: no cycle). */
export interface RuleProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export function adoptionProblems(config: OrganizationConfig): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const detection = config.detection;
  config.accounts.forEach((account, i) => {
    const base = ['accounts', i, 'adopt'];
    const regions = account.regions ?? config.allowedRegions;
    if (account.adopt.trail) {
      if (account.role !== 'management') {
        problems.push({ path: [...base, 'trail'], message: `is set on a ${account.role} account; the organisation trail lives in the management account: move it there or remove it` });
      } else if (!detection.cloudTrail.enabled) {
        problems.push({ path: [...base, 'trail'], message: 'needs detection.cloudTrail.enabled: true (the baseline would not manage the trail it imports); enable the trail or remove this' });
      }
    }
    for (const [region, adopted] of Object.entries(account.adopt.regions)) {
      const at = [...base, 'regions', region];
      if (!(regions as readonly string[]).includes(region)) {
        problems.push({ path: at, message: `is not one of the account's Regions (${regions.join(', ')}); add it there or remove it here` });
        continue;
      }
      const needs = (key: string, enabled: boolean, service: string): void => {
        if (!enabled) problems.push({ path: [...at, key], message: `needs detection.${service}.enabled: true (the baseline builds nothing to import it into); enable it or remove this` });
      };
      if (adopted.guardDutyDetectorId !== undefined) needs('guardDutyDetectorId', detection.guardDuty.enabled, 'guardDuty');
      if (adopted.configRecorderName !== undefined) needs('configRecorderName', detection.config.enabled, 'config');
      if (adopted.configDeliveryChannelName !== undefined) needs('configDeliveryChannelName', detection.config.enabled, 'config');
      if (adopted.securityHub) needs('securityHub', detection.securityHub.enabled, 'securityHub');
    }
  });

  const names = new Set(config.accounts.map((a) => a.name));
  const ids = new Set(config.accounts.map((a) => a.id));
  const seen = new Map<string, number>();
  config.adoption.existingServiceControlPolicies.forEach((entry, i) => {
    const path = ['adoption', 'existingServiceControlPolicies', i, 'target'];
    const target = entry.target;
    if (target !== 'root' && !/^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/.test(target) && !ids.has(target) && !names.has(target)) {
      problems.push({ path, message: `names no target; use "root", an OU id such as "ou-ab12-cdef3456", or an account of accounts (${[...names].join(', ')})` });
    }
    const first = seen.get(target);
    if (first !== undefined) problems.push({ path, message: `repeats the target of adoption.existingServiceControlPolicies[${first}]; give each target one count` });
    else seen.set(target, i);
  });
  return problems;
}

/** SCPs already attached to a target (FullAWSAccess included; 1 when config does not say), keyed as the SCP rule keys targets. */
export function existingScpsAttached(config: OrganizationConfig): (target: string) => number {
  const byTarget = new Map<string, number>();
  for (const entry of config.adoption.existingServiceControlPolicies) {
    const account = config.accounts.find((a) => a.name === entry.target);
    const rootId = config.identity.serviceControlPolicies?.organizationRootId;
    const key = entry.target === 'root' ? (rootId ?? 'root') : (account?.id ?? entry.target);
    byTarget.set(key, entry.attached);
  }
  return (target) => byTarget.get(target) ?? 1;
}
