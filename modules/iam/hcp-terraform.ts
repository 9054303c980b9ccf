import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { GlobalAccountContext } from '../core/account-context';
import { ValidationError } from '../core/errors';
import { AwsManagedPolicy, type IManagedPolicy } from './managed-policy';
import { Role } from './role';
import { Trust } from './trust';

/** HCP Terraform's host (Terraform Enterprise installations use their own). */
export const HCP_TERRAFORM_HOST = 'app.terraform.io';
/** The audience HCP Terraform puts in workload identity tokens for AWS unless `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE` is set. */
export const HCP_TERRAFORM_AWS_AUDIENCE = 'aws.workload.identity';

/** The two phases of an HCP Terraform run; each gets its own role. */
export type HcpRunPhase = 'plan' | 'apply';

/**
 * `accountId` is the account the provider is created in; `partition` (required, no default) builds the provider's
 * ARN, which every run role's trust names.
 */
export interface HcpTerraformOidcProviderProps extends GlobalAccountContext {
  /**
   * HCP Terraform or Terraform Enterprise host name, without `https://`.
   * @default "app.terraform.io"
   */
  readonly hostname?: string;
  /**
   * Audience (client id) the tokens carry.
   * @default "aws.workload.identity"
   * Security: the trust of every run role pins this audience, so a token minted for another cloud is refused.
   */
  readonly audience?: string;
  /** Tags for the provider. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The IAM OIDC identity provider for HCP Terraform's workload identity tokens (one per account). No thumbprint: AWS
 * verifies the issuer's certificate through its own trusted CA library.
 */
export class HcpTerraformOidcProvider extends Construct {
  readonly resource: IamOpenidConnectProvider;
  readonly providerArn: string;
  readonly hostname: string;
  readonly audience: string;

  constructor(scope: Construct, id: string, props: HcpTerraformOidcProviderProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    this.hostname = props.hostname ?? HCP_TERRAFORM_HOST;
    if (!HOST.test(this.hostname)) throw new ValidationError(this, 'hostname', this.hostname, 'must be a host name without scheme or path, e.g. "app.terraform.io"');
    this.audience = props.audience ?? HCP_TERRAFORM_AWS_AUDIENCE;
    this.resource = new IamOpenidConnectProvider(this, 'Resource', {
      url: `https://${this.hostname}`,
      clientIdList: [this.audience],
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.providerArn = `arn:${props.partition}:iam::${props.accountId}:oidc-provider/${this.hostname}`;
  }
}

/** Names HCP Terraform allows for organisations, projects and workspaces (and nothing that could widen a match). */
const HCP_NAME = /^[A-Za-z0-9_-]{1,90}$/;
const PROJECT_NAME = /^[A-Za-z0-9 _-]{1,40}$/;

/** The exact `sub` claim of one run phase of one workspace. */
export function hcpRunSubject(scope: Construct, organization: string, project: string, workspace: string, phase: HcpRunPhase): string {
  if (!HCP_NAME.test(organization)) throw new ValidationError(scope, 'organization', organization, 'must be an HCP Terraform organisation name (letters, digits, _ and -)');
  if (!PROJECT_NAME.test(project)) throw new ValidationError(scope, 'project', project, 'must be an HCP Terraform project name (letters, digits, spaces, _ and -, up to 40)');
  if (!HCP_NAME.test(workspace)) throw new ValidationError(scope, 'workspace', workspace, 'must be an HCP Terraform workspace name (letters, digits, _ and -)');
  return `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
}

/**
 * `accountId` is the account the roles are created in; `partition` (required, no default) builds the ARNs of the
 * roles' managed policies.
 */
export interface HcpTerraformRunRolesProps extends GlobalAccountContext {
  /** The account's HCP Terraform OIDC provider. */
  readonly provider: HcpTerraformOidcProvider;
  /** HCP Terraform organisation of the workspace. */
  readonly organization: string;
  /** HCP Terraform project of the workspace (HCP Terraform's own default is "Default Project"). */
  readonly project: string;
  /** The one workspace whose runs may assume the roles. */
  readonly workspace: string;
  /** Name of the read-only role for the plan phase. */
  readonly planRoleName: string;
  /** Name of the role for the apply phase. */
  readonly applyRoleName: string;
  /**
   * Permissions boundary of the plan role.
   * Security: caps the read-only role even if someone attaches more to it.
   */
  readonly planPermissionsBoundary: IManagedPolicy;
  /**
   * Longest session in hours (1 to 12).
   * @default 1
   * Security: a run needs minutes; HCP Terraform refreshes the credential for longer runs.
   */
  readonly maxSessionHours?: number;
  /** Tags for both roles. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The two run roles of one HCP Terraform workspace (dynamic provider credentials): each trusts only the account's HCP
 * Terraform OIDC provider, with `aud` pinned to the provider's audience and `sub` pinned to exactly one run phase of
 * exactly one workspace in one organisation and project (StringEquals, no wildcards).
 * - plan role: AWS managed `ReadOnlyAccess` under the permissions boundary; it cannot change anything, and it has no
 *   `sts:AssumeRole` of its own beyond what ReadOnlyAccess grants (none), so a plan cannot escalate to a write role;
 * - apply role: `AdministratorAccess`, the same access the deploy role has in the other state modes (the baseline
 *   manages IAM, Organizations and the security services, which no narrower policy covers); only the apply phase of
 *   this workspace can assume it, and apply runs follow HCP Terraform's own approval (auto-apply off by default).
 */
export class HcpTerraformRunRoles extends Construct {
  readonly planRole: Role;
  readonly applyRole: Role;
  /** The `sub` claim each role's trust allows. */
  readonly subjects: Readonly<Record<HcpRunPhase, string>>;

  constructor(scope: Construct, id: string, props: HcpTerraformRunRolesProps) {
    super(scope, id);
    const partition = props.partition;
    const subjects = {
      plan: hcpRunSubject(this, props.organization, props.project, props.workspace, 'plan'),
      apply: hcpRunSubject(this, props.organization, props.project, props.workspace, 'apply'),
    };
    this.subjects = subjects;
    const trust = (phase: HcpRunPhase) => [
      Trust.webIdentity({ providerArn: props.provider.providerArn, issuerHost: props.provider.hostname, audience: props.provider.audience, subjects: [subjects[phase]] }),
    ];
    const common = {
      partition,
      accountId: props.accountId,
      maxSessionHours: props.maxSessionHours ?? 1,
      tags: props.tags,
      dependsOn: [props.provider.resource],
    };
    this.planRole = new Role(this, 'plan-role', {
      ...common,
      roleName: props.planRoleName,
      description: `HCP Terraform plan phase of workspace ${props.workspace} (read-only)`,
      trust: trust('plan'),
      managedPolicies: [AwsManagedPolicy.of(partition, 'ReadOnlyAccess')],
      permissionsBoundary: props.planPermissionsBoundary,
    });
    this.applyRole = new Role(this, 'apply-role', {
      ...common,
      roleName: props.applyRoleName,
      description: `HCP Terraform apply phase of workspace ${props.workspace}`,
      trust: trust('apply'),
      managedPolicies: [AwsManagedPolicy.of(partition, 'AdministratorAccess')],
      breakGlass: {
        reason: `deploys the baseline itself (IAM, KMS, Organizations, security services) from HCP Terraform workspace ${props.workspace}: the access the deploy role has in the other state modes, reachable only by that workspace's apply phase`,
      },
      withoutPermissionsBoundary: {
        reason: 'the baseline creates and changes IAM roles and policies, which the permissions boundary denies by design',
      },
    });
  }
}
