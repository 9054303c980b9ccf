import { Ec2InstanceMetadataDefaults } from '@cdktf/provider-aws/lib/ec2-instance-metadata-defaults';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { Testing } from 'cdktf';
import { Policy } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';
import {
  customPolicyProblems,
  dataPerimeterPolicy,
  ec2DeclarativePolicyDocument,
  OrganizationPolicy,
  organizationPolicyTypes,
  rcpProblems,
  RCP_SERVICES,
  tagPolicyDocument,
  tagPolicyProblems,
} from '../../modules/organizations';
import { buildOrganization } from '../../stacks/organization-app';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, synthConstruct } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const org = exampleOrg();
const { outdir } = synthOrg(org);
const management = stackJson(outdir, `management-${org.homeRegion}`);
const policies = resourcesOfType(management, 'aws_organizations_policy');
const byName = (name: string) => {
  const policy = policies.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}`);
  return policy;
};

describe('organisation policies of the example organisation', () => {
  it('validates and plans', () => {
    expectValidAndPlannable(outdir, [`management-${org.homeRegion}`, `workload-prod-${org.homeRegion}`]);
  });

  it('creates the data-perimeter RCP, the tag policy, the EC2 declarative policy, the public-S3 SCP and the custom SCP', () => {
    expect(byName('example-data-perimeter').type).toBe('RESOURCE_CONTROL_POLICY');
    expect(byName('example-baseline-tags').type).toBe('TAG_POLICY');
    expect(byName('example-ec2-attributes').type).toBe('DECLARATIVE_POLICY_EC2');
    expect(byName('example-deny-public-s3').type).toBe('SERVICE_CONTROL_POLICY');
    expect(byName('example-protect-ebs-encryption').type).toBe('SERVICE_CONTROL_POLICY');
  });

  it('attaches the RCP, tag and declarative policies to the root, the custom SCP to the security account only', () => {
    const attachments = resourcesOfType(management, 'aws_organizations_policy_attachment');
    const targetsOf = (logicalIdPart: string) =>
      attachments.filter((a) => String(a.policy_id).includes(logicalIdPart)).map((a) => a.target_id).sort();
    expect(targetsOf('data-perimeter')).toEqual(['r-a1b2']);
    expect(targetsOf('tag-policy')).toEqual(['r-a1b2']);
    expect(targetsOf('ec2-declarative-policy')).toEqual(['r-a1b2']);
    expect(targetsOf('custom-scp-protect-ebs-encryption')).toEqual(['333333333333']);
    expect(targetsOf('deny-public-s3')).toEqual(['222222222222', '333333333333', '444444444444', '555555555555', '666666666666']);
  });

  it('gives the custom SCP the guardrail exemption (break-glass tag, deploy role)', () => {
    const statement = JSON.parse(byName('example-protect-ebs-encryption').content as string).Statement[0];
    expect(statement.Condition).toEqual({
      StringNotEquals: { 'aws:PrincipalTag/break-glass': 'true' },
      ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] },
    });
  });

  it('writes the tag policy from the baseline tags (exact case, fixed values) and the default tag keys', () => {
    const doc = JSON.parse(byName('example-baseline-tags').content as string);
    expect(doc.tags['managed-by']).toEqual({ tag_key: { '@@assign': 'managed-by' }, tag_value: { '@@assign': ['aws-security-baseline-cdktf'] } });
    expect(doc.tags['account-role'].tag_value['@@assign']).toEqual(['management', 'log-archive', 'security', 'network', 'workload']);
    expect(doc.tags['baseline-version']).toEqual({ tag_key: { '@@assign': 'baseline-version' } });
    expect(Object.keys(doc.tags)).toEqual(['managed-by', 'baseline-version', 'account-role', 'owner', 'cost-center']);
  });

  it('enforces IMDSv2 with the configured hop limit, blocks public AMI/snapshot sharing and the serial console', () => {
    expect(JSON.parse(byName('example-ec2-attributes').content as string)).toEqual({
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '1' },
          http_endpoint: { '@@assign': 'enabled' },
          instance_metadata_tags: { '@@assign': 'disabled' },
        },
        image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
        snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
        serial_console_access: { status: { '@@assign': 'disabled' } },
      },
    });
  });

  it('drops the per-account IMDS defaults in every account the declarative policy covers (all, under the root)', () => {
    for (const account of org.accounts) {
      for (const region of account.regions) {
        expect(resourcesOfType(stackJson(outdir, `${account.name}-${region}`), 'aws_ec2_instance_metadata_defaults')).toHaveLength(0);
      }
    }
  });

  it('keeps the per-account IMDS defaults as the fallback where the declarative policy is off or elsewhere', () => {
    const off = exampleOrg((input) => {
      (input as { organizationPolicies?: unknown }).organizationPolicies = { ec2DeclarativePolicy: { targets: ['workload-prod'] } };
    });
    const { outdir: offOut } = synthOrg(off);
    expectValidAndPlannable(offOut, ['workload-dev-us-east-1']);
    expect(resourcesOfType(stackJson(offOut, 'workload-prod-us-east-1'), 'aws_ec2_instance_metadata_defaults')).toHaveLength(0);
    expect(resourcesOfType(stackJson(offOut, 'workload-dev-us-east-1'), 'aws_ec2_instance_metadata_defaults')).toHaveLength(1);
    expect(resourcesOfType(stackJson(offOut, 'management-us-east-1'), 'aws_ec2_instance_metadata_defaults')).toHaveLength(1);
  });

  it('enables every policy type it uses on an adopted organisation', () => {
    const adopted = exampleOrg((input) => {
      (input as { adoption?: unknown }).adoption = { organization: { enabled: true } };
    });
    const { outdir: adoptedOut } = synthOrg(adopted);
    expectValidAndPlannable(adoptedOut, ['management-us-east-1']);
    const [organization] = resourcesOfType(stackJson(adoptedOut, 'management-us-east-1'), 'aws_organizations_organization');
    expect(organization!.enabled_policy_types).toEqual(['DECLARATIVE_POLICY_EC2', 'RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
  });

  it('reports the policy types the baseline uses, for enabled_policy_types of an adopted organisation', () => {
    const app = Testing.app();
    buildOrganization(app, org);
    expect(organizationPolicyTypes(app)).toEqual(['DECLARATIVE_POLICY_EC2', 'RESOURCE_CONTROL_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
  });
});

describe('the RCP lint', () => {
  const deny = (options: Parameters<typeof Statement.deny>[0]) => Policy.of(Statement.deny({ principal: '*', resources: ['*'], ...options }));

  it('accepts the data-perimeter policy', () => {
    expect(rcpProblems(dataPerimeterPolicy({ organizationId: 'o-a1b2c3d4e5', trustedAccountIds: ['123456789012'] }))).toEqual([]);
  });

  it('refuses Allow, a principal other than "*", NotAction, "*" and services without RCP support', () => {
    expect(rcpProblems(Policy.of(Statement.allow({ principal: '*', actions: ['s3:GetObject'], resources: ['*'] })))).toEqual([
      'Statement[0]: an RCP statement must be a Deny (Allow is only supported in the AWS-managed RCPFullAWSAccess)',
    ]);
    expect(rcpProblems(Policy.of(Statement.deny({ principal: { AWS: '123456789012' }, actions: ['s3:GetObject'], resources: ['*'] })))[0]).toMatch(/needs Principal "\*"/);
    expect(rcpProblems(deny({ notActions: ['s3:GetObject'] }))).toContain('Statement[0]: RCPs do not support NotAction; list the actions to deny');
    expect(rcpProblems(deny({ actions: ['*'] }))[0]).toMatch(/does not name a service/);
    expect(rcpProblems(deny({ sid: 'NoEc2', actions: ['ec2:RunInstances'] }))).toEqual([
      `Statement[0] (NoEc2): action "ec2:RunInstances" is of ec2, which does not support RCPs; RCPs apply to ${RCP_SERVICES.join(', ')}`,
    ]);
    expect(rcpProblems(deny({ actions: ['s3:GetObjekt'] }))[0]).toMatch(/not a known s3 action/);
  });

  it('refuses an RCP over 5,120 characters, with the size', () => {
    const big = deny({ actions: ['s3:GetObject'], conditions: { StringNotEquals: { 'aws:PrincipalAccount': Array.from({ length: 400 }, (_, i) => String(100000000000 + i)) } } });
    expect(rcpProblems(big).at(-1)).toMatch(/^is \d+ characters without whitespace, over the 5120-character limit of a resource control policy/);
  });

  it('lints custom SCPs as SCPs (no Principal, catalogue actions)', () => {
    expect(customPolicyProblems('scp', [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' }])).toEqual([
      'Statement[0]: a service control policy statement has no Principal',
    ]);
    expect(customPolicyProblems('scp', [{ Effect: 'Deny', Action: 'ec2:DisableEbsEncryptionByDefault', Resource: '*' }])).toEqual([]);
  });
});

describe('tag and declarative policy documents', () => {
  it('refuses duplicate keys in another case, empty value lists and bad resource types', () => {
    expect(tagPolicyProblems({ tags: [{ key: 'Owner' }, { key: 'owner' }, { key: 'x', values: [] }], enforcedFor: ['bucket'] })).toEqual([
      'tags[1].key "owner" is listed twice (tag policies compare keys case-insensitively)',
      'tags[2].values must list at least one value, or be left out for any value',
      'enforcedFor[0] "bucket" must be a resource type such as "s3:bucket" or "ec2:ALL_SUPPORTED"',
    ]);
    expect(() => tagPolicyDocument({ tags: [] })).toThrow('tags: must list at least one tag');
  });

  it('adds enforced_for to every tag when enforcement is asked for', () => {
    const doc = JSON.parse(tagPolicyDocument({ tags: [{ key: 'owner' }], enforcedFor: ['s3:bucket'] }));
    expect(doc.tags.owner.enforced_for).toEqual({ '@@assign': ['s3:bucket'] });
  });

  it('refuses an impossible hop limit', () => {
    expect(() => ec2DeclarativePolicyDocument({ instanceMetadataHopLimit: 65 })).toThrow('instanceMetadataHopLimit must be a whole number from 1 to 64 hops (got 65)');
  });

  it('refuses a policy over its type quota at synth, naming the size', () => {
    expect(() =>
      synthConstruct((scope) => {
        new OrganizationPolicy(scope, 'big', { policyName: 'big', description: 'too big', type: 'TAG_POLICY', content: JSON.stringify({ tags: { a: 'x'.repeat(10001) } }) });
      }),
    ).toThrow(/content is \d+ characters without whitespace, over the 10000-character limit of a tag policy by \d+; split it or shorten it \(got "\d+ characters"\)/);
  });

  it('creates the policy with its type and one attachment per target', () => {
    const { synthesized } = synthConstruct((scope) => {
      new OrganizationPolicy(scope, 'tags', { policyName: 'tags', description: 'tags', type: 'TAG_POLICY', content: tagPolicyDocument({ tags: [{ key: 'owner' }] }), targetIds: ['r-a1b2'] });
    });
    expect(synthesized).toHaveResourceWithProperties(OrganizationsPolicy, { name: 'tags', type: 'TAG_POLICY' });
    expect(synthesized).not.toHaveResource(Ec2InstanceMetadataDefaults);
  });
});
