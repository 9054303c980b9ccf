import { Construct } from 'constructs';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import {
  denyIamUsersPolicy,
  denyLeaveOrganizationPolicy,
  denyRootUserPolicy,
  protectBreakGlassPolicy,
  protectS3PublicAccessBlockPolicy,
  protectSecurityServicesPolicy,
  regionAllowlistPolicy,
  type GuardrailExemption,
} from '../modules/organizations/guardrail-policies';
import type { Policy } from '../modules/iam/policy';
import { MAX_POLICIES_PER_TARGET, SCP_SIZE_LIMIT } from '../modules/organizations/policy-limits';
import { dataPerimeterPolicy, RCP_SIZE_LIMIT } from '../modules/organizations/resource-control-policies';
import { ResourceControlPolicy } from '../modules/organizations/resource-control-policy';
import { ServiceControlPolicy } from '../modules/organizations/service-control-policy';
import type { AwsPartition } from '../modules/core/regions';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable, providerContext } from './common';

/** Placeholders of the right shape for the policy builders, replaced by the inputs in the exported JSON. */
const PLACEHOLDER = {
  tagKey: 'xexportbgkeyx',
  tagValue: 'xexportbgvaluex',
  exempt: 'arn:aws:iam::*:role/xexportexemptx',
  region: 'xexportregionx',
  breakGlassRole: 'xexportbgrolex',
  organization: 'o-xexportorgx',
  trusted: '999999999999',
  namePrefix: 'xexportprefixx',
} as const;

/** The guardrail SCPs of the baseline (stacks/compose/identity.ts builds the same set from config), by input key. */
interface GuardrailDefinition {
  readonly key: string;
  readonly id: string;
  readonly description: string;
  readonly policy: (exemption: GuardrailExemption, partition: AwsPartition) => Policy;
}

export const GUARDRAIL_SCPS: readonly GuardrailDefinition[] = [
  { key: 'deny_leave_organization', id: 'deny-leave-organization', description: 'Member accounts cannot leave the organisation', policy: (e) => denyLeaveOrganizationPolicy(e) },
  { key: 'region_allowlist', id: 'region-allowlist', description: 'Regional actions only in the allowed Regions', policy: (e) => regionAllowlistPolicy(e, { allowedRegions: [PLACEHOLDER.region] }) },
  { key: 'protect_security_services', id: 'protect-security-services', description: 'CloudTrail, GuardDuty, Config, Security Hub and Access Analyzer stay on', policy: (e, p) => protectSecurityServicesPolicy(e, { partition: p }) },
  { key: 'deny_root_user', id: 'deny-root-user', description: 'Member root users cannot act', policy: (e, p) => denyRootUserPolicy(e, p) },
  { key: 'protect_s3_public_access_block', id: 'protect-s3-public-access-block', description: 'Account S3 Block Public Access cannot be changed', policy: (e) => protectS3PublicAccessBlockPolicy(e) },
  {
    key: 'protect_break_glass',
    id: 'protect-break-glass',
    description: 'The break-glass tag (any case) and the exempt roles (break-glass, deploy) cannot be forged, created, changed or passed',
    policy: (e, p) => protectBreakGlassPolicy(e, { roleName: PLACEHOLDER.breakGlassRole, partition: p }),
  },
  { key: 'deny_iam_users', id: 'deny-iam-users', description: 'No IAM users, passwords or access keys', policy: (e) => denyIamUsersPolicy(e) },
];

const TARGET = '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12})$';
const TARGETS_TEXT = 'a map from a stable label (part of the attachment address) to a root id ("r-..."), OU id ("ou-...-...") or account id; values may be unknown until apply';

type Overridable = { addOverride(path: string, value: unknown): void };

/** Postcondition of a policy resource: AWS's size quota, counted as AWS counts it (whitespace excluded). */
function sizeCondition(limit: number, kind: string): Array<Record<string, string>> {
  return [{ condition: `\${length(replace(self.content, "/\\\\s/", "")) <= ${limit}}`, error_message: `The ${kind} is over AWS's ${limit}-character limit (whitespace not counted): shorten allowed_regions or exempt_principal_arns, or split the policy.` }];
}

function build(stack: ModuleStack): void {
  const { partition } = providerContext(stack);
  declareTagsVariable(stack);
  stack.variable('name_prefix', {
    type: 'string',
    description: 'Prefix of the policy names ("<prefix>-deny-root-user", ...): 1-64 letters, digits, "-" or "_".',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,64}$", var.name_prefix))', errorMessage: 'name_prefix must be 1-64 letters, digits, "-" or "_".' }],
  });
  stack.variable('break_glass', {
    type: 'object({ tag_key = optional(string, "break-glass"), tag_value = optional(string, "true"), role_name = optional(string, "break-glass") })',
    description: 'The break-glass exemption: principals tagged tag_key = tag_value are never denied by the guardrails (responders keep a way in), and protect_break_glass stops anyone else setting that tag (in any letter case) or changing the role role_name. Default { tag_key = "break-glass", tag_value = "true", role_name = "break-glass" }.',
    default: {},
    validation: [
      { condition: 'can(regex("^[A-Za-z0-9_.:/=+@-]{1,128}$", var.break_glass.tag_key)) && !startswith(lower(var.break_glass.tag_key), "aws:") && can(regex("^[A-Za-z0-9_.:/=+@ -]{1,256}$", var.break_glass.tag_value))', errorMessage: 'break_glass.tag_key must be a tag key (1-128 characters, not "aws:...") and tag_value a tag value (1-256 characters).' },
      { condition: 'can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.break_glass.role_name))', errorMessage: 'break_glass.role_name must be an IAM role name (1-64 letters, digits or "+=,.@_-").' },
    ],
  });
  stack.variable('exempt_principal_arns', {
    type: 'list(string)',
    description: 'ARN patterns of the principals that manage the baseline (the deploy role, e.g. "arn:aws:iam::*:role/baseline-deploy"): exempt from every guardrail so the baseline can still manage what the SCPs protect, and protected by protect_break_glass. At least one: without it the role applying the baseline would lock itself out of the controls it deploys.',
    validation: [{ condition: 'length(var.exempt_principal_arns) > 0 && alltrue([for a in var.exempt_principal_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::([0-9]{12}|\\\\*):role/[A-Za-z0-9+=,.@_/*-]{1,512}$", a))])', errorMessage: 'exempt_principal_arns must list at least one IAM role ARN pattern such as "arn:aws:iam::*:role/baseline-deploy".' }],
  });
  stack.variable('allowed_regions', {
    type: 'list(string)',
    description: 'Regions where regional actions are allowed (region_allowlist); global services such as IAM, STS, Organizations, Route 53, CloudFront and Support stay usable everywhere. Default []: required when region_allowlist is attached.',
    default: [],
    validation: [{ condition: 'alltrue([for r in var.allowed_regions : can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", r))])', errorMessage: 'allowed_regions must list Region codes such as "us-east-1".' }],
  });
  const scpObject = `object({ ${GUARDRAIL_SCPS.map((d) => `${d.key} = optional(map(string))`).join(', ')} })`;
  stack.variable('service_control_policies', {
    type: scpObject,
    description: `Which guardrail SCPs to create and where to attach them: each key (${GUARDRAIL_SCPS.map((d) => d.key).join(', ')}) is ${TARGETS_TEXT}. A key left out (null) creates no policy; {} creates it unattached. AWS allows ${MAX_POLICIES_PER_TARGET} SCPs per target including FullAWSAccess, so no target may get more than ${MAX_POLICIES_PER_TARGET - 1} of these. Default {}: none.`,
    default: {},
    validation: [
      { condition: `alltrue([for k, m in var.service_control_policies : m == null ? true : alltrue([for t in values(m) : t == null ? true : can(regex("${TARGET}", t))])])`, errorMessage: 'service_control_policies targets must be root ids ("r-..."), OU ids ("ou-...-...") or 12-digit account ids.' },
      { condition: 'var.service_control_policies.region_allowlist == null || length(var.allowed_regions) > 0', errorMessage: 'service_control_policies.region_allowlist needs allowed_regions (at least one Region): an empty list would deny every regional action.' },
      {
        condition: `alltrue([for t, n in { for t in flatten([for k, m in var.service_control_policies : m == null ? [] : [for v in values(m) : v if v != null]]) : t => t... } : length(n) <= ${MAX_POLICIES_PER_TARGET - 1}])`,
        errorMessage: `service_control_policies must attach at most ${MAX_POLICIES_PER_TARGET - 1} policies to one target (AWS allows ${MAX_POLICIES_PER_TARGET} including FullAWSAccess).`,
      },
    ],
  });
  stack.variable('data_perimeter', {
    type: 'object({ organization_id = string, trusted_account_ids = optional(list(string), []), targets = map(string) })',
    description: `The RCP data perimeter (S3, SQS, KMS, Secrets Manager and STS resources only for principals and services of the organisation, and only over TLS): organization_id ("o-..."), trusted_account_ids (accounts outside the organisation that may still reach its resources; each one is a hole in the perimeter) and targets (${TARGETS_TEXT}). Default null: no RCP (the organisation must have RESOURCE_CONTROL_POLICY enabled to attach one).`,
    default: null,
    validation: [
      { condition: 'var.data_perimeter == null ? true : can(regex("^o-[a-z0-9]{10,32}$", var.data_perimeter.organization_id)) && alltrue([for a in var.data_perimeter.trusted_account_ids : can(regex("^[0-9]{12}$", a))])', errorMessage: 'data_perimeter.organization_id must be an AWS Organizations id such as "o-a1b2c3d4e5", and trusted_account_ids 12-digit account ids.' },
      { condition: `var.data_perimeter == null ? true : alltrue([for t in values(var.data_perimeter.targets) : t == null ? true : can(regex("${TARGET}", t))])`, errorMessage: 'data_perimeter.targets must be root ids ("r-..."), OU ids ("ou-...-...") or 12-digit account ids.' },
    ],
  });

  const exemption: GuardrailExemption = { breakGlassTag: { key: PLACEHOLDER.tagKey, value: PLACEHOLDER.tagValue }, exemptPrincipalArns: [PLACEHOLDER.exempt] };
  const policies = new Construct(stack, 'this');
  for (const definition of GUARDRAIL_SCPS) {
    const scp = new ServiceControlPolicy(policies, definition.id, {
      policyName: `${PLACEHOLDER.namePrefix}-${definition.id}`,
      description: definition.description,
      policy: definition.policy(exemption, partition),
      tags: stack.moduleTags,
    });
    const targets = `var.service_control_policies.${definition.key}`;
    scp.resource.addOverride('count', `\${${targets} == null ? 0 : 1}`);
    scp.resource.addOverride('lifecycle.postcondition', sizeCondition(SCP_SIZE_LIMIT, 'service control policy'));
    const attachment = new ServiceControlPolicyAttachment(policies, `${definition.id}-attachment`, `\${${targets} == null ? {} : ${targets}}`, `aws_organizations_policy.this_${definition.id.replace(/-/g, '_')}[0].id`);
    void attachment;
  }

  const perimeter = new ResourceControlPolicy(policies, 'data-perimeter', {
    policyName: `${PLACEHOLDER.namePrefix}-data-perimeter`,
    description: 'S3, SQS, KMS, Secrets Manager and STS resources only for the organisation, over TLS',
    policy: dataPerimeterPolicy({ organizationId: PLACEHOLDER.organization, trustedAccountIds: [PLACEHOLDER.trusted] }),
  });
  const rcp = perimeter.policy.resource as unknown as Overridable;
  rcp.addOverride('count', '${var.data_perimeter == null ? 0 : 1}');
  rcp.addOverride('lifecycle.postcondition', sizeCondition(RCP_SIZE_LIMIT, 'resource control policy'));
  stack.nameElement(perimeter.policy.resource, 'this_data_perimeter');
  new ServiceControlPolicyAttachment(policies, 'data-perimeter-attachment', '${var.data_perimeter == null ? {} : var.data_perimeter.targets}', 'aws_organizations_policy.this_data_perimeter[0].id');

  // Lists: the builders render them as JSON arrays; the exported policies render the inputs with jsonencode.
  stack.replaceLiteral(`[${JSON.stringify(PLACEHOLDER.exempt)}]`, 'jsonencode(var.exempt_principal_arns)', 'substring');
  stack.replaceLiteral(`,${JSON.stringify(PLACEHOLDER.exempt)}`, 'join("", [for a in var.exempt_principal_arns : ",${jsonencode(a)}"])', 'substring');
  stack.replaceLiteral(`[${JSON.stringify(PLACEHOLDER.region)}]`, 'jsonencode(var.allowed_regions)', 'substring');
  // Trusted accounts: the builder leaves the keys out when there are none, and so does the module.
  for (const key of ['aws:PrincipalAccount', 'aws:SourceAccount']) {
    stack.replaceLiteral(`,${JSON.stringify(key)}:[${JSON.stringify(PLACEHOLDER.trusted)}]`, `length(var.data_perimeter.trusted_account_ids) > 0 ? format(",%q:%s", ${JSON.stringify(key)}, jsonencode(var.data_perimeter.trusted_account_ids)) : ""`, 'substring');
  }
  stack.replaceLiteral(PLACEHOLDER.namePrefix, 'var.name_prefix', 'substring');
  stack.replaceLiteral(PLACEHOLDER.tagKey, 'var.break_glass.tag_key', 'substring');
  stack.replaceLiteral(PLACEHOLDER.tagValue, 'var.break_glass.tag_value', 'substring');
  stack.replaceLiteral(PLACEHOLDER.breakGlassRole, 'var.break_glass.role_name', 'substring');
  stack.replaceLiteral(PLACEHOLDER.organization, 'var.data_perimeter.organization_id', 'substring');
  stack.forbid('xexport');

  stack.output('service_control_policy_ids', `\${{${GUARDRAIL_SCPS.map((d) => `${JSON.stringify(d.key)} = one(aws_organizations_policy.this_${d.id.replace(/-/g, '_')}[*].id)`).join(', ')}}}`, 'Ids of the guardrail SCPs by key (null for a policy not created).');
  stack.output('data_perimeter_policy_id', '${one(aws_organizations_policy.this_data_perimeter[*].id)}', 'Id of the data-perimeter RCP (null when data_perimeter is null).');
}

/** Attachments of one policy with `for_each` over a label -> target map (labels known at plan, targets may not be). */
class ServiceControlPolicyAttachment extends Construct {
  constructor(scope: Construct, id: string, forEach: string, policyId: string) {
    super(scope, id);
    const attachment = new OrganizationsPolicyAttachment(this, 'Resource', { policyId: `\${${policyId}}`, targetId: '${each.value}' });
    attachment.addOverride('for_each', forEach);
  }
}

export const organizationPoliciesModule: ModuleDefinition = {
  name: 'organization-policies',
  title: 'the guardrail SCPs and the RCP data perimeter, attached to the targets given',
  summary: `
The baseline's organisation policies from \`modules/organizations\`, created in the management account: the guardrail
service control policies (\`ServiceControlPolicy\` with the documents of \`guardrail-policies.ts\`: leaving the
organisation, Regions outside the allowlist, switching off CloudTrail, GuardDuty, Config, Security Hub or Access
Analyzer, the root user, the account's S3 Block Public Access, IAM users, and forging the break-glass exemption), each
exempting the break-glass tag and the deploy role; and the resource control policy data perimeter
(\`ResourceControlPolicy\` with \`dataPerimeterPolicy\`). Each policy is attached to the roots, OUs or accounts given.
`,
  example: `
module "organization_policies" {
  source = "../.."

  name_prefix           = "example"
  exempt_principal_arns = ["arn:aws:iam::*:role/baseline-deploy"]
  allowed_regions       = ["us-east-1", "eu-west-1"]
  service_control_policies = {
    deny_leave_organization   = { root = "r-ab12" }
    region_allowlist          = { workloads = "ou-ab12-cdef3456" }
    protect_security_services = { root = "r-ab12" }
    deny_root_user            = { workloads = "ou-ab12-cdef3456" }
    protect_break_glass       = { root = "r-ab12" }
  }
  data_perimeter = {
    organization_id = "o-a1b2c3d4e5"
    targets         = { root = "r-ab12" }
  }
}

output "service_control_policy_ids" {
  value = module.organization_policies.service_control_policy_ids
}
`,
  planOnlyRules: [
    'Each policy stays within AWS\'s size quota (5,120 characters for SCPs and RCPs, whitespace not counted): a postcondition on each policy checks the rendered content at plan.',
  ],
  notes: [
    'The 5-policies-per-target limit counts only this module\'s policies plus FullAWSAccess; SCPs attached elsewhere to the same target share those slots.',
    'The alerting-resource protection of protect_security_services, the log-archive protection and the allowlist SCPs stay with the CDKTF constructs (they need the baseline\'s resource names).',
    'Attachment labels are part of the resource addresses (`aws_organizations_policy_attachment.this_deny_root_user_attachment["workloads"]`): keep them stable.',
  ],
  build,
};
