/**
 * The shapes of IAM ARNs the config and the modules accept, in every partition (`aws`, `aws-cn`, `aws-us-gov`). One
 * place, so that the schema and the constructs that re-check a prop agree on what an ARN is.
 */

/** An IAM principal a policy may name: an account root, a role or a user, no wildcards. */
export const IAM_PRINCIPAL_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@/-]+|user\/[\w+=,.@/-]+)$/;

/** An account root or a role, no wildcards (readers of audit logs: a user would be a long-lived credential). */
export const IAM_ROLE_OR_ROOT_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role\/[\w+=,.@/-]+)$/;

/** A role ARN pattern for `iam:PassRole` and the like: the account may be `*`, the name may hold wildcards. */
export const IAM_ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}|\*):role\/.+$/;

/** An IAM OIDC identity provider (`arn:aws:iam::<account>:oidc-provider/<host>`). */
export const IAM_OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/;

/** An IAM SAML identity provider (`arn:aws:iam::<account>:saml-provider/<name>`). */
export const IAM_SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.+=,@-]+$/;

/** The account of an IAM principal ARN (`IAM_PRINCIPAL_ARN`), or undefined when `value` is none. */
export function principalArnAccount(value: string): string | undefined {
  return IAM_PRINCIPAL_ARN.test(value) ? value.split(':')[4] : undefined;
}
