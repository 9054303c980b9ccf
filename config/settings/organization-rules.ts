import { parseProtectedResourceArn } from '../../modules/waf/association';
import type { OrganizationConfig } from '../schema';
import { adoptionProblems } from './adoption-rules';
import { controlTowerProblems } from './control-tower-rules';

/**
 * Rules that relate one account's settings to the organisation or to other accounts, checked on the validated config
 * (every field already has its type and bounds), before any stack is built. They were checks in stacks/compose/*.ts
 * that threw plain errors at build time; here each is one problem with its config path, in the same list as the rest.
 *
 * - detection: the log-archive account runs in the home Region (it holds the log buckets); a Macie job needs Macie;
 * - identity: role names are unique per account (IAM compares them case-insensitively); Identity Center assignments
 *   name existing accounts once; SCP targets name existing accounts (how many policies each target gets is counted
 *   once, for every policy type, in organization-policy-targets-rules.ts);
 * - WAF: a web ACL's Regions are the account's; each protected resource is in one of them, of the account, listed once;
 * - data protection: secrets and parameters need the account to run in the home Region (they are created there).
 */

/** The SCP settings keys of the baseline's policies, in their build order. */
export const BASELINE_SCP_KEYS = [
  'denyLeaveOrganization',
  'regionAllowlist',
  'protectSecurityServices',
  'denyRootUser',
  'protectS3PublicAccessBlock',
  'protectBreakGlass',
  'denyIamUsers',
] as const;

export interface OrganizationRuleProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Config = OrganizationConfig;
type AccountConfig = Config['accounts'][number];

const regionsOf = (config: Config, account: AccountConfig): readonly string[] => account.regions ?? config.allowedRegions;

/** Every problem of the organisation-level rules (empty for a consistent config). */
export function organizationRuleProblems(config: Config): OrganizationRuleProblem[] {
  return [
    ...detectionProblems(config),
    ...identityProblems(config),
    ...wafProblems(config),
    ...dataProtectionProblems(config),
    ...adoptionProblems(config),
    ...controlTowerProblems(config),
  ];
}

function detectionProblems(config: Config): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  config.accounts.forEach((account, i) => {
    if (account.role === 'log-archive' && !regionsOf(config, account).includes(config.homeRegion)) {
      problems.push({
        path: ['accounts', i, 'regions'],
        message: `must include the home Region ${config.homeRegion}: the log-archive account holds the log buckets there; add it or remove regions`,
      });
    }
    if (account.detection.macieClassificationJob && !config.detection.macie.enabled) {
      problems.push({
        path: ['accounts', i, 'detection', 'macieClassificationJob'],
        message: 'needs detection.macie.enabled: true (a classification job runs in Macie); enable Macie or remove the job',
      });
    }
  });
  return problems;
}

/** Tag keys the baseline itself puts on every resource (stacks/tags.ts) or on some (VPC `segment`, `Name`). */
export const BASELINE_TAG_KEYS: readonly string[] = ['managed-by', 'baseline-version', 'account-role', 'segment', 'Name'];

function identityProblems(config: Config): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  const identity = config.identity;
  // The break-glass tag exempts its holder from every SCP: no other tag may share its key (IAM compares tag keys in
  // conditions case-insensitively), or a tag set on every role would make every role exempt.
  const breakGlassKey = identity.breakGlass.tagKey.toLowerCase();
  const tagSources: Array<{ readonly where: string; readonly keys: readonly string[] }> = [
    { where: 'the baseline (on every resource)', keys: BASELINE_TAG_KEYS },
    { where: 'defaultTags', keys: Object.keys(config.defaultTags) },
    ...config.accounts.flatMap((account, i) => [
      { where: `accounts[${i}].tags`, keys: Object.keys(account.tags) },
      ...account.identity.githubDeployRoles.map((role, j) => ({ where: `accounts[${i}].identity.githubDeployRoles[${j}].tags`, keys: Object.keys(role.tags) })),
    ]),
  ];
  for (const source of tagSources) {
    const clash = source.keys.find((key) => key.toLowerCase() === breakGlassKey);
    if (clash !== undefined) {
      problems.push({
        path: ['identity', 'breakGlass', 'tagKey'],
        message: `is also the tag key "${clash}" set by ${source.where}; the break-glass tag exempts its holder from every SCP, so it needs a key no other tag uses (IAM ignores case)`,
      });
    }
  }
  // Role names: IAM treats names that differ only in case as the same role.
  config.accounts.forEach((account, i) => {
    const claimed = new Map<string, string>([
      [identity.supportRole.roleName.toLowerCase(), 'identity.supportRole.roleName'],
      [identity.breakGlass.roleName.toLowerCase(), 'identity.breakGlass.roleName'],
      [config.deployRoleName.toLowerCase(), 'deployRoleName (the role the baseline deploys with)'],
    ]);
    if (identity.supportRole.roleName.toLowerCase() === identity.breakGlass.roleName.toLowerCase()) {
      problems.push({ path: ['identity', 'supportRole', 'roleName'], message: 'is also identity.breakGlass.roleName; the two roles need different names' });
    }
    for (const fixed of [identity.supportRole.roleName, identity.breakGlass.roleName]) {
      if (fixed.toLowerCase() === config.deployRoleName.toLowerCase()) {
        const where = fixed === identity.supportRole.roleName ? 'supportRole' : 'breakGlass';
        problems.push({ path: ['identity', where, 'roleName'], message: 'is also deployRoleName, the role the baseline deploys with; choose another name' });
      }
    }
    const lists = [
      ['crossAccountRoles', account.identity.crossAccountRoles],
      ['githubDeployRoles', account.identity.githubDeployRoles],
    ] as const;
    for (const [list, roles] of lists) {
      roles.forEach((role, j) => {
        const key = role.roleName.toLowerCase();
        const path = `accounts[${i}].identity.${list}[${j}].roleName`;
        const other = claimed.get(key);
        if (other) {
          problems.push({
            path: ['accounts', i, 'identity', list, j, 'roleName'],
            message: `is already used by ${other} in account ${account.name}; role names must be unique per account (IAM ignores case)`,
          });
        } else claimed.set(key, path);
      });
    }
  });

  const names = new Map(config.accounts.map((a) => [a.name, a]));
  const accountList = config.accounts.map((a) => JSON.stringify(a.name)).join(', ');
  const center = identity.identityCenter;
  if (center) {
    const seen = new Set<string>();
    center.assignments.forEach((assignment, i) => {
      assignment.accounts.forEach((name, j) => {
        const path = ['identity', 'identityCenter', 'assignments', i, 'accounts', j];
        const account = names.get(name);
        if (!account) {
          problems.push({ path, message: `names no account; use one of ${accountList}` });
          return;
        }
        const key = `${assignment.permissionSet}\u0000${assignment.groupId}\u0000${account.id}`;
        if (seen.has(key)) {
          problems.push({ path, message: `gives group ${assignment.groupId} "${assignment.permissionSet}" in ${name} again; list each assignment once` });
        }
        seen.add(key);
      });
    });
  }

  const scps = identity.serviceControlPolicies;
  if (scps) {
    for (const key of BASELINE_SCP_KEYS) {
      const policy = scps[key];
      if (!policy.enabled) continue;
      policy.targets.forEach((target, i) => {
        if (target === 'root' || target === 'all-accounts' || /^(ou-|\d{12}$)/.test(target) || names.has(target)) return;
        problems.push({
          path: ['identity', 'serviceControlPolicies', key, 'targets', i],
          message: `names no account; use one of ${accountList}, "root", "all-accounts", an OU id or an account id`,
        });
      });
    }
  }
  return problems;
}

function wafProblems(config: Config): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  config.accounts.forEach((account, i) => {
    const settings = account.waf.webAcl;
    if (!settings) return;
    const base = ['accounts', i, 'waf', 'webAcl'];
    const accountRegions = regionsOf(config, account);
    settings.regions?.forEach((region, j) => {
      if (!accountRegions.includes(region)) {
        problems.push({ path: [...base, 'regions', j], message: `must be one of the account's Regions (${accountRegions.join(', ')}); add it there or remove it here` });
      }
    });
    const aclRegions = settings.regions ?? accountRegions;
    const seen = new Map<string, number>();
    settings.protectedResourceArns.forEach((resourceArn, j) => {
      const path = [...base, 'protectedResourceArns', j];
      const parsed = parseProtectedResourceArn(resourceArn);
      if (!parsed) return; // the ARN's own rule reports it
      if (!aclRegions.includes(parsed.region)) {
        problems.push({ path, message: `is in ${parsed.region}, where the account has no web ACL (${aclRegions.join(', ')}); add the Region or remove the ARN` });
      }
      const owner = /^arn:[^:]+:[^:]+:[^:]+:(\d{12}):/.exec(resourceArn)?.[1];
      if (owner !== undefined && owner !== account.id) {
        problems.push({ path, message: `belongs to account ${owner}; a web ACL protects resources of its own account (${account.id}) only` });
      }
      const key = `${parsed.region}/${parsed.idSuffix}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ path, message: `names the same resource as protectedResourceArns[${first}]; list each resource once` });
      else seen.set(key, j);
    });
  });
  return problems;
}

function dataProtectionProblems(config: Config): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  config.accounts.forEach((account, i) => {
    const settings = account.dataProtection;
    if (regionsOf(config, account).includes(config.homeRegion)) return;
    for (const list of ['secrets', 'parameters'] as const) {
      if (settings[list].length > 0) {
        problems.push({
          path: ['accounts', i, 'dataProtection', list],
          message: `are created in the home Region (${config.homeRegion}), where this account does not run; add it to the account's regions or remove them`,
        });
      }
    }
  });
  return problems;
}
