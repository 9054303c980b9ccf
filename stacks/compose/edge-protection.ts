import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Account, Organization } from '../../config/organization';
import {
  FMS_ADMIN_REGION,
  FirewallManagerAdmin,
  FmsSecurityGroupAuditPolicy,
  FmsWafPolicy,
  ShieldAdvanced,
  parseShieldResourceArn,
  type FmsPolicyScope,
} from '../../modules/edge';
import { arn } from '../../modules/core/arn';
import type { AccountBaselineStack } from '../baseline-stack';
import { resourcePrefix } from '../naming';
import { defaultTagsFor } from '../tags';

/**
 * Adds the edge-protection modules an account gets in this stack (config/settings/edge-protection.ts):
 * - management account, home Region: the Firewall Manager administrator association (made in us-east-1, through
 *   a provider pinned there when the home Region is another);
 * - the administrator account (the security account by default), in each policy Region: the baseline WAF policy
 *   and the security-group content audit;
 * - every account that owns a listed Shield Advanced resource, home Region: its subscription, protections, Shield
 *   Response Team role and proactive engagement.
 * The config rules (config/settings/edge-protection-rules.ts) guarantee the accounts and Regions exist.
 */
export function composeEdgeProtection(stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const { firewallManager: fms, shieldAdvanced: shield } = org.edgeProtection;
  let edge: Construct | undefined;
  const scope = () => (edge ??= new Construct(stack, 'edge-protection'));

  if (fms.enabled) {
    const admin = fmsAdminAccount(org);
    if (account.role === 'management' && stack.isHomeRegion) {
      new FirewallManagerAdmin(scope(), 'fms-admin', {
        adminAccountId: admin.id,
        provider: region === FMS_ADMIN_REGION ? undefined : usEast1Provider(stack),
      });
    }
    const policyRegions: readonly string[] = fms.regions ?? admin.regions;
    if (account.name === admin.name && policyRegions.includes(region)) {
      const policyScope = resolveScope(org, fms.scope);
      const prefix = resourcePrefix(org);
      if (fms.wafPolicy.enabled) {
        new FmsWafPolicy(scope(), 'fms-waf-policy', {
          name: `${prefix}-baseline-web-acl`,
          description: `${org.name} baseline web ACL (${fms.wafPolicy.preset} preset rule groups) on every ALB and API Gateway stage in scope`,
          preset: fms.wafPolicy.preset,
          remove: fms.wafPolicy.remove,
          capacityLimit: fms.wafPolicy.capacityLimit,
          resourceTypes: fms.wafPolicy.resourceTypes,
          scope: policyScope,
          remediationEnabled: fms.wafPolicy.remediation,
        });
      }
      if (fms.securityGroupAudit.enabled) {
        new FmsSecurityGroupAuditPolicy(scope(), 'fms-security-group-audit', {
          name: `${prefix}-admin-ports-audit`,
          description: `${org.name}: no security group opens ${fms.securityGroupAudit.adminPorts.join(', ')} to the internet`,
          adminPorts: fms.securityGroupAudit.adminPorts,
          scope: policyScope,
          remediationEnabled: fms.securityGroupAudit.remediation,
        });
      }
    }
  }

  if (shield.enabled && stack.isHomeRegion) {
    const mine = shield.protectedResources.filter((r) => parseShieldResourceArn(r.arn)?.accountId === account.id);
    if (mine.length > 0) {
      const contacts = shield.proactiveEngagement.enabled
        ? shield.proactiveEngagement.emergencyContacts.map((c) => ({ emailAddress: c.email, phoneNumber: c.phone, contactNotes: c.notes }))
        : undefined;
      new ShieldAdvanced(scope(), 'shield-advanced', {
        partition: org.partition,
        accountId: account.id,
        acknowledgeCommitment: true, // config/settings/edge-protection.ts refuses enabled without acknowledgeCommitment
        autoRenew: shield.autoRenew,
        protectedResources: mine.map((r) => ({ name: r.name, resourceArn: r.arn })),
        responseTeamAccess: shield.responseTeamAccess,
        proactiveEngagementContacts: contacts,
      });
    }
  }
}

/** The Firewall Manager administrator: the named account, else the security account. */
function fmsAdminAccount(org: Organization): Account {
  const name = org.edgeProtection.firewallManager.adminAccount;
  const admin = name === undefined ? org.accounts.find((a) => a.role === 'security') : org.accounts.find((a) => a.name === name);
  if (!admin) throw new Error('config rule bypassed at edgeProtection.firewallManager.adminAccount'); // unreachable: edgeProtectionProblems
  return admin;
}

/** Account names of the scope to ids; OU ids pass through. */
function resolveScope(org: Organization, scope: { readonly include: readonly string[]; readonly exclude: readonly string[] }): FmsPolicyScope {
  const ids = (targets: readonly string[]) => targets.filter((t) => !t.startsWith('ou-')).map((name) => org.accounts.find((a) => a.name === name)!.id);
  const units = (targets: readonly string[]) => targets.filter((t) => t.startsWith('ou-'));
  return {
    includeAccountIds: ids(scope.include),
    includeOrgUnitIds: units(scope.include),
    excludeAccountIds: ids(scope.exclude),
    excludeOrgUnitIds: units(scope.exclude),
  };
}

/** The management account's provider in us-east-1, pinned like every provider of the baseline (stacks/provider.ts). */
function usEast1Provider(stack: AccountBaselineStack): AwsProvider {
  const { org, account } = stack;
  return new AwsProvider(stack, 'aws-us-east-1', {
    alias: 'us_east_1',
    region: FMS_ADMIN_REGION,
    allowedAccountIds: [account.id],
    assumeRole:
      org.state.mode === 'cloud'
        ? undefined
        : [{ roleArn: arn.role(org.partition, account.id, org.deployRoleName), sessionName: `baseline-${stack.stackName}-fms`.slice(0, 64) }],
    defaultTags: [{ tags: defaultTagsFor(org, account) }],
  });
}
