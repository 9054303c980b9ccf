import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamSharingWithOrganization } from '@cdktf/provider-aws/lib/ram-sharing-with-organization';
import { accountWithRole, type Account, type Organization } from '../../config/organization';
import type { AwsRegion } from '../../config/regions';
import type { VpcSettings } from '../../config/settings/network';
import { arn } from '../../modules/core/arn';
import { EncryptionKey, cloudWatchLogsKeyGrant } from '../../modules/kms';
import {
  DNS_QUERY_LOG_GROUP_PREFIX,
  DnsFirewall,
  DnsQueryLogging,
  EndpointService,
  FlowLogDestination,
  NetworkInspection,
  type DnsQueryLogDestination,
  type FirewallLogDestination,
  TransitGatewayAttachment,
  TransitGatewayHub,
  Vpc,
  type TierLayout,
} from '../../modules/network';
import type { AccountBaselineStack } from '../baseline-stack';
import { centralFlowLogsBucketName, networkNames } from '../naming';
import { defaultTagsFor } from '../tags';


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
  // What workload stacks built later need (the hub, endpoint services) goes on the stack's typed handoff.
  const handoff = stack.handoff;
  const scope = new Construct(stack, 'network');
  const hasNetworkAccount = org.accounts.some((a) => a.role === 'network');

  if (account.role === 'management' && stack.isHomeRegion && hasNetworkAccount) {
    new RamSharingWithOrganization(scope, 'ram-sharing-with-organization', {});
  }
  if (account.role === 'network') {
    handoff.networkHub = buildHub(scope, org, region);
    buildInspection(scope, stack, handoff.networkHub);
    for (const [name, service] of Object.entries(account.network.endpointServices)) {
      if (service.region !== region) continue;
      handoff.endpointServices.set(
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
    inspection: org.network.inspection?.vpcs[region] !== undefined,
  });
}

/**
 * The inspection VPC and Network Firewall of the Region, when `network.inspection.vpcs` has it: a key for the
 * firewall's configuration and logs, alert and flow logs to the log-archive bucket (flow-log destination
 * `log-archive` or `s3`) or to log groups under that key.
 */
function buildInspection(scope: Construct, stack: AccountBaselineStack, hub: TransitGatewayHub): void {
  const { org, account, region } = stack;
  const settings = org.network.inspection;
  const vpcSettings = settings?.vpcs[region];
  if (!settings || !vpcSettings) return;
  const name = `${org.name}-${region}`;
  const key = new EncryptionKey(scope, 'inspection-key', {
    ...stack.accountContext,
    aliasName: `${org.name}/network-inspection`,
    description: `${org.name} Network Firewall configuration and logs in ${region}`,
    serviceGrants: [
      { ...cloudWatchLogsKeyGrant({ partition: org.partition, region, accountId: account.id, logGroupNamePattern: '/network-firewall/*' }), sid: 'CloudWatchLogsFirewallLogs' },
      { ...cloudWatchLogsKeyGrant({ partition: org.partition, region, accountId: account.id, logGroupNamePattern: '/vpc-flow-logs/*' }), sid: 'CloudWatchLogsFlowLogs' },
    ],
    viaServiceGrants: [{ viaServices: [`network-firewall.${region}.amazonaws.com`], callerAccount: account.id, allowGrantsForAwsResources: true, sid: 'ViaNetworkFirewall' }],
  });
  const flowLogs = org.network.flowLogs;
  const bucketArn = flowLogs.destination === 's3' ? flowLogs.s3BucketArn! : arn.bucket(org.partition, centralFlowLogsBucketName(org));
  const toBucket = flowLogs.destination !== 'cloud-watch-logs';
  const logDestination: FirewallLogDestination = toBucket
    ? { kind: 's3', bucketName: bucketArn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0]! }
    : { kind: 'cloud-watch-logs', encryptionKey: key, retentionDays: flowLogs.retentionDays };
  new NetworkInspection(scope, 'inspection', {
    ...stack.accountContext,
    name,
    hub,
    cidr: vpcSettings.cidr,
    availabilityZones: ['a', 'b', 'c'].slice(0, vpcSettings.availabilityZoneCount).map((letter) => `${region}${letter}`),
    centralEgress: settings.centralEgress,
    allowedDomains: settings.allowedDomains,
    allowedDomainsCapacity: settings.allowedDomainsCapacity,
    userRules: settings.suricataRules,
    userRulesCapacity: settings.suricataRulesCapacity,
    encryptionKey: key,
    logDestination,
    flowLogDestination: toBucket ? FlowLogDestination.s3(bucketArn) : FlowLogDestination.cloudWatchLogs({ encryptionKey: key, retentionDays: flowLogs.retentionDays }),
    tags: { segment: 'inspection' },
  });
}

function buildVpc(scope: Construct, stack: AccountBaselineStack, settings: VpcSettings): void {
  const { org, account, region } = stack;
  const names = networkNames(org, account, region);
  const flowLogs = org.network.flowLogs;
  const hubStack = settings.segment !== undefined ? stack.registry.regional('network', region) ?? (account.role === 'network' ? stack : undefined) : undefined;
  const hub = hubStack?.handoff.networkHub;
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

  const dnsFirewall = org.network.dnsFirewall;
  const flowLogKey =
    flowLogs.destination === 'cloud-watch-logs'
      ? new EncryptionKey(scope, 'flow-log-key', {
          ...stack.accountContext,
          aliasName: names.flowLogKeyAlias,
          description: `${org.name} VPC flow logs of ${account.name} in ${region}`,
          serviceGrants: [
            cloudWatchLogsKeyGrant({ partition: org.partition, region, accountId: account.id, logGroupNamePattern: '/vpc-flow-logs/*' }),
            ...(dnsFirewall
              ? [{ ...cloudWatchLogsKeyGrant({ partition: org.partition, region, accountId: account.id, logGroupNamePattern: `${DNS_QUERY_LOG_GROUP_PREFIX}*` }), sid: 'CloudWatchLogsDnsQueryLogs' }]
              : []),
          ],
        })
      : undefined;
  const bucketArn = flowLogs.destination === 's3' ? flowLogs.s3BucketArn! : arn.bucket(org.partition, centralFlowLogsBucketName(org));
  const destination = flowLogKey
    ? FlowLogDestination.cloudWatchLogs({ encryptionKey: flowLogKey, retentionDays: flowLogs.retentionDays })
    : FlowLogDestination.s3(bucketArn);

  const tiers: Partial<Record<'public' | 'privateWithEgress' | 'isolated', TierLayout>> = {};
  for (const tier of ['public', 'privateWithEgress', 'isolated'] as const) {
    const layout = settings.tiers[tier];
    if (layout) tiers[tier] = { prefixLength: layout.prefixLength };
  }
  const vpc = new Vpc(scope, 'vpc', {
    name: names.vpc,
    cidr: settings.cidr,
    ...stack.accountContext,
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

  if (dnsFirewall) {
    new DnsFirewall(scope, 'dns-firewall', {
      name: names.vpc,
      vpcId: vpc.vpcId,
      managedDomainListIds: dnsFirewall.managedDomainLists[region] ?? [],
      blockedDomains: dnsFirewall.blockedDomains,
      allowedDomains: dnsFirewall.allowedDomains,
    });
    const queryLogDestination: DnsQueryLogDestination = flowLogKey
      ? { kind: 'cloud-watch-logs', encryptionKey: flowLogKey, retentionDays: flowLogs.retentionDays }
      : { kind: 's3', bucketArn };
    new DnsQueryLogging(scope, 'dns-query-log', { name: names.vpc, vpcId: vpc.vpcId, destination: queryLogDestination });
  }

  if (hub && settings.segment !== undefined) {
    const networkAccount = accountWithRole(org, 'network');
    const inspection = org.network.inspection;
    new TransitGatewayAttachment(scope, 'transit-gateway-attachment', {
      vpc,
      hub,
      segment: settings.segment,
      routeDestinations: peerCidrs,
      defaultRouteToHub: inspection?.centralEgress === true && inspection.vpcs[region] !== undefined && settings.tiers.isolated !== undefined && settings.tiers.privateWithEgress === undefined,
      ownerProvider: networkAccount.id === account.id ? undefined : networkOwnerProvider(stack, networkAccount),
      tags: { Name: names.vpc },
    });
  }
}

/** The endpoint service a network-account VPC offers in this Region (checked by organizationNetworkProblems). */
function networkEndpointServiceName(stack: AccountBaselineStack, name: string): string {
  const networkStack = stack.account.role === 'network' ? stack : stack.registry.regional('network', stack.region);
  const service = networkStack?.handoff.endpointServices.get(name);
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
