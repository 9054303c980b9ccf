/**
 * The AWS-owned SSM Automation runbooks the baseline may attach to AWS Config rules, pinned in the repository: a
 * config that names any other runbook is refused. Each entry says which managed rule identifiers it fixes, how
 * the non-compliant resource is passed to it, which fixed parameters it gets, and exactly which permissions its
 * execution role needs (taken from the runbook's "Required IAM permissions" in the AWS runbook reference).
 */

/** A resource ARN pattern, filled in per account and Region. */
export type ArnTemplate = (partition: string, region: string, accountId: string) => string;

/** One statement of a runbook's execution-role policy. */
export interface RunbookPermission {
  /** IAM actions (checked against the action catalogue when the role is built). */
  readonly actions: readonly string[];
  /** Resources the actions apply to; `*` only for actions without a resource type (Describe*). */
  readonly resources: ArnTemplate;
}

/** A pinned remediation runbook. */
export interface RemediationRunbook {
  /** The SSM document name (AWS-owned). */
  readonly name: string;
  /** Short id used in role names (lower case, up to 24 characters). */
  readonly id: string;
  /** What it does, for the README and the role description. */
  readonly summary: string;
  /** Managed Config rule identifiers whose non-compliant resources this runbook fixes. */
  readonly ruleIdentifiers: readonly string[];
  /** The Config resource type the remediation targets. */
  readonly resourceType: string;
  /** The runbook parameter that receives the non-compliant resource's id (`RESOURCE_ID`). */
  readonly resourceParameter: string;
  /** Fixed parameters. @default {} */
  readonly staticParameters?: Readonly<Record<string, string>>;
  /** The execution role's permissions: exactly what the runbook calls. */
  readonly permissions: readonly RunbookPermission[];
}

const securityGroups: ArnTemplate = (p, r, a) => `arn:${p}:ec2:${r}:${a}:security-group/*`;
const anyResource: ArnTemplate = () => '*';
const buckets: ArnTemplate = (p) => `arn:${p}:s3:::*`;
const keys: ArnTemplate = (p, r, a) => `arn:${p}:kms:${r}:${a}:key/*`;

/** The runbooks a remediation may use. Names are AWS's; ids are ours and stable (they name roles). */
export const REMEDIATION_RUNBOOKS: readonly RemediationRunbook[] = [
  {
    name: 'AWS-DisableIncomingSSHOnPort22',
    id: 'disable-open-ssh',
    summary: 'removes security group rules that allow SSH (TCP 22) from anywhere',
    ruleIdentifiers: ['INCOMING_SSH_DISABLED'],
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceParameter: 'SecurityGroupIds',
    permissions: [
      { actions: ['ec2:DescribeSecurityGroups'], resources: anyResource },
      { actions: ['ec2:RevokeSecurityGroupIngress'], resources: securityGroups },
    ],
  },
  {
    name: 'AWSConfigRemediation-RemoveUnrestrictedSourceIngressRules',
    id: 'remove-open-ingress',
    summary: 'removes security group ingress rules open to every source address',
    ruleIdentifiers: ['RESTRICTED_INCOMING_TRAFFIC', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS'],
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceParameter: 'SecurityGroupId',
    permissions: [
      { actions: ['ec2:DescribeSecurityGroups'], resources: anyResource },
      { actions: ['ec2:RevokeSecurityGroupIngress'], resources: securityGroups },
    ],
  },
  {
    name: 'AWS-DisableS3BucketPublicReadWrite',
    id: 's3-block-public',
    summary: "turns on the bucket's own S3 Block Public Access settings",
    ruleIdentifiers: ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'S3_BUCKET_PUBLIC_READ_PROHIBITED', 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED'],
    resourceType: 'AWS::S3::Bucket',
    resourceParameter: 'S3BucketName',
    permissions: [{ actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'], resources: buckets }],
  },
  {
    name: 'AWS-EnableS3BucketEncryption',
    id: 's3-default-encryption',
    summary: 'sets SSE-S3 default encryption on the bucket',
    ruleIdentifiers: ['S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED'],
    resourceType: 'AWS::S3::Bucket',
    resourceParameter: 'BucketName',
    staticParameters: { SSEAlgorithm: 'AES256' },
    permissions: [{ actions: ['s3:PutEncryptionConfiguration'], resources: buckets }],
  },
  {
    name: 'AWS-ConfigureS3BucketVersioning',
    id: 's3-versioning',
    summary: 'turns on versioning of the bucket',
    ruleIdentifiers: ['S3_BUCKET_VERSIONING_ENABLED'],
    resourceType: 'AWS::S3::Bucket',
    resourceParameter: 'BucketName',
    staticParameters: { VersioningState: 'Enabled' },
    permissions: [{ actions: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'], resources: buckets }],
  },
  {
    name: 'AWSConfigRemediation-EnableKeyRotation',
    id: 'kms-key-rotation',
    summary: 'turns on automatic rotation of the customer managed key',
    ruleIdentifiers: ['CMK_BACKING_KEY_ROTATION_ENABLED'],
    resourceType: 'AWS::KMS::Key',
    resourceParameter: 'KeyId',
    permissions: [{ actions: ['kms:EnableKeyRotation', 'kms:GetKeyRotationStatus'], resources: keys }],
  },
];

/**
 * Runbooks that change settings the baseline's own Terraform manages: remediating them would only fight Terraform
 * (the next apply reverts the fix, the next evaluation re-runs it). Named here so the config error can say why.
 */
export const TERRAFORM_MANAGED_RUNBOOKS: Readonly<Record<string, string>> = {
  'AWSConfigRemediation-EnableEbsEncryptionByDefault': 'EBS encryption by default is set by the baseline (account-defaults, every Region)',
  'AWSConfigRemediation-ConfigureS3PublicAccessBlock': "the account's S3 Block Public Access is set by the baseline (account-defaults)",
  'AWSConfigRemediation-SetIAMPasswordPolicy': 'the IAM password policy is set by the baseline (identity)',
  'AWS-EnableCloudTrail': 'the organisation trail is managed by the baseline (detection, management account)',
  'AWSConfigRemediation-EnableCloudTrailLogFileValidation': 'the organisation trail is managed by the baseline (detection, management account)',
};

/** The pinned runbook of this name, or undefined. */
export function remediationRunbook(name: string): RemediationRunbook | undefined {
  return REMEDIATION_RUNBOOKS.find((r) => r.name === name);
}

/** Why `name` cannot remediate a rule with `identifier`, or undefined when it can. */
export function runbookProblem(name: string, identifier: string | undefined): string | undefined {
  const managed = TERRAFORM_MANAGED_RUNBOOKS[name];
  if (managed) return `changes what Terraform manages (${managed}); a remediation would only drift against it`;
  const runbook = remediationRunbook(name);
  if (!runbook) return `is not a pinned remediation runbook; use one of ${REMEDIATION_RUNBOOKS.map((r) => r.name).join(', ')}`;
  if (identifier !== undefined && !runbook.ruleIdentifiers.includes(identifier)) {
    return `fixes ${runbook.ruleIdentifiers.join(', ')}, not ${identifier}; pick the runbook paired with the rule (${pairedRunbooks(identifier)})`;
  }
  return undefined;
}

function pairedRunbooks(identifier: string): string {
  const paired = REMEDIATION_RUNBOOKS.filter((r) => r.ruleIdentifiers.includes(identifier)).map((r) => r.name);
  return paired.length > 0 ? paired.join(', ') : 'none is pinned for this rule';
}
