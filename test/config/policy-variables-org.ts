import { parseOrganization, type OrganizationInput } from '../../config';
import { exampleInput } from '../support/orgs';
import { synthOrg } from '../support/org-synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** IAM policy variables a statement resource may carry: the one place a literal "${" is meant. */
export const POLICY_VARIABLES = ['${aws:username}', '${aws:PrincipalTag/team}', '${*}'];

/**
 * The example organisation with policy variables in a deploy role's statement resources and an Identity Center
 * permission set, synthesized; returns the output folder. Shared by templates.test.ts (the JSON) and
 * templates-plan.tf.test.ts (the saved plan).
 */
export function synthPolicyVariablesOrg(): string {
  const input = exampleInput() as Raw;
  const role = input.accounts[4].identity.githubDeployRoles[0];
  role.statements.push({ sid: 'PerUser', actions: ['s3:GetObject'], resources: POLICY_VARIABLES.map((v) => `arn:aws:s3:::example-prod-website/home/${v}/*`) });
  const permissionSets = [{ name: 'per-user', statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-shared/${aws:userid}/*'] }] }];
  input.identity.identityCenter = {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    permissionSets,
    assignments: [],
  };
  return synthOrg(parseOrganization(input as OrganizationInput, 'test')).outdir;
}
