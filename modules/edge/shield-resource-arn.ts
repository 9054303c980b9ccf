/** The kinds of resource Shield Advanced protects here (each ARN names its account). */
export type ShieldResourceKind = 'cloudfront-distribution' | 'load-balancer' | 'classic-load-balancer' | 'global-accelerator' | 'elastic-ip';

/** What a protectable resource ARN names. */
export interface ShieldResourceArn {
  readonly kind: ShieldResourceKind;
  readonly partition: string;
  /** The Region, or undefined for global resources (CloudFront, Global Accelerator). */
  readonly region: string | undefined;
  readonly accountId: string;
}

const PARTITION = '(aws(?:-cn|-us-gov)?)';
const REGION = '([a-z]{2}(?:-[a-z]+)+-\\d)';
const PATTERNS: ReadonlyArray<{ readonly kind: ShieldResourceKind; readonly pattern: RegExp; readonly global: boolean }> = [
  { kind: 'cloudfront-distribution', pattern: new RegExp(`^arn:${PARTITION}:cloudfront::(\\d{12}):distribution/[A-Z0-9]{1,64}$`), global: true },
  { kind: 'load-balancer', pattern: new RegExp(`^arn:${PARTITION}:elasticloadbalancing:${REGION}:(\\d{12}):loadbalancer/(app|net)/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,16}$`), global: false },
  { kind: 'classic-load-balancer', pattern: new RegExp(`^arn:${PARTITION}:elasticloadbalancing:${REGION}:(\\d{12}):loadbalancer/[A-Za-z0-9-]{1,32}$`), global: false },
  { kind: 'global-accelerator', pattern: new RegExp(`^arn:${PARTITION}:globalaccelerator::(\\d{12}):accelerator/[0-9a-f-]{36}$`), global: true },
  { kind: 'elastic-ip', pattern: new RegExp(`^arn:${PARTITION}:ec2:${REGION}:(\\d{12}):eip-allocation/eipalloc-[0-9a-f]{8,17}$`), global: false },
];

/** One ARN of each kind, for messages. */
export const SHIELD_RESOURCE_ARN_EXAMPLES: readonly string[] = [
  'arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE',
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef',
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/legacy-web',
  'arn:aws:globalaccelerator::123456789012:accelerator/1234abcd-abcd-1234-abcd-1234abcdef12',
  'arn:aws:ec2:us-east-1:123456789012:eip-allocation/eipalloc-0123456789abcdef0',
];

/**
 * Parses the ARN of a resource Shield Advanced can protect: a CloudFront distribution, an ALB or NLB, a Classic Load
 * Balancer, a Global Accelerator accelerator or an Elastic IP allocation. Route 53 hosted zone ARNs carry no account
 * id, so which account's subscription protects them cannot be read from the ARN; they are not accepted here.
 */
export function parseShieldResourceArn(arn: string): ShieldResourceArn | undefined {
  for (const { kind, pattern, global } of PATTERNS) {
    const match = pattern.exec(arn);
    if (!match) continue;
    return global
      ? { kind, partition: match[1]!, region: undefined, accountId: match[2]! }
      : { kind, partition: match[1]!, region: match[2]!, accountId: match[3]! };
  }
  return undefined;
}
