/**
 * Retention periods CloudWatch Logs accepts, in days (`PutRetentionPolicy`); any other number is refused by the API
 * at apply time, so it is refused here at synth time instead.
 */
export const CLOUDWATCH_LOGS_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Audit logs are kept at least a year (CIS 3.x guidance, Checkov CKV_AWS_338). */
export const MIN_AUDIT_LOG_RETENTION_DAYS = 365;

/** The retention values allowed for audit log groups: accepted by CloudWatch Logs and at least a year. */
export const AUDIT_LOG_RETENTION_DAYS: readonly number[] = CLOUDWATCH_LOGS_RETENTION_DAYS.filter((d) => d >= MIN_AUDIT_LOG_RETENTION_DAYS);

/** True when CloudWatch Logs accepts `days` and it is at least a year. */
export function isAuditLogRetention(days: number): boolean {
  return AUDIT_LOG_RETENTION_DAYS.includes(days);
}
