import { parseShieldResourceArn } from '../../modules/edge/shield-resource-arn';
import { parseProtectedResourceArn } from '../../modules/waf/association';
import type { AccountConfig, OrganizationConfig } from '../schema';
import { controlTowerGoverns } from './control-tower';
import type { OrganizationRuleProblem } from './organization-rules';

const OU_ID = /^ou-/;
const FMS = ['edgeProtection', 'firewallManager'] as const;

/**
 * Rules relating the edge-protection settings to the accounts (run on a config whose every field is valid):
 * - the Firewall Manager administrator is a member account of the config (the security account by default), its
 *   policy Regions are its own, and the management account runs in the home Region (the association is made there);
 * - Firewall Manager needs AWS Config in every account it covers: detection.config.enabled must stay on (or Control
 *   Tower govern every policy Region: it runs the recorders there);
 * - scope entries name accounts of the config (or OU ids);
 * - the conflict rule: a WAF policy whose scope covers an account that associates its own web ACL
 *   (accounts[].waf.webAcl.protectedResourceArns) is refused, naming both paths;
 * - every Shield Advanced resource belongs to an account of the config, in the organisation's partition, and that
 *   account runs in the home Region (where its subscription is made).
 */
export function edgeProtectionProblems(config: OrganizationConfig): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  const fms = config.edgeProtection.firewallManager;
  const regionsOf = (account: AccountConfig) => account.regions ?? config.allowedRegions;
  const names = config.accounts.map((a) => a.name);

  if (fms.enabled) {
    const adminName = fms.adminAccount ?? config.accounts.find((a) => a.role === 'security')?.name;
    const admin = config.accounts.find((a) => a.name === adminName);
    if (!admin) {
      problems.push({ path: [...FMS, 'adminAccount'], message: `names no account of accounts; use one of ${names.map((n) => JSON.stringify(n)).join(', ')} (the security account by default)` });
    } else if (admin.role === 'management') {
      problems.push({ path: [...FMS, 'adminAccount'], message: 'is the management account; Firewall Manager administration belongs in a member account (the security account by default) so policy work never needs management credentials' });
    } else {
      (fms.regions ?? []).forEach((region, i) => {
        if (!regionsOf(admin).includes(region)) {
          problems.push({ path: [...FMS, 'regions', i], message: `is not a Region of the administrator account ${admin.name} (${regionsOf(admin).join(', ')}); add it to that account's regions or remove it here` });
        }
      });
    }
    const management = config.accounts.find((a) => a.role === 'management');
    if (management && !regionsOf(management).includes(config.homeRegion)) {
      problems.push({ path: [...FMS, 'enabled'], message: `needs the management account in the home Region ${config.homeRegion}: the administrator association is made from its home-Region stack` });
    }
    // Control Tower runs the recorders of the Regions it governs, whatever detection.config says.
    const policyRegions: readonly string[] = fms.regions ?? (admin ? regionsOf(admin) : []);
    const unrecorded = config.detection.config.enabled ? [] : policyRegions.filter((region) => !controlTowerGoverns(config.controlTower, region));
    if (unrecorded.length > 0) {
      problems.push({
        path: [...FMS, 'enabled'],
        message: `needs AWS Config recording in every account it covers, but detection.config.enabled is false (and Control Tower does not record in ${unrecorded.join(', ')}); turn AWS Config on or Firewall Manager off`,
      });
    }
    (['include', 'exclude'] as const).forEach((key) => {
      fms.scope[key].forEach((target, i) => {
        if (!OU_ID.test(target) && !names.includes(target)) {
          problems.push({ path: [...FMS, 'scope', key, i], message: `names no account; use an account name of accounts (${names.join(', ')}) or an OU id ("ou-...")` });
        }
      });
    });

    if (fms.wafPolicy.enabled && admin && admin.role !== 'management') {
      config.accounts.forEach((account, i) => {
        const arns = account.waf.webAcl?.protectedResourceArns ?? [];
        const inPolicyRegions = arns.filter((arn) => policyRegions.includes(parseProtectedResourceArn(arn)?.region ?? ''));
        if (inPolicyRegions.length === 0 || !coveredBy(fms.scope, account.name)) return;
        const scopePath = fms.scope.include.length > 0 ? 'edgeProtection.firewallManager.scope.include' : 'edgeProtection.firewallManager.scope';
        problems.push({
          path: ['accounts', i, 'waf', 'webAcl', 'protectedResourceArns'],
          message:
            `associates its own web ACL with ${inPolicyRegions.length} resource(s) that the Firewall Manager WAF policy (${scopePath}) also covers; ` +
            `a resource has one web ACL, so the two would fight over it. Exclude the account from the policy (edgeProtection.firewallManager.scope.exclude: [${account.name}]) ` +
            `or drop accounts[${i}].waf.webAcl.protectedResourceArns and let the policy protect them`,
        });
      });
    }
  }

  const shield = config.edgeProtection.shieldAdvanced;
  if (shield.enabled) {
    shield.protectedResources.forEach((resource, i) => {
      const parsed = parseShieldResourceArn(resource.arn);
      if (!parsed) return; // the schema already reported it
      const at = ['edgeProtection', 'shieldAdvanced', 'protectedResources', i, 'arn'];
      const account = config.accounts.find((a) => a.id === parsed.accountId);
      if (parsed.partition !== config.partition) {
        problems.push({ path: at, message: `is in partition ${parsed.partition}, not the organisation's ${config.partition}; use an ARN of this organisation` });
      } else if (!account) {
        problems.push({ path: at, message: `is in account ${parsed.accountId}, which is not in accounts; add the account or remove the resource` });
      } else if (!regionsOf(account).includes(config.homeRegion)) {
        problems.push({ path: at, message: `belongs to ${account.name}, which does not run in the home Region ${config.homeRegion} where its Shield subscription is made; add the home Region to its regions` });
      }
    });
  }
  return problems;
}

/**
 * Whether a policy scope may cover the account. An include list with OUs may cover any account (the config does not
 * know OU membership), so only an account excluded by name, or an include list of names alone without it, is out.
 */
function coveredBy(scope: { readonly include: readonly string[]; readonly exclude: readonly string[] }, name: string): boolean {
  if (scope.include.length > 0) return scope.include.includes(name) || scope.include.some((t) => OU_ID.test(t));
  return !scope.exclude.includes(name);
}
