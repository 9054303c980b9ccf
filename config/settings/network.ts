import { z } from 'zod';
import { whenValid } from './refine';
import { ALL_REGIONS, type AwsRegion } from '../regions';
import { VPC_PREFIX_RANGE, cidrsOverlap, ipv4CidrProblem, prefixLength } from '../../modules/network/cidr';
import {
  DEFAULT_INTERFACE_ENDPOINTS,
  GATEWAY_ENDPOINT_SERVICES,
  isInterfaceEndpointService,
  similarServiceNames,
} from '../../modules/network/endpoint-catalogue';
import { SUBNET_TIERS, planSubnets } from '../../modules/network/subnet-plan';
import { AUDIT_LOG_RETENTION_DAYS, isAuditLogRetention } from '../../modules/core/retention';
import { IAM_PRINCIPAL_ARN } from '../../modules/core/arn-patterns';
import { dnsFirewallSchema, inspectionProblems, inspectionSchema } from './inspection';

/**
 * Network settings (owned by the network modules). Strict objects: unknown keys are errors.
 *
 * Organisation level: the Transit Gateway segments (which segment may reach which), the default interface endpoints
 * and flow-log settings. Account level: one VPC per Region (`vpcs`), each attached to a segment, and PrivateLink
 * endpoint services. Rules that relate accounts to each other or to the organisation settings (VPC blocks must not
 * overlap across the organisation, a VPC's segment must exist, a Region must have a hub) are in
 * `organizationNetworkProblems`, run on the whole config.
 */

const KEBAB_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

const segmentNameSchema = z
  .string({ error: 'must be a segment name (lower-case letters, digits and hyphens), e.g. "prod"' })
  .regex(KEBAB_NAME, 'must be a segment name (lower-case letters, digits and hyphens, starting with a letter), e.g. "prod"')
  .max(32, 'must be at most 32 characters');

const segmentSchema = z.strictObject(
  {
    /**
     * Other segments this one exchanges traffic with. Reach is mutual: `prod: { reaches: [shared] }` lets prod reach
     * shared and shared reach prod. Segments not linked here cannot reach each other (their routes are not
     * propagated, and each other's VPC blocks are blackholed).
     */
    reaches: z.array(segmentNameSchema, { error: 'must be a list of segment names, e.g. [shared]' }).default([]),
  },
  { error: 'must be a mapping, e.g. { reaches: [shared] }' },
);

/** prod and non-prod are isolated from each other; both reach shared. */
const DEFAULT_SEGMENTS = { prod: { reaches: ['shared'] }, 'non-prod': { reaches: ['shared'] }, shared: { reaches: [] } };

const ASN_MESSAGE = 'must be a private ASN: 64512 to 65534, or 4200000000 to 4294967294';

const transitGatewaySchema = z
  .strictObject(
    {
      /** Private BGP ASN of the Amazon side of the Transit Gateway. */
      amazonSideAsn: z
        .number({ error: ASN_MESSAGE })
        .int(ASN_MESSAGE)
        .refine((asn) => (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294), ASN_MESSAGE)
        .default(64512),
      /** Routing segments: one Transit Gateway route table each. */
      segments: z
        .record(segmentNameSchema, segmentSchema, { error: 'must be a mapping of segment names to { reaches: [...] }' })
        .default(DEFAULT_SEGMENTS),
    },
    { error: 'must be a mapping with amazonSideAsn and/or segments' },
  )
  .check(whenValid((value, ctx) => {
    const names = Object.keys(value.segments);
    if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['segments'], message: 'must define at least one segment, e.g. { shared: {} }' });
    for (const [name, segment] of Object.entries(value.segments)) {
      segment.reaches.forEach((target, i) => {
        const path = ['segments', name, 'reaches', i];
        if (target === name) {
          ctx.addIssue({ code: 'custom', path, message: `names the segment itself; VPCs of one segment always reach each other` });
        } else if (!names.includes(target)) {
          ctx.addIssue({ code: 'custom', path, message: `names no segment; use one of ${names.map((n) => JSON.stringify(n)).join(', ')}` });
        } else if (segment.reaches.indexOf(target) !== i) {
          ctx.addIssue({ code: 'custom', path, message: 'is listed twice; list each segment once' });
        }
      });
    }
  }));

/** CloudWatch Logs retention values of a year or more. */
const RETENTION_MESSAGE = `must be one of ${AUDIT_LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retention values of at least a year)`;

const flowLogsSchema = z
  .strictObject(
    {
      /** Which traffic is recorded. */
      trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT'], { error: 'must be "ALL", "ACCEPT" or "REJECT"' }).default('ALL'),
      /**
       * `cloud-watch-logs`: a log group per VPC encrypted with a customer-managed key; `log-archive`: the organisation's
       * central flow-log bucket in the log-archive account (Object Lock, SSE-KMS); `s3`: another bucket, `s3BucketArn`.
       */
      destination: z
        .enum(['cloud-watch-logs', 'log-archive', 's3'], { error: 'must be "cloud-watch-logs", "log-archive" or "s3"' })
        .default('cloud-watch-logs'),
      /** Days a CloudWatch log group keeps flow logs (at least 365). */
      retentionDays: z
        .number({ error: RETENTION_MESSAGE })
        .refine((d) => isAuditLogRetention(d), RETENTION_MESSAGE)
        .default(365),
      /** The log bucket (e.g. the log-archive account's) when destination is `s3`. */
      s3BucketArn: z
        .string({ error: 'must be an S3 bucket ARN, e.g. "arn:aws:s3:::example-logs"' })
        .regex(/^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[\w./-]*)?$/, 'must be an S3 bucket ARN, e.g. "arn:aws:s3:::example-logs"')
        .optional(),
      /** Seconds over which packets are aggregated into one record (60 or 600). */
      maxAggregationIntervalSeconds: z
        .union([z.literal(60), z.literal(600)], { error: 'must be 60 or 600' })
        .default(60),
    },
    { error: 'must be a mapping with trafficType, destination, retentionDays, s3BucketArn or maxAggregationIntervalSeconds' },
  )
  .check(whenValid((value, ctx) => {
    if (value.destination === 's3' && value.s3BucketArn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['s3BucketArn'], message: 'is required when destination is "s3"; give the log bucket ARN' });
    }
    if (value.destination === 'cloud-watch-logs' && value.s3BucketArn !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['s3BucketArn'], message: 'is only used when destination is "s3"; remove it or set destination: s3' });
    }
  }));

const interfaceEndpointNameSchema = z
  .string({ error: 'must be an interface endpoint service name such as "kms"' })
  .superRefine((name, ctx) => {
    if (isInterfaceEndpointService(name)) return;
    const similar = similarServiceNames(name);
    ctx.addIssue({
      code: 'custom',
      message:
        `is not a known interface endpoint service (the part after "com.amazonaws.<region>.")` +
        (similar.length > 0 ? `; did you mean ${similar.map((s) => `"${s}"`).join(', ')}?` : '; see modules/network/endpoint-catalogue.ts'),
    });
  });

const interfaceEndpointListSchema = z
  .array(interfaceEndpointNameSchema, { error: 'must be a list of service names, e.g. [sts, kms, ssm]' })
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'is listed twice; list each service once' });
    });
  });

export const organizationNetworkSchema = z.strictObject(
  {
    /** The Transit Gateway hub in the network account (one per Region it runs in). */
    transitGateway: transitGatewaySchema.prefault({}),
    /** Interface endpoints every VPC gets unless its own `interfaceEndpoints` says otherwise. */
    interfaceEndpoints: interfaceEndpointListSchema.default([...DEFAULT_INTERFACE_ENDPOINTS]),
    /** VPC flow logs of every VPC. */
    flowLogs: flowLogsSchema.prefault({}),
    /** Network Firewall behind the hub (see config/settings/inspection.ts); none when absent. */
    inspection: inspectionSchema.optional(),
    /** Route 53 Resolver DNS Firewall and query logging on every VPC (see config/settings/inspection.ts). */
    dnsFirewall: dnsFirewallSchema.optional(),
  },
  { error: 'must be a mapping with transitGateway, interfaceEndpoints, flowLogs, inspection and/or dnsFirewall' },
);

const tierSchema = z.strictObject(
  {
    /** Prefix length of each subnet of the tier (one per zone); by default the VPC's + 6 (public) or + 4, at most /28. */
    prefixLength: z
      .number({ error: 'must be a prefix length from 16 to 28' })
      .int('must be a whole number from 16 to 28')
      .min(16, 'must be a prefix length from 16 to 28')
      .max(28, 'must be a prefix length from 16 to 28')
      .optional(),
  },
  { error: 'must be a mapping, e.g. {} or { prefixLength: 24 }' },
);

const portSchema = z.number({ error: 'must be a port number from 1 to 65535' }).int('must be a whole port number').min(1).max(65535);

const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;

const vpcSchema = z
  .strictObject(
    {
      /** The VPC's IPv4 block, /16 to /28, e.g. "10.10.0.0/16"; unique across the organisation. */
      cidr: z.string({ error: 'must be an IPv4 CIDR block such as "10.10.0.0/16"' }).superRefine((cidr, ctx) => {
        const problem = ipv4CidrProblem(cidr);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
        else if (prefixLength(cidr) < VPC_PREFIX_RANGE.min || prefixLength(cidr) > VPC_PREFIX_RANGE.max) {
          ctx.addIssue({ code: 'custom', message: `must be a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} block (AWS VPC limits)` });
        }
      }),
      /** Transit Gateway segment the VPC attaches to (see network.transitGateway.segments); no attachment when absent. */
      segment: segmentNameSchema.optional(),
      /** Number of availability zones (2 or 3), named `<region>a`, `<region>b`, `<region>c`. */
      availabilityZoneCount: z
        .number({ error: 'must be 2 or 3' })
        .int('must be 2 or 3')
        .min(2, 'must be 2 or 3')
        .max(3, 'must be 2 or 3')
        .optional(),
      /** Availability zone names to use instead, e.g. [us-east-1a, us-east-1d] (2 or 3). */
      availabilityZones: z
        .array(z.string().regex(AZ_NAME, 'must be an availability zone name such as "us-east-1a"'), {
          error: 'must be a list of availability zone names, e.g. [us-east-1a, us-east-1b]',
        })
        .min(2, 'must list 2 or 3 availability zones')
        .max(3, 'must list 2 or 3 availability zones')
        .optional(),
      /** Subnet tiers; a tier absent here is not created. `{}` takes the default size. */
      tiers: z
        .strictObject(
          { public: tierSchema.optional(), privateWithEgress: tierSchema.optional(), isolated: tierSchema.optional() },
          { error: 'must be a mapping of tiers (public, privateWithEgress, isolated), e.g. { privateWithEgress: {}, isolated: {} }' },
        )
        .default({ public: {}, privateWithEgress: {}, isolated: {} }),
      /** `per-az`: a NAT gateway in every zone (zone-independent egress); `single`: one, to save cost. */
      natGateways: z.enum(['per-az', 'single'], { error: 'must be "per-az" or "single"' }).default('per-az'),
      /** Interface endpoints of this VPC; by default network.interfaceEndpoints of the organisation. */
      interfaceEndpoints: interfaceEndpointListSchema.optional(),
      /** Gateway endpoints on the private route tables. */
      gatewayEndpoints: z
        .array(z.enum(GATEWAY_ENDPOINT_SERVICES, { error: `must be one of ${GATEWAY_ENDPOINT_SERVICES.join(', ')}` }))
        .default([...GATEWAY_ENDPOINT_SERVICES]),
      /** TCP ports the public tier's network ACL admits from the internet (22 and 3389 are never allowed). */
      publicIngressPorts: z
        .array(portSchema, { error: 'must be a list of TCP ports, e.g. [443]' })
        .default([443])
        .superRefine((ports, ctx) => {
          ports.forEach((port, i) => {
            if (port === 22 || port === 3389) {
              ctx.addIssue({
                code: 'custom',
                path: [i],
                message: 'is a remote administration port; it must never be open to the internet (CIS 5.1): use Session Manager instead',
              });
            }
          });
        }),
      /** PrivateLink consumer endpoints: name -> the endpoint service to reach. */
      privateLinkEndpoints: z
        .record(
          z.string().regex(KEBAB_NAME, 'must be a name of lower-case letters, digits and hyphens'),
          z.strictObject(
            {
              /** The provider's endpoint service name, e.g. "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0". */
              serviceName: z
                .string({ error: 'must be an endpoint service name such as "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"' })
                .regex(/^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]{8,17}$/, 'must be an endpoint service name such as "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"')
                .optional(),
              /** Or: the name of an endpoint service of the network account in the same Region (network.endpointServices). */
              networkEndpointService: z.string().regex(KEBAB_NAME, 'must be an endpoint service name from the network account').optional(),
              /** TCP ports the endpoint's security group admits from the VPC. */
              ports: z.array(portSchema, { error: 'must be a list of TCP ports, e.g. [443]' }).min(1, 'must list at least one port').default([443]),
            },
            { error: 'must be a mapping with serviceName or networkEndpointService, and ports' },
          ),
        )
        .default({}),
    },
    { error: 'must be a mapping with cidr (and optionally segment, availabilityZones, tiers, natGateways, ...)' },
  )
  .check(whenValid((vpc, ctx) => {
    if (vpc.availabilityZones !== undefined && vpc.availabilityZoneCount !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['availabilityZoneCount'],
        message: 'must not be set together with availabilityZones; the zone list already gives the count',
      });
    }
    const zones = vpc.availabilityZones ?? [];
    zones.forEach((zone, i) => {
      if (zones.indexOf(zone) !== i) ctx.addIssue({ code: 'custom', path: ['availabilityZones', i], message: 'is listed twice; list each zone once' });
    });
    if (vpc.tiers.privateWithEgress !== undefined && vpc.tiers.public === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', 'privateWithEgress'],
        message: 'needs a public tier for its NAT gateways; add tiers.public or use an isolated tier instead',
      });
    }
    if (!SUBNET_TIERS.some((tier) => vpc.tiers[tier] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'must list at least one tier (public, privateWithEgress or isolated)' });
    }
    const vpcPrefix = ipv4CidrProblem(vpc.cidr) === undefined ? prefixLength(vpc.cidr) : undefined;
    if (vpcPrefix !== undefined && vpcPrefix >= VPC_PREFIX_RANGE.min && vpcPrefix <= VPC_PREFIX_RANGE.max) {
      const zoneCount = vpc.availabilityZones?.length ?? vpc.availabilityZoneCount ?? 3;
      const problems = planSubnets(vpc.cidr, zoneCount, vpc.tiers).problems;
      if (problems.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['tiers'], message: `do not fit the VPC block ${vpc.cidr}: ${problems.join('; ')}; use a larger VPC block or smaller tiers` });
      }
    }
    for (const [name, endpoint] of Object.entries(vpc.privateLinkEndpoints)) {
      if ((endpoint.serviceName === undefined) === (endpoint.networkEndpointService === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['privateLinkEndpoints', name], message: 'needs exactly one of serviceName or networkEndpointService' });
      }
    }
    if (Object.keys(vpc.privateLinkEndpoints).length > 0 && vpc.tiers.privateWithEgress === undefined && vpc.tiers.isolated === undefined) {
      ctx.addIssue({ code: 'custom', path: ['privateLinkEndpoints'], message: 'need a privateWithEgress or isolated tier to place the endpoints in' });
    }
  }));

const NLB_ARN = /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[\w-]{1,32}\/[0-9a-f]{16}$/;

const endpointServiceSchema = z.strictObject(
  {
    /** Region of the load balancer (one of the account's Regions). */
    region: z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }),
    /** Network Load Balancers that serve the endpoint service. */
    networkLoadBalancerArns: z
      .array(z.string().regex(NLB_ARN, 'must be a Network Load Balancer ARN, e.g. "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/0123456789abcdef"'), {
        error: 'must be a list of Network Load Balancer ARNs',
      })
      .min(1, 'must list at least one Network Load Balancer ARN'),
    /** Principals (account roots or roles) allowed to request a connection; every request must still be accepted. */
    allowedPrincipals: z
      .array(z.string().regex(IAM_PRINCIPAL_ARN, 'must be an IAM principal ARN such as "arn:aws:iam::123456789012:root" (no wildcards)'), {
        error: 'must be a list of IAM principal ARNs',
      })
      .min(1, 'must list at least one principal; an endpoint service nobody may connect to serves no purpose'),
  },
  { error: 'must be a mapping with region, networkLoadBalancerArns and allowedPrincipals' },
).check(whenValid((service, ctx) => {
  service.networkLoadBalancerArns.forEach((lb, i) => {
    const lbRegion = lb.split(':')[3];
    if (lbRegion !== service.region) {
      ctx.addIssue({ code: 'custom', path: ['networkLoadBalancerArns', i], message: `is in ${lbRegion}, not in the service's region ${service.region}; an endpoint service uses load balancers of its own Region` });
    }
  });
}));

export const accountNetworkSchema = z
  .strictObject(
    {
      /** One VPC per Region, keyed by Region, e.g. { us-east-1: { cidr: 10.10.0.0/16, segment: prod } }. */
      vpcs: z.partialRecord(z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }), vpcSchema).default({}),
      /** PrivateLink endpoint services this account offers, by name. */
      endpointServices: z
        .record(z.string().regex(KEBAB_NAME, 'must be a name of lower-case letters, digits and hyphens'), endpointServiceSchema)
        .default({}),
    },
    { error: 'must be a mapping with vpcs and/or endpointServices' },
  )
  .check(whenValid((value, ctx) => {
    for (const [region, vpc] of Object.entries(value.vpcs)) {
      (vpc?.availabilityZones ?? []).forEach((zone, i) => {
        if (!zone.startsWith(region)) {
          ctx.addIssue({ code: 'custom', path: ['vpcs', region, 'availabilityZones', i], message: `is not a zone of ${region}; use e.g. "${region}a"` });
        }
      });
    }
  }));

export type OrganizationNetworkSettings = z.output<typeof organizationNetworkSchema>;
export type AccountNetworkSettings = z.output<typeof accountNetworkSchema>;
export type VpcSettings = NonNullable<AccountNetworkSettings['vpcs'][AwsRegion]>;
export type FlowLogSettings = OrganizationNetworkSettings['flowLogs'];

/** One problem found by `organizationNetworkProblems`: where it is in the config and what is wrong. */
export interface NetworkProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Rules relating accounts to each other and to the organisation's network settings, for the main schema's
 * cross-field check (call with the raw config object; malformed parts are skipped, as their own problems are
 * reported elsewhere) and for the network composition (with the parsed organisation):
 * - VPC blocks must not overlap anywhere in the organisation (both accounts and Regions are named);
 * - a VPC's segment must be one of network.transitGateway.segments;
 * - a VPC and an endpoint service must be in one of the account's Regions;
 * - a VPC with a segment needs the network account to run in its Region (the hub lives there);
 * - a PrivateLink endpoint naming a network endpoint service needs it to exist in the same Region.
 */
export function organizationNetworkProblems(config: unknown): NetworkProblem[] {
  if (!isRecord(config)) return [];
  const problems: NetworkProblem[] = [];
  const orgNetwork = isRecord(config.network) ? config.network : {};
  const tgw = isRecord(orgNetwork.transitGateway) ? orgNetwork.transitGateway : {};
  const segments = isRecord(tgw.segments) ? Object.keys(tgw.segments) : Object.keys(DEFAULT_SEGMENTS);
  const allowedRegions = Array.isArray(config.allowedRegions) ? config.allowedRegions.filter((r): r is string => typeof r === 'string') : [];
  const accounts = Array.isArray(config.accounts) ? config.accounts : [];

  const regionsOf = (account: Record<string, unknown>): string[] =>
    Array.isArray(account.regions) ? account.regions.filter((r): r is string => typeof r === 'string') : allowedRegions;
  const networkIndex = accounts.findIndex((a) => isRecord(a) && a.role === 'network');
  const networkAccount = networkIndex >= 0 && isRecord(accounts[networkIndex]) ? (accounts[networkIndex] as Record<string, unknown>) : undefined;
  const hubRegions = networkAccount ? regionsOf(networkAccount) : [];
  const networkServices = networkAccount && isRecord(networkAccount.network) && isRecord(networkAccount.network.endpointServices)
    ? networkAccount.network.endpointServices
    : {};

  const blocks: Array<{ account: string; index: number; region: string; cidr: string; segment: string | undefined }> = [];
  accounts.forEach((account: unknown, index) => {
    if (!isRecord(account) || !isRecord(account.network)) return;
    const name = typeof account.name === 'string' ? account.name : `accounts[${index}]`;
    const regions = regionsOf(account);
    const vpcs = isRecord(account.network.vpcs) ? account.network.vpcs : {};
    for (const [region, vpc] of Object.entries(vpcs)) {
      if (!isRecord(vpc)) continue;
      const base = ['accounts', index, 'network', 'vpcs', region];
      if (!regions.includes(region)) {
        problems.push({ path: base, message: `is a Region account "${name}" does not run in (${regions.join(', ')}); add it to the account's regions or remove this VPC` });
      }
      if (typeof vpc.segment === 'string') {
        if (!segments.includes(vpc.segment)) {
          problems.push({ path: [...base, 'segment'], message: `names no Transit Gateway segment; use one of ${segments.map((n) => JSON.stringify(n)).join(', ')} (network.transitGateway.segments)` });
        }
        if (!networkAccount) {
          problems.push({ path: [...base, 'segment'], message: 'needs a Transit Gateway hub, but the organisation has no account with role "network"' });
        } else if (!hubRegions.includes(region)) {
          problems.push({ path: [...base, 'segment'], message: `needs the Transit Gateway hub in ${region}, but the network account does not run there (${hubRegions.join(', ')})` });
        }
      }
      if (isRecord(vpc.privateLinkEndpoints)) {
        for (const [endpointName, endpoint] of Object.entries(vpc.privateLinkEndpoints)) {
          if (!isRecord(endpoint) || typeof endpoint.networkEndpointService !== 'string') continue;
          const service = networkServices[endpoint.networkEndpointService];
          if (!isRecord(service) || service.region !== region) {
            problems.push({
              path: [...base, 'privateLinkEndpoints', endpointName, 'networkEndpointService'],
              message: `names no endpoint service of the network account in ${region}; define it under the network account's network.endpointServices`,
            });
          }
        }
      }
      if (typeof vpc.cidr === 'string' && ipv4CidrProblem(vpc.cidr) === undefined) blocks.push({ account: name, index, region, cidr: vpc.cidr, segment: typeof vpc.segment === 'string' ? vpc.segment : undefined });
    }
    const services = isRecord(account.network.endpointServices) ? account.network.endpointServices : {};
    for (const [serviceName, service] of Object.entries(services)) {
      if (isRecord(service) && typeof service.region === 'string' && !regions.includes(service.region)) {
        problems.push({
          path: ['accounts', index, 'network', 'endpointServices', serviceName, 'region'],
          message: `is a Region account "${name}" does not run in (${regions.join(', ')})`,
        });
      }
    }
  });

  blocks.forEach((block, i) => {
    for (const other of blocks.slice(0, i)) {
      if (!cidrsOverlap(block.cidr, other.cidr)) continue;
      problems.push({
        path: ['accounts', block.index, 'network', 'vpcs', block.region, 'cidr'],
        message:
          `overlaps the VPC of account "${other.account}" in ${other.region} (${other.cidr}, accounts[${other.index}].network.vpcs.${other.region}.cidr) ` +
          `with account "${block.account}" in ${block.region} (${block.cidr}); VPC blocks must be unique across the organisation so routes between them are unambiguous`,
      });
    }
  });
  problems.push(...inspectionProblems(orgNetwork, blocks, hubRegions, segments));
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
