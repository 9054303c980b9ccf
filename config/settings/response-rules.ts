import type { OrganizationConfig } from '../schema';
import { remediationRunbook } from '../../modules/detection/remediation/runbooks';
import type { OrganizationRuleProblem } from './organization-rules';

/**
 * Rules relating the incident-response and cost settings to the rest of the config (run on a config whose every
 * field is valid):
 * - a remediation names a Config rule of detection.config.rules, with Config on, and a runbook paired with that
 *   rule's managed identifier;
 * - containment needs GuardDuty, investigation the organisation trail;
 * - quarantine targets name member accounts (SCPs never apply to the management account) or OU ids.
 */
export function responseRuleProblems(config: OrganizationConfig): OrganizationRuleProblem[] {
  const problems: OrganizationRuleProblem[] = [];
  const { response, detection } = config;
  const rules = new Map(detection.config.rules.map((r) => [r.name, r.identifier]));
  response.remediation.forEach((item, i) => {
    const at = ['response', 'remediation', i];
    if (!detection.config.enabled) {
      problems.push({ path: [...at, 'rule'], message: 'needs AWS Config: detection.config.enabled is false; turn it on or remove the remediation' });
      return;
    }
    const identifier = rules.get(item.rule);
    if (identifier === undefined) {
      problems.push({ path: [...at, 'rule'], message: 'names no rule of detection.config.rules; name one of the rules listed there, or add the rule first' });
      return;
    }
    const runbook = remediationRunbook(item.runbook);
    if (runbook && !runbook.ruleIdentifiers.includes(identifier)) {
      problems.push({
        path: [...at, 'runbook'],
        message: `fixes ${runbook.ruleIdentifiers.join(', ')}, but the rule it names checks ${identifier}; pick the runbook paired with that rule in modules/detection/remediation/runbooks.ts`,
      });
    }
  });
  if (response.containment.length > 0 && !detection.guardDuty.enabled) {
    problems.push({ path: ['response', 'containment'], message: 'needs GuardDuty: detection.guardDuty.enabled is false; turn it on or remove the routes' });
  }
  if (response.investigation.enabled && !detection.cloudTrail.enabled) {
    problems.push({ path: ['response', 'investigation', 'enabled'], message: 'needs the organisation trail: detection.cloudTrail.enabled is false' });
  }
  response.quarantine.targets.forEach((target, i) => {
    if (/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(target)) return;
    const account = config.accounts.find((a) => a.name === target);
    const at = ['response', 'quarantine', 'targets', i];
    if (!account) {
      problems.push({ path: at, message: `names no account; use a member account name (${config.accounts.filter((a) => a.role !== 'management').map((a) => a.name).join(', ')}) or an OU id ("ou-...")` });
    } else if (account.role === 'management') {
      problems.push({ path: at, message: 'is the management account, which SCPs never restrict; quarantine a member account or an OU' });
    }
  });
  return problems;
}
