import { z } from 'zod';
import { whenValid } from './refine';
import { ALL_REGIONS } from '../regions';
import { cidrsOverlap, ipv4CidrProblem } from '../../modules/network/cidr';
import { MANAGED_DOMAIN_LIST_ID } from '../../modules/network/dns-firewall';
import { domainNameProblem, type DomainWildcardStyle } from '../../modules/network/inspection/domain-name';
import { MAX_RULE_GROUP_CAPACITY, capacityProblem, domainListCapacity, suricataRulesCapacity } from '../../modules/network/inspection/rule-capacity';
import { DOMAIN_TARGET_TYPES } from '../../modules/network/inspection/firewall';
import { planInspectionSubnets } from '../../modules/network/inspection/subnet-layout';

/**
 * Inspection and DNS filtering settings (owned by the network modules), under `network:` at the organisation level:
 * - `inspection`: an inspection VPC with AWS Network Firewall behind the Transit Gateway hub, per Region of the
 *   network account, with an egress domain allowlist, user Suricata rules and optional central egress (NAT);
 * - `dnsFirewall`: Route 53 Resolver DNS Firewall and query logging on every VPC the baseline builds.
 */

const domainListSchema = (style: DomainWildcardStyle, example: string) =>
  z
    .array(
      z.string({ error: `must be a domain name, e.g. ${example}` }).superRefine((domain, ctx) => {
        const problem = domainNameProblem(domain, style);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
      { error: `must be a list of domain names, e.g. [${example}]` },
    )
    .superRefine((domains, ctx) => {
      domains.forEach((domain, i) => {
        if (domains.indexOf(domain) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'is listed twice; list each domain once' });
      });
    })
    .default([]);

const capacitySchema = z
  .number({ error: `must be a whole number from 1 to ${MAX_RULE_GROUP_CAPACITY}` })
  .int(`must be a whole number from 1 to ${MAX_RULE_GROUP_CAPACITY}`)
  .min(1, `must be a whole number from 1 to ${MAX_RULE_GROUP_CAPACITY}`)
  .max(MAX_RULE_GROUP_CAPACITY, `must be a whole number from 1 to ${MAX_RULE_GROUP_CAPACITY} (the Network Firewall rule group quota)`)
  .default(100);

const inspectionVpcSchema = z.strictObject(
  {
    /** The inspection VPC's block (/16 to /26), outside every VPC block of the organisation; its subnets are /28s. */
    cidr: z.string({ error: 'must be an IPv4 CIDR block such as "10.255.0.0/24"' }).superRefine((cidr, ctx) => {
      const problem = ipv4CidrProblem(cidr);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    /** Availability zones of the firewall (2 or 3), named `<region>a`, `<region>b`, `<region>c`. */
    availabilityZoneCount: z.number({ error: 'must be 2 or 3' }).int('must be 2 or 3').min(2, 'must be 2 or 3').max(3, 'must be 2 or 3').default(2),
  },
  { error: 'must be a mapping with cidr and optionally availabilityZoneCount, e.g. { cidr: 10.255.0.0/24 }' },
).check(whenValid((vpc, ctx) => {
  const problems = planInspectionSubnets(vpc.cidr, vpc.availabilityZoneCount, true).problems;
  if (problems.length > 0) ctx.addIssue({ code: 'custom', path: ['cidr'], message: `cannot hold the inspection subnets: ${problems.join('; ')}` });
}));

export const inspectionSchema = z
  .strictObject(
    {
      /** The inspection VPC per Region of the network account, e.g. { us-east-1: { cidr: 10.255.0.0/24 } }. */
      vpcs: z.partialRecord(z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }), inspectionVpcSchema),
      /**
       * NAT gateways in the inspection VPC (one per zone): VPCs with an isolated tier and no private tier get a
       * default route to the hub, so their only way out is through the firewall.
       */
      centralEgress: z.boolean({ error: 'must be true or false' }).default(false),
      /** Domains spokes may reach over TLS (SNI) and HTTP (Host): `example.com`, or `.example.com` for subdomains. */
      allowedDomains: domainListSchema('leading-dot', '".amazonaws.com"'),
      /** Capacity of the allowlist rule group: (domains + 1) x 2 units are needed; fixed once created, so leave room. */
      allowedDomainsCapacity: capacitySchema,
      /** Your own Suricata rules, one per line (evaluated after the segment rules, before the allowlist). */
      suricataRules: z.string({ error: 'must be Suricata rules, one per line' }).optional(),
      /** Capacity of the user rule group: one unit per rule. */
      suricataRulesCapacity: capacitySchema,
    },
    { error: 'must be a mapping with vpcs (and optionally centralEgress, allowedDomains, suricataRules, ...)' },
  )
  .check(whenValid((value, ctx) => {
    const domainsProblem = capacityProblem(domainListCapacity(value.allowedDomains.length, DOMAIN_TARGET_TYPES.length), value.allowedDomainsCapacity);
    if (domainsProblem) {
      ctx.addIssue({ code: 'custom', path: ['allowedDomainsCapacity'], message: `${domainsProblem} (${value.allowedDomains.length} allowedDomains x ${DOMAIN_TARGET_TYPES.length} target types, plus 2 default rules)` });
    }
    if (value.suricataRules !== undefined) {
      if (suricataRulesCapacity(value.suricataRules) === 0) {
        ctx.addIssue({ code: 'custom', path: ['suricataRules'], message: 'has no rules (only blank lines or comments); add rules or leave suricataRules out' });
      }
      const problem = capacityProblem(suricataRulesCapacity(value.suricataRules), value.suricataRulesCapacity);
      if (problem) ctx.addIssue({ code: 'custom', path: ['suricataRulesCapacity'], message: `${problem} (suricataRules has ${suricataRulesCapacity(value.suricataRules)} rules)` });
      value.suricataRules.split(/\r?\n/).forEach((raw, line) => {
        const rule = raw.trim();
        if (rule.length === 0 || rule.startsWith('#')) return;
        if (!/^(pass|drop|reject|alert)\s.*\bsid:\s*\d+\s*;.*\)$/.test(rule)) {
          ctx.addIssue({ code: 'custom', path: ['suricataRules'], message: `line ${line + 1} is not a Suricata rule: it needs an action (pass, drop, reject, alert), options in parentheses and a sid, e.g. drop tls $HOME_NET any -> any any (msg:"x"; sid:100; rev:1;)` });
        }
      });
    }
  }));

export const dnsFirewallSchema = z.strictObject(
  {
    /**
     * AWS managed domain lists to block, by id, per Region (the ids differ per Region): e.g.
     * { us-east-1: [rslvr-fdl-...] }. Every Region with a VPC needs an entry.
     */
    managedDomainLists: z.partialRecord(
      z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' }),
      z
        .array(z.string().regex(MANAGED_DOMAIN_LIST_ID, 'must be a managed domain list id such as "rslvr-fdl-2c46f2ecbfec4dcc"'), { error: 'must be a list of managed domain list ids' })
        .min(1, 'must list at least one managed domain list id'),
    ),
    /** Domains whose queries are blocked: `example.com`, or `*.example.com` for subdomains. */
    blockedDomains: domainListSchema('star-dot', '"*.example.net"'),
    /** Domains always answered (false positives of the managed lists), evaluated first. */
    allowedDomains: domainListSchema('star-dot', '"example.com"'),
  },
  { error: 'must be a mapping with managedDomainLists (and optionally blockedDomains, allowedDomains)' },
);

export type InspectionSettings = z.output<typeof inspectionSchema>;
export type DnsFirewallSettings = z.output<typeof dnsFirewallSchema>;

interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Rules relating inspection and DNS Firewall to the rest of the config (raw input; malformed parts skipped):
 * - an inspection VPC needs the network account in its Region, its block must not overlap any VPC block of the
 *   organisation (its firewall subnets would overlap a segment), and no segment may be named `inspection`;
 * - the DNS Firewall needs managed domain lists for every Region that has a VPC.
 */
export function inspectionProblems(
  network: Record<string, unknown>,
  vpcs: ReadonlyArray<{ readonly account: string; readonly index: number; readonly region: string; readonly cidr: string; readonly segment: string | undefined }>,
  hubRegions: readonly string[],
  segments: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const inspection = isRecord(network.inspection) ? network.inspection : undefined;
  const inspectionVpcs = inspection && isRecord(inspection.vpcs) ? inspection.vpcs : {};
  if (inspection && segments.includes('inspection')) {
    problems.push({ path: ['network', 'transitGateway', 'segments', 'inspection'], message: 'is the name of the hub\'s inspection route table; rename the segment' });
  }
  for (const [region, vpc] of Object.entries(inspectionVpcs)) {
    if (!isRecord(vpc)) continue;
    const base = ['network', 'inspection', 'vpcs', region];
    if (!hubRegions.includes(region)) {
      problems.push({ path: base, message: `needs the Transit Gateway hub in ${region}, but the network account does not run there (${hubRegions.join(', ') || 'no network account'})` });
    }
    if (typeof vpc.cidr !== 'string' || ipv4CidrProblem(vpc.cidr) !== undefined) continue;
    const zoneCount = typeof vpc.availabilityZoneCount === 'number' ? vpc.availabilityZoneCount : 2;
    const centralEgress = inspection?.centralEgress === true;
    const firewallSubnets = planInspectionSubnets(vpc.cidr, zoneCount, centralEgress).blocks.filter((b) => b.role === 'firewall');
    for (const other of vpcs) {
      if (!cidrsOverlap(vpc.cidr, other.cidr)) continue;
      const subnet = firewallSubnets.find((b) => cidrsOverlap(b.cidr, other.cidr));
      problems.push({
        path: [...base, 'cidr'],
        message:
          `overlaps the VPC of account "${other.account}" in ${other.region} (${other.cidr}, segment ${other.segment ?? 'none'}, accounts[${other.index}].network.vpcs.${other.region}.cidr)` +
          (subnet ? `: the firewall subnet ${subnet.cidr} would overlap it` : '') +
          '; choose an inspection block outside every VPC block of the organisation',
      });
    }
  }
  const dns = isRecord(network.dnsFirewall) ? network.dnsFirewall : undefined;
  if (dns) {
    const lists = isRecord(dns.managedDomainLists) ? dns.managedDomainLists : {};
    for (const region of [...new Set(vpcs.map((v) => v.region))].sort()) {
      if (lists[region] === undefined) {
        problems.push({
          path: ['network', 'dnsFirewall', 'managedDomainLists'],
          message: `has no entry for ${region}, where the organisation has VPCs; add ${region}: [<managed domain list ids>] (aws route53resolver list-firewall-domain-lists --region ${region})`,
        });
      }
    }
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
