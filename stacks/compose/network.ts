import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import { accountWithRole, type Account, type Organization } from '../../config/organization';
import type { AwsRegion } from '../../config/regions';
import type { VpcSettings } from '../../config/settings/network';
import { arn } from '../../modules/core/arn';
import { EncryptionKey, cloudWatchLogsKeyGrant } from '../../modules/kms';
import {
  EndpointService,
  FlowLogDestination,
  TransitGatewayAttachment,
  TransitGatewayHub,
  Vpc,
  type TierLayout,
} from '../../modules/network';
import type { AccountBaselineStack } from '../baseline-stack';
import { centralFlowLogsBucketName } from '../naming';
import { defaultTagsFor } from '../tags';

/** What the network composition built in a stack, for stacks built later (workloads attach to the hub). */
interface NetworkParts {
  hub?: TransitGatewayHub;
  readonly endpointServices: Map<string, EndpointService>;
}

const PARTS = new WeakMap<AccountBaselineStack, NetworkParts>();

/** Names of the network resources other stacks and tests refer to. */
export function networkNames(org: Organization, account: Account, region: AwsRegion) {
  return {
    vpc: `${account.name}-${region}`,
    hub: `${org.name}-${region}`,
    flowLogKeyAlias: `${org.name}/vpc-flow-logs`,
  };
}

/** One VPC of the organisation known from config: its account, Region, segment and block. */
interface KnownVpc {
  readonly account: Account;
  readonly region: AwsRegion;
  readonly segment: string | undefined;
  readonly cidr: string;
}

function vpcsOf(org: Organization): KnownVpc[] {
  return org.accounts.flatMap((account) =>
    Object.entries(account.network.vpcs).flatMap(([region, vpc]) =>
      vpc ? [{ account, region: region as AwsRegion, segment: vpc.segment, cidr: vpc.cidr }] : [],
    ),
  );
}

/**
 * Adds the network modules an account gets in this stack:
 * - network account: the Transit Gateway hub of the Region (route table per segment, blackholes between segments
 *   that must not reach each other, RAM share with the organisation) and its endpoint services (PrivateLink);
 * - management account, home Region: RAM sharing with the organisation (needed for the hub's share);
 * - any account with a VPC configured for this Region: the VPC (tiers, NAT, ACLs, default lockdown, flow logs to a
 *   log group under a dedicated key, gateway and interface endpoints limited to the organisation), its PrivateLink
 *   endpoints, and its attachment to the hub in its segment.
 *
 * Cross-account design: what the hub needs about workloads (their segments and blocks) comes from config, so the
 * network stack never references a workload stack. A workload stack references the hub (Transit Gateway and route
 * table ids, which cdktf passes through remote state) and creates the owner-side resources (accept, associate,
 * propagate) itself, through a second provider in the network account. Build and apply order: network, then
 * workloads; no cycle.
 */
export function composeNetwork(stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const parts: NetworkParts = { endpointServices: new Map() };
  PARTS.set(stack, parts);
  const scope = new Construct(stack, 'network');
  const hasNetworkAccount = org.accounts.some((a) => a.role === 'network');

  if (account.role === 'management' && stack.isHomeRegion && hasNetworkAccount) {
    new RamSharingWithOrganization(scope, 'ram-sharing-with-organization', {});
  }
  if (account.role === 'network') {
    parts.hub = buildHub(scope, org, region);
    for (const [name, service] of Object.entries(account.network.endpointServices)) {
      if (service.region !== region) continue;
      parts.endpointServices.set(
        name,
        new EndpointService(scope, `endpoint-service-${name}`, {
          networkLoadBalancerArns: service.networkLoadBalancerArns,
          allowedPrincipals: service.allowedPrincipals,
          tags: { Name: `${account.name}-${name}` },
        }),
      );
    }
  }
  const vpcSettings = account.network.vpcs[region];
  if (vpcSettings) buildVpc(scope, stack, vpcSettings);
}

function buildHub(scope: Construct, org: Organization, region: AwsRegion): TransitGatewayHub {
  const segmentCidrs: Record<string, string[]> = {};
  for (const vpc of vpcsOf(org)) {
    if (vpc.region !== region || vpc.segment === undefined) continue;
    (segmentCidrs[vpc.segment] ??= []).push(vpc.cidr);
  }
  const management = accountWithRole(org, 'management');
  return new TransitGatewayHub(scope, 'transit-gateway', {
    name: `${org.name}-${region}`,
    segments: org.network.transitGateway.segments,
    amazonSideAsn: org.network.transitGateway.amazonSideAsn,
    segmentCidrs,
    sharePrincipals: [`arn:${org.partition}:organizations::${management.id}:organization/${org.organizationId}`],
  });
}

function buildVpc(scope: Construct, stack: AccountBaselineStack, settings: VpcSettings): void {
  const { org, account, region } = stack;
  const names = networkNames(org, account, region);
  const flowLogs = org.network.flowLogs;
  const hubStack = settings.segment !== undefined ? stack.registry.regional('network', region) ?? (account.role === 'network' ? stack : undefined) : undefined;
  const hub = hubStack ? PARTS.get(hubStack)?.hub : undefined;
  if (settings.segment !== undefined && hub === undefined) {
    // organizationNetworkProblems reports this with the config path; reaching here means the build order is wrong.
    throw new Error(`config rule bypassed: ${stack.stackName} has no hub in ${region}`); // unreachable: organizationNetworkProblems (a segment needs the network account in its Region)
  }

  // Blocks this VPC reaches through the hub: VPCs of reachable segments in the same Region.
  const peerCidrs =
    hub && settings.segment !== undefined
      ? vpcsOf(org)
          .filter((v) => v.region === region && v.segment !== undefined && v.cidr !== settings.cidr && hub.segments.canReach(settings.segment!, v.segment))
          .map((v) => v.cidr)
          .sort()
      : [];

  const destination =
    flowLogs.destination === 's3'
      ? FlowLogDestination.s3(flowLogs.s3BucketArn!)
      : flowLogs.destination === 'log-archive'
        ? FlowLogDestination.s3(arn.bucket(org.partition, centralFlowLogsBucketName(org)))
        : FlowLogDestination.cloudWatchLogs({
          encryptionKey: new EncryptionKey(scope, 'flow-log-key', {
            accountId: account.id,
            partition: org.partition,
            region,
            aliasName: names.flowLogKeyAlias,
            description: `${org.name} VPC flow logs of ${account.name} in ${region}`,
            serviceGrants: [cloudWatchLogsKeyGrant({ partition: org.partition, region, accountId: account.id, logGroupNamePattern: '/vpc-flow-logs/*' })],
          }),
          retentionDays: flowLogs.retentionDays,
        });

  const tiers: Partial<Record<'public' | 'privateWithEgress' | 'isolated', TierLayout>> = {};
  for (const tier of ['public', 'privateWithEgress', 'isolated'] as const) {
    const layout = settings.tiers[tier];
    if (layout) tiers[tier] = { prefixLength: layout.prefixLength };
  }
  const vpc = new Vpc(scope, 'vpc', {
    name: names.vpc,
    cidr: settings.cidr,
    region,
    partition: org.partition,
    accountId: account.id,
    availabilityZones: settings.availabilityZones,
    availabilityZoneCount: settings.availabilityZones === undefined ? (settings.availabilityZoneCount ?? 3) : undefined,
    tiers,
    natGateways: settings.natGateways,
    flowLog: { destination, trafficType: flowLogs.trafficType, maxAggregationIntervalSeconds: flowLogs.maxAggregationIntervalSeconds },
    peerCidrs,
    publicIngressPorts: settings.publicIngressPorts,
    tags: settings.segment !== undefined ? { segment: settings.segment } : undefined,
  });

  const endpointOptions = { organizationId: org.organizationId };
  if (vpc.privateRouteTables.length > 0) {
    for (const service of settings.gatewayEndpoints) vpc.addGatewayEndpoint(service, endpointOptions);
  }
  if (vpc.privateSubnetIds.length > 0) {
    for (const service of settings.interfaceEndpoints ?? org.network.interfaceEndpoints) vpc.addInterfaceEndpoint(service, endpointOptions);
  }
  for (const [name, endpoint] of Object.entries(settings.privateLinkEndpoints)) {
    const serviceName = endpoint.serviceName ?? networkEndpointServiceName(stack, endpoint.networkEndpointService!);
    vpc.addEndpointServiceEndpoint(name, serviceName, endpoint.ports);
  }

  if (hub && settings.segment !== undefined) {
    const networkAccount = accountWithRole(org, 'network');
    new TransitGatewayAttachment(scope, 'transit-gateway-attachment', {
      vpc,
      hub,
      segment: settings.segment,
      routeDestinations: peerCidrs,
      ownerProvider: networkAccount.id === account.id ? undefined : networkOwnerProvider(stack, networkAccount),
      tags: { Name: names.vpc },
    });
  }
}

/** The endpoint service a network-account VPC offers in this Region (checked by organizationNetworkProblems). */
function networkEndpointServiceName(stack: AccountBaselineStack, name: string): string {
  const networkStack = stack.account.role === 'network' ? stack : stack.registry.regional('network', stack.region);
  const service = networkStack ? PARTS.get(networkStack)?.endpointServices.get(name) : undefined;
  if (!service) throw new Error(`config rule bypassed: no endpoint service ${name} in ${stack.region}`); // unreachable: organizationNetworkProblems (networkEndpointService exists in the Region)
  return service.serviceName;
}

/**
 * A provider for the network account in a workload stack: it accepts, associates and propagates the workload's
 * attachment. Pinned to the network account like every provider of the baseline.
 */
function networkOwnerProvider(stack: AccountBaselineStack, networkAccount: Account): AwsProvider {
  const { org, region } = stack;
  return new AwsProvider(stack, 'aws-network-account', {
    alias: 'network_account',
    region,
    allowedAccountIds: [networkAccount.id],
    assumeRole: [
      {
        roleArn: arn.role(org.partition, networkAccount.id, org.deployRoleName),
        sessionName: `baseline-${stack.stackName}-tgw`.slice(0, 64),
      },
    ],
    defaultTags: [{ tags: defaultTagsFor(org, networkAccount) }],
  });
}
