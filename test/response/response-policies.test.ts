import { CONTAINMENT_RUNBOOKS, REMEDIATION_RUNBOOKS, automationInvokePolicy, runbookPolicy } from '../../modules/detection/remediation';
import { quarantinePolicy } from '../../modules/organizations';
import { evaluate } from '../support/iam-eval';

/**
 * Evaluator cases: each remediation and containment role may do what its runbook does, on its own account's
 * resources in its Regions, and nothing else; the quarantine SCP stops everyone but responders and break-glass.
 */
const ACCOUNT = '220000000004';
const OTHER = '220000000009';
const scope = { partition: 'aws' as const, accountId: ACCOUNT, regions: ['eu-west-1'] };

/** A resource of the runbook's resource type, in `account`. */
function sampleResource(resourceType: string, account: string, region = 'eu-west-1'): { resource: string; resourceAccount: string } {
  if (resourceType === 'AWS::EC2::SecurityGroup') return { resource: `arn:aws:ec2:${region}:${account}:security-group/sg-0123456789abcdef0`, resourceAccount: account };
  if (resourceType === 'AWS::S3::Bucket') return { resource: 'arn:aws:s3:::some-bucket', resourceAccount: account };
  if (resourceType === 'AWS::KMS::Key') return { resource: `arn:aws:kms:${region}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, resourceAccount: account };
  if (resourceType === 'AWS::EC2::Instance') return { resource: `arn:aws:ec2:${region}:${account}:instance/i-0123456789abcdef0`, resourceAccount: account };
  throw new Error(`test has no sample resource for ${resourceType}`);
}

/** Actions no remediation role may call, whatever it fixes. */
const FORBIDDEN_ON: Readonly<Record<string, { resource: string; resourceAccount: string }>> = {
  'ec2:TerminateInstances': sampleResource('AWS::EC2::Instance', ACCOUNT),
  'ec2:AuthorizeSecurityGroupIngress': sampleResource('AWS::EC2::SecurityGroup', ACCOUNT),
  's3:DeleteBucket': sampleResource('AWS::S3::Bucket', ACCOUNT),
  's3:PutBucketPolicy': sampleResource('AWS::S3::Bucket', ACCOUNT),
  'kms:ScheduleKeyDeletion': sampleResource('AWS::KMS::Key', ACCOUNT),
  'iam:CreateAccessKey': { resource: `arn:aws:iam::${ACCOUNT}:user/alice`, resourceAccount: ACCOUNT },
};
const FORBIDDEN = Object.keys(FORBIDDEN_ON);

/** KMS keys need a key policy: the usual one that delegates to the account's IAM policies. */
function keyPolicyFor(resource: string): { resourcePolicy?: string } {
  if (!resource.startsWith('arn:aws:kms:')) return {};
  const account = resource.split(':')[4];
  return { resourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }] }) };
}

describe.each(REMEDIATION_RUNBOOKS.map((r) => [r.name, r] as const))('remediation role of %s', (_name, runbook) => {
  const policy = runbookPolicy(runbook.permissions, scope).toJson();
  const principal = `arn:aws:iam::${ACCOUNT}:role/incident-remediate-${runbook.id}`;
  const mutating = runbook.permissions.flatMap((p) => p.actions).filter((a) => !/:(Describe|Get|List)/.test(a));

  it.each(mutating)('is allowed to fix with %s', async (action) => {
    const target = sampleResource(runbook.resourceType, ACCOUNT);
    await expect(evaluate({ principal, action, ...target, identityPolicies: [policy], ...keyPolicyFor(target.resource) })).resolves.toBe('Allowed');
  });

  it.each(FORBIDDEN.filter((a) => !mutating.includes(a)))('is denied %s', async (action) => {
    await expect(evaluate({ principal, action, ...FORBIDDEN_ON[action]!, identityPolicies: [policy], ...keyPolicyFor(FORBIDDEN_ON[action]!.resource) })).resolves.toBe('ImplicitlyDenied');
  });

  it('is denied its own actions on resources of other Regions or accounts (where the resource names them)', async () => {
    if (runbook.resourceType === 'AWS::S3::Bucket') return; // bucket ARNs name no account or Region
    for (const [account, region] of [[OTHER, 'eu-west-1'], [ACCOUNT, 'us-east-1']] as const) {
      for (const action of mutating) {
        const target = sampleResource(runbook.resourceType, account, region);
        await expect(evaluate({ principal, action, ...target, identityPolicies: [policy], ...keyPolicyFor(target.resource) })).resolves.toBe('ImplicitlyDenied');
      }
    }
  });
});

describe.each(CONTAINMENT_RUNBOOKS.map((r) => [r.name, r] as const))('containment roles of %s', (_name, runbook) => {
  const automationRole = `arn:aws:iam::${ACCOUNT}:role/incident-contain-${runbook.id}`;
  const policy = runbookPolicy(runbook.permissions, scope).toJson();
  const invoke = automationInvokePolicy(runbook.name, automationRole, scope).toJson();
  const instance = sampleResource('AWS::EC2::Instance', ACCOUNT);

  it('may stop an instance of the account and nothing else', async () => {
    await expect(evaluate({ principal: automationRole, action: 'ec2:StopInstances', ...instance, identityPolicies: [policy] })).resolves.toBe('Allowed');
    for (const action of ['ec2:TerminateInstances', 'ec2:ModifyInstanceAttribute', 'ec2:RebootInstances']) {
      await expect(evaluate({ principal: automationRole, action, ...instance, identityPolicies: [policy] })).resolves.toBe('ImplicitlyDenied');
    }
    await expect(evaluate({ principal: automationRole, action: 'ec2:StopInstances', ...sampleResource('AWS::EC2::Instance', OTHER), identityPolicies: [policy] })).resolves.toBe('ImplicitlyDenied');
  });

  it('lets EventBridge start only this runbook and pass only its role, only to SSM', async () => {
    const start = (name: string) => ({ resource: `arn:aws:ssm:eu-west-1:${ACCOUNT}:automation-definition/${name}:$DEFAULT`, resourceAccount: ACCOUNT });
    const principal = `arn:aws:iam::${ACCOUNT}:role/incident-contain-${runbook.id}-start`;
    await expect(evaluate({ principal, action: 'ssm:StartAutomationExecution', ...start(runbook.name), identityPolicies: [invoke] })).resolves.toBe('Allowed');
    await expect(evaluate({ principal, action: 'ssm:StartAutomationExecution', ...start('AWS-DeleteImage'), identityPolicies: [invoke] })).resolves.toBe('ImplicitlyDenied');
    const pass = (role: string, service: string) =>
      evaluate({ principal, action: 'iam:PassRole', resource: role, resourceAccount: ACCOUNT, identityPolicies: [invoke], context: { 'iam:PassedToService': service } });
    await expect(pass(automationRole, 'ssm.amazonaws.com')).resolves.toBe('Allowed');
    await expect(pass(automationRole, 'lambda.amazonaws.com')).resolves.toBe('ImplicitlyDenied');
    await expect(pass(`arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`, 'ssm.amazonaws.com')).resolves.toBe('ImplicitlyDenied');
  });
});

describe('quarantine SCP', () => {
  const scp = quarantinePolicy({ breakGlassTag: { key: 'break-glass', value: 'true' }, responderRoleArnPatterns: ['arn:aws:iam::*:role/incident-responder'] }).toJson();
  const allowAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  /** One organisation level holding AWS's FullAWSAccess and the quarantine SCP. */
  const level = JSON.stringify({ Version: '2012-10-17', Statement: [...JSON.parse(allowAll).Statement, ...JSON.parse(scp).Statement] });
  const request = (principal: string, action: string, resource: string, tags: Record<string, string> = {}) =>
    evaluate({
      principal,
      action,
      resource,
      resourceAccount: ACCOUNT,
      identityPolicies: [allowAll],
      serviceControlPolicies: [level],
      context: { 'aws:PrincipalArn': principal, ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])) },
    });
  const workloadRole = `arn:aws:iam::${ACCOUNT}:role/app-deployer`;
  const bucketObject = 'arn:aws:s3:::workload-data/customers.csv';
  const instance = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;

  it.each([
    ['s3:GetObject', bucketObject],
    ['ec2:RunInstances', instance],
    ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['kms:Decrypt', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
  ])('denies an administrator of the quarantined account %s', async (action, resource) => {
    await expect(request(workloadRole, action, resource)).resolves.toBe('ExplicitlyDenied');
  });

  it('lets responders and break-glass principals work', async () => {
    await expect(request(`arn:aws:iam::${ACCOUNT}:role/incident-responder`, 'ec2:StopInstances', instance)).resolves.toBe('Allowed');
    await expect(request(`arn:aws:iam::${ACCOUNT}:role/break-glass`, 's3:GetObject', bucketObject, { 'break-glass': 'true' })).resolves.toBe('Allowed');
  });

  it('does not exempt a role that only looks like a responder or carries another tag value', async () => {
    await expect(request(`arn:aws:iam::${ACCOUNT}:role/incident-responder-2`, 's3:GetObject', bucketObject)).resolves.toBe('ExplicitlyDenied');
    await expect(request(workloadRole, 's3:GetObject', bucketObject, { 'break-glass': 'false' })).resolves.toBe('ExplicitlyDenied');
  });
});
