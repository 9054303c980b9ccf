import * as fs from 'fs';
import * as path from 'path';
import { parseConfigText, parseOrganization, type OrganizationInput } from '../../config';
import { exampleInput } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, testStack } from '../support/synth';
import { BreakGlassRole } from '../../modules/iam/break-glass-role';
import { GithubOidcProvider } from '../../modules/iam/github-actions';
import { HcpTerraformOidcProvider } from '../../modules/iam/hcp-terraform';
import { HCP_BOOTSTRAP_STACK } from '../../stacks/hcp-bootstrap-stack';
import { RequireMfaPolicy } from '../../modules/iam/require-mfa-policy';
import { Role } from '../../modules/iam/role';
import { SupportRole } from '../../modules/iam/support-role';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The example organisation moved to AWS GovCloud (US): every ARN the stacks write must be in `aws-us-gov`. The IAM
 * constructs once defaulted their partition to `aws`, which wrote `arn:aws:` ARNs that name nothing in GovCloud.
 */
describe('an organisation in the aws-us-gov partition', () => {
  const text = JSON.stringify(exampleInput())
    .replace(/us-east-1/g, 'us-gov-west-1')
    .replace(/eu-west-1/g, 'us-gov-east-1')
    .replace(/arn:aws:/g, 'arn:aws-us-gov:');
  const org = parseOrganization({ ...(JSON.parse(text) as OrganizationInput), partition: 'aws-us-gov' }, 'govcloud');
  const { outdir, stackNames } = synthOrg(org);
  const workload = 'workload-prod-us-gov-west-1';
  const json = (name: string) => fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');

  it('writes no commercial-partition ARN in any stack', () => {
    expect(stackNames.length).toBe(12);
    const commercial = stackNames.filter((name) => json(name).includes('arn:aws:'));
    expect(commercial).toEqual([]);
    for (const name of stackNames) expect(json(name)).toContain('arn:aws-us-gov:');
  });

  it('attaches AWS managed policies by their GovCloud ARN (support role, roles of the account)', () => {
    const attached = resourcesOfType(stackJson(outdir, workload), 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attached).toEqual(expect.arrayContaining(['arn:aws-us-gov:iam::aws:policy/AWSSupportAccess', 'arn:aws-us-gov:iam::aws:policy/SecurityAudit']));
  });

  it('trusts the GitHub OIDC provider and scopes MFA self-service by GovCloud ARNs', () => {
    const stack = json(workload);
    expect(stack).toContain('arn:aws-us-gov:iam::555555555555:oidc-provider/token.actions.githubusercontent.com');
    expect(stack).toContain('arn:aws-us-gov:iam::555555555555:mfa/$${aws:username}');
    expect(stack).toContain('arn:aws-us-gov:iam::555555555555:user/$${aws:username}');
  });

  it('synthesizes stacks that validate and plan', () => {
    expectValidAndPlannable(outdir, [workload]);
  });
});

/**
 * HCP Terraform's dynamic credentials in GovCloud: the OIDC provider ARN that each run role trusts and the managed
 * policies of the run roles are GovCloud ARNs (the HCP Terraform constructs once defaulted their partition to `aws`).
 */
describe('HCP Terraform run roles in the aws-us-gov partition', () => {
  const sample = fs.readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'configs', 'hcp-terraform.yaml'), 'utf8').replace(/us-east-2/g, 'us-gov-west-1');
  const org = parseOrganization({ ...(parseConfigText(sample, 'hcp-govcloud') as OrganizationInput), partition: 'aws-us-gov' }, 'hcp-govcloud');
  const { outdir, stackNames } = synthOrg(org);
  const management = 'management-us-gov-west-1';
  const roleNamed = (name: string) => resourcesOfType(stackJson(outdir, management), 'aws_iam_role').find((r) => r.name === name)!;

  it('trusts the GovCloud OIDC provider and attaches GovCloud managed policies', () => {
    const trust = JSON.parse(String(roleNamed('hcp-terraform-plan-us-gov-west-1').assume_role_policy).replace(/\$\$\{/g, '${')) as { Statement: { Principal: { Federated: string } }[] };
    expect(trust.Statement.map((statement) => statement.Principal.Federated)).toEqual(['arn:aws-us-gov:iam::230000000001:oidc-provider/app.terraform.io']);
    const attached = resourcesOfType(stackJson(outdir, management), 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attached).toEqual(expect.arrayContaining(['arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess', 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess']));
    const accountStacks = stackNames.filter((name) => name !== HCP_BOOTSTRAP_STACK);
    expect(accountStacks.filter((name) => stackText(outdir, name).includes('arn:aws:'))).toEqual([]);
  });

  it('synthesizes account stacks that validate and plan (the bootstrap needs the unmirrored tfe provider)', () => {
    expectValidAndPlannable(outdir, [management]);
  });
});

describe('IAM constructs take the partition, never assume it', () => {
  /**
   * Never run: each line is a compile error that `npm run typecheck` (tsc --noEmit) holds; if a construct's
   * partition became optional again, its `@ts-expect-error` would be unused and the typecheck would fail.
   */
  function buildsWithoutPartition(): void {
    const stack = testStack();
    const accountId = '123456789012';
    // @ts-expect-error partition is required
    new SupportRole(stack, 'support', { accountId });
    // @ts-expect-error partition is required
    new BreakGlassRole(stack, 'break-glass', { accountId });
    // @ts-expect-error partition is required
    new RequireMfaPolicy(stack, 'mfa', { accountId });
    // @ts-expect-error partition is required
    new GithubOidcProvider(stack, 'github', { accountId });
    // @ts-expect-error partition is required
    new Role(stack, 'role', { accountId, trust: [] });
    // @ts-expect-error partition is required
    new HcpTerraformOidcProvider(stack, 'hcp', { accountId });
  }

  it('fails loudly at synth when a caller without types leaves it out (no silent arn:aws:)', () => {
    expect(buildsWithoutPartition).toThrow(/arn:undefined:iam::123456789012:root/);
  });
});
