import { Construct } from 'constructs';
import type { Account, Organization } from '../../config/organization';
import type { AwsRegion } from '../../config/regions';
import { arn } from '../../modules/core/arn';
import { HcpTerraformOidcProvider, HcpTerraformRunRoles, type HcpRunPhase, type IManagedPolicy } from '../../modules/iam';
import type { AccountBaselineStack } from '../baseline-stack';
import { cloudWorkspaceName } from '../backend';
import { regionalStackName } from '../naming';

type CloudState = Extract<Organization['state'], { mode: 'cloud' }>;

/** HCP Terraform's name for the project a workspace is in when none is chosen. */
export const HCP_DEFAULT_PROJECT = 'Default Project';

/** The run role of one phase of the workspace of `account` in `region` (one pair per stack, all in IAM, account-wide). */
export function hcpRunRoleName(phase: HcpRunPhase, region: AwsRegion): string {
  return `hcp-terraform-${phase}-${region}`;
}

export function hcpRunRoleArn(org: Organization, account: Account, region: AwsRegion, phase: HcpRunPhase): string {
  return arn.role(org.partition, account.id, hcpRunRoleName(phase, region));
}

/** Role-name pattern of every apply run role (the guardrail SCPs exempt them like the deploy role). */
export const HCP_APPLY_ROLE_PATTERN = 'hcp-terraform-apply-*';

/** The cloud state settings, or undefined when the organisation keeps state elsewhere. */
export function cloudState(org: Organization): CloudState | undefined {
  return org.state.mode === 'cloud' ? org.state : undefined;
}

/**
 * HCP Terraform dynamic provider credentials, AWS side (cloud state mode only, home-Region stack): the account's IAM
 * OIDC provider for the HCP Terraform host, and for each of the account's stacks (one workspace per stack) a read-only
 * plan role and an apply role, trusted only by that workspace's plan or apply phase. The hcp-bootstrap stack sets
 * the workspace variables that point runs at these roles.
 */
export function composeHcpTerraform(stack: AccountBaselineStack): void {
  const state = cloudState(stack.org);
  if (!state || !stack.isHomeRegion) return;
  const { org, account } = stack;
  const boundary = stack.node.tryFindChild('identity')?.node.tryFindChild('permissions-boundary') as IManagedPolicy | undefined;
  if (!boundary) throw new Error(`stack ${stack.stackName}: the HCP Terraform plan roles need the identity permissions boundary, composed first`); // unreachable: composeIdentity runs before composeHcpTerraform in baseline-stack.ts and always builds the boundary in the home Region
  const scope = new Construct(stack, 'hcp-terraform');
  const provider = new HcpTerraformOidcProvider(scope, 'oidc-provider', { accountId: account.id, partition: org.partition, hostname: state.hostname });
  for (const region of account.regions) {
    new HcpTerraformRunRoles(scope, `run-roles-${region}`, {
      provider,
      accountId: account.id,
      partition: org.partition,
      organization: state.organization,
      project: state.project ?? HCP_DEFAULT_PROJECT,
      workspace: cloudWorkspaceName(org, regionalStackName(account, region)),
      planRoleName: hcpRunRoleName('plan', region),
      applyRoleName: hcpRunRoleName('apply', region),
      planPermissionsBoundary: boundary,
    });
  }
}
