import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { renderPolicy, type PolicyStatement } from '../iam/policy-document';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** Sid of the statement every endpoint policy starts with. */
export const ORGANIZATION_ONLY_SID = 'OrganizationPrincipalsToOrganizationResources';

/**
 * The policy of a VPC endpoint: calls through the endpoint are allowed only when the caller belongs to the
 * organisation (`aws:PrincipalOrgID`) and the resource does too (`aws:ResourceOrgID`). Stolen credentials of another
 * organisation cannot use the endpoint, and data cannot be copied through it to a bucket or queue outside.
 *
 * Consequence: resources owned by AWS itself (for example the S3 buckets of Amazon Linux package repositories) are
 * outside the organisation and unreachable through the endpoint; grant them with `additionalStatements`, each of
 * which must still require `aws:PrincipalOrgID`.
 */
export function organizationEndpointPolicy(
  scope: IConstruct,
  organizationId: string,
  additionalStatements: readonly PolicyStatement[] = [],
  prop = 'organizationId',
): string {
  if (!ORGANIZATION_ID.test(organizationId)) {
    throw new ValidationError(scope, prop, organizationId, 'must be an AWS Organizations id such as "o-a1b2c3d4e5"');
  }
  additionalStatements.forEach((statement, i) => {
    const orgCondition = Object.values(statement.Condition ?? {}).some((block) => block['aws:PrincipalOrgID'] === organizationId);
    if (statement.Effect === 'Allow' && !orgCondition) {
      throw new ValidationError(
        scope,
        `additionalStatements[${i}]`,
        statement.Sid ?? statement.Action,
        `must keep callers inside the organisation: add the condition "aws:PrincipalOrgID": "${organizationId}"`,
      );
    }
  });
  return renderPolicy([
    {
      Sid: ORGANIZATION_ONLY_SID,
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId, 'aws:ResourceOrgID': organizationId } },
    },
    ...additionalStatements,
  ]);
}
