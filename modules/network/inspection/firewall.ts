import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallLoggingConfiguration, type NetworkfirewallLoggingConfigurationLoggingConfigurationLogDestinationConfig } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { ValidationError } from '../../core/errors';
import { isAuditLogRetention } from '../../core/retention';
import type { IEncryptionKey } from '../../kms/key';
import { ipv4CidrProblem } from '../cidr';
import { domainNameProblem } from './domain-name';
import { capacityProblem, domainListCapacity, statelessRuleCapacity, suricataRulesCapacity, suricataRuleLines } from './rule-capacity';
import { segmentPassRules, type SegmentPair } from './segment-rules';

/** Where the firewall's alert and flow logs go. */
export type FirewallLogDestination =
  | { readonly kind: 'cloud-watch-logs'; readonly encryptionKey: IEncryptionKey; readonly retentionDays?: number }
  | {
      readonly kind: 's3';
      readonly bucketName: string;
      /** Key prefix. @default - none: records go under `AWSLogs/<account>/network-firewall/`, as the log-archive bucket policy expects */
      readonly prefix?: string;
    };

/** Domain allowlist target types: the TLS server name indication and the HTTP Host header. */
export const DOMAIN_TARGET_TYPES = ['TLS_SNI', 'HTTP_HOST'] as const;

/**
 * The firewall policy's default actions under strict order, as AWS documents them for a domain allowlist: drop
 * packets of established flows that no rule passed (the TCP handshake is let through so that the TLS SNI or HTTP
 * host can be read), and alert on them so drops show in the alert log.
 */
export const STATEFUL_DEFAULT_ACTIONS = ['aws:drop_established', 'aws:alert_established'] as const;

export interface InspectionFirewallProps {
  /** Name of the firewall, its policy and rule groups (letters, digits, hyphens), e.g. `example-us-east-1`. */
  readonly name: string;
  /** The inspection VPC. */
  readonly vpcId: string;
  /** Firewall subnets, one per availability zone. */
  readonly subnetIds: readonly string[];
  /**
   * Blocks of the networks whose traffic the firewall inspects (the spokes): the `HOME_NET` of the domain allowlist,
   * which otherwise covers only the inspection VPC.
   * Security: without it, spoke traffic would not match the allowlist rules and would only meet the default drop.
   */
  readonly homeNetCidrs: readonly string[];
  /**
   * Domains spokes may reach on the internet over TLS (SNI) and HTTP (Host): `example.com` for the name alone,
   * `.example.com` for its subdomains.
   * @default [] - no egress to the internet at all
   * Security: egress is an allowlist; everything else is dropped and alerted.
   */
  readonly allowedDomains?: readonly string[];
  /**
   * Capacity of the domain allowlist rule group (fixed at creation; leave room).
   * @default 100
   * Security: no effect; a list over capacity is refused at synth.
   */
  readonly allowedDomainsCapacity?: number;
  /** Segment pairs that may reach each other: passed by a generated stateful group. @default [] */
  readonly reachingSegments?: readonly SegmentPair[];
  /** Segment pairs that must not: dropped by a generated stateless group, before the stateful engine. @default [] */
  readonly isolatedSegments?: readonly SegmentPair[];
  /**
   * Your own Suricata rules (one per line), evaluated after the segment rules and before the domain allowlist.
   * @default - no user rule group
   * Security: a `pass` here opens what the allowlist would drop; review them like code.
   */
  readonly userRules?: string;
  /** Capacity of the user rule group. @default 100 */
  readonly userRulesCapacity?: number;
  /** Key for the rule groups, policy and firewall (Network Firewall encrypts its configuration with it). */
  readonly encryptionKey: IEncryptionKey;
  /**
   * Alert and flow log destination.
   * Security: alerts are the record of what was dropped; flow logs of what passed.
   */
  readonly logDestination: FirewallLogDestination;
  /** Tags for every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

const NAME = /^[a-zA-Z0-9-]{1,100}$/;

/**
 * An AWS Network Firewall for an inspection VPC: a strict-order policy whose stateless engine drops traffic between
 * isolated segments and forwards the rest to the stateful engine, where the rule groups run in this order: segment
 * pass rules, the user's Suricata rules, the domain allowlist (TLS SNI and HTTP host); then the default actions drop
 * and alert on every established flow nothing passed. Delete, subnet-change and policy-change protection on; alert
 * and flow logs kept. Rule definitions are checked at synth: domain syntax, capacity, blocks.
 */
export class InspectionFirewall extends Construct {
  readonly resource: NetworkfirewallFirewall;
  readonly policy: NetworkfirewallFirewallPolicy;
  /** Rule groups by role: `segments`, `isolation`, `user`, `domains` (those created). */
  readonly ruleGroups: Readonly<Record<string, NetworkfirewallRuleGroup>>;
  readonly logging: NetworkfirewallLoggingConfiguration;

  constructor(scope: Construct, id: string, props: InspectionFirewallProps) {
    super(scope, id);
    if (!NAME.test(props.name)) throw new ValidationError(this, 'name', props.name, 'must be 1-100 letters, digits and hyphens');
    if (props.subnetIds.length === 0) throw new ValidationError(this, 'subnetIds', [], 'must list a firewall subnet per availability zone');
    props.homeNetCidrs.forEach((cidr, i) => {
      const problem = ipv4CidrProblem(cidr);
      if (problem) throw new ValidationError(this, `homeNetCidrs[${i}]`, cidr, problem);
    });
    const domains = props.allowedDomains ?? [];
    domains.forEach((domain, i) => {
      const problem = domainNameProblem(domain, 'leading-dot');
      if (problem) throw new ValidationError(this, `allowedDomains[${i}]`, domain, problem);
      if (domains.indexOf(domain) !== i) throw new ValidationError(this, `allowedDomains[${i}]`, domain, 'is listed twice; list each domain once');
    });
    const domainsCapacity = props.allowedDomainsCapacity ?? 100;
    const domainsProblem = capacityProblem(domainListCapacity(domains.length, DOMAIN_TARGET_TYPES.length), domainsCapacity);
    if (domainsProblem) throw new ValidationError(this, 'allowedDomainsCapacity', domainsCapacity, `${domainsProblem} (${domains.length} domains x ${DOMAIN_TARGET_TYPES.length} target types, plus the list's default rules)`);
    const userRules = props.userRules;
    const userCapacity = props.userRulesCapacity ?? 100;
    if (userRules !== undefined) {
      const lines = suricataRuleLines(userRules);
      if (lines.length === 0) throw new ValidationError(this, 'userRules', userRules, 'has no rules; leave it out instead');
      const bad = lines.find((line) => !/^(pass|drop|reject|alert)\s.*\bsid:\s*\d+\s*;.*\)$/.test(line));
      if (bad !== undefined) throw new ValidationError(this, 'userRules', bad, 'is not a Suricata rule: each line needs an action (pass, drop, reject, alert), options in parentheses and a sid');
      if (/\$\{|%\{/.test(userRules)) throw new ValidationError(this, 'userRules', userRules, 'contains Terraform template syntax ("${" or "%{")');
      const problem = capacityProblem(suricataRulesCapacity(userRules), userCapacity);
      if (problem) throw new ValidationError(this, 'userRulesCapacity', userCapacity, problem);
    }
    const tags = (name: string) => ({ ...(props.tags ?? {}), Name: name });
    const encryptionConfiguration = { type: 'CUSTOMER_KMS', keyId: props.encryptionKey.keyArn };
    const strict = { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' } };
    const ruleGroups: Record<string, NetworkfirewallRuleGroup> = {};
    const homeNet = { ipSets: [{ key: 'HOME_NET', ipSet: { definition: [...props.homeNetCidrs].sort() } }] };

    const isolated = props.isolatedSegments ?? [];
    if (isolated.length > 0) {
      const rules = isolated.flatMap((p) => [
        { sources: p.fromCidrs, destinations: p.toCidrs },
        { sources: p.toCidrs, destinations: p.fromCidrs },
      ]);
      ruleGroups.isolation = new NetworkfirewallRuleGroup(this, 'rule-group-isolation', {
        name: `${props.name}-segment-isolation`,
        description: 'Drops packets between segments that must not reach each other (behind the Transit Gateway blackholes)',
        type: 'STATELESS',
        capacity: rules.reduce((sum, r) => sum + statelessRuleCapacity(r), 0),
        encryptionConfiguration,
        ruleGroup: {
          rulesSource: {
            statelessRulesAndCustomActions: {
              statelessRule: rules.map((r, i) => ({
                priority: i + 1,
                ruleDefinition: {
                  actions: ['aws:drop'],
                  matchAttributes: {
                    source: r.sources.map((addressDefinition) => ({ addressDefinition })),
                    destination: r.destinations.map((addressDefinition) => ({ addressDefinition })),
                  },
                },
              })),
            },
          },
        },
        tags: tags(`${props.name}-segment-isolation`),
      });
    }
    const reaching = props.reachingSegments ?? [];
    if (reaching.length > 0) {
      const rules = segmentPassRules(reaching);
      ruleGroups.segments = new NetworkfirewallRuleGroup(this, 'rule-group-segments', {
        name: `${props.name}-segment-reach`,
        description: 'Passes traffic between segments that may reach each other',
        type: 'STATEFUL',
        capacity: Math.max(10, suricataRulesCapacity(rules)),
        encryptionConfiguration,
        ruleGroup: { rulesSource: { rulesString: rules }, ...strict },
        tags: tags(`${props.name}-segment-reach`),
      });
    }
    if (userRules !== undefined) {
      ruleGroups.user = new NetworkfirewallRuleGroup(this, 'rule-group-user', {
        name: `${props.name}-user-rules`,
        description: 'User Suricata rules from config',
        type: 'STATEFUL',
        capacity: userCapacity,
        encryptionConfiguration,
        ruleGroup: { ruleVariables: homeNet, rulesSource: { rulesString: userRules }, ...strict },
        tags: tags(`${props.name}-user-rules`),
      });
    }
    if (domains.length > 0) {
      ruleGroups.domains = new NetworkfirewallRuleGroup(this, 'rule-group-domains', {
        name: `${props.name}-egress-domains`,
        description: 'Egress allowlist: TLS SNI and HTTP host of the allowed domains',
        type: 'STATEFUL',
        capacity: domainsCapacity,
        encryptionConfiguration,
        ruleGroup: {
          ruleVariables: homeNet,
          rulesSource: { rulesSourceList: { generatedRulesType: 'ALLOWLIST', targetTypes: [...DOMAIN_TARGET_TYPES], targets: [...domains] } },
          ...strict,
        },
        tags: tags(`${props.name}-egress-domains`),
      });
    }
    this.ruleGroups = ruleGroups;

    const statefulOrder = ['segments', 'user', 'domains'].filter((k) => ruleGroups[k] !== undefined);
    this.policy = new NetworkfirewallFirewallPolicy(this, 'policy', {
      name: `${props.name}-inspection`,
      description: 'Strict order; drops and alerts on established flows no rule passes',
      encryptionConfiguration,
      firewallPolicy: {
        statelessDefaultActions: ['aws:forward_to_sfe'],
        statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        statelessRuleGroupReference: ruleGroups.isolation ? [{ priority: 10, resourceArn: ruleGroups.isolation.arn }] : undefined,
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'DROP' },
        statefulDefaultActions: [...STATEFUL_DEFAULT_ACTIONS],
        statefulRuleGroupReference: statefulOrder.map((k, i) => ({ priority: (i + 1) * 100, resourceArn: ruleGroups[k]!.arn })),
      },
      tags: tags(`${props.name}-inspection`),
    });

    this.resource = new NetworkfirewallFirewall(this, 'Resource', {
      name: props.name,
      description: 'Inspects traffic between segments and to the internet',
      vpcId: props.vpcId,
      firewallPolicyArn: this.policy.arn,
      subnetMapping: props.subnetIds.map((subnetId) => ({ subnetId })),
      deleteProtection: true,
      subnetChangeProtection: true,
      firewallPolicyChangeProtection: true,
      encryptionConfiguration,
      tags: tags(props.name),
    });

    const destination = props.logDestination;
    const logDestination = (logType: 'ALERT' | 'FLOW'): NetworkfirewallLoggingConfigurationLoggingConfigurationLogDestinationConfig => {
      if (destination.kind === 's3') {
        return { logType, logDestinationType: 'S3', logDestination: { bucketName: destination.bucketName, ...(destination.prefix !== undefined ? { prefix: destination.prefix } : {}) } };
      }
      const retention = destination.retentionDays ?? 365;
      if (!isAuditLogRetention(retention)) throw new ValidationError(this, 'logDestination.retentionDays', retention, 'must be a CloudWatch Logs retention of a year or more');
      const group = new CloudwatchLogGroup(this, `log-group-${logType.toLowerCase()}`, {
        name: `/network-firewall/${props.name}/${logType.toLowerCase()}`,
        retentionInDays: retention,
        kmsKeyId: destination.encryptionKey.keyArn,
        skipDestroy: true,
        tags: props.tags,
      });
      return { logType, logDestinationType: 'CloudWatchLogs', logDestination: { logGroup: group.name } };
    };
    this.logging = new NetworkfirewallLoggingConfiguration(this, 'logging', {
      firewallArn: this.resource.arn,
      loggingConfiguration: { logDestinationConfig: [logDestination('ALERT'), logDestination('FLOW')] },
    });
  }

  /** The firewall endpoint (VPC endpoint id) in an availability zone, as a Terraform expression. */
  endpointIdIn(zone: string): string {
    return `\${[for s in ${this.resource.fqn}.firewall_status[0].sync_states : s.attachment[0].endpoint_id if s.availability_zone == "${zone}"][0]}`;
  }
}
