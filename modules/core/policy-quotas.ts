/**
 * AWS's quotas on policy documents, in one place: how large each kind of policy may be, and how many policies of each
 * AWS Organizations type a root, OU or account may carry directly. Every size check and every per-target count of the
 * project (IAM lint, Organizations constructs, config rules) reads these tables and uses `policySize`.
 *
 * Sources: IAM and STS quotas (managed 6,144, inline 10,240 per role, trust 2,048 by default); AWS Organizations quotas
 * ("Maximum size of a policy document", and the policy-type table "Maximum number you can attach to a root, OU, or
 * account"); KMS (32,768), S3 (20,480) and Secrets Manager (20,480) resource policy limits.
 */

/** The AWS Organizations policy types (`EnablePolicyType`, `aws_organizations_policy.type`). */
export const ORGANIZATION_POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
] as const;
export type OrganizationPolicyType = (typeof ORGANIZATION_POLICY_TYPES)[number];

/**
 * What an IAM-grammar policy is used as (decides its size limit and which lint rules apply).
 * - `managed`: a customer managed policy; `inline`: a role's inline policies together; `boundary`: a permissions
 *   boundary (a managed policy); `trust`: a role trust policy;
 * - `scp`: a service control policy; `rcp`: a resource control policy (both IAM grammar, both Organizations policies);
 * - `key`, `bucket`, `secret`: KMS key, S3 bucket and Secrets Manager resource policies.
 */
export type IamPolicyKind = 'managed' | 'inline' | 'boundary' | 'trust' | 'scp' | 'rcp' | 'key' | 'bucket' | 'secret';

/** Every policy whose size AWS limits: the IAM-grammar kinds and the Organizations policy types. */
export type PolicyQuotaKey = IamPolicyKind | OrganizationPolicyType;

export interface PolicyQuota {
  /** What the policy is, for messages ("service control policy"). */
  readonly name: string;
  /** AWS's size quota in characters, counted as `policySize` counts. */
  readonly maxCharacters: number;
}

/** AWS's size quota of every kind of policy. SCP and RCP appear twice (IAM kind and Organizations type), same values. */
export const POLICY_QUOTAS: Readonly<Record<PolicyQuotaKey, PolicyQuota>> = {
  managed: { name: 'managed policy', maxCharacters: 6144 },
  inline: { name: 'inline role policies', maxCharacters: 10240 },
  boundary: { name: 'permissions boundary (managed policy)', maxCharacters: 6144 },
  trust: { name: 'trust policy', maxCharacters: 2048 },
  scp: { name: 'service control policy', maxCharacters: 5120 },
  rcp: { name: 'resource control policy', maxCharacters: 5120 },
  key: { name: 'key policy', maxCharacters: 32768 },
  bucket: { name: 'bucket policy', maxCharacters: 20480 },
  secret: { name: 'secret resource policy', maxCharacters: 20480 },
  SERVICE_CONTROL_POLICY: { name: 'service control policy', maxCharacters: 5120 },
  RESOURCE_CONTROL_POLICY: { name: 'resource control policy', maxCharacters: 5120 },
  TAG_POLICY: { name: 'tag policy', maxCharacters: 10000 },
  BACKUP_POLICY: { name: 'backup policy', maxCharacters: 10000 },
  AISERVICES_OPT_OUT_POLICY: { name: 'AI services opt-out policy', maxCharacters: 2500 },
  CHATBOT_POLICY: { name: 'chat applications policy', maxCharacters: 10000 },
  DECLARATIVE_POLICY_EC2: { name: 'EC2 declarative policy', maxCharacters: 10000 },
};

export interface PolicyAttachmentQuota {
  /** The policy type in messages, plural ("SCPs"). */
  readonly plural: string;
  /** At most this many policies of the type attached directly to one root, OU or account, AWS's own ones included. */
  readonly maxPerTarget: number;
  /**
   * The AWS-managed policy AWS attaches to every target when the type is enabled, which takes one of the slots
   * (`FullAWSAccess`, `RCPFullAWSAccess`). @default - none
   */
  readonly awsManagedDefault?: string;
}

/** How many policies of each Organizations type one root, OU or account may carry directly. */
export const POLICY_ATTACHMENT_QUOTAS: Readonly<Record<OrganizationPolicyType, PolicyAttachmentQuota>> = {
  SERVICE_CONTROL_POLICY: { plural: 'SCPs', maxPerTarget: 5, awsManagedDefault: 'FullAWSAccess' },
  RESOURCE_CONTROL_POLICY: { plural: 'RCPs', maxPerTarget: 5, awsManagedDefault: 'RCPFullAWSAccess' },
  TAG_POLICY: { plural: 'tag policies', maxPerTarget: 10 },
  BACKUP_POLICY: { plural: 'backup policies', maxPerTarget: 10 },
  AISERVICES_OPT_OUT_POLICY: { plural: 'AI services opt-out policies', maxPerTarget: 5 },
  CHATBOT_POLICY: { plural: 'chat applications policies', maxPerTarget: 5 },
  DECLARATIVE_POLICY_EC2: { plural: 'EC2 declarative policies', maxPerTarget: 10 },
};

/**
 * The characters AWS counts against a policy's size quota: the JSON without the white space between its elements
 * (outside quoted strings). White space inside a string (a condition value, a tag value, a message) counts. The AWS
 * Organizations quotas say so for the console (which strips white space outside quotation marks) and store an API
 * request's document exactly as sent; the baseline always sends compact JSON, so this is the size AWS sees either way.
 * IAM does not count white space either. cdktf tokens (`${TfToken[...]}`) count as their placeholder text.
 */
export function policySize(json: string): number {
  let size = 0;
  let inString = false;
  let escaped = false;
  for (const char of json) {
    if (inString) {
      size++;
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (!/\s/.test(char)) {
      size++;
      if (char === '"') inString = true;
    }
  }
  return size;
}

/** Why a policy of `size` characters does not fit the quota of `kind` (both numbers and the excess), or undefined. */
export function policySizeProblem(kind: PolicyQuotaKey, size: number): string | undefined {
  const { name, maxCharacters } = POLICY_QUOTAS[kind];
  if (size <= maxCharacters) return undefined;
  return `is ${size} characters without whitespace, over the ${maxCharacters}-character limit of a ${name} by ${size - maxCharacters}; split it or shorten it`;
}
