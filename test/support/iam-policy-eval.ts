/**
 * TEST-ONLY wrapper around the IAM policy evaluator `@cloud-copilot/iam-simulate` (AGPL-3.0-or-later, a
 * devDependency: never import it from modules/, stacks/ or main.ts). It evaluates one concrete request against the
 * policies a synthesized stack contains, the way AWS combines them: SCPs per organisation level (each level also
 * holding AWS's default FullAWSAccess), identity policies, the permissions boundary and the resource (trust) policy.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

/** A policy document as parsed from synthesized JSON. */
export type PolicyJson = Readonly<Record<string, unknown>>;

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** AWS's default SCP, attached at every level unless removed. */
export const FULL_AWS_ACCESS: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** An identity policy allowing every action: isolates what the other policies (SCPs, boundary, trust) decide. */
export const ALLOW_ALL: PolicyJson = FULL_AWS_ACCESS;

export interface EvalRequest {
  /** The caller: a role, user, root or OIDC/SAML provider ARN. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context (aws:RequestedRegion, aws:PrincipalTag/..., sts:ExternalId, OIDC claims, ...). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** Policies attached to the caller. @default [] */
  readonly identityPolicies?: readonly PolicyJson[];
  /** The caller's permissions boundary. @default none */
  readonly boundary?: PolicyJson;
  /** The resource's policy (a role's trust policy for sts:AssumeRole*). @default none */
  readonly resourcePolicy?: PolicyJson;
  /** SCPs by organisation level, root first, account last (FullAWSAccess is added to each level). @default none */
  readonly scpLevels?: ReadonlyArray<readonly PolicyJson[]>;
  /**
   * Context keys the IAM catalogue does not list for the action but AWS does evaluate (OIDC provider claims such as
   * `token.actions.githubusercontent.com:sub`). The validating simulator drops unknown keys; when the request uses
   * one of these, the decision comes from the simulator's non-filtering engine after the validating run has checked
   * every policy.
   */
  readonly uncataloguedContextKeys?: readonly string[];
}

/** Evaluates one request; throws when the simulator rejects the input or silently drops a context key. */
export async function evaluate(request: EvalRequest): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: Object.fromEntries(Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    },
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: (request.scpLevels ?? []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `level-${i}`,
      policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, ...level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy }))],
    })),
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    ...(request.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: request.boundary }] } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`simulation input rejected: ${JSON.stringify(result.errors)}`);
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  const allowedToBypass = new Set((request.uncataloguedContextKeys ?? []).map((k) => k.toLowerCase()));
  const dropped = [...new Set(ignored)].filter((k) => !allowedToBypass.has(k.toLowerCase()));
  if (dropped.length > 0) throw new Error(`the simulator ignored context keys ${dropped.join(', ')} for ${request.action}; the case would not test them`);
  if (ignored.length > 0) {
    // The non-filtering engine loads the resource policy without a name, which its analysis needs; a policy marked as
    // already validated (the run above validated it) carries one through. Shape: @cloud-copilot/iam-policy's
    // ValidatedPolicy.
    const named = simulation.resourcePolicy ? { resourcePolicy: { __validated: true, policyDocument: simulation.resourcePolicy, metadata: { name: 'resource-policy' } } } : {};
    return runUnsafeSimulation({ ...simulation, ...named }, {}) as Decision;
  }
  return result.overallResult as Decision;
}
