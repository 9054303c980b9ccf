import type { RunbookPermission } from './runbooks';

/**
 * Containment for GuardDuty findings: the finding types the baseline can route to an AWS-owned SSM Automation
 * runbook, pinned in the repository (an unknown finding type or runbook is a config error). Each runbook says
 * where in the finding the resource to contain is, and exactly which permissions its execution role needs.
 */
export interface ContainmentRunbook {
  /** The SSM document name (AWS-owned). */
  readonly name: string;
  /** Short id used in role and rule names (lower case, up to 16 characters). */
  readonly id: string;
  /** What it does. */
  readonly summary: string;
  /** The runbook parameter that receives the resource, and the finding field (JSON path) it is read from. */
  readonly resourceParameter: { readonly name: string; readonly findingPath: string };
  /** Finding types whose resource this runbook contains. */
  readonly findingTypes: readonly string[];
  /** The execution role's permissions: exactly what the runbook calls. */
  readonly permissions: readonly RunbookPermission[];
}

/**
 * GuardDuty finding types in which an EC2 instance of the account is the actor (compromised), not the target:
 * stopping it contains the compromise and keeps its volumes for forensics.
 */
export const COMPROMISED_INSTANCE_FINDING_TYPES: readonly string[] = [
  'Backdoor:EC2/C&CActivity.B',
  'Backdoor:EC2/C&CActivity.B!DNS',
  'Backdoor:EC2/DenialOfService.Tcp',
  'Backdoor:EC2/Spambot',
  'CryptoCurrency:EC2/BitcoinTool.B',
  'CryptoCurrency:EC2/BitcoinTool.B!DNS',
  'Impact:EC2/BitcoinDomainRequest.Reputation',
  'Trojan:EC2/BlackholeTraffic',
  'Trojan:EC2/DropPoint',
  'UnauthorizedAccess:EC2/TorClient',
  'UnauthorizedAccess:EC2/MaliciousIPCaller.Custom',
];

export const CONTAINMENT_RUNBOOKS: readonly ContainmentRunbook[] = [
  {
    name: 'AWS-StopEC2Instance',
    id: 'stop-instance',
    summary: 'stops the instance the finding names (its volumes stay for forensics)',
    resourceParameter: { name: 'InstanceId', findingPath: '$.detail.resource.instanceDetails.instanceId' },
    findingTypes: COMPROMISED_INSTANCE_FINDING_TYPES,
    permissions: [
      { actions: ['ec2:DescribeInstanceStatus', 'ec2:DescribeInstances'], resources: () => '*' },
      { actions: ['ec2:StopInstances'], resources: (p, r, a) => `arn:${p}:ec2:${r}:${a}:instance/*` },
    ],
  },
];

/** Every finding type some pinned runbook contains. */
export const CONTAINABLE_FINDING_TYPES: readonly string[] = [...new Set(CONTAINMENT_RUNBOOKS.flatMap((r) => r.findingTypes))];

/** The pinned containment runbook of this name, or undefined. */
export function containmentRunbook(name: string): ContainmentRunbook | undefined {
  return CONTAINMENT_RUNBOOKS.find((r) => r.name === name);
}

/** Why `runbook` cannot contain `findingType`, or undefined. */
export function containmentProblem(findingType: string, runbookName: string): string | undefined {
  const runbook = containmentRunbook(runbookName);
  if (!runbook) return `is not a pinned containment runbook; use one of ${CONTAINMENT_RUNBOOKS.map((r) => r.name).join(', ')}`;
  if (!runbook.findingTypes.includes(findingType)) return `does not contain ${findingType}`;
  return undefined;
}
