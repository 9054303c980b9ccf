import { Construct } from 'constructs';
import { FmsPolicy } from '@cdktf/provider-aws/lib/fms-policy';
import { ValidationError } from '../core/errors';
import {
  DEFAULT_CAPACITY_LIMIT,
  MAX_WEB_ACL_CAPACITY,
  RenderContext,
  formatCapacityBreakdown,
  presetRules,
  type CapacityLine,
  type PresetRuleName,
  type WebAclPresetName,
} from '../waf';
import { FMS_POLICY_NAME, renderPolicyScope, type FmsPolicyScope } from './policy-scope';

/** The resources a Firewall Manager WAF policy can cover here. */
export type FmsWafResourceType = 'alb' | 'api-gateway-stage';

/** CloudFormation resource type names Firewall Manager expects, by our short names. */
export const FMS_WAF_RESOURCE_TYPES: Readonly<Record<FmsWafResourceType, string>> = {
  alb: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'api-gateway-stage': 'AWS::ApiGateway::Stage',
};

/**
 * Preset rules a Firewall Manager policy cannot carry: it applies rule groups, not rules. The rate limit and the
 * country block are plain rules (they stay with `accounts[].waf`), and Bot Control is charged per inspected request
 * on every covered resource of the organisation, so it is not pushed to all of them from here.
 */
export const FMS_UNSUPPORTED_PRESET_RULES: readonly PresetRuleName[] = ['rate-limit', 'blocked-countries', 'bot-control'];

/** One rule group of the policy's web ACL, as written into `managed_service_data`. */
export interface FmsRuleGroupReference {
  readonly ruleGroupArn: null;
  readonly overrideAction: { readonly type: 'NONE' | 'COUNT' };
  readonly managedRuleGroupIdentifier: { readonly vendorName: string; readonly managedRuleGroupName: string; readonly version: null };
  readonly ruleGroupType: 'ManagedRuleGroup';
  readonly excludeRules: readonly [];
  readonly sampledRequestsEnabled: boolean;
}

/** The `managed_service_data` of a WAFV2 policy. */
export interface FmsWafManagedServiceData {
  readonly type: 'WAFV2';
  readonly preProcessRuleGroups: readonly FmsRuleGroupReference[];
  readonly postProcessRuleGroups: readonly FmsRuleGroupReference[];
  readonly defaultAction: { readonly type: 'ALLOW' };
  readonly overrideCustomerWebACLAssociation: boolean;
  readonly sampledRequestsEnabledForDefaultActions: boolean;
}

export interface FmsWafPolicyProps {
  /** Policy name (letters, digits, spaces and `_.:/=+-@`, up to 1,024). */
  readonly name: string;
  /**
   * The modules/waf preset whose managed rule groups form the baseline web ACL: `api` (IP reputation, core rule set,
   * known bad inputs with Log4j, SQL injection) or `web` (the same plus the anonymous IP list).
   * @default 'web'
   * Security: both carry the core rule set and the Log4j (CVE-2021-44228) rules.
   */
  readonly preset?: WebAclPresetName;
  /**
   * Preset rule groups to leave out, by preset rule name.
   * @default []
   * Security: `known-bad-inputs` (Log4j) cannot be removed.
   */
  readonly remove?: readonly PresetRuleName[];
  /**
   * The most WCUs the web ACL's rule groups may use (1 to 5,000); synth fails above it, with the breakdown.
   * @default 1500
   * Security: none; 1,500 WCUs is what the basic WAF price covers.
   */
  readonly capacityLimit?: number;
  /**
   * Resource types the policy covers.
   * @default ['alb', 'api-gateway-stage']
   * Security: every internet-facing ALB and REST API stage in scope gets the baseline web ACL.
   */
  readonly resourceTypes?: readonly FmsWafResourceType[];
  /**
   * Accounts the policy covers.
   * @default - every account of the organisation
   * Security: see FmsPolicyScope.
   */
  readonly scope?: FmsPolicyScope;
  /**
   * Let Firewall Manager create and associate the web ACL in member accounts (otherwise it only reports).
   * @default false
   * Security: auto-remediation changes member accounts' resources outside their owners' change control; audit first,
   * then switch it on as a reviewed change.
   */
  readonly remediationEnabled?: boolean;
  /**
   * Replace a web ACL an account has associated itself.
   * @default false
   * Security: off, so an account's own, stricter ACL is never swapped for the baseline; such resources show as
   * non-compliant instead.
   */
  readonly overrideCustomerWebAclAssociation?: boolean;
  /** Description. @default - none */
  readonly description?: string;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Firewall Manager WAFV2 policy (`aws_fms_policy`) that applies a baseline web ACL, the managed rule groups of a
 * modules/waf preset, to every ALB and API Gateway stage in scope, in the Region of the administrator stack. The
 * rule groups are rendered by the same preset code as `WebAcl`, so the Log4j floor and the capacity check are the
 * same; the capacity is checked against `capacityLimit` at synth.
 */
export class FmsWafPolicy extends Construct {
  readonly resource: FmsPolicy;
  readonly policyId: string;
  readonly policyArn: string;
  /** What `managed_service_data` holds, before JSON encoding. */
  readonly managedServiceData: FmsWafManagedServiceData;
  /** Total WCUs of the rule groups. */
  readonly capacity: number;
  readonly capacityBreakdown: readonly CapacityLine[];

  constructor(scope: Construct, id: string, props: FmsWafPolicyProps) {
    super(scope, id);
    if (!FMS_POLICY_NAME.test(props.name)) throw new ValidationError(this, 'name', props.name, 'must be 1 to 1,024 letters, digits, spaces or _.:/=+-@');
    const remove = props.remove ?? [];
    remove.forEach((name, i) => {
      if (FMS_UNSUPPORTED_PRESET_RULES.includes(name)) {
        throw new ValidationError(this, `remove[${i}]`, name, `is never part of a Firewall Manager policy (only rule groups are; ${FMS_UNSUPPORTED_PRESET_RULES.join(', ')} are left out): do not list it`);
      }
    });
    const capacityLimit = props.capacityLimit ?? DEFAULT_CAPACITY_LIMIT;
    if (!Number.isInteger(capacityLimit) || capacityLimit < 1 || capacityLimit > MAX_WEB_ACL_CAPACITY) {
      throw new ValidationError(this, 'capacityLimit', capacityLimit, `must be a whole number of WCUs from 1 to ${MAX_WEB_ACL_CAPACITY.toLocaleString('en-US')}`);
    }
    const resourceTypes = props.resourceTypes ?? ['alb', 'api-gateway-stage'];
    if (resourceTypes.length === 0) throw new ValidationError(this, 'resourceTypes', [], 'must list at least one resource type');
    resourceTypes.forEach((type, i) => {
      if (!(type in FMS_WAF_RESOURCE_TYPES)) throw new ValidationError(this, `resourceTypes[${i}]`, type, `must be one of ${Object.keys(FMS_WAF_RESOURCE_TYPES).join(', ')}`);
    });

    // The preset's rules, less the plain rules FMS cannot carry; the preset code refuses removing known-bad-inputs.
    // The caller's list first, so a problem names its index in `remove`.
    const preset = props.preset ?? 'web';
    const ctx = new RenderContext(this, '', 'REGIONAL');
    const left = FMS_UNSUPPORTED_PRESET_RULES.filter((name) => name !== 'blocked-countries' && (preset === 'web' || name !== 'bot-control'));
    const rendered = presetRules(ctx, { name: preset, remove: [...remove, ...left] }).map((rule) => rule.render(ctx.at(`preset "${rule.name}"`)));
    const groups = rendered.map((rule) => {
      if (!rule.managedGroup) throw new ValidationError(this, 'preset', rule.name, 'is not a managed rule group; Firewall Manager policies carry rule groups only'); // unreachable: the plain preset rules are left out above
      return { rule, group: rule.managedGroup };
    });
    this.capacityBreakdown = groups.map(({ rule }, priority) => ({ priority, name: rule.name, kind: rule.kind, wcu: rule.wcu }));
    this.capacity = groups.reduce((sum, { rule }) => sum + rule.wcu, 0);
    if (this.capacity > capacityLimit) {
      const error = new ValidationError(
        this,
        'capacityLimit',
        capacityLimit,
        `is exceeded: the rule groups need ${this.capacity.toLocaleString('en-US')} WCUs; remove rule groups or raise capacityLimit (at most ${MAX_WEB_ACL_CAPACITY.toLocaleString('en-US')})`,
      );
      error.message += `\n${formatCapacityBreakdown(this.capacityBreakdown)}`;
      throw error;
    }

    this.managedServiceData = {
      type: 'WAFV2',
      preProcessRuleGroups: groups.map(({ group }) => ({
        ruleGroupArn: null,
        overrideAction: { type: group.overrideAction === 'count' ? 'COUNT' : 'NONE' },
        managedRuleGroupIdentifier: { vendorName: group.vendorName, managedRuleGroupName: group.name, version: null },
        ruleGroupType: 'ManagedRuleGroup',
        excludeRules: [],
        sampledRequestsEnabled: true,
      })),
      postProcessRuleGroups: [],
      defaultAction: { type: 'ALLOW' },
      overrideCustomerWebACLAssociation: props.overrideCustomerWebAclAssociation ?? false,
      sampledRequestsEnabledForDefaultActions: true,
    };

    const types = resourceTypes.map((t) => FMS_WAF_RESOURCE_TYPES[t]);
    this.resource = new FmsPolicy(this, 'Resource', {
      name: props.name,
      description: props.description,
      excludeResourceTags: false,
      remediationEnabled: props.remediationEnabled ?? false,
      // Removing the policy leaves the web ACLs and associations it made, so a rollback never strips protection.
      deleteAllPolicyResources: false,
      ...(types.length === 1 ? { resourceType: types[0] } : { resourceTypeList: types }),
      ...renderPolicyScope(this, 'scope', props.scope),
      securityServicePolicyData: { type: 'WAFV2', managedServiceData: JSON.stringify(this.managedServiceData) },
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.policyId = this.resource.id;
    this.policyArn = this.resource.arn;
  }
}
