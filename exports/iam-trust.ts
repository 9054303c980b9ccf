import { MIN_EXTERNAL_ID_LENGTH, samlSignInUrl } from '../modules/iam/trust';
import type { ModuleStack } from './lib/module-stack';
import { PROVIDER_PARTITION } from './common';

/**
 * The trust builders of modules/iam/trust.ts (`Trust.service`, `Trust.account`, `Trust.saml`) as one object input of
 * the iam-role module, rendered by Terraform into the same statements the builders write (the example's planned
 * policy is compared with the builders' output in test/exports/module-examples.tf.test.ts). One object, so the
 * rules across its parts (at least one principal) are checked together, at validate.
 */

const SERVICE = String.raw`^[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?$`;
const SAML_PROVIDER = String.raw`^arn:aws[a-z-]*:iam::[0-9]{12}:saml-provider/[A-Za-z0-9_.+=,@-]+$`;
/** RE2 (Terraform's regex) allows at most 1000 repetitions: the length is checked apart. */
const EXTERNAL_ID = String.raw`^[A-Za-z0-9_+=,.@:/-]+$`;

export const TRUST_TYPE =
  'object({ services = optional(list(string), []), accounts = optional(map(object({ account_id = string, principal_arns = optional(list(string)), principal_arn_patterns = optional(list(string), []), external_id = optional(string), require_mfa = optional(bool, false) })), {}), saml_provider_arns = optional(list(string), []) })';

export function declareTrustVariable(stack: ModuleStack): void {
  stack.variable('trust', {
    type: TRUST_TYPE,
    description: `Who may assume the role (the trust builders of modules/iam/trust.ts): services (AWS service principals such as "lambda.amazonaws.com", only on behalf of account_id: aws:SourceAccount), accounts (by a stable label: account_id, optional principal_arns of roles or users of that account instead of its root, principal_arn_patterns narrowing an account-root trust, external_id of ${MIN_EXTERNAL_ID_LENGTH}-1224 characters, required for any account other than account_id (confused-deputy guard), require_mfa for IAM users and break-glass), saml_provider_arns (SAML 2.0 federation; the assertion must be addressed to AWS sign-in). At least one principal.`,
    validation: [
      { condition: 'length(var.trust.services) + length(var.trust.accounts) + length(var.trust.saml_provider_arns) > 0', errorMessage: 'trust must name at least one principal: services, accounts or saml_provider_arns.' },
      { condition: `alltrue([for s in var.trust.services : can(regex("${SERVICE}", s))])`, errorMessage: 'trust.services must list service principals such as "ec2.amazonaws.com" (no wildcards).' },
      { condition: `alltrue([for p in var.trust.saml_provider_arns : can(regex("${SAML_PROVIDER}", p))])`, errorMessage: 'trust.saml_provider_arns must list IAM SAML provider ARNs (arn:aws:iam::<account>:saml-provider/<name>).' },
      {
        condition: `alltrue([for k, a in var.trust.accounts : can(regex("^[0-9]{12}$", a.account_id)) && (a.external_id == null ? true : can(regex("${EXTERNAL_ID}", a.external_id)) && length(a.external_id) >= ${MIN_EXTERNAL_ID_LENGTH} && length(a.external_id) <= 1224) && alltrue([for p in (a.principal_arns == null ? [] : a.principal_arns) : can(regex("^arn:aws(-cn|-us-gov)?:iam::\${a.account_id}:(role|user)/[A-Za-z0-9_+=,.@/-]+$", p))]) && (a.principal_arns == null ? true : length(a.principal_arns) > 0)])`,
        errorMessage: `trust.accounts entries need a 12-digit account_id, principal_arns (if given) of roles or users of that account, and an external_id (if given) of ${MIN_EXTERNAL_ID_LENGTH} to 1224 characters of letters, digits and +=,.@:/- (a short external id is guessable).`,
      },
      {
        condition: 'alltrue([for k, a in var.trust.accounts : a.account_id == var.account_id || a.external_id != null])',
        errorMessage: `trust.accounts entries for an account other than account_id need an external_id of at least ${MIN_EXTERNAL_ID_LENGTH} characters (confused-deputy guard).`,
      },
    ],
  });
}

/** The SAML audience by partition, from the same function as the builder. */
const SAML_AUDIENCE = `${PROVIDER_PARTITION} == "aws-us-gov" ? ${JSON.stringify(samlSignInUrl('aws-us-gov'))} : (${PROVIDER_PARTITION} == "aws-cn" ? ${JSON.stringify(samlSignInUrl('aws-cn'))} : ${JSON.stringify(samlSignInUrl('aws'))})`;

/**
 * The builders' `oneOrList` in HCL: a one-element list as its value, else the list. A conditional needs one type for
 * both results, so the value is picked from a tuple by a known index instead.
 */
function oneOrList(list: string): string {
  return `[${list}, try(${list}[0], null)][length(${list}) == 1 ? 1 : 0]`;
}

/**
 * The trust policy object (jsonencoded into assume_role_policy): one statement per builder call, in the shape the
 * builders render (a single principal rather than a one-element list, ARN patterns always a list, conditions only
 * when set).
 */
export const TRUST_POLICY_EXPRESSION = `\${{
  Version = "2012-10-17"
  Statement = concat(
    length(var.trust.services) == 0 ? [] : [{ Effect = "Allow", Principal = { Service = ${oneOrList('var.trust.services')} }, Action = "sts:AssumeRole", Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } } }],
    [for k, a in var.trust.accounts : merge(
      { Effect = "Allow", Principal = { AWS = ["arn:\${${PROVIDER_PARTITION}}:iam::\${a.account_id}:root", a.principal_arns, try(a.principal_arns[0], null)][a.principal_arns == null ? 0 : (length(a.principal_arns) == 1 ? 2 : 1)] }, Action = "sts:AssumeRole" },
      a.external_id == null && !a.require_mfa && length(a.principal_arn_patterns) == 0 ? {} : { Condition = merge(
        a.external_id == null ? {} : { StringEquals = { "sts:ExternalId" = a.external_id } },
        a.require_mfa ? { Bool = { "aws:MultiFactorAuthPresent" = "true" } } : {},
        length(a.principal_arn_patterns) == 0 ? {} : { ArnLike = { "aws:PrincipalArn" = a.principal_arn_patterns } },
      ) },
    )],
    [for p in var.trust.saml_provider_arns : { Effect = "Allow", Principal = { Federated = p }, Action = "sts:AssumeRoleWithSAML", Condition = { StringEquals = { "SAML:aud" = ${SAML_AUDIENCE} } } }],
  )
}}`;
