import { Construct } from 'constructs';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { ValidationError } from '../core/errors';
import { domainNameProblem } from './inspection/domain-name';

/** Id of an AWS managed domain list (they differ per Region), e.g. `rslvr-fdl-2c46f2ecbfec4dcc`. */
export const MANAGED_DOMAIN_LIST_ID = /^rslvr-fdl-[0-9a-f]{8,32}$/;

export interface DnsFirewallProps {
  /** Name for the rule group, lists and association, e.g. `example-workload-prod-us-east-1`. */
  readonly name: string;
  /** The VPC whose Route 53 Resolver queries are filtered. */
  readonly vpcId: string;
  /**
   * AWS managed domain lists to block (malware, botnet command and control, ...), by id in this Region.
   * @default [] - none
   * Security: AWS keeps these threat lists current; blocked queries get NODATA.
   */
  readonly managedDomainListIds?: readonly string[];
  /**
   * Domains whose queries are blocked: `example.com`, or `*.example.com` for its subdomains.
   * @default []
   * Security: exfiltration and command-and-control domains you know of.
   */
  readonly blockedDomains?: readonly string[];
  /**
   * Domains always answered, evaluated before every block rule (for false positives of the managed lists).
   * @default []
   * Security: an allow entry overrides the threat lists for that domain; keep it short.
   */
  readonly allowedDomains?: readonly string[];
  /**
   * Priority of the rule group's association with the VPC (101 to 9899).
   * @default 101 - evaluated before rule groups Firewall Manager associates last
   * Security: no effect.
   */
  readonly associationPriority?: number;
  /** Tags for every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Route 53 Resolver DNS Firewall on a VPC: one rule group with an allow rule for `allowedDomains` first, then block
 * rules for `blockedDomains` and each AWS managed domain list (NODATA answers), associated with the VPC with
 * mutation protection on, and the VPC's firewall set to fail closed (queries are not answered unfiltered when the
 * firewall cannot evaluate them).
 */
export class DnsFirewall extends Construct {
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;
  readonly association: Route53ResolverFirewallRuleGroupAssociation;

  constructor(scope: Construct, id: string, props: DnsFirewallProps) {
    super(scope, id);
    const check = (prop: string, domains: readonly string[]) =>
      domains.forEach((domain, i) => {
        const problem = domainNameProblem(domain, 'star-dot');
        if (problem) throw new ValidationError(this, `${prop}[${i}]`, domain, problem);
      });
    check('blockedDomains', props.blockedDomains ?? []);
    check('allowedDomains', props.allowedDomains ?? []);
    (props.managedDomainListIds ?? []).forEach((listId, i) => {
      if (!MANAGED_DOMAIN_LIST_ID.test(listId)) throw new ValidationError(this, `managedDomainListIds[${i}]`, listId, 'must be a managed domain list id such as "rslvr-fdl-2c46f2ecbfec4dcc" (see aws route53resolver list-firewall-domain-lists in the Region)');
    });
    const priority = props.associationPriority ?? 101;
    if (!Number.isInteger(priority) || priority < 101 || priority > 9899) throw new ValidationError(this, 'associationPriority', priority, 'must be a whole number from 101 to 9899');
    const rules = [
      ...((props.allowedDomains ?? []).length > 0 ? [{ key: 'allowed', action: 'ALLOW', domains: props.allowedDomains }] : []),
      ...((props.blockedDomains ?? []).length > 0 ? [{ key: 'blocked', action: 'BLOCK', domains: props.blockedDomains }] : []),
      ...(props.managedDomainListIds ?? []).map((listId) => ({ key: listId, action: 'BLOCK', domains: undefined, listId })),
    ];
    if (rules.length === 0) throw new ValidationError(this, 'managedDomainListIds', [], 'must list at least one managed domain list, blocked domain or allowed domain; a DNS Firewall with no rules filters nothing');
    const tags = (name: string) => ({ ...(props.tags ?? {}), Name: name });

    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'rule-group', { name: props.name, tags: tags(props.name) });
    rules.forEach((rule, i) => {
      const listId =
        'listId' in rule && rule.listId !== undefined
          ? rule.listId
          : new Route53ResolverFirewallDomainList(this, `domain-list-${rule.key}`, { name: `${props.name}-${rule.key}`, domains: [...rule.domains!], tags: tags(`${props.name}-${rule.key}`) }).id;
      new Route53ResolverFirewallRule(this, `rule-${rule.key}`, {
        name: `${props.name}-${rule.key}`,
        firewallRuleGroupId: this.ruleGroup.id,
        firewallDomainListId: listId,
        priority: (i + 1) * 100,
        action: rule.action,
        ...(rule.action === 'BLOCK' ? { blockResponse: 'NODATA' } : {}),
      });
    });
    this.association = new Route53ResolverFirewallRuleGroupAssociation(this, 'association', {
      name: props.name,
      firewallRuleGroupId: this.ruleGroup.id,
      vpcId: props.vpcId,
      priority,
      mutationProtection: 'ENABLED',
      tags: tags(props.name),
    });
    new Route53ResolverFirewallConfig(this, 'config', { resourceId: props.vpcId, firewallFailOpen: 'DISABLED' });
  }
}
