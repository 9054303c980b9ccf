import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import type { IManagedPolicy } from './managed-policy';
import type { Policy } from './policy';
import { Role } from './role';
import { Trust } from './trust';

/** GitHub's OIDC issuer host and the audience the official AWS action requests. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The GitHub OIDC provider of an account. */
export interface IGithubOidcProvider {
  /** ARN of the provider, known at synth (`arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com`). */
  readonly providerArn: string;
  /** The Terraform resource, when this stack creates the provider (roles depend on it). */
  readonly resource?: IamOpenidConnectProvider;
}

export interface GithubOidcProviderProps {
  /** The account the provider is created in. */
  readonly accountId: string;
  /** @default "aws" */
  readonly partition?: AwsPartition;
  /** Tags for the provider. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The IAM OIDC identity provider for GitHub Actions (one per account). No thumbprint is set: AWS verifies GitHub's
 * certificate through its own trusted CA library, and the provider no longer requires one.
 */
export class GithubOidcProvider extends Construct implements IGithubOidcProvider {
  readonly resource: IamOpenidConnectProvider;
  readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new ValidationError(this, 'accountId', props.accountId, 'must be a 12-digit AWS account id');
    this.resource = new IamOpenidConnectProvider(this, 'Resource', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    this.providerArn = `arn:${props.partition ?? 'aws'}:iam::${props.accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
  }
}

/** Which workflow runs of one repository may assume the role. At least one of branches, environments, tags. */
export interface GithubRepositoryAccess {
  /**
   * `owner/repository`. An organisation wildcard (`owner/*`) needs `allowOrganizationWildcard`.
   */
  readonly repository: string;
  /** Branches (`main`, `release/*`) whose workflow runs may assume the role. @default [] */
  readonly branches?: readonly string[];
  /** GitHub deployment environments whose jobs may assume the role (their protection rules then apply). @default [] */
  readonly environments?: readonly string[];
  /** Git tags (`v*`) whose workflow runs may assume the role. @default [] */
  readonly tags?: readonly string[];
  /**
   * Allow a repository wildcard (`owner/*`), with the reason.
   * @default - not allowed
   * Security: a wildcard lets every repository of the organisation, including new and forked-in ones, deploy.
   */
  readonly allowOrganizationWildcard?: { readonly reason: string };
  /**
   * Allows branch, environment or tag patterns that name nothing (`*`, `**`, or only wildcards and separators such
   * as a star, a slash and a star), with the reason.
   * @default - not allowed
   * Security: such a pattern lets a workflow run on any branch (or environment, or tag) of the repository assume the
   * role, including a branch anyone with write access pushes, so branch protection no longer guards the role.
   */
  readonly openRefPatternsReason?: string;
}

/**
 * True when a branch, environment or tag pattern names nothing: it holds a wildcard and otherwise only separators
 * (`*`, `**`, `*-*`, `?*`, a star-slash-star), so it matches any ref or nearly any.
 */
export function isOpenRefPattern(pattern: string): boolean {
  return /[*]/.test(pattern) && /^[*?/._-]+$/.test(pattern);
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const REF = /^[A-Za-z0-9._/*?-]{1,200}$/;

/**
 * The `sub` claims a repository access allows: `repo:<owner>/<repo>:ref:refs/heads/<branch>`,
 * `repo:<owner>/<repo>:environment:<name>`, `repo:<owner>/<repo>:ref:refs/tags/<tag>`. Pull-request runs
 * (`repo:<owner>/<repo>:pull_request`) are never included.
 */
export function githubSubjects(scope: Construct, prop: string, access: GithubRepositoryAccess): string[] {
  const [owner = '', repo = '', ...rest] = access.repository.split('/');
  if (!OWNER.test(owner) || rest.length > 0 || !(repo === '*' || REPO.test(repo))) {
    throw new ValidationError(scope, `${prop}.repository`, access.repository, 'must be "owner/repository", e.g. "example-org/infrastructure"');
  }
  if (repo === '*') {
    const reason = access.allowOrganizationWildcard?.reason;
    if (reason === undefined || reason.trim().length < 20) {
      throw new ValidationError(
        scope,
        `${prop}.repository`,
        access.repository,
        'is an organisation wildcard: every repository of the owner could assume the role; name the repository, or set allowOrganizationWildcard with a reason of at least 20 characters',
      );
    }
  }
  const branches = access.branches ?? [];
  const environments = access.environments ?? [];
  const tags = access.tags ?? [];
  if (branches.length + environments.length + tags.length === 0) {
    throw new ValidationError(
      scope,
      `${prop}.branches`,
      access.repository,
      'is empty and so are environments and tags: pin the role to at least one branch, environment or tag (any ref, including pull requests, would otherwise match)',
    );
  }
  const check = (name: string, values: readonly string[]) =>
    values.forEach((v, i) => {
      if (!REF.test(v) || /^[?]+$/.test(v)) {
        throw new ValidationError(scope, `${prop}.${name}[${i}]`, v, 'must be a name (wildcards allowed inside it, not on their own), e.g. "main" or "release/*"');
      }
      const reason = access.openRefPatternsReason;
      if (isOpenRefPattern(v) && (reason === undefined || reason.trim().length < 20)) {
        throw new ValidationError(
          scope,
          `${prop}.${name}[${i}]`,
          v,
          'matches any ref: every workflow run could assume the role; name the branch, environment or tag (e.g. "main", "release/*"), or set openRefPatternsReason with a reason of at least 20 characters',
        );
      }
    });
  check('branches', branches);
  check('environments', environments);
  check('tags', tags);
  const base = `repo:${owner}/${repo}`;
  return [
    ...branches.map((b) => `${base}:ref:refs/heads/${b}`),
    ...environments.map((e) => `${base}:environment:${e}`),
    ...tags.map((t) => `${base}:ref:refs/tags/${t}`),
  ];
}

export interface GithubDeployRoleProps {
  /** The account's GitHub OIDC provider. */
  readonly provider: IGithubOidcProvider;
  /** The account the role is created in. */
  readonly accountId: string;
  /** @default "aws" */
  readonly partition?: AwsPartition;
  /** The role name; workflows reference it in `role-to-assume`. */
  readonly roleName: string;
  /** What the role deploys. @default - none */
  readonly description?: string;
  /** Repositories (and their branches, environments, tags) that may assume the role; at least one. */
  readonly repositories: readonly GithubRepositoryAccess[];
  /**
   * Longest session in hours (1 to 12).
   * @default 1
   * Security: a CI job needs minutes; an hour caps the use of a leaked token.
   */
  readonly maxSessionHours?: number;
  /** Permissions boundary. Required (CI assumes the role). */
  readonly permissionsBoundary: IManagedPolicy;
  /** Managed policies to attach. @default [] */
  readonly managedPolicies?: readonly IManagedPolicy[];
  /** Inline policies by name. @default {} */
  readonly inlinePolicies?: Readonly<Record<string, Policy>>;
  /** Tags for the role (also the session's principal tags, for ABAC). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A role GitHub Actions workflows assume through OIDC. The trust requires `aud = sts.amazonaws.com` and a `sub`
 * pinned to named repositories plus branches, environments or tags; the subject always starts with `repo:` so that
 * claim-order tricks (`environment:`-first subjects, Checkov CKV_AWS_358/393) cannot widen it.
 */
export class GithubDeployRole extends Construct {
  readonly role: Role;
  readonly roleArn: string;
  readonly roleName: string;
  /** The `sub` claims the trust allows. */
  readonly subjects: readonly string[];

  constructor(scope: Construct, id: string, props: GithubDeployRoleProps) {
    super(scope, id);
    if (props.repositories.length === 0) {
      throw new ValidationError(this, 'repositories', [], 'must list at least one repository with its branches, environments or tags');
    }
    const subjects = props.repositories.flatMap((access, i) => githubSubjects(this, `repositories[${i}]`, access));
    const duplicate = subjects.find((s, i) => subjects.indexOf(s) !== i);
    if (duplicate) throw new ValidationError(this, 'repositories', duplicate, 'allows the same subject twice');
    this.subjects = subjects;
    this.role = new Role(this, 'Role', {
      roleName: props.roleName,
      description: props.description ?? `GitHub Actions deploy role for ${props.repositories.map((r) => r.repository).join(', ')}`,
      partition: props.partition,
      accountId: props.accountId,
      maxSessionHours: props.maxSessionHours ?? 1,
      trust: [Trust.webIdentity({ providerArn: props.provider.providerArn, issuerHost: GITHUB_OIDC_HOST, audience: GITHUB_OIDC_AUDIENCE, subjects })],
      permissionsBoundary: props.permissionsBoundary,
      managedPolicies: props.managedPolicies,
      inlinePolicies: props.inlinePolicies,
      tags: props.tags,
      dependsOn: props.provider.resource ? [props.provider.resource] : [],
    });
    this.roleArn = this.role.roleArn;
    this.roleName = props.roleName;
  }
}
