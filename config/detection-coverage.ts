import { accountWithRole, type Organization } from './organization';

/**
 * Gaps in coverage: organisation-wide detection is delegated from the management account and run from the security
 * account Region by Region, so a Region where one of them does not run has no organisation configuration (the
 * stacks leave it out rather than fail at apply), and findings from a Region the security account does not run in
 * reach nobody. Reported as synth warnings.
 */
export function detectionCoverageGaps(org: Organization): string[] {
  const security = accountWithRole(org, 'security');
  const management = accountWithRole(org, 'management');
  const gaps: string[] = [];
  for (const region of [...new Set(org.accounts.flatMap((a) => a.regions))]) {
    const users = org.accounts.filter((a) => a.regions.includes(region)).map((a) => a.name);
    if (!security.regions.includes(region)) {
      gaps.push(`${region}: the security account does not run there, so findings of ${users.join(', ')} in ${region} are not aggregated or routed`);
    } else if (!management.regions.includes(region)) {
      gaps.push(`${region}: the management account does not run there, so no delegated administrator is set and the organisation-wide configuration of GuardDuty, Security Hub, Inspector and Macie is left out in ${region}`);
    }
  }
  return gaps;
}
