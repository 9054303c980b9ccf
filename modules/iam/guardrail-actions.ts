/**
 * Actions that switch off or blind the account's detective controls. The permissions boundary and the protection SCP
 * both deny them (SCPs do not apply to the management account; the boundary does).
 */
export const SECURITY_SERVICE_TAMPER_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  cloudtrail: [
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:PutInsightSelectors',
    'cloudtrail:DeleteEventDataStore',
    'cloudtrail:StopEventDataStoreIngestion',
  ],
  guardduty: [
    'guardduty:DeleteDetector',
    'guardduty:UpdateDetector',
    'guardduty:DisassociateFromAdministratorAccount',
    'guardduty:DisassociateFromMasterAccount',
    'guardduty:DisassociateMembers',
    'guardduty:DeleteMembers',
    'guardduty:StopMonitoringMembers',
    'guardduty:DeletePublishingDestination',
    'guardduty:UpdatePublishingDestination',
    'guardduty:CreateFilter',
    'guardduty:UpdateFilter',
    'guardduty:CreateIPSet',
    'guardduty:UpdateIPSet',
  ],
  config: [
    'config:StopConfigurationRecorder',
    'config:DeleteConfigurationRecorder',
    'config:PutConfigurationRecorder',
    'config:DeleteDeliveryChannel',
    'config:PutDeliveryChannel',
    'config:DeleteConfigurationAggregator',
    'config:DeleteRetentionConfiguration',
  ],
  securityhub: [
    'securityhub:DisableSecurityHub',
    'securityhub:DisassociateFromAdministratorAccount',
    'securityhub:DisassociateFromMasterAccount',
    'securityhub:DisassociateMembers',
    'securityhub:DeleteMembers',
    'securityhub:BatchDisableStandards',
    'securityhub:DisableImportFindingsForProduct',
    'securityhub:UpdateStandardsControl',
  ],
  accessAnalyzer: [
    'access-analyzer:DeleteAnalyzer',
    'access-analyzer:CreateArchiveRule',
    'access-analyzer:UpdateArchiveRule',
    'access-analyzer:ApplyArchiveRule',
  ],
};

/** Every tamper action in one list. */
export function allSecurityServiceTamperActions(): string[] {
  return Object.values(SECURITY_SERVICE_TAMPER_ACTIONS).flat();
}
