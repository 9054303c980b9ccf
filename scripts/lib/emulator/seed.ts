import type { Organization } from '../../../config';

/** What scripts/emulator/seed.py creates before the first apply (see its docstring for the format). */
export interface EmulatorSeed {
  readonly partition: string;
  readonly organization: {
    readonly id: string;
    readonly rootId: string;
    readonly managementAccountId: string;
    readonly accounts: ReadonlyArray<{ readonly id: string; readonly name: string; readonly email: string }>;
  };
  readonly loadBalancers: readonly string[];
  readonly lambdaFunctions: readonly string[];
  /** Identity Center instances the stacks name (moto's own instance is given this ARN). */
  readonly ssoInstances?: readonly string[];
  /** The organisation's Regions (where per-Region seeds go). */
  readonly regions?: readonly string[];
  /** What config adopts (accounts[].adopt): created before the first plan, so the stacks import it. */
  readonly existing?: readonly ExistingResources[];
  /** Trusted access the organisation has before the baseline (adoption.organization.keepServicePrincipals). */
  readonly trustedAccess?: readonly string[];
  /**
   * The AWS managed policies the stacks name (`<path>/<name>` after `iam::aws:policy/`): moto builds only these for
   * each account (scripts/emulator/extensions/moto_patches.py). Absent: all of moto's ~1,300.
   */
  readonly awsManagedPolicies?: readonly string[];
}

/** The pre-existing resources of one account and Region (global ones in the home Region). */
export interface ExistingResources {
  readonly account: string;
  readonly region: string;
  readonly passwordPolicy?: boolean;
  readonly s3AccountPublicAccessBlock?: boolean;
  readonly guardDutyDetectorId?: string;
  readonly configRecorderName?: string;
  readonly configDeliveryChannelName?: string;
  readonly securityHub?: boolean;
  readonly accessAnalyzerName?: string;
  readonly ebsEncryptionByDefault?: boolean;
}

/** The adopted resources of every account, as the seed creates them (the trail is not seeded: see the README). */
export function existingResources(org: Organization): ExistingResources[] {
  return org.accounts.flatMap((account) =>
    account.regions.flatMap((region): ExistingResources[] => {
      const here = account.adopt.regions[region];
      const home = region === org.homeRegion;
      const global = home ? { passwordPolicy: account.adopt.passwordPolicy, s3AccountPublicAccessBlock: account.adopt.s3AccountPublicAccessBlock } : {};
      if (!here && !(home && (account.adopt.passwordPolicy || account.adopt.s3AccountPublicAccessBlock))) return [];
      return [{ account: account.id, region, ...global, ...here }];
    }),
  );
}

const LOAD_BALANCER_ARN = /arn:[a-z-]+:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/(?:net|app)\/[A-Za-z0-9-]+\/[0-9a-f]+/g;
const SSO_INSTANCE_ARN = /arn:[a-z-]+:sso:::instance\/ssoins-[0-9a-f]+/g;
/** An AWS managed policy's ARN after its partition, literal or with the partition as a token. */
const AWS_MANAGED_POLICY = /:iam::aws:policy\/([A-Za-z0-9_+=.@/-]+)/g;
const LAMBDA_ARN = /arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+/g;

/**
 * The seed for an organisation: the organisation with its config ids, its root and accounts, and every load
 * balancer and Lambda function the synthesized stacks name but do not create (the NLB behind a PrivateLink
 * service, the ALBs a web ACL protects, a secret's rotation function), and the AWS managed policies they attach.
 */
export function buildSeed(org: Organization, stackTexts: readonly string[]): EmulatorSeed {
  const management = org.accounts.find((a) => a.role === 'management') ?? org.accounts[0]!;
  const rootId = org.identity.serviceControlPolicies?.organizationRootId ?? 'r-emul';
  const named = (pattern: RegExp, group = 0): string[] => [...new Set(stackTexts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[group]!)))].sort();
  return {
    partition: org.partition,
    organization: {
      id: org.organizationId,
      rootId,
      managementAccountId: management.id,
      accounts: org.accounts.map((a) => ({ id: a.id, name: a.name, email: a.securityContact?.email ?? `${a.name}@example.com` })),
    },
    loadBalancers: named(LOAD_BALANCER_ARN),
    lambdaFunctions: named(LAMBDA_ARN),
    ssoInstances: named(SSO_INSTANCE_ARN),
    regions: [...org.allowedRegions],
    existing: existingResources(org),
    trustedAccess: org.adoption.organization.enabled ? [...org.adoption.organization.keepServicePrincipals] : [],
    awsManagedPolicies: named(AWS_MANAGED_POLICY, 1),
  };
}
