import { FieldToMatch, WafRules, WafStatements, type IIpSet } from '../../modules/waf';
import { synthAcl, synthRule } from './helpers';

const VISIBILITY = (metric: string) => ({ cloudwatch_metrics_enabled: true, metric_name: metric, sampled_requests_enabled: true });

describe('rule builders: synthesized rule blocks and WCUs', () => {
  it('managed rule group: vendor, name, version, overrides, scope-down, override action none', () => {
    const { block, wcu } = synthRule(
      WafRules.managedRuleGroup({
        name: 'core',
        groupName: 'AWSManagedRulesCommonRuleSet',
        version: 'Version_1.12',
        ruleActionOverrides: [
          { name: 'SizeRestrictions_BODY', action: 'count' },
          { name: 'NoUserAgent_HEADER', action: 'challenge' },
        ],
        scopeDownStatement: WafStatements.not(WafStatements.byteMatch({ field: FieldToMatch.uriPath(), positionalConstraint: 'STARTS_WITH', searchString: '/health' })),
      }),
    );
    expect(block).toEqual({
      name: 'core',
      priority: 0,
      override_action: { none: {} },
      statement: {
        managed_rule_group_statement: {
          name: 'AWSManagedRulesCommonRuleSet',
          vendor_name: 'AWS',
          version: 'Version_1.12',
          rule_action_override: [
            { name: 'SizeRestrictions_BODY', action_to_use: { count: {} } },
            { name: 'NoUserAgent_HEADER', action_to_use: { challenge: {} } },
          ],
          scope_down_statement: {
            not_statement: {
              statement: [
                {
                  byte_match_statement: {
                    field_to_match: { uri_path: {} },
                    positional_constraint: 'STARTS_WITH',
                    search_string: '/health',
                    text_transformation: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
        },
      },
      visibility_config: VISIBILITY('core'),
    });
    // 700 (published) + 2 (STARTS_WITH string match inside NOT).
    expect(wcu).toBe(702);
  });

  it('managed rule group: name defaults to the group, count mode, Bot Control inspection level', () => {
    const { block, wcu } = synthRule(
      WafRules.managedRuleGroup({ groupName: 'AWSManagedRulesBotControlRuleSet', overrideAction: 'count', botControl: { inspectionLevel: 'TARGETED', enableMachineLearning: false } }),
    );
    expect(block.name).toBe('AWSManagedRulesBotControlRuleSet');
    expect(block.override_action).toEqual({ count: {} });
    expect(block.statement).toEqual({
      managed_rule_group_statement: {
        name: 'AWSManagedRulesBotControlRuleSet',
        vendor_name: 'AWS',
        managed_rule_group_configs: [{ aws_managed_rules_bot_control_rule_set: { inspection_level: 'TARGETED', enable_machine_learning: false } }],
      },
    });
    expect(wcu).toBe(50);
  });

  it('managed rule group: Bot Control defaults to the COMMON level; a third-party group takes its capacity', () => {
    expect(synthRule(WafRules.managedRuleGroup({ groupName: 'AWSManagedRulesBotControlRuleSet' })).block.statement).toMatchObject({
      managed_rule_group_statement: { managed_rule_group_configs: [{ aws_managed_rules_bot_control_rule_set: { inspection_level: 'COMMON' } }] },
    });
    const vendor = synthRule(WafRules.managedRuleGroup({ name: 'vendor-rules', vendorName: 'Fortinet', groupName: 'all_rules', capacity: 1000 }));
    expect(vendor.block.statement).toEqual({ managed_rule_group_statement: { name: 'all_rules', vendor_name: 'Fortinet' } });
    expect(vendor.wcu).toBe(1000);
  });

  it('rate-based by IP: limit, evaluation window, block action', () => {
    const { block, wcu } = synthRule(WafRules.rateBased({ name: 'rate', limit: 500, evaluationWindowSec: 60 }));
    expect(block).toEqual({
      name: 'rate',
      priority: 0,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 500, evaluation_window_sec: 60, aggregate_key_type: 'IP' } },
      visibility_config: VISIBILITY('rate'),
    });
    expect(wcu).toBe(2);
  });

  it('rate-based by forwarded IP, with a custom 429 response', () => {
    const { acl, rules } = synthAcl({
      customResponseBodies: { slow: { content: 'slow down', contentType: 'TEXT_PLAIN' } },
      rules: [
        WafRules.rateBased({
          name: 'rate-fwd',
          limit: 1000,
          aggregateKeyType: 'FORWARDED_IP',
          forwardedIpConfig: { headerName: 'X-Forwarded-For', fallbackBehavior: 'MATCH' },
          blockResponse: { responseCode: 429, customResponseBodyKey: 'slow', responseHeaders: { 'retry-after': '60' } },
        }),
      ],
    });
    const block = rules[0]!;
    const wcu = acl.capacity;
    expect(block.statement).toEqual({
      rate_based_statement: {
        limit: 1000,
        evaluation_window_sec: 300,
        aggregate_key_type: 'FORWARDED_IP',
        forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'MATCH' },
      },
    });
    expect(block.action).toEqual({
      block: { custom_response: { response_code: 429, custom_response_body_key: 'slow', response_header: [{ name: 'retry-after', value: '60' }] } },
    });
    expect(wcu).toBe(2);
  });

  it('rate-based by custom keys with a scope-down: 2 + 30 per key + the scope-down', () => {
    const { block, wcu } = synthRule(
      WafRules.rateBased({
        name: 'login-rate',
        limit: 100,
        aggregateKeyType: 'CUSTOM_KEYS',
        customKeys: [{ key: 'ip' }, { key: 'header', name: 'x-api-key', textTransformations: ['LOWERCASE'] }],
        scopeDownStatement: WafStatements.byteMatch({ field: FieldToMatch.uriPath(), positionalConstraint: 'EXACTLY', searchString: '/login' }),
      }),
    );
    expect(block.statement).toEqual({
      rate_based_statement: {
        limit: 100,
        evaluation_window_sec: 300,
        aggregate_key_type: 'CUSTOM_KEYS',
        custom_key: [{ ip: {} }, { header: { name: 'x-api-key', text_transformation: [{ priority: 0, type: 'LOWERCASE' }] } }],
        scope_down_statement: {
          byte_match_statement: {
            field_to_match: { uri_path: {} },
            positional_constraint: 'EXACTLY',
            search_string: '/login',
            text_transformation: [{ priority: 0, type: 'NONE' }],
          },
        },
      },
    });
    expect(wcu).toBe(2 + 2 * 30 + 2);
  });

  it('IP set allow list: one IPv4 set reference, action allow, 1 WCU', () => {
    const office: IIpSet = { ipSetArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/office/1', ipSetName: 'office', scope: 'REGIONAL', ipAddressVersion: 'IPV4' };
    const { block, wcu } = synthRule(WafRules.ipSet({ name: 'office-allow', action: 'allow', ipSets: [office] }));
    expect(block.action).toEqual({ allow: {} });
    expect(block.statement).toEqual({ ip_set_reference_statement: { arn: office.ipSetArn } });
    expect(wcu).toBe(1);
  });

  it('geo match: block listed countries (1 WCU), or everything but them with negate', () => {
    const blocked = synthRule(WafRules.geoMatch({ name: 'geo', action: 'block', countryCodes: ['KP', 'IR'] }));
    expect(blocked.block.statement).toEqual({ geo_match_statement: { country_codes: ['KP', 'IR'] } });
    expect(blocked.wcu).toBe(1);
    const onlyEu = synthRule(WafRules.geoMatch({ name: 'geo-allow', action: 'block', countryCodes: ['DE', 'FR'], negate: true }));
    expect(onlyEu.block.statement).toEqual({ not_statement: { statement: [{ geo_match_statement: { country_codes: ['DE', 'FR'] } }] } });
    expect(onlyEu.wcu).toBe(1);
  });

  it('size constraint: body over 8 KB, oversize bodies match (1 WCU)', () => {
    const { block, wcu } = synthRule(
      WafRules.statement({ name: 'body-8kb', action: 'block', statement: WafStatements.sizeConstraint({ field: FieldToMatch.body(), comparisonOperator: 'GT', size: 8192 }) }),
    );
    expect(block.statement).toEqual({
      size_constraint_statement: {
        comparison_operator: 'GT',
        size: 8192,
        field_to_match: { body: { oversize_handling: 'MATCH' } },
        text_transformation: [{ priority: 0, type: 'NONE' }],
      },
    });
    expect(wcu).toBe(1);
  });

  it('string and regex match with transformations; JSON body doubles, all query arguments add 10', () => {
    const contains = synthRule(
      WafRules.statement({
        name: 'sqlish',
        action: 'count',
        statement: WafStatements.byteMatch({ field: FieldToMatch.allQueryArguments(), positionalConstraint: 'CONTAINS', searchString: 'union select', textTransformations: ['URL_DECODE', 'LOWERCASE'] }),
      }),
    );
    expect(contains.block.statement).toEqual({
      byte_match_statement: {
        field_to_match: { all_query_arguments: {} },
        positional_constraint: 'CONTAINS',
        search_string: 'union select',
        text_transformation: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'LOWERCASE' },
        ],
      },
    });
    expect(contains.block.action).toEqual({ count: {} });
    expect(contains.wcu).toBe(10 + 10 + 2 * 10);

    const regex = synthRule(
      WafRules.statement({
        name: 'json-regex',
        action: 'block',
        statement: WafStatements.regexMatch({ field: FieldToMatch.jsonBody({ matchScope: 'VALUE', includedPaths: ['/user/name'] }), regexString: '^[^<>]*$' }),
      }),
    );
    expect(regex.block.statement).toEqual({
      regex_match_statement: {
        regex_string: '^[^<>]*$',
        field_to_match: { json_body: { match_scope: 'VALUE', oversize_handling: 'MATCH', match_pattern: { included_paths: ['/user/name'] } } },
        text_transformation: [{ priority: 0, type: 'NONE' }],
      },
    });
    expect(regex.wcu).toBe(6);
  });

  it('and / or / not combine statements; capacity is the sum', () => {
    const { block, wcu } = synthRule(
      WafRules.statement({
        name: 'admin-outside-office',
        action: 'block',
        ruleLabels: ['team:admin-blocked'],
        statement: WafStatements.and(
          WafStatements.byteMatch({ field: FieldToMatch.uriPath(), positionalConstraint: 'STARTS_WITH', searchString: '/admin', textTransformations: ['LOWERCASE'] }),
          WafStatements.or(WafStatements.not(WafStatements.geoMatch({ countryCodes: ['GB'] })), WafStatements.sqliMatch({ field: FieldToMatch.queryString(), sensitivityLevel: 'HIGH' })),
        ),
      }),
    );
    expect(block.rule_label).toEqual([{ name: 'team:admin-blocked' }]);
    expect(block.statement).toEqual({
      and_statement: {
        statement: [
          {
            byte_match_statement: {
              field_to_match: { uri_path: {} },
              positional_constraint: 'STARTS_WITH',
              search_string: '/admin',
              text_transformation: [{ priority: 0, type: 'LOWERCASE' }],
            },
          },
          {
            or_statement: {
              statement: [
                { not_statement: { statement: [{ geo_match_statement: { country_codes: ['GB'] } }] } },
                {
                  sqli_match_statement: {
                    sensitivity_level: 'HIGH',
                    field_to_match: { query_string: {} },
                    text_transformation: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
        ],
      },
    });
    // string match 2 + LOWERCASE 10, geo 1, SQLi HIGH 30.
    expect(wcu).toBe(43);
  });
});

describe('priorities', () => {
  it('follow rule order from 0; a pinned priority moves the ones after it', () => {
    const { rules } = synthAcl({
      rules: [
        WafRules.geoMatch({ name: 'a', action: 'block', countryCodes: ['KP'] }),
        WafRules.geoMatch({ name: 'b', action: 'block', countryCodes: ['IR'] }),
        WafRules.geoMatch({ name: 'c', action: 'block', countryCodes: ['SY'], priority: 10 }),
        WafRules.geoMatch({ name: 'd', action: 'block', countryCodes: ['CU'] }),
      ],
    });
    expect(rules.map((r) => [r.name, r.priority])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 10],
      ['d', 11],
    ]);
  });
});
