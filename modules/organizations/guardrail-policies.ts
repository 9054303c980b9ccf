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

/** The statements as a guardrail: every one carries the exemption (break-glass tag, deploy role). */
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

/** Deny stopping, deleting or reconfiguring CloudTrail, GuardDuty, Config, Security Hub and Access Analyzer. */
export function protectSecurityServicesPolicy(exemption: GuardrailExemption): Policy {
  return guardrail(
    exemption,
    Statement.deny({ sid: 'DenySecurityServiceTampering', actions: allSecurityServiceTamperActions(), resources: ['*'] }),
  );
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
 * Keeps the break-glass path intact and unforgeable: nobody else may give a role, user or session the break-glass
 * tag, or change, weaken or delete the break-glass role.
 */
export function protectBreakGlassPolicy(exemption: GuardrailExemption, options: ProtectBreakGlassOptions): Policy {
  const key = exemption.breakGlassTag.key;
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyBreakGlassTagging',
      actions: ['iam:TagRole', 'iam:TagUser', 'iam:UntagRole', 'iam:UntagUser', 'iam:CreateRole', 'iam:CreateUser', 'sts:TagSession'],
      resources: ['*'],
      conditions: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [key] } },
    }),
    Statement.deny({
      sid: 'DenyBreakGlassRoleChanges',
      actions: [
        'iam:AttachRolePolicy',
        'iam:DeleteRole',
        'iam:DeleteRolePermissionsBoundary',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
      ],
      resources: [arn.role(options.partition, '*', options.roleName)],
    }),
  );
}
