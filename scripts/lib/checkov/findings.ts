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

/** What the allowlist judges of a config's stacks, by stack name (collect.ts `stackLookupsOf` reads them). */
export interface StackLookups {
  /** Resource index of each stack; a stack without one keeps Checkov's raw resource and gets no construct path. */
  readonly indexes: ReadonlyMap<string, StackResourceIndex>;
  /** Role and home-Region facts of each stack; a stack without them matches no role or Region condition. */
  readonly facts: ReadonlyMap<string, StackFacts>;
}

/** Turns one config's check results into findings, resolved and described with `stacks`. */
export function toFindings(config: string, checks: readonly CheckResult[], stacks: StackLookups): Finding[] {
  const { indexes, facts } = stacks;
  return checks.map((check) => {
    const index = indexes.get(check.stack);
    const resolved = index ? resolveResource(index, check.resource) : { address: check.resource };
    const base: Finding = { config, stack: check.stack, checkId: check.checkId, checkName: check.checkName, status: check.status, resource: resolved.address, ...facts.get(check.stack) };
    return resolved.constructPath === undefined ? base : { ...base, constructPath: resolved.constructPath };
  });
}
