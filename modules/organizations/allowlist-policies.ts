import type { AwsPartition } from '../core/regions';
import { isKnownService } from '../iam/action-catalogue';
import type { Policy } from '../iam/policy';
import { Statement } from '../iam/statement';
import { guardrail, type GuardrailExemption } from './guardrail-policies';

/**
 * Optional allowlist SCPs (off by default: what an organisation runs is its own decision). Both are guardrails:
 * break-glass principals and the deploy role are exempt.
 */

/** An EC2 instance type or a family wildcard: `t3.micro`, `m7g.*`, `c6i.2xlarge`. */
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.(\*|[a-z0-9-]+)$/;

/** Why an instance type pattern cannot be allowlisted, or undefined. */
export function instanceTypeProblem(type: string): string | undefined {
  if (!INSTANCE_TYPE_PATTERN.test(type)) return 'must be an instance type such as "t3.micro" or a family wildcard such as "m7g.*"';
  return undefined;
}

/** Services the service allowlist always keeps: without STS no role can be used at all (the baseline's included). */
export const ALWAYS_ALLOWED_SERVICES: readonly string[] = ['sts'];

/** Why a service prefix cannot be allowlisted, or undefined. */
export function allowedServiceProblem(service: string): string | undefined {
  if (!isKnownService(service)) return 'is not a service prefix of the IAM action catalogue; write the prefix actions use, e.g. "s3", "ec2", "lambda"';
  return undefined;
}

/** Deny launching EC2 instances of any type not on the list. */
export function instanceTypeAllowlistPolicy(exemption: GuardrailExemption, partition: AwsPartition, allowedTypes: readonly string[]): Policy {
  allowedTypes.forEach((type, i) => {
    const problem = instanceTypeProblem(type);
    if (problem) throw new Error(`allowedTypes[${i}] ${JSON.stringify(type)} ${problem}`);
  });
  if (allowedTypes.length === 0) throw new Error('allowedTypes must list at least one instance type (an empty list would deny every launch)');
  return guardrail(
    exemption,
    Statement.deny({
      sid: 'DenyInstanceTypesNotAllowed',
      actions: ['ec2:RunInstances'],
      resources: [`arn:${partition}:ec2:*:*:instance/*`],
      conditions: { StringNotLike: { 'ec2:InstanceType': allowedTypes } },
    }),
  );
}

/** Deny every action of services not on the list (STS always stays). */
export function serviceAllowlistPolicy(exemption: GuardrailExemption, allowedServices: readonly string[]): Policy {
  allowedServices.forEach((service, i) => {
    const problem = allowedServiceProblem(service);
    if (problem) throw new Error(`allowedServices[${i}] ${JSON.stringify(service)} ${problem}`);
  });
  const services = [...new Set([...ALWAYS_ALLOWED_SERVICES, ...allowedServices.map((s) => s.toLowerCase())])].sort();
  return guardrail(exemption, Statement.deny({ sid: 'DenyServicesNotAllowed', notActions: services.map((s) => `${s}:*`), resources: ['*'] }));
}
