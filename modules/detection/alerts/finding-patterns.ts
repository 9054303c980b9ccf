import type { EventPattern } from './alert-rule';

/**
 * GuardDuty findings at or above a severity, matched NUMERICALLY (`{"numeric": [">=", 7]}`): GuardDuty findings
 * carry a number (1.0-8.9), not a label, so a list of labels such as ["HIGH"] would never match anything.
 */
export function guardDutyFindingPattern(minimumSeverity: number): EventPattern {
  return {
    source: ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    detail: { severity: [{ numeric: ['>=', minimumSeverity] }] },
  };
}

/** Security Hub severity labels (ASFF `Severity.Label`). */
export const SECURITY_HUB_SEVERITY_LABELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type SecurityHubSeverityLabel = (typeof SECURITY_HUB_SEVERITY_LABELS)[number];

/**
 * New, active Security Hub findings with one of the labels. `excludeProducts` leaves out findings that products such
 * as GuardDuty already alert on through their own rule, so one finding pages once.
 */
export function securityHubFindingPattern(severities: readonly SecurityHubSeverityLabel[], excludeProducts: readonly string[] = []): EventPattern {
  const findings: Record<string, unknown> = {
    Severity: { Label: [...severities] },
    Workflow: { Status: ['NEW'] },
    RecordState: ['ACTIVE'],
  };
  if (excludeProducts.length > 0) findings.ProductName = [{ 'anything-but': [...excludeProducts] }];
  return {
    source: ['aws.securityhub'],
    'detail-type': ['Security Hub Findings - Imported'],
    detail: { findings },
  };
}
