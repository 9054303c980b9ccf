import { overLimitTargets, type AlreadyAttached, type PolicyAttachment } from '../../modules/organizations/policy-limits';
import type { OrganizationPolicyType } from '../../modules/core/policy-quotas';
import type { OrganizationConfig } from '../schema';
import { existingScpsAttached } from './adoption-rules';
import { ORGANIZATION_SCP_KEYS } from './organization-policies';
import { resolvePolicyTargets } from './organization-policies-rules';
import { BASELINE_SCP_KEYS, type OrganizationRuleProblem } from './organization-rules';

type Config = OrganizationConfig;
type Path = readonly (string | number)[];

/** A policy the stacks will attach, with the config path it comes from (the problem's path when it overflows a target). */
interface ConfigAttachment extends PolicyAttachment {
  readonly path: Path;
}

/**
 * Every policy the baseline attaches, by type, with the targets it goes to, exactly as the stacks attach them:
 * - SCPs: the baseline's (`identity.serviceControlPolicies.*`, the log-archive protection on the log-archive account),
 *   the organisation SCPs and custom SCPs (`organizationPolicies`), and the quarantine SCP (`response.quarantine`);
 * - RCPs: the data perimeter and custom RCPs; tag policy; EC2 declarative policy.
 * Targets that name nothing are left out here (their own rules report them).
 */
export function policyAttachments(config: Config): ConfigAttachment[] {
  const attachments: ConfigAttachment[] = [];
  const add = (type: OrganizationPolicyType, path: Path, targets: readonly string[], label = path.join('.')) => {
    attachments.push({ type, policy: label, path: [...path, 'targets'], targetIds: resolvePolicyTargets(config, targets, []).ids });
  };
  const scps = config.identity.serviceControlPolicies;
  if (!scps) return attachments; // nothing is attached without it (organizationPolicies needs it too)
  for (const key of BASELINE_SCP_KEYS) {
    if (scps[key].enabled) add('SERVICE_CONTROL_POLICY', ['identity', 'serviceControlPolicies', key], scps[key].targets);
  }
  const logArchive = config.accounts.find((a) => a.role === 'log-archive');
  if (scps.protectLogArchive.enabled && logArchive) {
    const path = ['identity', 'serviceControlPolicies', 'protectLogArchive'];
    attachments.push({ type: 'SERVICE_CONTROL_POLICY', policy: path.join('.'), path: [...path, 'enabled'], targetIds: [logArchive.id] });
  }
  const settings = config.organizationPolicies;
  if (settings) {
    for (const key of ORGANIZATION_SCP_KEYS) {
      if (settings[key].enabled) add('SERVICE_CONTROL_POLICY', ['organizationPolicies', key], settings[key].targets);
    }
    if (settings.dataPerimeter.enabled) add('RESOURCE_CONTROL_POLICY', ['organizationPolicies', 'dataPerimeter'], settings.dataPerimeter.targets);
    if (settings.tagPolicy.enabled) add('TAG_POLICY', ['organizationPolicies', 'tagPolicy'], settings.tagPolicy.targets);
    if (settings.ec2DeclarativePolicy.enabled) add('DECLARATIVE_POLICY_EC2', ['organizationPolicies', 'ec2DeclarativePolicy'], settings.ec2DeclarativePolicy.targets);
    settings.customPolicies.forEach((policy, i) => {
      const path = ['organizationPolicies', 'customPolicies', i];
      add(policy.type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY', path, policy.targets, `organizationPolicies.customPolicies[${i}] (${policy.name})`);
    });
  }
  const quarantine = config.response.quarantine;
  if (quarantine.enabled) add('SERVICE_CONTROL_POLICY', ['response', 'quarantine'], quarantine.targets);
  return attachments;
}

/**
 * The one per-target count: no root, OU or account gets more policies of a type than AWS allows (SCPs and RCPs 5,
 * AWS's FullAWSAccess / RCPFullAWSAccess and adopted SCPs included; tag and declarative policies 10). One problem per
 * over-limit target, all in the same list; each names the target, the count, every policy with its config path, and
 * the fix. The problem's path is the setting of the last policy that lands on the target.
 */
export function policyAttachmentProblems(config: Config): OrganizationRuleProblem[] {
  const attachments = policyAttachments(config);
  const existingScps = existingScpsAttached(config);
  const alreadyAttached = (type: OrganizationPolicyType, targetId: string): AlreadyAttached => {
    if (type === 'RESOURCE_CONTROL_POLICY') return { count: 1, description: 'RCPFullAWSAccess' };
    if (type !== 'SERVICE_CONTROL_POLICY') return { count: 0, description: '' };
    const count = existingScps(targetId);
    return { count, description: count === 1 ? 'FullAWSAccess' : `${count} already attached (adoption.existingServiceControlPolicies, FullAWSAccess included)` };
  };
  const rootId = config.identity.serviceControlPolicies?.organizationRootId;
  const describeTarget = (targetId: string) => {
    if (targetId === rootId) return `${targetId} (the root)`;
    const account = config.accounts.find((a) => a.id === targetId);
    return account ? `${targetId} (${account.name})` : targetId;
  };
  return overLimitTargets(attachments, { alreadyAttached, describeTarget }).map((over) => {
    const last = over.policies.at(-1);
    const path = attachments.filter((a) => a.type === over.type && a.policy === last).at(-1)?.path ?? [];
    return { path, message: over.message };
  });
}
