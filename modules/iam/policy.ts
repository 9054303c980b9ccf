import type { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { actionProblem, actionsOfService, matchingActions } from './action-catalogue';
import { renderPolicy, type PolicyDocument, type PolicyStatement } from './policy-document';
import { Statement } from './statement';
import { resourceTypeProblems } from './resource-type-lint';
import { POLICY_QUOTAS, policySize, policySizeProblem, type IamPolicyKind } from '../core/policy-quotas';

export { policySize } from '../core/policy-quotas';

/**
 * What a policy is used as; decides its size limit (`POLICY_QUOTAS` in modules/core/policy-quotas.ts) and which lint
 * rules apply.
 * - `managed`: a customer managed policy (6,144 characters).
 * - `inline`: a role's inline policy (10,240 characters for all of a role's inline policies together).
 * - `boundary`: a permissions boundary (a managed policy, 6,144): its Allow statements are a ceiling, not a grant.
 * - `trust`: a role trust policy (2,048 by default; AWS can raise the quota to 4,096).
 * - `scp`: a service control policy (5,120): its Allow statements are a ceiling, not a grant.
 * - `key`: a KMS key policy (32,768), a resource policy: every statement names its principal.
 * - `bucket`: an S3 bucket policy (20,480), a resource policy: every statement names its principal.
 * - `secret`: a Secrets Manager resource policy (20,480), a resource policy.
 * (Resource control policies have their own lint: `rcpProblems` in modules/organizations.)
 */
export type PolicyKind = Exclude<IamPolicyKind, 'rcp'>;

/** The kinds whose Allow statements grant (linted for actions on resource types they do not support). */
const GRANT_KINDS: readonly PolicyKind[] = ['managed', 'inline', 'key', 'bucket', 'secret'];

/** The kinds that are resource policies (statements name a principal and a resource). */
const RESOURCE_POLICY_KINDS: readonly PolicyKind[] = ['key', 'bucket', 'secret'];

const POLICY_KINDS: readonly PolicyKind[] = ['managed', 'inline', 'boundary', 'trust', 'scp', 'key', 'bucket', 'secret'];

/** AWS's size quotas in characters (as `policySize` counts), by kind: a view of `POLICY_QUOTAS`. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = Object.fromEntries(
  POLICY_KINDS.map((kind) => [kind, POLICY_QUOTAS[kind].maxCharacters]),
) as Record<PolicyKind, number>;

/** A list of statements that renders to an IAM policy document. */
export class Policy {
  /** A policy of the given statements. */
  static of(...statements: Statement[]): Policy {
    return new Policy(statements);
  }

  /** A policy from statements written as IAM JSON. */
  static fromJson(statements: readonly PolicyStatement[]): Policy {
    return new Policy(statements.map((s) => Statement.fromJson(s)));
  }

  readonly statements: readonly Statement[];

  private constructor(statements: readonly Statement[]) {
    this.statements = statements;
  }

  /** A new policy with more statements appended. */
  with(...statements: Statement[]): Policy {
    return new Policy([...this.statements, ...statements]);
  }

  /** The policy document object. */
  toDocument(): PolicyDocument {
    return JSON.parse(this.toJson()) as PolicyDocument;
  }

  /** The compact JSON AWS receives. */
  toJson(): string {
    return renderPolicy(this.statements.map((s) => s.toJson()));
  }

  /** The size as AWS counts it: characters of the JSON with all whitespace removed. */
  get size(): number {
    // Measured without renderPolicy's Sid check, so that the lint can report a duplicate Sid and the size together.
    return policySize(JSON.stringify({ Version: '2012-10-17', Statement: this.statements.map((s) => s.toJson()) }));
  }
}

const SID = /^[A-Za-z0-9]+$/;

/**
 * True when an action pattern grants a whole service or every service: `*`, `*:*`, `s3:*`, and every other wildcard
 * form that matches all of a service's actions in the IAM action catalogue (`s3:**`, `iam:*?*`, `S3:*`).
 */
export function isUnrestrictedAction(action: string): boolean {
  if (!/[*?]/.test(action)) return false;
  if (/^[*?]+(:[*?]*)?$/.test(action)) return action.includes('*');
  const colon = action.indexOf(':');
  if (colon < 0) return false;
  const all = actionsOfService(action.slice(0, colon));
  return all.length > 0 && matchingActions(action).length === all.length;
}

/**
 * True when a resource pattern covers every resource of its service (in an account), or of every service: `*`,
 * `arn:*`, `arn:*:*:*:*:*`, `arn:aws:s3:::*` (and every object of every bucket), `arn:aws:iam::123456789012:*`. The resource part
 * (or an earlier part, which then spans the rest) is only wildcards and slashes; a role's account is its own, so
 * naming the account narrows nothing.
 */
export function isUnrestrictedResource(resource: string): boolean {
  const wildcardOnly = (part: string) => part.includes('*') && /^[*?/]+$/.test(part);
  if (wildcardOnly(resource)) return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn') return false;
  for (let i = 1; i < Math.min(parts.length, 5); i++) {
    if (i === parts.length - 1 && wildcardOnly(parts[i]!)) return true; // the last part spans everything after it
  }
  return parts.length >= 6 && wildcardOnly(parts.slice(5).join(':'));
}

/**
 * The lint problems of a policy used as `kind`, each naming the statement. Rules:
 * - every statement has exactly one of Action/NotAction and at most one of Resource/NotResource;
 * - an Allow never uses NotAction or NotResource (it would grant everything not listed, including future actions);
 * - in grants (`managed`, `inline`) an Allow of `*` or `service:*` on resource `*` needs a break-glass mark with a
 *   reason of at least 20 characters (boundaries and SCPs are ceilings and grant nothing themselves);
 * - every action and not-action is in the IAM action catalogue (wildcards must match at least one action);
 * - Sids are letters and digits and unique; trust policies have principals and no resources, resource policies
 *   (`key`, `bucket`, `secret`) both, and an Allow to `*` there needs a condition; identity policies have resources only;
 * - the policy fits the kind's size quota.
 */
export function policyProblems(policy: Policy, kind: PolicyKind): string[] {
  const problems: string[] = [];
  const seenSids = new Set<string>();
  if (policy.statements.length === 0) problems.push('has no statements');
  policy.statements.forEach((statement, i) => {
    const o = statement.options;
    const where = `Statement[${i}]${o.sid ? ` (${o.sid})` : ''}`;
    if (o.sid !== undefined) {
      if (!SID.test(o.sid)) problems.push(`${where}: Sid must be letters and digits only`);
      if (seenSids.has(o.sid)) problems.push(`${where}: Sid "${o.sid}" is used twice; Sids must be unique within a policy`);
      seenSids.add(o.sid);
    }
    const hasActions = (o.actions?.length ?? 0) > 0;
    const hasNotActions = (o.notActions?.length ?? 0) > 0;
    if (hasActions === hasNotActions) problems.push(`${where}: needs exactly one of Action or NotAction`);
    if (o.resources !== undefined && o.notResources !== undefined) problems.push(`${where}: has both Resource and NotResource; use one`);
    if (statement.effect === 'Allow' && hasNotActions) {
      problems.push(`${where}: Allow with NotAction grants every action not listed (including future ones); list the actions to allow instead`);
    }
    if (statement.effect === 'Allow' && o.notResources !== undefined) {
      problems.push(`${where}: Allow with NotResource grants every resource not listed; list the resources to allow instead`);
    }
    const hasResource = (o.resources?.length ?? 0) > 0 || (o.notResources?.length ?? 0) > 0;
    if (RESOURCE_POLICY_KINDS.includes(kind)) {
      if (o.principal === undefined) problems.push(`${where}: a ${POLICY_QUOTAS[kind].name} statement needs a Principal`);
      if (!hasResource) problems.push(`${where}: needs a Resource`);
      const everyone = o.principal === '*' || (typeof o.principal === 'object' && [o.principal.AWS].flat().includes('*'));
      if (statement.effect === 'Allow' && everyone && Object.keys(o.conditions ?? {}).length === 0) {
        problems.push(`${where}: Allow to every principal ("*") without a Condition makes the resource public; name the principals or add conditions`);
      }
    } else if (kind === 'trust') {
      if (o.principal === undefined) problems.push(`${where}: a trust policy statement needs a Principal`);
      if (hasResource) problems.push(`${where}: a trust policy statement has no Resource (the role is the resource)`);
    } else {
      if (o.principal !== undefined) problems.push(`${where}: a ${POLICY_QUOTAS[kind].name} statement has no Principal`);
      if (!hasResource) problems.push(`${where}: needs a Resource (use specific ARNs; "*" only where the action has no resource type)`);
    }
    const broadResources = (o.resources ?? []).filter(isUnrestrictedResource);
    if ((kind === 'managed' || kind === 'inline') && statement.effect === 'Allow' && broadResources.length > 0) {
      const broad = (o.actions ?? []).filter(isUnrestrictedAction);
      const reason = statement.breakGlassReason;
      if (broad.length > 0 && reason === undefined) {
        problems.push(
          `${where}: Allow of ${broad.map((a) => `"${a}"`).join(', ')} on resource ${broadResources.map((r) => `"${r}"`).join(', ')} is administrator access; ` +
            'list specific actions and resources, or mark the statement breakGlass with a reason',
        );
      }
    }
    const reason = statement.breakGlassReason;
    if (reason !== undefined && reason.trim().length < 20) {
      problems.push(`${where}: breakGlass.reason must say why in at least 20 characters (got ${JSON.stringify(reason)})`);
    }
    for (const [list, actions] of [['actions', o.actions ?? []], ['notActions', o.notActions ?? []]] as const) {
      actions.forEach((action, i) => {
        const problem = actionProblem(action);
        // The catalogue quotes the action it names, except text not shaped like an action (never echoed): name its position.
        if (problem) problems.push(`${where}: ${problem.startsWith('"') ? problem : `${list}[${i}] ${problem}`}`);
      });
    }
    // Grants only: SCPs and boundaries are ceilings, trust policies have no resources.
    if (GRANT_KINDS.includes(kind)) for (const problem of resourceTypeProblems(statement)) problems.push(`${where}: ${problem}`);
  });
  const sizeProblem = policySizeProblem(kind, policy.size);
  if (sizeProblem) problems.push(sizeProblem);
  return problems;
}

/** Throws a ValidationError naming `prop` when the policy has lint problems (all of them in one message). */
export function assertValidPolicy(scope: IConstruct, prop: string, policy: Policy, kind: PolicyKind): void {
  const problems = policyProblems(policy, kind);
  if (problems.length > 0) {
    throw new ValidationError(scope, prop, policy.statements.map((s) => s.options.sid ?? s.effect), `is not a valid ${POLICY_QUOTAS[kind].name}:\n  - ${problems.join('\n  - ')}\n`);
  }
}

/**
 * The policy JSON as a Terraform string literal: IAM policy variables (`${aws:username}`) and `%{` are escaped
 * (`$${...}`) so Terraform passes them to AWS unchanged instead of reading them as its own interpolation. cdktf
 * tokens (`${TfToken[...]}`) are left for cdktf to resolve.
 */
export function escapeForTerraform(json: string): string {
  return json.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}
