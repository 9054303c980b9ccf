/** GuardDuty protection plans, by their API feature name (`aws_guardduty_detector_feature.name`). */
export const GUARDDUTY_FEATURES = {
  s3DataEvents: 'S3_DATA_EVENTS',
  eksAuditLogs: 'EKS_AUDIT_LOGS',
  ebsMalwareProtection: 'EBS_MALWARE_PROTECTION',
  rdsLoginEvents: 'RDS_LOGIN_EVENTS',
  lambdaNetworkLogs: 'LAMBDA_NETWORK_LOGS',
  runtimeMonitoring: 'RUNTIME_MONITORING',
} as const;

export type GuardDutyProtection = keyof typeof GUARDDUTY_FEATURES;

/** Which protection plans are on. */
export type GuardDutyProtections = Readonly<Record<GuardDutyProtection, boolean>>;

/**
 * S3 data events, EKS audit logs, EBS malware protection, RDS login events and Lambda network activity on; runtime
 * monitoring off (it deploys an agent to EKS, ECS Fargate and EC2, a change to workloads that teams opt into).
 */
export const DEFAULT_GUARDDUTY_PROTECTIONS: GuardDutyProtections = {
  s3DataEvents: true,
  eksAuditLogs: true,
  ebsMalwareProtection: true,
  rdsLoginEvents: true,
  lambdaNetworkLogs: true,
  runtimeMonitoring: false,
};

/** Runtime monitoring's agent-management settings: GuardDuty installs and updates its agent on each platform. */
export const RUNTIME_MONITORING_AGENT_SETTINGS = ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'] as const;

/** How often GuardDuty publishes updates of existing findings to EventBridge (new findings are always sent at once). */
export const FINDING_PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;
export type FindingPublishingFrequency = (typeof FINDING_PUBLISHING_FREQUENCIES)[number];

/** GuardDuty severities run from 1.0 to 8.9 (low 1.0-3.9, medium 4.0-6.9, high 7.0-8.9). */
export const GUARDDUTY_SEVERITY_RANGE = { min: 1, max: 8.9 } as const;
