import type { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import type { AwsPartition } from '../core/regions';
import { ValidationError } from '../core/errors';
import { IAM_OIDC_PROVIDER_ARN, IAM_SAML_PROVIDER_ARN, principalArnAccount } from '../core/arn-patterns';
import type { PolicyConditions } from './policy-document';
import { Statement } from './statement';
import { oneOrList } from '../core/lists';
import { arn } from '../core/arn';

/** What a trusted principal needs to know about the role it is written into. */
export interface TrustContext {
  /** The role construct (errors name it). */
  readonly scope: IConstruct;
  /** The prop path of this trust entry, e.g. `trust[1]`. */
  readonly prop: string;
  readonly partition: AwsPartition;
  /** The role's own account, when known; account trust to any other account needs an external ID. */
  readonly roleAccountId?: string;
}

/** Who may assume a role: one or more trust policy statements. */
export interface ITrustedPrincipal {
  /** Short description for messages (`service ec2.amazonaws.com`, `account 123456789012`, ...). */
  readonly description: string;
  /**
   * True when people or CI pipelines assume the role through this trust (accounts, OIDC, SAML), as opposed to an AWS
   * service. Such roles need a permissions boundary by default.
   */
  readonly assumedByPeopleOrCi: boolean;
  /** The trust statements; throws a ValidationError naming `context.prop` when the options break a rule. */
  statements(context: TrustContext): Statement[];
}

/** An external ID must be at least this long (guessable IDs defeat the confused-deputy protection). */
export const MIN_EXTERNAL_ID_LENGTH = 16;

const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** Options of a trust to IAM principals of an account. */
export interface AccountTrustOptions {
  /** The trusted account (12 digits). */
  readonly accountId: string;
  /**
   * Specific IAM roles or users of that account that may assume the role.
   * @default - the account root: any principal of the account whose own IAM policy allows `sts:AssumeRole` on the role
   * Security: naming principals is narrower; the account root delegates the decision to that account's IAM policies.
   */
  readonly principalArns?: readonly string[];
  /**
   * ARN patterns (`aws:PrincipalArn`, ArnLike) that narrow an account-root trust, e.g. IAM Identity Center roles.
   * @default [] - no narrowing
   */
  readonly principalArnPatterns?: readonly string[];
  /**
   * External ID the caller must pass (`sts:ExternalId`), at least 16 characters. Required when the account is not the
   * role's own account.
   * Security: stops a third party that serves several customers from being tricked into using this role (confused deputy).
   */
  readonly externalId?: string;
  /**
   * Require that the caller signed in with MFA (`aws:MultiFactorAuthPresent` is true).
   * @default false
   * Security: role sessions never carry MFA, so this only fits IAM users and root-session callers; use it for break-glass.
   */
  readonly requireMfa?: boolean;
}

/** Options of a trust to an OIDC identity provider. */
export interface WebIdentityTrustOptions {
  /** ARN of the IAM OIDC provider. */
  readonly providerArn: string;
  /** Issuer host without `https://`, e.g. `token.actions.githubusercontent.com`; the prefix of its condition keys. */
  readonly issuerHost: string;
  /** The audience (`<issuer>:aud`) the token must carry, e.g. `sts.amazonaws.com`. */
  readonly audience: string;
  /** Allowed subjects (`<issuer>:sub`); `*` and `?` make the match StringLike. At least one. */
  readonly subjects: readonly string[];
}

/** Options of a trust to a SAML 2.0 identity provider. */
export interface SamlTrustOptions {
  /** ARN of the IAM SAML provider. */
  readonly providerArn: string;
}

/** Options of a trust to an AWS service. */
export interface ServiceTrustOptions {
  /**
   * Only when the service acts for this account (`aws:SourceAccount`).
   * @default - no condition
   * Security: set it for services that act on behalf of resources (confused-deputy protection).
   */
  readonly sourceAccount?: string;
}

function requireAccountId(context: TrustContext, prop: string, value: string): void {
  if (!ACCOUNT_ID.test(value)) throw new ValidationError(context.scope, `${context.prop}.${prop}`, value, 'must be a 12-digit AWS account id');
}

/** Factories for the principals a role can trust. */
export class Trust {
  /** AWS services, e.g. `Trust.service('ec2.amazonaws.com')`. */
  static service(servicePrincipals: string | readonly string[], options: ServiceTrustOptions = {}): ITrustedPrincipal {
    const services = typeof servicePrincipals === 'string' ? [servicePrincipals] : [...servicePrincipals];
    return {
      description: `service ${services.join(', ')}`,
      assumedByPeopleOrCi: false,
      statements(context) {
        if (services.length === 0) throw new ValidationError(context.scope, `${context.prop}.servicePrincipals`, services, 'must name at least one service');
        for (const s of services) {
          if (!SERVICE_PRINCIPAL.test(s)) {
            throw new ValidationError(context.scope, `${context.prop}.servicePrincipals`, s, 'must be a service principal such as "ec2.amazonaws.com"');
          }
        }
        if (options.sourceAccount !== undefined) requireAccountId(context, 'sourceAccount', options.sourceAccount);
        return [
          Statement.allow({
            principal: { Service: oneOrList(services) },
            actions: ['sts:AssumeRole'],
            conditions: options.sourceAccount !== undefined ? { StringEquals: { 'aws:SourceAccount': options.sourceAccount } } : undefined,
          }),
        ];
      },
    };
  }

  /** IAM principals of an account (the role's own, or another with an external ID). */
  static account(options: AccountTrustOptions): ITrustedPrincipal {
    return {
      description: `account ${options.accountId}`,
      assumedByPeopleOrCi: true,
      statements(context) {
        requireAccountId(context, 'accountId', options.accountId);
        const crossAccount = context.roleAccountId === undefined || context.roleAccountId !== options.accountId;
        if (options.externalId === undefined && crossAccount) {
          throw new ValidationError(
            context.scope,
            `${context.prop}.externalId`,
            options.externalId,
            `is required to trust another account (${options.accountId}): set an external ID of at least ${MIN_EXTERNAL_ID_LENGTH} characters`,
          );
        }
        if (options.externalId !== undefined && (options.externalId.length < MIN_EXTERNAL_ID_LENGTH || options.externalId.length > 1224 || !/^[\w+=,.@:/-]+$/.test(options.externalId))) {
          throw new ValidationError(
            context.scope,
            `${context.prop}.externalId`,
            options.externalId,
            `must be ${MIN_EXTERNAL_ID_LENGTH} to 1224 characters of letters, digits and +=,.@:/- (a short external ID is guessable)`,
          );
        }
        const principals = options.principalArns ?? [arn.accountRoot(context.partition, options.accountId)];
        principals.forEach((p, i) => {
          if (principalArnAccount(p) !== options.accountId) {
            throw new ValidationError(context.scope, `${context.prop}.principalArns[${i}]`, p, `must be the ARN of a role or user in account ${options.accountId}`);
          }
        });
        const conditions: Record<string, Record<string, string | boolean | readonly string[]>> = {};
        if (options.externalId !== undefined) conditions.StringEquals = { 'sts:ExternalId': options.externalId };
        if (options.requireMfa) conditions.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
        if (options.principalArnPatterns && options.principalArnPatterns.length > 0) conditions.ArnLike = { 'aws:PrincipalArn': options.principalArnPatterns };
        return [
          Statement.allow({
            principal: { AWS: oneOrList(principals) },
            actions: ['sts:AssumeRole'],
            conditions: Object.keys(conditions).length > 0 ? (conditions as PolicyConditions) : undefined,
          }),
        ];
      },
    };
  }

  /** An OIDC identity provider; the audience is always required and subjects are pinned. */
  static webIdentity(options: WebIdentityTrustOptions): ITrustedPrincipal {
    return {
      description: `OIDC provider ${options.issuerHost}`,
      assumedByPeopleOrCi: true,
      statements(context) {
        if (!IAM_OIDC_PROVIDER_ARN.test(options.providerArn) && !Token.isUnresolved(options.providerArn)) {
          throw new ValidationError(context.scope, `${context.prop}.providerArn`, options.providerArn, 'must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<host>)');
        }
        if (options.audience.length === 0 || options.audience.includes('*')) {
          throw new ValidationError(context.scope, `${context.prop}.audience`, options.audience, 'must be a fixed audience such as "sts.amazonaws.com" (no wildcards)');
        }
        if (options.subjects.length === 0) {
          throw new ValidationError(context.scope, `${context.prop}.subjects`, options.subjects, 'must list at least one subject; a trust without a subject lets every identity of the issuer in');
        }
        options.subjects.forEach((s, i) => {
          if (s.length === 0 || /^[*?]+$/.test(s)) {
            throw new ValidationError(context.scope, `${context.prop}.subjects[${i}]`, s, 'must pin a subject; a bare wildcard lets every identity of the issuer in');
          }
        });
        const like = options.subjects.some((s) => /[*?]/.test(s));
        const conditions: Record<string, Record<string, string | readonly string[]>> = {
          StringEquals: { [`${options.issuerHost}:aud`]: options.audience },
        };
        const subjects = oneOrList(options.subjects);
        if (like) conditions.StringLike = { [`${options.issuerHost}:sub`]: subjects };
        else conditions.StringEquals = { ...conditions.StringEquals, [`${options.issuerHost}:sub`]: subjects };
        return [
          Statement.allow({
            principal: { Federated: options.providerArn },
            actions: ['sts:AssumeRoleWithWebIdentity'],
            conditions,
          }),
        ];
      },
    };
  }

  /** A SAML 2.0 identity provider (console or CLI federation); the SAML audience must be AWS sign-in. */
  static saml(options: SamlTrustOptions): ITrustedPrincipal {
    return {
      description: `SAML provider ${options.providerArn}`,
      assumedByPeopleOrCi: true,
      statements(context) {
        if (!IAM_SAML_PROVIDER_ARN.test(options.providerArn) && !Token.isUnresolved(options.providerArn)) {
          throw new ValidationError(context.scope, `${context.prop}.providerArn`, options.providerArn, 'must be an IAM SAML provider ARN (arn:aws:iam::<account>:saml-provider/<name>)');
        }
        return [
          Statement.allow({
            principal: { Federated: options.providerArn },
            actions: ['sts:AssumeRoleWithSAML'],
            conditions: { StringEquals: { 'SAML:aud': samlSignInUrl(context.partition) } },
          }),
        ];
      },
    };
  }
}

/** The AWS sign-in endpoint a SAML assertion for the console must be addressed to. */
export function samlSignInUrl(partition: AwsPartition): string {
  if (partition === 'aws-us-gov') return 'https://signin.amazonaws-us-gov.com/saml';
  if (partition === 'aws-cn') return 'https://signin.amazonaws.cn/saml';
  return 'https://signin.aws.amazon.com/saml';
}
