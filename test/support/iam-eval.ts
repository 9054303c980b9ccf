/**
 * Policy evaluation for tests, on @cloud-copilot/iam-simulate (AGPL-3.0, a devDependency used only here, never
 * shipped). It evaluates identity, resource, SCP/RCP and boundary policies the way AWS documents, including the
 * special trust rules of KMS key policies.
 *
 * Context keys the simulator does not know for the action are dropped before evaluation; `evaluate` refuses such a
 * request instead, so a test can never pass because its condition key was silently ignored.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** A policy document as JSON text (what the constructs render) or as an object. */
export type PolicyInput = string | { readonly Version?: string; readonly Statement: unknown };

export interface EvaluationRequest {
  /** Who calls: an IAM ARN (`arn:aws:iam::123456789012:role/app`), a service principal (`logs.amazonaws.com`), or `anonymous`. */
  readonly principal: string;
  /** The action, e.g. `kms:Decrypt`. */
  readonly action: string;
  /** The resource ARN acted on. */
  readonly resource: string;
  /** Account that owns the resource. @default - read from the resource ARN */
  readonly resourceAccount?: string;
  /** The resource's own policy (key policy, bucket policy, secret policy). */
  readonly resourcePolicy?: PolicyInput;
  /** Policies attached to the principal. @default [] */
  readonly identityPolicies?: readonly PolicyInput[];
  /** Service control policies, root first. @default [] */
  readonly serviceControlPolicies?: readonly PolicyInput[];
  /** Resource control policies, root first, one level each (they apply to the resource's account). @default [] */
  readonly resourceControlPolicies?: readonly PolicyInput[];
  /** Request context, e.g. `{ 'aws:SecureTransport': 'false', 'aws:PrincipalOrgID': 'o-...' }`. @default {} */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

function parsed(policy: PolicyInput): unknown {
  return typeof policy === 'string' ? JSON.parse(policy) : policy;
}

function accountOf(resourceArn: string): string {
  const account = resourceArn.split(':')[4];
  // S3 ARNs carry no account; tests of bucket policies pass resourceAccount.
  return account && /^\d{12}$/.test(account) ? account : '';
}

/** Full simulator answer, for tests that want the explanation. */
export async function simulate(request: EvaluationRequest) {
  const resourceAccount = request.resourceAccount ?? accountOf(request.resource);
  if (!resourceAccount) throw new Error(`evaluate: pass resourceAccount for ${request.resource} (its ARN names no account)`);
  const simulation: Simulation = {
    request: {
      principal: request.principal === 'anonymous' ? { type: 'Anonymous' } : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: Object.fromEntries(Object.entries(request.context ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
    },
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `identity-${i}`, policy: parsed(policy) })),
    serviceControlPolicies: (request.serviceControlPolicies ?? []).map((policy, i) => ({
      orgIdentifier: `scp-${i}`,
      policies: [{ name: `scp-${i}`, policy: parsed(policy) }],
    })),
    resourceControlPolicies: (request.resourceControlPolicies ?? []).map((policy, i) => ({
      orgIdentifier: `rcp-${i}`,
      // The simulator takes RCPs as deny-only (it refuses an Allow), so AWS's RCPFullAWSAccess is implied at every level.
      policies: [{ name: `rcp-${i}`, policy: parsed(policy) }],
    })),
    resourcePolicy: request.resourcePolicy === undefined ? undefined : parsed(request.resourcePolicy),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(`evaluate: the simulator rejected the request: ${JSON.stringify(result.errors, null, 2)}`);
  }
  if (result.resultType === 'single') {
    const ignored = result.result.ignoredContextKeys ?? [];
    if (ignored.length > 0) {
      throw new Error(`evaluate: context keys ${ignored.join(', ')} do not apply to ${request.action} in the simulator; the result would ignore them`);
    }
  }
  return result;
}

/** The decision AWS would make for one request: `Allowed`, `ExplicitlyDenied` or `ImplicitlyDenied`. */
export async function evaluate(request: EvaluationRequest): Promise<Decision> {
  return (await simulate(request)).overallResult;
}
