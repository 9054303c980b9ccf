import { protectBreakGlassPolicy } from '../../modules/organizations';
import { ALLOW_ALL, evaluate } from '../support/iam-policy-eval';

const MEMBER = '555555555555';
const DEPLOY = 'baseline-deploy';
const HCP = 'hcp-terraform-apply-*';
const exemption = {
  breakGlassTag: { key: 'break-glass', value: 'true' },
  exemptPrincipalArns: [`arn:aws:iam::*:role/${DEPLOY}`, `arn:aws:iam::*:role/${HCP}`],
};
const scp = JSON.parse(protectBreakGlassPolicy(exemption, { roleName: 'break-glass', partition: 'aws' }).toJson()) as Record<string, unknown>;

const role = (name: string) => `arn:aws:iam::${MEMBER}:role/${name}`;
const admin = role('admin');

/** A request of `principal` in the member account, every identity permission granted: only the SCP decides. */
function call(principal: string, action: string, resource: string, context: Record<string, string | string[]> = {}, tags: Record<string, string> = {}) {
  return evaluate({
    principal,
    action,
    resource,
    resourceAccount: MEMBER,
    identityPolicies: [ALLOW_ALL],
    scpLevels: [[scp]],
    context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': MEMBER, ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])), ...context },
  });
}

describe('every SCP exemption is itself protected (evaluated)', () => {
  describe('forging the break-glass tag', () => {
    it.each(['break-glass', 'Break-Glass', 'BREAK-GLASS'])('denies tagging a role, a user or a session with %s', async (key) => {
      expect(await call(admin, 'iam:TagRole', role('mine'), { 'aws:TagKeys': [key], [`aws:RequestTag/${key}`]: 'true' })).toBe('ExplicitlyDenied');
      expect(await call(admin, 'iam:TagUser', `arn:aws:iam::${MEMBER}:user/me`, { 'aws:TagKeys': [key], [`aws:RequestTag/${key}`]: 'true' })).toBe('ExplicitlyDenied');
      expect(await call(admin, 'sts:TagSession', role('mine'), { 'aws:TagKeys': [key], [`aws:RequestTag/${key}`]: 'true' })).toBe('ExplicitlyDenied');
      expect(await call(admin, 'iam:CreateRole', role('new'), { 'aws:TagKeys': ['team', key], [`aws:RequestTag/${key}`]: 'true' })).toBe('ExplicitlyDenied');
    });

    it('still allows other tags', async () => {
      expect(await call(admin, 'iam:TagRole', role('mine'), { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'web' })).toBe('Allowed');
    });
  });

  describe.each([
    ['the deploy role', DEPLOY],
    ['an HCP Terraform apply role', 'hcp-terraform-apply-prod'],
    ['the break-glass role', 'break-glass'],
  ])('%s', (_what, name) => {
    it('cannot have its trust edited, its permissions widened or be deleted by anyone else', async () => {
      for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:DeleteRole']) {
        expect({ action, decision: await call(admin, action, role(name)) }).toEqual({ action, decision: 'ExplicitlyDenied' });
      }
    });

    it('cannot be created where it is missing', async () => {
      expect(await call(admin, 'iam:CreateRole', role(name))).toBe('ExplicitlyDenied');
    });

    it('cannot be passed to a service (an instance profile, a Lambda function, a CloudFormation stack)', async () => {
      for (const service of ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'cloudformation.amazonaws.com']) {
        expect({ service, decision: await call(admin, 'iam:PassRole', role(name), { 'iam:PassedToService': service }) }).toEqual({ service, decision: 'ExplicitlyDenied' });
      }
    });
  });

  describe('the legitimate paths', () => {
    it('lets the deploy role manage the exempt roles and the tag', async () => {
      expect(await call(role(DEPLOY), 'iam:UpdateAssumeRolePolicy', role('break-glass'))).toBe('Allowed');
      expect(await call(role(DEPLOY), 'iam:CreateRole', role('break-glass'), { 'aws:TagKeys': ['break-glass'], 'aws:RequestTag/break-glass': 'true' })).toBe('Allowed');
    });

    it('lets a break-glass principal act', async () => {
      expect(await call(role('break-glass'), 'iam:UpdateAssumeRolePolicy', role(DEPLOY), {}, { 'break-glass': 'true' })).toBe('Allowed');
    });

    it('lets an administrator manage and pass every other role', async () => {
      expect(await call(admin, 'iam:UpdateAssumeRolePolicy', role('app'))).toBe('Allowed');
      expect(await call(admin, 'iam:CreateRole', role('app-2'))).toBe('Allowed');
      expect(await call(admin, 'iam:PassRole', role('app'), { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('Allowed');
    });
  });
});
