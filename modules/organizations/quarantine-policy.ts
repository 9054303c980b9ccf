import { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';

export interface QuarantineOptions {
  /** Principal tag of break-glass principals (the same tag every guardrail exempts). */
  readonly breakGlassTag: { readonly key: string; readonly value: string };
  /**
   * ARN patterns of the responder roles that keep working in a quarantined account (`aws:PrincipalArn`, ArnLike).
   * @default [] - only break-glass principals
   */
  readonly responderRoleArnPatterns?: readonly string[];
}

/**
 * The quarantine SCP: in the accounts (or OU) it is attached to, every action by every principal is denied except
 * for the responder roles and break-glass principals. Attach it during an incident to freeze a compromised account
 * (stolen keys, a runaway deployment) while responders investigate; AWS service-linked roles are not affected by
 * SCPs, so GuardDuty, Config and CloudTrail keep recording.
 */
export function quarantinePolicy(options: QuarantineOptions): Policy {
  const responders = options.responderRoleArnPatterns ?? [];
  return Policy.of(
    Statement.deny({
      sid: 'QuarantineDenyAllButResponders',
      actions: ['*'],
      resources: ['*'],
      conditions: {
        StringNotEquals: { [`aws:PrincipalTag/${options.breakGlassTag.key}`]: options.breakGlassTag.value },
        ...(responders.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': [...responders] } } : {}),
      },
    }),
  );
}
