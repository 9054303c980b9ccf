/**
 * Proof with the IAM policy evaluator (@cloud-copilot/iam-simulate, test-only): the organisation policies the example
 * organisation synthesizes (data-perimeter RCP, public-S3 SCP, custom SCP) and the allowlist SCPs deny what they
 * promise and leave the legitimate paths open (members of the organisation, delivery services acting for it,
 * break-glass and the deploy role).
 */
import { instanceTypeAllowlistPolicy, serviceAllowlistPolicy } from '../../modules/organizations';
import { evaluate, type Decision, type EvaluationRequest } from '../support/iam-eval';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

const org = exampleOrg();
const { outdir } = synthOrg(org);
// The same stack as test/organizations/organization-policies.test.ts records (same content: planned once).
expectValidAndPlannable(outdir, [`management-${org.homeRegion}`]);
const policies = resourcesOfType(stackJson(outdir, `management-${org.homeRegion}`), 'aws_organizations_policy');
const content = (name: string): string => {
  const policy = policies.find((p) => p.name === name);
  if (!policy) throw new Error(`no policy ${name}`);
  return (policy.content as string).replace(/\$\$\{/g, '${');
};

const ORG_ID = org.organizationId;
const PROD = '555555555555';
const SECURITY = '333333333333';
const BUCKET = 'arn:aws:s3:::example-prod-data';
const OBJECT = `${BUCKET}/report.csv`;
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** One organisation level holding FullAWSAccess and the SCP (iam-eval puts each policy on a level of its own). */
function levelWith(scp: string) {
  return { Version: '2012-10-17', Statement: [...ALLOW_ALL.Statement, ...(JSON.parse(scp) as { Statement: unknown[] }).Statement] };
}

interface Case {
  readonly name: string;
  readonly expect: Decision | 'Denied';
  readonly request: EvaluationRequest;
}

async function check(c: Case): Promise<void> {
  const decision = await evaluate(c.request);
  if (c.expect === 'Denied') expect(decision).not.toBe('Allowed');
  else expect(decision).toBe(c.expect);
}

function role(account: string, name: string, extra: Record<string, string> = {}) {
  const principal = `arn:aws:iam::${account}:role/${name}`;
  return { principal, context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': account, ...extra } };
}

describe('data-perimeter RCP (S3, KMS, SQS, Secrets Manager, STS)', () => {
  const rcp = content('example-data-perimeter');
  const bucketPolicyForEveryone = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }],
  };
  const s3 = (caller: { principal: string; context: Record<string, string> }, context: Record<string, string> = {}): EvaluationRequest => ({
    ...caller,
    action: 's3:GetObject',
    resource: OBJECT,
    resourceAccount: PROD,
    resourcePolicy: bucketPolicyForEveryone,
    identityPolicies: [ALLOW_ALL],
    resourceControlPolicies: [rcp],
    context: { 'aws:SecureTransport': 'true', ...caller.context, ...context },
  });
  const cases: Case[] = [
    {
      name: 'a role of the organisation reads the object',
      expect: 'Allowed',
      request: s3(role(SECURITY, 'analyst', { 'aws:PrincipalOrgID': ORG_ID, 'aws:PrincipalIsAWSService': 'false' })),
    },
    {
      name: 'a role of another organisation is denied, though the bucket policy allows everyone',
      expect: 'ExplicitlyDenied',
      request: s3(role('999999999999', 'reader', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false' })),
    },
    {
      name: 'an anonymous caller is denied (a public bucket policy stops working)',
      expect: 'ExplicitlyDenied',
      request: { ...s3({ principal: 'anonymous', context: {} }), identityPolicies: [] },
    },
    {
      name: 'a role of the organisation without TLS is denied',
      expect: 'ExplicitlyDenied',
      request: s3(role(SECURITY, 'analyst', { 'aws:PrincipalOrgID': ORG_ID, 'aws:PrincipalIsAWSService': 'false' }), { 'aws:SecureTransport': 'false' }),
    },
    {
      name: 'CloudTrail delivering for an account of the organisation writes',
      expect: 'Allowed',
      request: {
        principal: 'cloudtrail.amazonaws.com',
        action: 's3:PutObject',
        resource: OBJECT,
        resourceAccount: PROD,
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }] },
        resourceControlPolicies: [rcp],
        context: { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': SECURITY, 'aws:SourceOrgID': ORG_ID },
      },
    },
    {
      name: 'CloudTrail acting for an account outside the organisation is denied (confused deputy)',
      expect: 'ExplicitlyDenied',
      request: {
        principal: 'cloudtrail.amazonaws.com',
        action: 's3:PutObject',
        resource: OBJECT,
        resourceAccount: PROD,
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }] },
        resourceControlPolicies: [rcp],
        context: { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true', 'aws:SourceAccount': '999999999999', 'aws:SourceOrgID': 'o-zzzzzzzzzz' },
      },
    },
    {
      name: 'a principal of another organisation cannot decrypt with a key of the organisation',
      expect: 'ExplicitlyDenied',
      request: {
        ...role('999999999999', 'reader', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false', 'aws:SecureTransport': 'true' }),
        action: 'kms:Decrypt',
        resource: `arn:aws:kms:us-east-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'kms:Decrypt', Resource: '*' }] },
        identityPolicies: [ALLOW_ALL],
        resourceControlPolicies: [rcp],
      },
    },
    {
      name: 'a principal of another organisation cannot assume a role of the organisation',
      expect: 'ExplicitlyDenied',
      request: {
        ...role('999999999999', 'intruder', { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false', 'aws:SecureTransport': 'true' }),
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${PROD}:role/security-audit`,
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] },
        identityPolicies: [ALLOW_ALL],
        resourceControlPolicies: [rcp],
      },
    },
    {
      name: 'GitHub Actions still assumes its deploy role by web identity (identity providers are outside every organisation)',
      expect: 'Allowed',
      request: {
        principal: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com`,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: `arn:aws:iam::${PROD}:role/github-deploy-website`,
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
        resourceControlPolicies: [rcp],
        context: { 'aws:SecureTransport': 'true' },
      },
    },
  ];
  it.each(cases)('$name: $expect', async (c) => check(c));
});

describe('public-S3 SCP', () => {
  const scp = content('example-deny-public-s3');
  const call = (action: string, resource: string, context: Record<string, string>, caller = role(PROD, 'app')): EvaluationRequest => ({
    ...caller,
    action,
    resource,
    resourceAccount: PROD,
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [levelWith(scp)],
    context: { ...caller.context, ...context },
  });
  const cases: Case[] = [
    { name: 'a public-read bucket ACL is denied', expect: 'ExplicitlyDenied', request: call('s3:PutBucketAcl', BUCKET, { 's3:x-amz-acl': 'public-read' }) },
    { name: 'a public-read-write object is denied', expect: 'ExplicitlyDenied', request: call('s3:PutObject', OBJECT, { 's3:x-amz-acl': 'public-read-write' }) },
    { name: 'an authenticated-read object ACL is denied', expect: 'ExplicitlyDenied', request: call('s3:PutObjectAcl', OBJECT, { 's3:x-amz-acl': 'authenticated-read' }) },
    { name: 'a private object upload is allowed', expect: 'Allowed', request: call('s3:PutObject', OBJECT, { 's3:x-amz-acl': 'private' }) },
    { name: 'an object upload without an ACL is allowed', expect: 'Allowed', request: call('s3:PutObject', OBJECT, {}) },
    { name: 'a bucket created with ACLs enabled (ObjectWriter) is denied', expect: 'ExplicitlyDenied', request: call('s3:CreateBucket', BUCKET, { 's3:x-amz-object-ownership': 'ObjectWriter' }) },
    { name: 'changing a bucket\'s object ownership (re-enabling ACLs) is denied', expect: 'ExplicitlyDenied', request: call('s3:PutBucketOwnershipControls', BUCKET, {}) },
    { name: 'a bucket created with the default ownership is allowed', expect: 'Allowed', request: call('s3:CreateBucket', BUCKET, {}) },
    {
      name: 'break-glass may still set a public ACL (responders are never locked out)',
      expect: 'Allowed',
      request: call('s3:PutBucketAcl', BUCKET, { 's3:x-amz-acl': 'public-read' }, role(PROD, 'BreakGlass', { 'aws:PrincipalTag/break-glass': 'true' })),
    },
  ];
  it.each(cases)('$name: $expect', async (c) => check(c));
});

describe('custom SCP from config (protect-ebs-encryption, security account)', () => {
  const scp = content('example-protect-ebs-encryption');
  const call = (caller: { principal: string; context: Record<string, string> }): EvaluationRequest => ({
    ...caller,
    action: 'ec2:DisableEbsEncryptionByDefault',
    resource: '*',
    resourceAccount: SECURITY,
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [levelWith(scp)],
  });
  it.each<Case>([
    { name: 'an administrator of the account cannot turn off EBS encryption by default', expect: 'ExplicitlyDenied', request: call(role(SECURITY, 'admin')) },
    { name: 'the deploy role can (the baseline manages the setting)', expect: 'Allowed', request: call(role(SECURITY, 'OrganizationAccountAccessRole')) },
    { name: 'break-glass can', expect: 'Allowed', request: call(role(SECURITY, 'BreakGlass', { 'aws:PrincipalTag/break-glass': 'true' })) },
  ])('$name: $expect', async (c) => check(c));
});

describe('allowlist SCPs', () => {
  const exemption = { breakGlassTag: { key: 'break-glass', value: 'true' }, exemptPrincipalArns: ['arn:aws:iam::*:role/OrganizationAccountAccessRole'] };
  const types = instanceTypeAllowlistPolicy(exemption, 'aws', ['t3.*', 'm7g.large']).toJson();
  const services = serviceAllowlistPolicy(exemption, ['s3', 'ec2']).toJson();
  const run = (type: string, caller = role(PROD, 'app')): EvaluationRequest => ({
    ...caller,
    action: 'ec2:RunInstances',
    resource: `arn:aws:ec2:us-east-1:${PROD}:instance/*`,
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [levelWith(types)],
    context: { ...caller.context, 'ec2:InstanceType': type },
  });
  const use = (action: string, resource: string): EvaluationRequest => ({
    ...role(PROD, 'app'),
    action,
    resource,
    resourceAccount: PROD,
    identityPolicies: [ALLOW_ALL],
    serviceControlPolicies: [levelWith(services)],
  });
  it.each<Case>([
    { name: 'a t3.micro launches', expect: 'Allowed', request: run('t3.micro') },
    { name: 'an m7g.large launches', expect: 'Allowed', request: run('m7g.large') },
    { name: 'a p5.48xlarge is denied', expect: 'ExplicitlyDenied', request: run('p5.48xlarge') },
    { name: 'the deploy role may launch any type', expect: 'Allowed', request: run('p5.48xlarge', role(PROD, 'OrganizationAccountAccessRole')) },
    { name: 'S3 on the service allowlist is allowed', expect: 'Allowed', request: use('s3:GetObject', OBJECT) },
    { name: 'STS always stays', expect: 'Allowed', request: use('sts:GetCallerIdentity', '*') },
    { name: 'SageMaker, not on the list, is denied', expect: 'ExplicitlyDenied', request: use('sagemaker:CreateNotebookInstance', `arn:aws:sagemaker:us-east-1:${PROD}:notebook-instance/x`) },
  ])('$name: $expect', async (c) => check(c));
});
