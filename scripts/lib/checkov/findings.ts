import type { CheckResult, CheckStatus } from './results';
import { resolveResource, type StackResourceIndex } from './stack-resources';
import type { StackFacts } from './stack-facts';

/** A check result placed in its scanned config, with the resource resolved against the synthesized stack. */
export interface Finding {
  /** Scan name of the organisation config (`example`, or a sample config's basename). */
  readonly config: string;
  readonly stack: string;
  readonly checkId: string;
  readonly checkName: string;
  readonly status: CheckStatus;
  /** Terraform address, e.g. `aws_s3_bucket.state-bucket_5D7007DC` (or Checkov's raw value when unresolvable). */
  readonly resource: string;
  /** Construct path, e.g. `management-state-bootstrap/state-bucket/Resource`, when the resource was found. */
  readonly constructPath?: string;
  /** Account role of the stack (its `account-role` default tag), when it is a baseline stack. */
  readonly role?: string;
  /** Whether the stack is its account's home-Region stack, when it is a baseline stack. */
  readonly homeRegion?: boolean;
}

/**
 * Turns one config's check results into findings. `indexes` maps stack name to its resource index; stacks
 * without an index keep Checkov's raw resource and get no construct path.
 */
export function toFindings(
  config: string,
  checks: readonly CheckResult[],
  indexes: ReadonlyMap<string, StackResourceIndex>,
  facts: ReadonlyMap<string, StackFacts> = new Map(),
): Finding[] {
  return checks.map((check) => {
    const index = indexes.get(check.stack);
    const resolved = index ? resolveResource(index, check.resource) : { address: check.resource };
    const base: Finding = { config, stack: check.stack, checkId: check.checkId, checkName: check.checkName, status: check.status, resource: resolved.address, ...facts.get(check.stack) };
    return resolved.constructPath === undefined ? base : { ...base, constructPath: resolved.constructPath };
  });
}
