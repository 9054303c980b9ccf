/**
 * Proof: the trust policies, SCPs, permissions boundary and permission policies that the example organisation
 * synthesizes are read back from the synthesized Terraform JSON and evaluated by an IAM policy evaluator
 * (@cloud-copilot/iam-simulate, AGPL-3.0, test-only) against concrete requests, allowed and denied.
 */
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, type SynthesizedStack } from '../support/synth';
import { ALLOW_ALL, evaluate, type Decision, type EvalRequest, type PolicyJson } from '../support/iam-policy-eval';

const org = exampleOrg();
const { outdir } = synthOrg(org);
const home = (account: string): SynthesizedStack => stackJson(outdir, `${account}-${org.homeRegion}`);

const MANAGEMENT = '111111111111';
const SECURITY = '333333333333';
const PROD = '555555555555';
const DEV = '666666666666';
const BREAK_GLASS_TAG = `aws:PrincipalTag/${org.identity.breakGlass.tagKey}`;
const GITHUB = 'token.actions.githubusercontent.com';
const GITHUB_KEYS = [`${GITHUB}:aud`, `${GITHUB}:sub`];

/** Parses a policy string from Terraform JSON, undoing Terraform's `$${` escape of IAM policy variables as Terraform does. */
function parse(json: unknown): PolicyJson {
  return JSON.parse((json as string).replace(/\$\$\{/g, '${')) as PolicyJson;
}

/** The trust policy of the role named `name` in a synthesized stack. */
function trustPolicy(stack: SynthesizedStack, name: string): PolicyJson {
  const role = resourcesOfType(stack, 'aws_iam_role').find((r) => r.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return parse(role.assume_role_policy);
}

function managedPolicy(stack: SynthesizedStack, name: string): PolicyJson {
  const policy = resourcesOfType(stack, 'aws_iam_policy').find((p) => p.name === name);
  if (!policy) throw new Error(`no managed policy ${name}`);
  return parse(policy.policy);
}

function inlinePolicyOf(stack: SynthesizedStack, roleLogicalIdPrefix: string): PolicyJson {
  const entries = Object.entries(stack.resource?.aws_iam_role_policy ?? {}).filter(([id]) => id.startsWith(roleLogicalIdPrefix));
  if (entries.length !== 1) throw new Error(`expected one inline policy under ${roleLogicalIdPrefix}, found ${entries.length}`);
  return parse(entries[0]![1].policy);
}

/** The SCP levels that apply to an account, read from the management stack's policies and attachments. */
function scpLevelsFor(accountId: string): PolicyJson[][] {
  const management = home('management');
  const policies = management.resource?.aws_organizations_policy ?? {};
  const attachments = resourcesOfType(management, 'aws_organizations_policy_attachment');
  const attachedTo = (target: string) =>
    attachments
      .filter((a) => a.target_id === target)
      .map((a) => {
        const logicalId = /aws_organizations_policy\.([^.]+)\.id/.exec(a.policy_id as string)?.[1];
        const policy = logicalId ? policies[logicalId] : undefined;
        if (!policy) throw new Error(`attachment to unknown policy ${String(a.policy_id)}`);
        return policy;
      })
      // RCPs, tag and declarative policies are attached to the same targets; only SCPs are evaluated as SCPs here.
      .filter((policy) => (policy.type ?? 'SERVICE_CONTROL_POLICY') === 'SERVICE_CONTROL_POLICY')
      .map((policy) => parse(policy.content));
  const rootId = org.identity.serviceControlPolicies!.organizationRootId!;
  return [attachedTo(rootId), attachedTo(accountId)];
}

/** A role session in `account` with its principal tags (SCP conditions read aws:PrincipalArn and aws:PrincipalTag). */
function roleCaller(account: string, roleName: string, tags: Record<string, string> = {}) {
  const principal = `arn:aws:iam::${account}:role/${roleName}`;
  const context: Record<string, string> = { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': account };
  for (const [k, v] of Object.entries(tags)) context[`aws:PrincipalTag/${k}`] = v;
  return { principal, context };
}

interface Case {
  readonly name: string;
  readonly expect: Decision | 'Denied';
  readonly request: () => EvalRequest;
}

async function decide(c: Case): Promise<void> {
  const decision = await evaluate(c.request());
  if (c.expect === 'Denied') expect(decision).not.toBe('Allowed');
  else expect(decision).toBe(c.expect);
}

// ---- GitHub Actions deploy roles (trust policies) ------------------------------------------------------------------

const githubProvider = (account: string) => `arn:aws:iam::${account}:oidc-provider/${GITHUB}`;
const assumeWithGithub = (account: string, roleName: string, sub: string, aud = 'sts.amazonaws.com', provider = githubProvider(account)): EvalRequest => ({
  principal: provider,
  action: 'sts:AssumeRoleWithWebIdentity',
  resource: `arn:aws:iam::${account}:role/${roleName}`,
  resourceAccount: account,
  resourcePolicy: trustPolicy(home(account === PROD ? 'workload-prod' : 'workload-dev'), roleName),
  context: { [`${GITHUB}:aud`]: aud, [`${GITHUB}:sub`]: sub },
  uncataloguedContextKeys: GITHUB_KEYS,
});
const website = (sub: string, aud?: string, provider?: string) => () => assumeWithGithub(PROD, 'github-deploy-website', sub, aud, provider);
const services = (sub: string) => () => assumeWithGithub(DEV, 'github-deploy-services', sub);

const githubCases: Case[] = [
  { name: 'the pinned repository on its pinned branch may assume the website role', expect: 'Allowed', request: website('repo:example-org/website:ref:refs/heads/main') },
  { name: 'the pinned repository in its pinned environment may assume it', expect: 'Allowed', request: website('repo:example-org/website:environment:production') },
  { name: 'another repository of the organisation may not', expect: 'Denied', request: website('repo:example-org/other:ref:refs/heads/main') },
  { name: 'a look-alike repository name may not', expect: 'Denied', request: website('repo:example-org/website-fork:ref:refs/heads/main') },
  { name: 'a pull-request run of the pinned repository may not', expect: 'Denied', request: website('repo:example-org/website:pull_request') },
  { name: 'another branch of the pinned repository may not', expect: 'Denied', request: website('repo:example-org/website:ref:refs/heads/feature') },
  { name: 'another environment of the pinned repository may not', expect: 'Denied', request: website('repo:example-org/website:environment:staging') },
  { name: 'a token for another audience may not', expect: 'Denied', request: website('repo:example-org/website:ref:refs/heads/main', 'https://github.com/example-org') },
  {
    name: "another account's GitHub provider may not",
    expect: 'Denied',
    request: website('repo:example-org/website:ref:refs/heads/main', undefined, githubProvider(DEV)),
  },
  { name: 'a release branch of the first of several repositories may assume the services role', expect: 'Allowed', request: services('repo:example-org/api:ref:refs/heads/release/2.1') },
  { name: 'a version tag of the second repository may assume it', expect: 'Allowed', request: services('repo:example-org/worker:ref:refs/tags/v1.4.0') },
  { name: 'the second repository on a branch (only tags are pinned) may not', expect: 'Denied', request: services('repo:example-org/worker:ref:refs/heads/main') },
];

// ---- Cross-account, break-glass and support role trust ---------------------------------------------------------------

const auditor = roleCaller(SECURITY, 'security-auditor');
const assumeAudit = (caller: { principal: string; context: Record<string, string> }, externalId?: string) => (): EvalRequest => ({
  principal: caller.principal,
  action: 'sts:AssumeRole',
  resource: `arn:aws:iam::${PROD}:role/security-audit`,
  resourceAccount: PROD,
  identityPolicies: [ALLOW_ALL],
  resourcePolicy: trustPolicy(home('workload-prod'), 'security-audit'),
  context: { ...caller.context, ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}) },
});
const breakGlassTrust = (mfa: string | undefined) => (): EvalRequest => ({
  principal: `arn:aws:iam::${PROD}:user/responder`,
  action: 'sts:AssumeRole',
  resource: `arn:aws:iam::${PROD}:role/break-glass`,
  resourceAccount: PROD,
  identityPolicies: [ALLOW_ALL],
  resourcePolicy: trustPolicy(home('workload-prod'), 'break-glass'),
  context: { 'aws:PrincipalArn': `arn:aws:iam::${PROD}:user/responder`, ...(mfa !== undefined ? { 'aws:MultiFactorAuthPresent': mfa } : {}) },
});

const trustCases: Case[] = [
  { name: 'the trusted auditor role with the external ID may assume the cross-account role', expect: 'Allowed', request: assumeAudit(auditor, 'example-security-audit-7f3a9c2e') },
  { name: 'the trusted auditor role without the external ID may not', expect: 'Denied', request: assumeAudit(auditor) },
  { name: 'the trusted auditor role with a wrong external ID may not', expect: 'Denied', request: assumeAudit(auditor, 'example-security-audit-00000000') },
  { name: 'another role of the trusted account, even with the external ID, may not', expect: 'Denied', request: assumeAudit(roleCaller(SECURITY, 'developer'), 'example-security-audit-7f3a9c2e') },
  { name: 'a principal of the account signed in with MFA may assume the break-glass role', expect: 'Allowed', request: breakGlassTrust('true') },
  { name: 'the same principal without MFA may not assume the break-glass role', expect: 'Denied', request: breakGlassTrust('false') },
  { name: 'a role session (no MFA context at all) may not assume the break-glass role', expect: 'Denied', request: breakGlassTrust(undefined) },
];

// ---- Service control policies (member account workload-prod) --------------------------------------------------------

const app = roleCaller(PROD, 'app-deployer');
const breakGlass = roleCaller(PROD, 'break-glass', { [org.identity.breakGlass.tagKey]: org.identity.breakGlass.tagValue });
const deployRole = roleCaller(PROD, org.deployRoleName);
const underScps = (caller: { principal: string; context: Record<string, string> }, action: string, resource: string, context: Record<string, string | string[]> = {}) =>
  (): EvalRequest => ({
    principal: caller.principal,
    action,
    resource,
    resourceAccount: PROD,
    identityPolicies: [ALLOW_ALL],
    scpLevels: scpLevelsFor(PROD),
    context: { 'aws:RequestedRegion': org.homeRegion, ...caller.context, ...context },
  });
const instance = (region: string) => `arn:aws:ec2:${region}:${PROD}:instance/i-0123456789abcdef0`;
const trail = `arn:aws:cloudtrail:us-east-1:${PROD}:trail/example`;

const scpCases: Case[] = [
  { name: 'the Region SCP denies a regional action outside the allowlist', expect: 'ExplicitlyDenied', request: underScps(app, 'ec2:StartInstances', instance('ap-southeast-2'), { 'aws:RequestedRegion': 'ap-southeast-2' }) },
  { name: 'the Region SCP allows the same action in an allowed Region', expect: 'Allowed', request: underScps(app, 'ec2:StartInstances', instance('eu-west-1'), { 'aws:RequestedRegion': 'eu-west-1' }) },
  { name: 'the Region SCP allows IAM (global) from any Region', expect: 'Allowed', request: underScps(app, 'iam:GetRole', `arn:aws:iam::${PROD}:role/app`, { 'aws:RequestedRegion': 'ap-southeast-2' }) },
  { name: 'the Region SCP allows other global services (Route 53)', expect: 'Allowed', request: underScps(app, 'route53:ListHostedZones', '*', { 'aws:RequestedRegion': 'ap-southeast-2' }) },
  {
    name: 'the Region SCP allows the break-glass principal outside the allowlist',
    expect: 'Allowed',
    request: underScps(breakGlass, 'ec2:StartInstances', instance('ap-southeast-2'), { 'aws:RequestedRegion': 'ap-southeast-2' }),
  },
  { name: 'the protection SCP denies cloudtrail:StopLogging', expect: 'ExplicitlyDenied', request: underScps(app, 'cloudtrail:StopLogging', trail) },
  { name: 'the protection SCP denies guardduty:DeleteDetector', expect: 'ExplicitlyDenied', request: underScps(app, 'guardduty:DeleteDetector', `arn:aws:guardduty:us-east-1:${PROD}:detector/12abc34d567e8fa901bc2d34e56789f0`) },
  { name: 'the protection SCP denies config:StopConfigurationRecorder', expect: 'ExplicitlyDenied', request: underScps(app, 'config:StopConfigurationRecorder', '*') },
  { name: 'the protection SCP denies securityhub:DisableSecurityHub', expect: 'ExplicitlyDenied', request: underScps(app, 'securityhub:DisableSecurityHub', `arn:aws:securityhub:us-east-1:${PROD}:hub/default`) },
  { name: 'the protection SCP denies access-analyzer:DeleteAnalyzer', expect: 'ExplicitlyDenied', request: underScps(app, 'access-analyzer:DeleteAnalyzer', `arn:aws:access-analyzer:us-east-1:${PROD}:analyzer/example-account`) },
  { name: 'the protection SCP leaves reading CloudTrail alone', expect: 'Allowed', request: underScps(app, 'cloudtrail:GetTrailStatus', trail) },
  { name: 'the break-glass principal may still stop a trail (the path stays open)', expect: 'Allowed', request: underScps(breakGlass, 'cloudtrail:StopLogging', trail) },
  { name: 'the deploy role may still update the trail the baseline manages', expect: 'Allowed', request: underScps(deployRole, 'cloudtrail:UpdateTrail', trail) },
  { name: 'no member may leave the organisation', expect: 'ExplicitlyDenied', request: underScps(app, 'organizations:LeaveOrganization', '*') },
  { name: 'the break-glass principal is not locked out of leaving either (uniform exemption)', expect: 'Allowed', request: underScps(breakGlass, 'organizations:LeaveOrganization', '*') },
  { name: 'the account S3 Block Public Access settings cannot be changed', expect: 'ExplicitlyDenied', request: underScps(app, 's3:PutAccountPublicAccessBlock', '*') },
  { name: 'IAM users cannot be created in workload accounts', expect: 'ExplicitlyDenied', request: underScps(app, 'iam:CreateUser', `arn:aws:iam::${PROD}:user/someone`) },
  { name: 'access keys cannot be created in workload accounts', expect: 'ExplicitlyDenied', request: underScps(app, 'iam:CreateAccessKey', `arn:aws:iam::${PROD}:user/someone`) },
  {
    name: 'the root user of a member account is denied',
    expect: 'ExplicitlyDenied',
    request: () => ({ ...underScps(app, 's3:ListAllMyBuckets', '*')(), principal: `arn:aws:iam::${PROD}:root`, context: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalArn': `arn:aws:iam::${PROD}:root` } }),
  },
  {
    name: 'nobody else can tag a role with the break-glass tag',
    expect: 'ExplicitlyDenied',
    request: underScps(app, 'iam:TagRole', `arn:aws:iam::${PROD}:role/app`, { 'aws:TagKeys': [org.identity.breakGlass.tagKey] }),
  },
  {
    name: 'nobody else can pass the break-glass tag as a session tag',
    expect: 'ExplicitlyDenied',
    request: underScps(app, 'sts:TagSession', `arn:aws:iam::${PROD}:role/app`, { 'aws:TagKeys': [org.identity.breakGlass.tagKey] }),
  },
  { name: 'other tags can still be set', expect: 'Allowed', request: underScps(app, 'iam:TagRole', `arn:aws:iam::${PROD}:role/app`, { 'aws:TagKeys': ['project'] }) },
  { name: 'nobody else can change the break-glass role trust', expect: 'ExplicitlyDenied', request: underScps(app, 'iam:UpdateAssumeRolePolicy', `arn:aws:iam::${PROD}:role/break-glass`) },
];

// ---- Permissions boundary, ABAC and the MFA policy ------------------------------------------------------------------

const boundary = () => managedPolicy(home('workload-prod'), org.identity.permissionsBoundary.policyName);
const iamStar: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] };
const bounded = (action: string, resource: string, grant: PolicyJson = ALLOW_ALL) => (): EvalRequest => ({
  ...roleCaller(PROD, 'developer-role'),
  action,
  resource,
  resourceAccount: PROD,
  identityPolicies: [grant],
  boundary: boundary(),
});
const deployPolicy = () => inlinePolicyOf(home('workload-prod'), 'identity_deploy-role-github-deploy-website_Role_policy-permissions');
const abac = (resourceProject: string) => (): EvalRequest => ({
  ...roleCaller(PROD, 'github-deploy-website', { project: 'website' }),
  action: 'ec2:StopInstances',
  resource: instance('us-east-1'),
  resourceAccount: PROD,
  identityPolicies: [deployPolicy()],
  boundary: boundary(),
  context: { 'aws:PrincipalArn': `arn:aws:iam::${PROD}:role/github-deploy-website`, 'aws:PrincipalTag/project': 'website', 'aws:ResourceTag/project': resourceProject },
});
const humanUser = (action: string, resource: string, mfa: string | undefined) => (): EvalRequest => ({
  principal: `arn:aws:iam::${PROD}:user/alice`,
  action,
  resource,
  resourceAccount: PROD,
  identityPolicies: [managedPolicy(home('workload-prod'), 'require-mfa'), ALLOW_ALL],
  context: { 'aws:username': 'alice', ...(mfa !== undefined ? { 'aws:MultiFactorAuthPresent': mfa } : {}) },
});

const boundaryCases: Case[] = [
  { name: 'the boundary caps an iam:* grant: iam:CreateUser is denied', expect: 'Denied', request: bounded('iam:CreateUser', `arn:aws:iam::${PROD}:user/x`, iamStar) },
  { name: 'the boundary caps an iam:* grant: iam:AttachRolePolicy is denied', expect: 'Denied', request: bounded('iam:AttachRolePolicy', `arn:aws:iam::${PROD}:role/x`, iamStar) },
  { name: 'the boundary caps an iam:* grant: iam:PassRole is denied', expect: 'Denied', request: bounded('iam:PassRole', `arn:aws:iam::${PROD}:role/x`, iamStar) },
  { name: 'the boundary caps an iam:* grant: even iam:ListRoles is denied', expect: 'Denied', request: bounded('iam:ListRoles', '*', iamStar) },
  { name: 'the boundary denies Organizations actions', expect: 'Denied', request: bounded('organizations:CreateAccount', '*') },
  { name: 'the boundary denies account settings changes', expect: 'Denied', request: bounded('account:PutAlternateContact', `arn:aws:account::${PROD}:account`) },
  { name: 'the boundary denies stopping CloudTrail (also in the management account, where SCPs do not apply)', expect: 'Denied', request: bounded('cloudtrail:StopLogging', trail) },
  { name: 'the boundary leaves ordinary work allowed', expect: 'Allowed', request: bounded('s3:GetObject', 'arn:aws:s3:::example-prod-website/index.html') },
  { name: 'the deploy role may publish the site', expect: 'Allowed', request: () => ({ ...bounded('s3:PutObject', 'arn:aws:s3:::example-prod-website/index.html', deployPolicy())() }) },
  { name: 'the deploy role may not write another bucket', expect: 'Denied', request: () => ({ ...bounded('s3:PutObject', 'arn:aws:s3:::example-prod-logs/x', deployPolicy())() }) },
  { name: 'ABAC: the deploy role may stop an instance tagged with its project', expect: 'Allowed', request: abac('website') },
  { name: "ABAC: it may not stop another project's instance", expect: 'Denied', request: abac('billing') },
  { name: 'a person without MFA can only manage their own password and MFA: s3 is denied', expect: 'ExplicitlyDenied', request: humanUser('s3:ListAllMyBuckets', '*', 'false') },
  { name: 'a person without MFA may change their own password', expect: 'Allowed', request: humanUser('iam:ChangePassword', `arn:aws:iam::${PROD}:user/alice`, 'false') },
  { name: 'a person with MFA is not restricted by the MFA policy', expect: 'Allowed', request: humanUser('s3:ListAllMyBuckets', '*', 'true') },
];

describe('policy evaluation of the example organisation', () => {
  it('synthesizes the policies the cases read', () => {
    expect(scpLevelsFor(PROD)[0]).toHaveLength(4);
    expect(scpLevelsFor(PROD)[1]).toHaveLength(4); // 3 baseline SCPs and organizationPolicies.denyPublicS3
    expect(scpLevelsFor(MANAGEMENT)[1]).toHaveLength(0);
    expect(JSON.stringify(scpLevelsFor(PROD))).toContain(BREAK_GLASS_TAG);
  });

  describe('GitHub Actions deploy role trust', () => {
    it.each(githubCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => decide(c));
  });
  describe('cross-account and break-glass trust', () => {
    it.each(trustCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => decide(c));
  });
  describe('service control policies', () => {
    it.each(scpCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => decide(c));
  });
  describe('permissions boundary, ABAC and MFA policies', () => {
    it.each(boundaryCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => decide(c));
  });

  it('evaluates at least 25 cases, allowed and denied', () => {
    const all = [...githubCases, ...trustCases, ...scpCases, ...boundaryCases];
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.filter((c) => c.expect === 'Allowed').length).toBeGreaterThanOrEqual(10);
    expect(all.filter((c) => c.expect !== 'Allowed').length).toBeGreaterThanOrEqual(10);
  });
});
