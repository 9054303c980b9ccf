import type { Construct } from 'constructs';
import type { Account, Organization } from '../../config/organization';
import { ACCOUNT_ROLES } from '../../config/schema';
import type { OrganizationPoliciesSettings } from '../../config/settings/organization-policies';
import { resolvePolicyTargets } from '../../config/settings/organization-policies-rules';
import type { PolicyStatement } from '../../modules/iam/policy-document';
import { Policy } from '../../modules/iam/policy';
import {
  customPolicy,
  dataPerimeterPolicy,
  denyPublicS3Policy,
  ec2DeclarativePolicyDocument,
  guardrail,
  instanceTypeAllowlistPolicy,
  OrganizationPolicy,
  ResourceControlPolicy,
  serviceAllowlistPolicy,
  ServiceControlPolicy,
  tagPolicyDocument,
  type TagRule,
} from '../../modules/organizations';
import { MANAGED_BY } from '../tags';
import { guardrailExemption } from './guardrail-exemption';

/** The ids of the targets a config list names (config rules have already refused the ones that name nothing). */
function targetIds(org: Organization, targets: readonly string[], path: string): string[] {
  const { ids, problems } = resolvePolicyTargets(org, targets, []);
  if (problems.length > 0) throw new Error(`config rule bypassed at ${path}`); // unreachable: organization-policies-rules (targets resolve)
  return ids;
}

/**
 * True when the EC2 declarative policy covers the account: it then sets the account's IMDS defaults, and the account
 * must not also set them itself (AWS refuses changes to attributes a declarative policy manages). `root` covers every
 * account, the management account included (management policies, unlike SCPs, apply to it).
 */
export function coveredByEc2DeclarativePolicy(org: Organization, account: Account): boolean {
  const settings = org.organizationPolicies?.ec2DeclarativePolicy;
  if (!settings?.enabled) return false;
  if (settings.targets.includes('root')) return true;
  return targetIds(org, settings.targets, 'organizationPolicies.ec2DeclarativePolicy.targets').includes(account.id);
}

/** The tag rules of the tag policy: the baseline's own tags with their values, then the organisation's default tag keys. */
export function baselineTagRules(org: Organization): TagRule[] {
  const rules: TagRule[] = [
    { key: 'managed-by', values: [MANAGED_BY] },
    { key: 'baseline-version' },
    { key: 'account-role', values: [...ACCOUNT_ROLES] },
  ];
  const own = new Set(rules.map((r) => r.key.toLowerCase()));
  for (const key of Object.keys(org.defaultTags)) if (!own.has(key.toLowerCase())) rules.push({ key });
  return rules;
}

/**
 * The organisation policies of `organizationPolicies` (management account, home Region): the public-S3 and allowlist
 * SCPs, the data-perimeter RCP, the tag policy, the EC2 declarative policy and the user-defined SCPs and RCPs. SCPs
 * carry the same exemption as the baseline SCPs.
 */
export function composeOrganizationPolicies(scope: Construct, org: Organization, settings: OrganizationPoliciesSettings): void {
  const scps = org.identity.serviceControlPolicies;
  if (!scps) throw new Error('config rule bypassed at organizationPolicies'); // unreachable: organization-policies-rules (needs serviceControlPolicies)
  const exemption = guardrailExemption(org, scps);
  const name = (id: string) => `${org.name}-${id}`;
  const path = 'organizationPolicies';

  if (settings.denyPublicS3.enabled) {
    new ServiceControlPolicy(scope, 'deny-public-s3', {
      policyName: name('deny-public-s3'),
      description: 'No public ACLs on S3 buckets or objects; bucket ACLs stay disabled',
      policy: denyPublicS3Policy(exemption),
      targetIds: targetIds(org, settings.denyPublicS3.targets, `${path}.denyPublicS3.targets`),
    });
  }
  const types = settings.instanceTypeAllowlist;
  if (types.enabled) {
    new ServiceControlPolicy(scope, 'instance-type-allowlist', {
      policyName: name('instance-type-allowlist'),
      description: `EC2 instances only of types ${types.allowedTypes.join(', ')}`.slice(0, 512),
      policy: instanceTypeAllowlistPolicy(exemption, org.partition, types.allowedTypes),
      targetIds: targetIds(org, types.targets, `${path}.instanceTypeAllowlist.targets`),
    });
  }
  const services = settings.serviceAllowlist;
  if (services.enabled) {
    new ServiceControlPolicy(scope, 'service-allowlist', {
      policyName: name('service-allowlist'),
      description: `Only the services ${services.allowedServices.join(', ')} (and STS)`.slice(0, 512),
      policy: serviceAllowlistPolicy(exemption, services.allowedServices),
      targetIds: targetIds(org, services.targets, `${path}.serviceAllowlist.targets`),
    });
  }
  if (settings.dataPerimeter.enabled) {
    new ResourceControlPolicy(scope, 'data-perimeter', {
      policyName: name('data-perimeter'),
      description: 'S3, SQS, KMS, Secrets Manager and STS resources only for the organisation, over TLS',
      policy: dataPerimeterPolicy({ organizationId: org.organizationId, trustedAccountIds: settings.dataPerimeter.trustedAccountIds }),
      targetIds: targetIds(org, settings.dataPerimeter.targets, `${path}.dataPerimeter.targets`),
    });
  }
  if (settings.tagPolicy.enabled) {
    new OrganizationPolicy(scope, 'tag-policy', {
      policyName: name('baseline-tags'),
      description: 'The baseline tag keys (exact case) and their values',
      type: 'TAG_POLICY',
      content: tagPolicyDocument({ tags: baselineTagRules(org), enforcedFor: settings.tagPolicy.enforcedFor }),
      targetIds: targetIds(org, settings.tagPolicy.targets, `${path}.tagPolicy.targets`),
    });
  }
  const ec2 = settings.ec2DeclarativePolicy;
  if (ec2.enabled) {
    new OrganizationPolicy(scope, 'ec2-declarative-policy', {
      policyName: name('ec2-attributes'),
      description: 'IMDSv2 required, no public AMI or snapshot sharing, no serial console',
      type: 'DECLARATIVE_POLICY_EC2',
      content: ec2DeclarativePolicyDocument({ instanceMetadataHopLimit: org.dataProtection.instanceMetadataHopLimit, exceptionMessage: ec2.exceptionMessage }),
      targetIds: targetIds(org, ec2.targets, `${path}.ec2DeclarativePolicy.targets`),
    });
  }
  settings.customPolicies.forEach((custom, i) => {
    const where = `${path}.customPolicies[${i}]`;
    let statements: Policy;
    try {
      statements = customPolicy(custom.type, custom.statements as readonly PolicyStatement[]);
    } catch (error) {
      throw new Error(`config rule bypassed at ${where}.statements: ${(error as Error).message}`); // unreachable: organization-policies customPolicySchema lints the statements
    }
    const policy = custom.exempt ? Policy.of(...statements.statements.map((s) => (s.effect === 'Deny' ? guardrail(exemption, s).statements[0]! : s))) : statements;
    const targets = targetIds(org, custom.targets, `${where}.targets`);
    atPath(where, () => {
      if (custom.type === 'scp') {
        new ServiceControlPolicy(scope, `custom-scp-${custom.name}`, { policyName: name(custom.name), description: custom.description, policy, targetIds: targets });
        return;
      }
      new ResourceControlPolicy(scope, `custom-rcp-${custom.name}`, { policyName: name(custom.name), description: custom.description, policy, targetIds: targets });
    });
  });
}

/** Runs `build`, prefixing any error with the config path of the setting that caused it. */
function atPath(path: string, build: () => void): void {
  try {
    build();
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith('config ')) error.message = `config ${path}: ${error.message}`;
    throw error;
  }
}
