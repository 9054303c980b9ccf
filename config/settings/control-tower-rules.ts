import type { OrganizationConfig } from '../schema';
import type { RuleProblem } from './adoption-rules';
import { controlTowerGoverns } from './control-tower';

/**
 * Control Tower mode's rules: the landing zone's home Region, audit and log-archive accounts are the baseline's, its
 * governed Regions are allowed ones, and no setting asks the baseline to build what Control Tower owns (the
 * organisation trail, the Config recorders and aggregator in governed Regions).
 */
export function controlTowerProblems(config: OrganizationConfig): RuleProblem[] {
  const tower = config.controlTower;
  if (!tower || !tower.enabled) return [];
  const problems: RuleProblem[] = [];
  const at = (...path: (string | number)[]): (string | number)[] => ['controlTower', ...path];
  if (tower.homeRegion !== config.homeRegion) {
    problems.push({ path: at('homeRegion'), message: `is ${tower.homeRegion} but homeRegion is ${config.homeRegion}; the baseline's home Region must be the landing zone's` });
  }
  tower.governedRegions.forEach((region, i) => {
    if (!config.allowedRegions.includes(region)) {
      problems.push({ path: at('governedRegions', i), message: `is not in allowedRegions (${config.allowedRegions.join(', ')}); add it there or remove it here` });
    }
  });
  if (!tower.governedRegions.includes(tower.homeRegion)) {
    problems.push({ path: at('governedRegions'), message: `must include the landing zone's home Region ${tower.homeRegion}; Control Tower always governs it` });
  }
  const roleOf = (name: string) => config.accounts.find((a) => a.name === name)?.role;
  const accountRule = (key: 'auditAccount' | 'logArchiveAccount', role: 'security' | 'log-archive'): void => {
    const name = tower[key];
    if (roleOf(name) !== role) {
      problems.push({
        path: at(key),
        message: `names ${roleOf(name) ? `the ${roleOf(name)} account` : 'no account in accounts'}; it must be the account whose role is ${role}, which takes Control Tower's ${key === 'auditAccount' ? 'Audit' : 'Log Archive'} role`,
      });
    }
  };
  accountRule('auditAccount', 'security');
  accountRule('logArchiveAccount', 'log-archive');
  if (config.detection.cloudTrail.enabled) {
    problems.push({
      path: ['detection', 'cloudTrail', 'enabled'],
      message: 'is true, but Control Tower owns the organisation trail; set detection.cloudTrail.enabled: false (the CIS 4.x alarms then use the Control Tower trail\'s log group)',
    });
  }
  config.accounts.forEach((account, i) => {
    if (account.adopt.trail) {
      problems.push({ path: ['accounts', i, 'adopt', 'trail'], message: 'adopts a trail, but Control Tower owns the organisation trail; remove it' });
    }
    for (const [region, adopted] of Object.entries(account.adopt.regions)) {
      if (!controlTowerGoverns(tower, region)) continue;
      for (const key of ['configRecorderName', 'configDeliveryChannelName'] as const) {
        if (adopted[key] !== undefined) {
          problems.push({ path: ['accounts', i, 'adopt', 'regions', region, key], message: `adopts a Config resource in ${region}, which Control Tower governs (it owns the recorder there); remove it` });
        }
      }
    }
  });
  return problems;
}
