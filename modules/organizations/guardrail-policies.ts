import type { AwsPartition } from '../core/regions';
import { allSecurityServiceTamperActions } from '../iam/guardrail-actions';
import type { PolicyConditions } from '../iam/policy-document';
import { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';
import { actionProblem } from '../iam/action-catalogue';
import { arn } from '../core/arn';

/**
 * The guardrail SCP documents. Every Deny statement carries the same exemption: principals tagged with the
 * break-glass tag, and the baseline's deploy role, are never denied. Responders therefore keep a way in under every
 * guardrail (the lock-out failure of guide 002), and the baseline can still manage the controls it deploys.
 * The exemption cannot be forged: `protectBreakGlassPolicy` denies setting the tag (on roles, users or sessions) to
 * everyone else.
 */
export interface GuardrailExemption {
  /** Principal tag key and value of break-glass principals. */
  readonly breakGlassTag: { readonly key: string; readonly value: string };
  /** ARN patterns of principals (the deploy role) that manage the baseline. @default [] */
  readonly exemptPrincipalArns?: readonly string[];
}

function exemptionConditions(exemption: GuardrailExemption): PolicyConditions {
  const exempt = exemption.exemptPrincipalArns ?? [];
  return {
    StringNotEquals: { [`aws:PrincipalTag/${exemption.breakGlassTag.key}`]: exemption.breakGlassTag.value },
    ...(exempt.length > 0 ? { ArnNotLike: { 'aws:PrincipalArn': exempt } } : {}),
  };
}

/** A guardrail policy: every statement carries the exemption (break-glass tag, exempt principals). */
export function guardrail(exemption: GuardrailExemption, ...statements: Statement[]): Policy {
  return Policy.of(...statements.map((s) => s.withConditions(exemptionConditions(exemption))));
}

/** Deny leaving the organisation (a member that leaves sheds every SCP and the central logging). */
export function denyLeaveOrganizationPolicy(exemption: GuardrailExemption): Policy {
  return guardrail(exemption, Statement.deny({ sid: 'DenyLeaveOrganization', actions: ['organizations:LeaveOrganization'], resources: ['*'] }));
}

/**
 * Actions of global services (or global actions of regional services) that the Region allowlist must not block:
 * they are served from us-east-1 or have no Region, whatever Region the caller uses.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'account:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chatbot:*',
  'cloudfront:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  's3:GetAccountPublicAccessBlock',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublicAccessBlock',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];

export interface RegionAllowlistOptions {
  /** Regions where regional actions are allowed. */
  readonly allowedRegions: readonly string[];
  /** More actions to exempt (global features of other services). @default [] */
  readonly extraExemptActions?: readonly string[];
}

/**
 * Why an action cannot be exempted from the Region allowlist, or undefined. An exemption is a hole in the guardrail,
 * so it names single actions of the catalogue: a wildcard (`*`, `ec2:*`, `ec2:Run*`) would exempt whole services,
 * including actions added later.
 */
export function exemptActionProblem(action: string): string | undefined {
  if (/[*?]/.test(action)) return 'is a wildcard: an exemption would then cover whole services (and actions AWS adds later); list single actions such as "iam:CreateRole"';
  return actionProblem(action);
}

/** Deny regional actions outside the allowed Regions; global services stay usable. */
export function regionAllowlistPolicy(exemption: GuardrailExemption, options: RegionAllowlistOptions): Policy {
  (options.extraExemptActions ?? []).forEach((action, i) => {
    const problem = exemptActionProblem(action);
    if (problem) throw new Error(`extraExemptActions[${i}] ${JSON.stringify(action)} ${problem}`);
  });
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyOutsideAllowedRegions',
      notActions: [...GLOBAL_SERVICE_ACTIONS, ...(options.extraExemptActions ?? [])],
      resources: ['*'],
      conditions: { StringNotEquals: { 'aws:RequestedRegion': options.allowedRegions } },
    }),
  );
}

/**
 * The resources that carry the baseline's alerting in member accounts (the alert topic, the finding rules that feed
 * it, the flow logs and their log groups), by name: the protection denies deleting, disabling or redirecting them.
 */
export interface AlertingResources {
  /** Names of the alert SNS topics. */
  readonly topicNames: readonly string[];
  /** Names of the EventBridge rules that route findings to the topic. */
  readonly ruleNames: readonly string[];
  /** CloudWatch Logs log-group name patterns (`*` allowed), e.g. `/vpc-flow-logs/*`. */
  readonly logGroupNamePatterns: readonly string[];
  /** Protect every VPC flow log (`ec2:DeleteFlowLogs`). @default true */
  readonly flowLogs?: boolean;
}

/**
 * What the alerting protection denies on the alerting resources: deleting, disabling, redirecting or rewriting them.
 * A reasoned list (the resources are named, the services are not protected as a whole: workloads use EventBridge,
 * SNS and CloudWatch Logs for their own resources).
 */
export const ALERTING_TAMPER_ACTIONS: readonly string[] = [
  'sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:RemovePermission', 'sns:Unsubscribe',
  'events:DeleteRule', 'events:DisableRule', 'events:RemoveTargets', 'events:PutRule', 'events:PutTargets',
  'logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy', 'logs:DeleteSubscriptionFilter', 'logs:DeleteMetricFilter', 'logs:DisassociateKmsKey',
  'ec2:DeleteFlowLogs',
];

export interface ProtectSecurityServicesOptions {
  readonly partition: AwsPartition;
  /** @default - the services only, no alerting resources */
  readonly alerting?: AlertingResources;
}

/**
 * Deny switching off, deleting or weakening CloudTrail, GuardDuty, Config, Security Hub and Access Analyzer (the
 * action list derived from the IAM action catalogue: `allSecurityServiceTamperActions`), and deleting or redirecting
 * the baseline's alerting resources.
 */
export function protectSecurityServicesPolicy(exemption: GuardrailExemption, options?: ProtectSecurityServicesOptions): Policy {
  const statements = [Statement.deny({ sid: 'DenySecurityServiceTampering', actions: allSecurityServiceTamperActions(), resources: ['*'] })];
  const alerting = options?.alerting;
  if (alerting) {
    const p = options.partition;
    const resources = [
      ...alerting.topicNames.flatMap((name) => [`arn:${p}:sns:*:*:${name}`, `arn:${p}:sns:*:*:${name}:*`]),
      ...alerting.ruleNames.map((name) => `arn:${p}:events:*:*:rule/${name}`),
      ...alerting.logGroupNamePatterns.flatMap((pattern) => [`arn:${p}:logs:*:*:log-group:${pattern}`, `arn:${p}:logs:*:*:log-group:${pattern}:*`]),
      ...((alerting.flowLogs ?? true) ? [`arn:${p}:ec2:*:*:vpc-flow-log/*`] : []),
    ];
    if (resources.length > 0) statements.push(Statement.deny({ sid: 'DenyAlertingTampering', actions: [...ALERTING_TAMPER_ACTIONS], resources }));
  }
  return guardrail(exemption, ...statements);
}

/** Deny every action by a member account's root user (use the break-glass role instead). */
export function denyRootUserPolicy(exemption: GuardrailExemption, partition: AwsPartition): Policy {
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyRootUser',
      actions: ['*'],
      resources: ['*'],
      conditions: { StringLike: { 'aws:PrincipalArn': `arn:${partition}:iam::*:root` } },
    }),
  );
}

/** Deny changing or removing the account-level S3 Block Public Access settings. */
export function protectS3PublicAccessBlockPolicy(exemption: GuardrailExemption): Policy {
  return guardrail(
    exemption,
    Statement.deny({ sid: 'DenyS3AccountPublicAccessBlockChanges', actions: ['s3:PutAccountPublicAccessBlock'], resources: ['*'] }),
  );
}

/** Deny creating IAM users, their console passwords and access keys (people use federation, workloads use roles). */
export function denyIamUsersPolicy(exemption: GuardrailExemption): Policy {
  return guardrail(
    exemption,
    Statement.deny({ sid: 'DenyIamUserCredentials', actions: ['iam:CreateUser', 'iam:CreateLoginProfile', 'iam:CreateAccessKey'], resources: ['*'] }),
  );
}

export interface ProtectBreakGlassOptions {
  /** Name of the break-glass role in every account. */
  readonly roleName: string;
  readonly partition: AwsPartition;
}

/**
 * What nobody but an exempt principal may do to an exempt role (the break-glass role, the deploy role, the HCP
 * Terraform apply roles): create it where it is missing (the name alone would carry the exemption), change its trust,
 * permissions, boundary or settings, delete it, or pass it to a service (which would then act with its exemption;
 * an instance profile is usable only after `iam:PassRole` of its role, so PassRole covers instance profiles too:
 * `iam:AddRoleToInstanceProfile` acts on the instance profile, not the role, and would match nothing here).
 */
export const EXEMPT_ROLE_PROTECTED_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
];

/** The actions that set or remove a principal or session tag (where `aws:TagKeys` names the keys). */
export const PRINCIPAL_TAGGING_ACTIONS: readonly string[] = ['iam:CreateRole', 'iam:CreateUser', 'iam:TagRole', 'iam:TagUser', 'iam:UntagRole', 'iam:UntagUser', 'sts:TagSession'];

/**
 * Protects every exemption the guardrails grant, so no principal can give itself one:
 * - the break-glass tag: nobody else may set or remove it on a role, user or session, in ANY letter case (AWS compares
 *   the key of `aws:PrincipalTag/<key>` case-insensitively, so `Break-Glass` would carry the exemption too:
 *   `ForAnyValue:StringEqualsIgnoreCase` on `aws:TagKeys`);
 * - the exempt roles (the break-glass role and every `exemptPrincipalArns` pattern, such as the deploy role): nobody
 *   else may create, change, delete or pass them (`EXEMPT_ROLE_PROTECTED_ACTIONS`).
 */
export function protectBreakGlassPolicy(exemption: GuardrailExemption, options: ProtectBreakGlassOptions): Policy {
  const key = exemption.breakGlassTag.key;
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyBreakGlassTagging',
      actions: [...PRINCIPAL_TAGGING_ACTIONS],
      resources: ['*'],
      conditions: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': [key] } },
    }),
    Statement.deny({
      sid: 'DenyExemptRoleChanges',
      actions: [...EXEMPT_ROLE_PROTECTED_ACTIONS],
      resources: [arn.role(options.partition, '*', options.roleName), ...(exemption.exemptPrincipalArns ?? [])],
    }),
  );
}
