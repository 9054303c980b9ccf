import { Construct } from 'constructs';
import { accountWithRole, type Organization } from '../../config/organization';
import type { IdentityCenterSettings, ServiceControlPolicySettings, StatementSettings } from '../../config/settings/identity';
import { AccessAnalyzer, AnalyzerType } from '../../modules/access-analyzer';
import type { GlobalAccountContext } from '../../modules/core/account-context';
import { AccountAssignment, PermissionSet } from '../../modules/identity-center';
import {
  abacAllow,
  AwsManagedPolicy,
  BreakGlassRole,
  GithubDeployRole,
  GithubOidcProvider,
  PasswordPolicy,
  PermissionsBoundary,
  Policy,
  RequireMfaPolicy,
  Role,
  Statement,
  SupportRole,
  Trust,
  type IManagedPolicy,
} from '../../modules/iam';
import {
  DelegatedAdministrator,
  denyIamUsersPolicy,
  denyLeaveOrganizationPolicy,
  denyRootUserPolicy,
  protectBreakGlassPolicy,
  protectS3PublicAccessBlockPolicy,
  protectLogArchivePolicy,
  protectSecurityServicesPolicy,
  regionAllowlistPolicy,
  ServiceControlPolicy,
  type AlertingResources,
} from '../../modules/organizations';
import type { AccountBaselineStack } from '../baseline-stack';
import { detectionNames } from '../naming';
import { guardrailExemption } from './guardrail-exemption';
import { composeOrganizationPolicies } from './organization-policies';

/** Names of the identity resources other stacks and tests refer to. */
export function identityNames(org: Organization) {
  return {
    accountAnalyzer: `${org.name}-account`,
    organizationAnalyzer: `${org.name}-organization`,
    unusedAccessAnalyzer: `${org.name}-unused-access`,
    scp: (policy: string) => `${org.name}-${policy}`,
  };
}

/**
 * Adds the identity modules an account gets in this stack:
 * - home Region (IAM is global, so once per account): password policy, require-MFA policy and group, permissions
 *   boundary, AWS Support role, break-glass role, cross-account roles and GitHub deploy roles (with the account's
 *   GitHub OIDC provider) from config;
 * - every Region: an account Access Analyzer; in the security account also an organisation analyzer;
 * - management account, home Region: the guardrail SCPs and the Access Analyzer delegated administrator, and the
 *   IAM Identity Center permission sets and assignments when config has `identity.identityCenter`.
 */
export function composeIdentity(stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const settings = org.identity;
  const names = identityNames(org);
  const scope = new Construct(stack, 'identity');
  const accountIndex = org.accounts.indexOf(account);
  const accountPath = `accounts[${accountIndex}].identity`;

  if (stack.isHomeRegion) {
    // IAM is global: the account's partition and id, from the stack's account context
    const { partition, accountId } = stack.accountContext;
    const global: GlobalAccountContext = { partition, accountId };
    const boundary = new PermissionsBoundary(scope, 'permissions-boundary', {
      policyName: settings.permissionsBoundary.policyName,
      passableRoleArns: settings.permissionsBoundary.passableRoleArns,
    });
    new PasswordPolicy(scope, 'password-policy', settings.passwordPolicy);
    new RequireMfaPolicy(scope, 'require-mfa', global);
    new SupportRole(scope, 'support-role', {
      ...global,
      roleName: settings.supportRole.roleName,
      principalArnPatterns: settings.supportRole.principalArnPatterns,
      permissionsBoundary: boundary,
    });
    new BreakGlassRole(scope, 'break-glass-role', {
      ...global,
      roleName: settings.breakGlass.roleName,
      tag: { key: settings.breakGlass.tagKey, value: settings.breakGlass.tagValue },
      requireMfa: settings.breakGlass.requireMfa,
      maxSessionHours: settings.breakGlass.maxSessionHours,
    });

    account.identity.crossAccountRoles.forEach((role, i) => {
      const path = `${accountPath}.crossAccountRoles[${i}]`;
      atSetting(path, () => {
        new Role(scope, `cross-account-role-${role.roleName}`, {
          roleName: role.roleName,
          description: role.description ?? `Assumed from account ${role.trustedAccountId} with an external ID`,
          ...global,
          maxSessionHours: role.maxSessionHours,
          trust: [
            Trust.account({
              accountId: role.trustedAccountId,
              principalArns: role.trustedPrincipalArns,
              externalId: role.externalId,
              requireMfa: role.requireMfa,
            }),
          ],
          managedPolicies: role.awsManagedPolicies.map((name) => AwsManagedPolicy.of(partition, name)),
          inlinePolicies: inlinePolicy(role.statements),
          permissionsBoundary: boundary,
        });
      });
    });

    const deployRoles = account.identity.githubDeployRoles;
    if (deployRoles.length > 0) {
      const provider = new GithubOidcProvider(scope, 'github-oidc-provider', global);
      deployRoles.forEach((role, i) => {
        const path = `${accountPath}.githubDeployRoles[${i}]`;
        atSetting(path, () => {
          new GithubDeployRole(scope, `deploy-role-${role.roleName}`, {
            provider,
            ...global,
            roleName: role.roleName,
            description: role.description,
            repositories: role.repositories,
            maxSessionHours: role.maxSessionHours,
            permissionsBoundary: boundary,
            managedPolicies: role.awsManagedPolicies.map((name): IManagedPolicy => AwsManagedPolicy.of(partition, name)),
            inlinePolicies: inlinePolicy(role.statements),
            tags: role.tags,
          });
        });
      });
    }

    if (account.role === 'management') composeOrganizationGuardrails(scope, org);
    // Its own scope (logical ids `identity-center_...`), so the identity resources' addresses do not move.
    if (account.role === 'management' && settings.identityCenter) composeIdentityCenter(new Construct(stack, 'identity-center'), org, settings.identityCenter);
    if (account.role === 'management' && org.organizationPolicies) composeOrganizationPolicies(new Construct(stack, 'organization-policies'), org, org.organizationPolicies);
  }

  // CIS 1.20: an analyzer in every Region the account runs in.
  // An adopted analyzer keeps its name (a new name would replace it: accounts[].adopt.regions.<r>.accessAnalyzerName).
  const analyzerName = account.adopt.regions[stack.region]?.accessAnalyzerName ?? names.accountAnalyzer;
  new AccessAnalyzer(scope, 'account-access-analyzer', { analyzerName, type: AnalyzerType.ACCOUNT });
  if (account.role === 'security') {
    new AccessAnalyzer(scope, 'organization-access-analyzer', { analyzerName: names.organizationAnalyzer, type: AnalyzerType.ORGANIZATION });
    if (stack.isHomeRegion && settings.accessAnalyzer.unusedAccess) {
      new AccessAnalyzer(scope, 'unused-access-analyzer', {
        analyzerName: names.unusedAccessAnalyzer,
        type: AnalyzerType.ORGANIZATION_UNUSED_ACCESS,
        unusedAccessAgeDays: settings.accessAnalyzer.unusedAccessAgeDays,
      });
    }
  }
}

/** The management account's organisation-level identity resources. */
function composeOrganizationGuardrails(scope: Construct, org: Organization): void {
  const security = org.accounts.find((a) => a.role === 'security');
  if (security) {
    new DelegatedAdministrator(scope, 'access-analyzer-delegated-admin', { accountId: security.id, servicePrincipal: 'access-analyzer.amazonaws.com' });
  }
  const scps = org.identity.serviceControlPolicies;
  if (scps) composeServiceControlPolicies(scope, org, scps);
}

/** IAM Identity Center permission sets and group assignments (management account, home Region). */
function composeIdentityCenter(scope: Construct, org: Organization, settings: IdentityCenterSettings): void {
  const path = 'identity.identityCenter';
  const sets = new Map<string, PermissionSet>();
  settings.permissionSets.forEach((set, i) => {
    atSetting(`${path}.permissionSets[${i}]`, () => {
      sets.set(
        set.name,
        new PermissionSet(scope, `permission-set-${set.name}`, {
          instanceArn: settings.instanceArn,
          name: set.name,
          description: set.description,
          sessionHours: set.sessionHours,
          awsManagedPolicies: set.awsManagedPolicies,
          inlinePolicy: inlinePolicy(set.statements).permissions,
          breakGlass: set.breakGlassReason !== undefined ? { reason: set.breakGlassReason } : undefined,
        }),
      );
    });
  });
  const seen = new Set<string>();
  settings.assignments.forEach((assignment, i) => {
    const permissionSet = sets.get(assignment.permissionSet);
    if (!permissionSet) throw new Error(`config rule bypassed at ${path}.assignments[${i}].permissionSet`); // unreachable: identityCenterSchema (assignments name a permission set)
    assignment.accounts.forEach((name, j) => {
      const where = `${path}.assignments[${i}].accounts[${j}]`;
      const account = org.accounts.find((a) => a.name === name);
      if (!account) throw new Error(`config rule bypassed at ${where}`); // unreachable: organization-rules identityProblems (assignment accounts exist)
      const id = `assignment-${assignment.permissionSet}-${assignment.groupId}-${account.id}`;
      if (seen.has(id)) throw new Error(`config rule bypassed at ${where}`); // unreachable: organization-rules identityProblems (each assignment once)
      seen.add(id);
      atSetting(where, () => {
        new AccountAssignment(scope, id, { permissionSet, accountId: account.id, principalType: 'GROUP', principalId: assignment.groupId });
      });
    });
  });
}

interface ScpDefinition {
  readonly key: Exclude<keyof ServiceControlPolicySettings, 'organizationRootId' | 'exemptDeployRole' | 'protectLogArchive'>;
  readonly id: string;
  readonly description: string;
  readonly policy: Policy;
}

function composeServiceControlPolicies(scope: Construct, org: Organization, settings: ServiceControlPolicySettings): void {
  const names = identityNames(org);
  const exemption = guardrailExemption(org, settings);
  const definitions: ScpDefinition[] = [
    { key: 'denyLeaveOrganization', id: 'deny-leave-organization', description: 'Members cannot leave the organisation', policy: denyLeaveOrganizationPolicy(exemption) },
    {
      key: 'regionAllowlist',
      id: 'region-allowlist',
      description: `Regional actions only in ${org.allowedRegions.join(', ')}`,
      policy: regionAllowlistPolicy(exemption, { allowedRegions: org.allowedRegions, extraExemptActions: settings.regionAllowlist.extraExemptActions }),
    },
    {
      key: 'protectSecurityServices',
      id: 'protect-security-services',
      description: 'CloudTrail, GuardDuty, Config, Security Hub and Access Analyzer stay on',
      policy: protectSecurityServicesPolicy(exemption, { partition: org.partition, alerting: alertingResources(org) }),
    },
    { key: 'denyRootUser', id: 'deny-root-user', description: 'Member root users cannot act', policy: denyRootUserPolicy(exemption, org.partition) },
    { key: 'protectS3PublicAccessBlock', id: 'protect-s3-public-access-block', description: 'Account S3 Block Public Access cannot be changed', policy: protectS3PublicAccessBlockPolicy(exemption) },
    {
      key: 'protectBreakGlass',
      id: 'protect-break-glass',
      description: 'The break-glass tag (any case) and the exempt roles (break-glass, deploy) cannot be forged, created, changed or passed',
      policy: protectBreakGlassPolicy(exemption, { roleName: org.identity.breakGlass.roleName, partition: org.partition }),
    },
    { key: 'denyIamUsers', id: 'deny-iam-users', description: 'No IAM users, passwords or access keys', policy: denyIamUsersPolicy(exemption) },
  ];

  const resolved: Array<{ key: string; id: string; description: string; policy: Policy; targetIds: string[] }> = definitions
    .filter((d) => settings[d.key].enabled)
    .map((d) => {
      const targetIds = [...new Set(settings[d.key].targets.flatMap((t, i) => resolveTarget(org, settings, t, `identity.serviceControlPolicies.${d.key}.targets[${i}]`)))];
      return { ...d, targetIds };
    });
  const logArchive = accountWithRole(org, 'log-archive');
  if (settings.protectLogArchive.enabled) {
    const logNames = detectionNames(org);
    resolved.push({
      key: 'protectLogArchive',
      id: 'protect-log-archive',
      description: 'Log-archive evidence: no retention bypass, log deletion, log bucket or key weakening',
      policy: protectLogArchivePolicy(exemption, {
        partition: org.partition,
        bucketNames: [logNames.trailBucket, logNames.configBucket, logNames.findingsBucket, logNames.flowLogsBucket, logNames.accessLogsBucket],
      }),
      targetIds: [logArchive.id],
    });
  }
  const policies = new Construct(scope, 'service-control-policies');
  // How many SCPs each target gets (these, the organisation policies', the quarantine SCP and adopted ones) is a
  // config rule (config/settings/organization-policy-targets-rules.ts), which sees every policy attached here.
  for (const d of resolved) {
    atSetting(`identity.serviceControlPolicies.${d.key}`, () => {
      new ServiceControlPolicy(policies, d.id, { policyName: names.scp(d.id), description: d.description, policy: d.policy, targetIds: d.targetIds });
    });
  }
}

/** The alerting resources of member accounts the protection SCP keeps: the alert topic, its finding rules, flow logs. */
function alertingResources(org: Organization): AlertingResources {
  const names = detectionNames(org);
  return { topicNames: [names.alertTopic], ruleNames: [names.guardDutyAlertRule, names.securityHubAlertRule], logGroupNamePatterns: ['/vpc-flow-logs/*'] };
}

function resolveTarget(org: Organization, settings: ServiceControlPolicySettings, target: string, path: string): string[] {
  if (target === 'root') return [settings.organizationRootId!];
  if (target === 'all-accounts') return org.accounts.filter((a) => a.role !== 'management').map((a) => a.id);
  if (/^(ou-|\d{12}$)/.test(target)) return [target];
  const account = org.accounts.find((a) => a.name === target);
  if (!account) throw new Error(`config rule bypassed at ${path}`); // unreachable: organization-rules identityProblems (SCP targets name accounts)
  return [account.id];
}

/** The inline policy a role gets from config statements (none when there are none). */
function inlinePolicy(statements: readonly StatementSettings[]): { permissions?: Policy } {
  if (statements.length === 0) return {};
  return {
    permissions: Policy.of(
      ...statements.map((s) =>
        s.matchPrincipalTags && s.matchPrincipalTags.length > 0
          ? abacAllow({ sid: s.sid, actions: s.actions, resources: s.resources, tagKeys: s.matchPrincipalTags, source: s.tagSource })
          : Statement.allow({ sid: s.sid, actions: s.actions, resources: s.resources }),
      ),
    ),
  };
}

/** Runs `build`, prefixing any error with the config path of the setting that caused it. */
function atSetting(path: string, build: () => void): void {
  try {
    build();
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith('config ')) error.message = `config ${path}: ${error.message}`;
    throw error;
  }
}
