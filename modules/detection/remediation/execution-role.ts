import type { Construct } from 'constructs';
import type { AwsPartition } from '../../core/regions';
import { Policy } from '../../iam/policy';
import { NamedSinglePolicyRole } from '../../iam/role';
import { Statement } from '../../iam/statement';
import type { RunbookPermission } from './runbooks';

/** Where a runbook's role may act: its account and the Regions the account runs in. */
export interface RunbookScope {
  readonly partition: AwsPartition;
  readonly accountId: string;
  /** Regions whose resources the role may change (IAM roles are global; the permissions name each Region). */
  readonly regions: readonly string[];
}

/**
 * The execution-role policy of a runbook: one statement per permission of the pinned catalogue, on this account's
 * resources in the listed Regions only. Nothing else: the role can fix what the runbook fixes and do nothing more.
 */
export function runbookPolicy(permissions: readonly RunbookPermission[], scope: RunbookScope): Policy {
  return Policy.of(
    ...permissions.map((permission, i) =>
      Statement.allow({
        sid: `Runbook${i}`,
        actions: [...permission.actions],
        resources: [...new Set(scope.regions.map((region) => permission.resources(scope.partition, region, scope.accountId)))],
      }),
    ),
  );
}

export interface RunbookExecutionRoleProps extends RunbookScope {
  /** Role name (up to 64 characters); the remediation configurations and EventBridge targets name it by ARN. */
  readonly roleName: string;
  /** What the role is for. */
  readonly description: string;
  /** The runbook's permissions (from the pinned catalogue). */
  readonly permissions: readonly RunbookPermission[];
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The role SSM Automation assumes to run one runbook: trusted by `ssm.amazonaws.com` for this account only
 * (`aws:SourceAccount`, confused-deputy protection), with exactly the runbook's permissions, one-hour sessions.
 */
export class RunbookExecutionRole extends NamedSinglePolicyRole {
  constructor(scope: Construct, id: string, props: RunbookExecutionRoleProps) {
    super(scope, id, {
      principal: 'ssm.amazonaws.com',
      policyName: 'runbook',
      policy: runbookPolicy(props.permissions, props),
      roleName: props.roleName,
      description: props.description,
      partition: props.partition,
      accountId: props.accountId,
      tags: props.tags,
    });
  }
}

/**
 * The policy EventBridge needs to start one runbook: `ssm:StartAutomationExecution` on that runbook's automation
 * definition in the listed Regions, and passing only its execution role, only to SSM.
 */
export function automationInvokePolicy(runbookName: string, automationRoleArn: string, scope: RunbookScope): Policy {
  return Policy.of(
    Statement.allow({
      sid: 'StartRunbook',
      actions: ['ssm:StartAutomationExecution'],
      resources: scope.regions.map((region) => `arn:${scope.partition}:ssm:${region}:${scope.accountId}:automation-definition/${runbookName}:*`),
    }),
    Statement.allow({
      sid: 'PassRunbookRole',
      actions: ['iam:PassRole'],
      resources: [automationRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
    }),
  );
}

export interface AutomationInvokeRoleProps extends RunbookScope {
  readonly roleName: string;
  /** The runbook EventBridge may start. */
  readonly runbookName: string;
  /** The runbook's execution role, the only role EventBridge may pass. */
  readonly automationRoleArn: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The role EventBridge rules of this account assume to start one containment runbook. */
export class AutomationInvokeRole extends NamedSinglePolicyRole {
  constructor(scope: Construct, id: string, props: AutomationInvokeRoleProps) {
    super(scope, id, {
      principal: 'events.amazonaws.com',
      policyName: 'start',
      policy: automationInvokePolicy(props.runbookName, props.automationRoleArn, props),
      roleName: props.roleName,
      description: `EventBridge starts ${props.runbookName} for GuardDuty containment`,
      partition: props.partition,
      accountId: props.accountId,
      tags: props.tags,
    });
  }
}
