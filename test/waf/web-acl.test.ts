import { Wafv2IpSet } from '@cdktf/provider-aws/lib/wafv2-ip-set';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  FieldToMatch,
  IpAddressList,
  IpSet,
  WafRules,
  WafStatements,
  WebAcl,
  WebAclAssociation,
  WebAclLogging,
  type WafRule,
  type WebAclProps,
} from '../../modules/waf';
import { TEST_ACCOUNT_ID, onlyResource, resourcesOfType, stackJson, synthApp, synthConstruct, synthScope, testApp, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';
import { aclError, aclIn, synthAcl } from './helpers';

const ALB = `arn:aws:elasticloadbalancing:us-east-1:${TEST_ACCOUNT_ID}:loadbalancer/app/web/0123456789abcdef`;
const geo = (name: string, extra: Partial<Parameters<typeof WafRules.geoMatch>[0]> = {}): WafRule =>
  WafRules.geoMatch({ name, action: 'block', countryCodes: ['KP'], ...extra });

/** A stack whose provider is in `region`. */
function stackIn(region: string): TerraformStack {
  const stack = new TerraformStack(testApp(), `stack-${region}`);
  new AwsProvider(stack, 'aws', { region });
  return stack;
}

describe('WebAcl', () => {
  it('has a default action, visibility config and custom response bodies', () => {
    const { json, acl } = synthAcl({
      description: 'test ACL',
      defaultAction: 'block',
      defaultBlockResponse: { responseCode: 403, customResponseBodyKey: 'denied' },
      customResponseBodies: { denied: { content: '<p>denied</p>', contentType: 'TEXT_HTML' } },
      metricName: 'test-acl-metric',
      rules: [geo('geo', { action: 'allow' })],
    });
    expect(json).toMatchObject({
      name: 'test-acl',
      scope: 'REGIONAL',
      description: 'test ACL',
      default_action: { block: { custom_response: { response_code: 403, custom_response_body_key: 'denied' } } },
      custom_response_body: [{ key: 'denied', content: '<p>denied</p>', content_type: 'TEXT_HTML' }],
      visibility_config: { cloudwatch_metrics_enabled: true, metric_name: 'test-acl-metric', sampled_requests_enabled: true },
    });
    expect(acl.region).toBe('us-east-1');
    expect(acl.webAclArn).toMatch(/^\$\{TfToken/);
  });

  it('can be CLOUDFRONT in a us-east-1 stack', () => {
    const { json } = synthAcl({ scope: 'CLOUDFRONT', rules: [geo('geo')] });
    expect(json.scope).toBe('CLOUDFRONT');
  });

  it('keeps IPv4 and IPv6 ranges in separate IP sets and references both', () => {
    const { stack, synthesized } = synthConstruct((scope) => {
      const list = new IpAddressList(scope, 'blocklist', { name: 'blocklist', addresses: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32', '2001:db8:1::1/128'] });
      aclIn(scope, { rules: [WafRules.ipSet({ name: 'blocklist', action: 'block', ipSets: list.ipSets })] });
    });
    expect(resourcesOfType(stack, 'aws_wafv2_ip_set')).toHaveLength(2);
    expect(synthesized).toHaveResourceWithProperties(Wafv2IpSet, { name: 'blocklist-ipv4', ip_address_version: 'IPV4', scope: 'REGIONAL', addresses: ['203.0.113.0/24', '198.51.100.7/32'] });
    expect(synthesized).toHaveResourceWithProperties(Wafv2IpSet, { name: 'blocklist-ipv6', ip_address_version: 'IPV6', scope: 'REGIONAL', addresses: ['2001:db8::/32', '2001:db8:1::1/128'] });
    const rule = (onlyResource(stack, 'aws_wafv2_web_acl').rule as Array<{ statement: unknown }>)[0]!;
    expect(rule.statement).toEqual({
      or_statement: {
        statement: [
          { ip_set_reference_statement: { arn: expect.stringMatching(/^\$\{aws_wafv2_ip_set\.blocklist_ipv4_[0-9A-F]{8}\.arn\}$/) } },
          { ip_set_reference_statement: { arn: expect.stringMatching(/^\$\{aws_wafv2_ip_set\.blocklist_ipv6_[0-9A-F]{8}\.arn\}$/) } },
        ],
      },
    });
  });
});

describe('WebAclLogging', () => {
  const { stack, synthesized } = synthConstruct((scope) => {
    const acl = aclIn(scope, { preset: { name: 'api' } });
    acl.addLogging({ accountId: TEST_ACCOUNT_ID, partition: 'aws', redactedHeaders: ['x-api-key'] });
  });

  it('logs to an aws-waf-logs- group kept a year, encrypted with a dedicated key', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: 'aws-waf-logs-test-acl',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.acl_logging_key_[0-9A-F]{8}\.arn\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/waf-logs/test-acl' });
  });

  it('lets CloudWatch Logs use the key for this log group only', () => {
    const policy = JSON.parse(onlyResource(stack, 'aws_kms_key').policy as string) as { Statement: Array<Record<string, unknown>> };
    expect(policy.Statement).toContainEqual({
      Sid: 'CloudWatchLogsForThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'logs.us-east-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-east-1:${TEST_ACCOUNT_ID}:log-group:aws-waf-logs-test-acl` } },
    });
  });

  it('redacts authorization and cookie (and the extra headers) and keeps only blocked and counted requests', () => {
    expect(synthesized).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
      resource_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.acl_[0-9A-F]{8}\.arn\}$/),
      log_destination_configs: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.acl_logging_log-group_[0-9A-F]{8}\.arn\}$/)],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }, { single_header: { name: 'x-api-key' } }],
      logging_filter: {
        default_behavior: 'DROP',
        filter: [{ behavior: 'KEEP', requirement: 'MEETS_ANY', condition: [{ action_condition: { action: 'BLOCK' } }, { action_condition: { action: 'COUNT' } }] }],
      },
    });
  });

  it('logs to an aws-waf-logs- bucket instead, with no log group or key', () => {
    const s3Text = synthScope((scope) => {
      const acl = aclIn(scope, { rules: [geo('geo')] });
      acl.addLogging({ accountId: TEST_ACCOUNT_ID, partition: 'aws', destination: { type: 's3', bucketArn: 'arn:aws:s3:::aws-waf-logs-example' } });
    });
    expect(s3Text).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, { log_destination_configs: ['arn:aws:s3:::aws-waf-logs-example'] });
    expect(s3Text).not.toHaveResource(CloudwatchLogGroup);
    expect(s3Text).not.toHaveResource(KmsKey);
  });
});

describe('WebAclAssociation', () => {
  it('associates a regional ACL with an ALB', () => {
    const synthesized = synthScope((scope) => {
      aclIn(scope, { rules: [geo('geo')] }).associate('association-alb-web', ALB);
    });
    expect(synthesized).toHaveResourceWithProperties(Wafv2WebAclAssociation, { resource_arn: ALB, web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.acl_[0-9A-F]{8}\.arn\}$/) });
  });
});

describe('bad input', () => {
  const twoRules = (a: Partial<Parameters<typeof WafRules.geoMatch>[0]>, b: Partial<Parameters<typeof WafRules.geoMatch>[0]>): Partial<WebAclProps> => ({
    rules: [geo('a', a), geo('b', b)],
  });

  it.each<[string, Partial<WebAclProps>, RegExp]>([
    ['a priority is used twice', twoRules({ priority: 5 }, { priority: 5 }), /rules\[1\] "b"\.priority duplicates the priority of rule "a"; each rule needs its own priority \(got 5\)/],
    ['a pinned priority breaks the list order', twoRules({ priority: 5 }, { priority: 2 }), /rules\[1\] "b"\.priority must be higher than 5 \(rule "a" before it\)/],
    ['two rules share a name', { rules: [geo('same'), geo('same')] }, /rules\[1\] "same"\.name is already used by the rule with priority 0/],
    ['a metric name has a space', { rules: [geo('geo', { metricName: 'geo metric' })] }, /rules\[0\] "geo"\.metricName must be 1 to 255 letters, digits or "_#:.-\/" with no spaces .*\(got "geo metric"\)/],
    ['the ACL metric name is reserved', { metricName: 'Default_Action', rules: [geo('geo')] }, /metricName must not be "All" or "Default_Action"/],
    ['a rule name has bad characters', { rules: [geo('geo rule!')] }, /rules\[0\] "geo rule!"\.name must be 1 to 128 letters, digits, "_" or "-"/],
    ['a country code is not ISO alpha-2', { rules: [geo('geo', { countryCodes: ['US', 'UK'] })] }, /rules\[0\] "geo"\.statement\.countryCodes\[1\] must be an upper-case ISO 3166-1 alpha-2 country code .*\(did you mean GB\?\) \(got "UK"\)/],
    ['a rate limit is below 10', { rules: [WafRules.rateBased({ name: 'rate', limit: 9 })] }, /rules\[0\] "rate"\.limit must be a whole number from 10 to 2,000,000,000 requests per evaluation window \(got 9\)/],
    ['a rate limit is above 2,000,000,000', { rules: [WafRules.rateBased({ name: 'rate', limit: 3_000_000_000 })] }, /rules\[0\] "rate"\.limit must be a whole number from 10 to 2,000,000,000/],
    ['an evaluation window is not offered', { rules: [WafRules.rateBased({ name: 'rate', limit: 100, evaluationWindowSec: 900 })] }, /rules\[0\] "rate"\.evaluationWindowSec must be one of 60, 120, 300, 600 \(got 900\)/],
    [
      'FORWARDED_IP has no header',
      { rules: [WafRules.rateBased({ name: 'rate', limit: 100, aggregateKeyType: 'FORWARDED_IP' })] },
      /rules\[0\] "rate"\.forwardedIpConfig is required when aggregateKeyType is "FORWARDED_IP"/,
    ],
    [
      'a block response names a body that does not exist',
      { rules: [geo('geo', { blockResponse: { responseCode: 403, customResponseBodyKey: 'missing' } })] },
      /rules\[0\] "geo"\.blockResponse\.customResponseBodyKey must be a key of customResponseBodies \(none defined\) \(got "missing"\)/],
    ['a block response is given for a count action', { rules: [geo('geo', { action: 'count', blockResponse: { responseCode: 403 } })] }, /rules\[0\] "geo"\.blockResponse can only be given when action is "block"/],
    [
      'and/or/not nest deeper than the provider accepts',
      {
        rules: [
          WafRules.statement({
            name: 'deep',
            action: 'block',
            statement: WafStatements.not(WafStatements.not(WafStatements.not(WafStatements.not(WafStatements.geoMatch({ countryCodes: ['KP'] }))))),
          }),
        ],
      },
      /rules\[0\] "deep"\.statement nests and\/or\/not statements too deeply: the provider accepts 3 levels in a rule statement/,
    ],
    [
      'Bot Control settings are given for another group',
      { rules: [WafRules.managedRuleGroup({ groupName: 'AWSManagedRulesSQLiRuleSet', botControl: { inspectionLevel: 'COMMON' } })] },
      /rules\[0\] "AWSManagedRulesSQLiRuleSet"\.botControl can only be given for AWSManagedRulesBotControlRuleSet/,
    ],
    [
      'a third-party group has no capacity',
      { rules: [WafRules.managedRuleGroup({ vendorName: 'Fortinet', groupName: 'all_rules' })] },
      /rules\[0\] "all_rules"\.capacity is required for Fortinet\/all_rules, which is not in the table of published capacities/,
    ],
    ['a JSON response body is not JSON', { customResponseBodies: { err: { content: '{oops', contentType: 'APPLICATION_JSON' } }, rules: [geo('geo')] }, /customResponseBodies\.err\.content must be valid JSON/],
    ['the ACL has no rules', {}, /rules\/preset must give at least one rule or a preset/],
    ['a default block response is given with an allow default', { defaultBlockResponse: { responseCode: 403 }, rules: [geo('geo')] }, /acl: defaultBlockResponse can only be given when defaultAction is "block" \(defaultAction is "allow"\)/],
    ['the capacity limit is above 5,000', { capacityLimit: 6000, rules: [geo('geo')] }, /capacityLimit must be a whole number of WCUs from 1 to 5,000 \(got 6000\)/],
  ])('fails when %s', (_what, props, message) => {
    expect(aclError(props).message).toMatch(message);
  });

  it('fails over the capacity limit, printing the per-rule breakdown', () => {
    const error = aclError({
      preset: { name: 'web' },
      rules: [WafRules.managedRuleGroup({ name: 'linux', groupName: 'AWSManagedRulesLinuxRuleSet' }), WafRules.managedRuleGroup({ name: 'php', groupName: 'AWSManagedRulesPHPRuleSet' })],
    });
    expect(error.message).toMatch(/^test-stack\/acl: capacityLimit is exceeded: the rules need 1,527 WCUs; remove or scope down rules, or raise capacityLimit \(at most 5,000\) \(got 1500\)\n/);
    const lines = error.message.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\s+priority\s+rule\s+WCUs\s+kind$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+0\s+linux\s+200\s+managed AWS\/AWSManagedRulesLinuxRuleSet$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+5\s+core-rule-set\s+700\s+managed AWS\/AWSManagedRulesCommonRuleSet$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+8\s+bot-control\s+50\s+managed AWS\/AWSManagedRulesBotControlRuleSet \(COMMON\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\s+total\s+1,527$/));
    // The same rules fit under a raised limit.
    expect(() => aclIn(testStack(), { capacityLimit: 1600, preset: { name: 'web' }, rules: [WafRules.managedRuleGroup({ groupName: 'AWSManagedRulesLinuxRuleSet' }), WafRules.managedRuleGroup({ groupName: 'AWSManagedRulesPHPRuleSet' })] })).not.toThrow();
  });

  it('fails when a CLOUDFRONT ACL is built outside us-east-1, naming the setting and the Region', () => {
    expect(() => new WebAcl(stackIn('eu-west-1'), 'acl', { name: 'edge', scope: 'CLOUDFRONT', rules: [geo('geo')] })).toThrow(
      /acl: scope can only be CLOUDFRONT in a us-east-1 stack \(this stack's Region is eu-west-1\); create the ACL in a us-east-1 stack or use REGIONAL \(got "CLOUDFRONT"\)/,
    );
  });

  it('fails when a CLOUDFRONT ACL is associated (it is attached on the distribution)', () => {
    const stack = testStack();
    const acl = aclIn(stack, { scope: 'CLOUDFRONT', rules: [geo('geo')] });
    expect(() => acl.associate('association', ALB)).toThrow(/acl\/association: webAcl must be a REGIONAL web ACL: a CLOUDFRONT ACL is attached on the distribution/);
  });

  it.each([
    ['not an ALB, API Gateway stage or AppSync API', 'arn:aws:s3:::bucket', /resourceArn must be the ARN of an Application Load Balancer, an API Gateway REST API stage or an AppSync API/],
    ['in another Region', ALB.replace('us-east-1', 'eu-west-1'), /resourceArn is in eu-west-1 but the web ACL is in us-east-1/],
  ])('fails to associate a resource %s', (_what, arn, message) => {
    const stack = testStack();
    const acl = aclIn(stack, { rules: [geo('geo')] });
    expect(() => new WebAclAssociation(stack, 'association', { webAcl: acl, resourceArn: arn })).toThrow(message);
  });

  it('fails when an IP set has another scope than the ACL', () => {
    const stack = testStack();
    const edge = new IpSet(stack, 'edge', { name: 'edge', ipAddressVersion: 'IPV4', scope: 'CLOUDFRONT', addresses: ['203.0.113.0/24'] });
    expect(() => aclIn(stack, { rules: [WafRules.ipSet({ name: 'edge', action: 'block', ipSets: [edge] })] })).toThrow(
      /rules\[0\] "edge"\.statement\.ipSets\[0\]\.ipSet has scope CLOUDFRONT but the web ACL's scope is REGIONAL/,
    );
  });

  it.each([
    ['host bits are set', ['203.0.113.5/24'], /addresses\[0\] has host bits set after \/24; give the network address of the range \(got "203\.0\.113\.5\/24"\)/],
    ['the prefix length is missing', ['203.0.113.5'], /addresses\[0\] must be a CIDR range with its prefix length/],
    ['the range is /0', ['0.0.0.0/0'], /addresses\[0\] must have an IPv4 prefix length from \/1 to \/32 \(WAF refuses \/0\)/],
    ['an octet is out of range', ['203.0.113.256/32'], /addresses\[0\] is not an IPv4 or IPv6 address with a prefix length/],
    ['an IPv6 range is in an IPv4 set', ['2001:db8::/32'], /addresses\[0\] is an IPv6 range but the set is IPv4; IPv4 and IPv6 ranges go in separate IP sets/],
    ['a range is listed twice', ['203.0.113.0/24', '203.0.113.0/24'], /addresses\[1\] repeats addresses\[0\]/],
  ])('fails when %s in an IP set', (_what, addresses, message) => {
    expect(() => new IpSet(testStack(), 'set', { name: 'set', ipAddressVersion: 'IPV4', addresses })).toThrow(message);
  });

  it('fails when an IPv6 range has host bits set in a mixed list', () => {
    expect(() => new IpAddressList(testStack(), 'list', { name: 'list', addresses: ['203.0.113.0/24', '2001:db8::1/64'] })).toThrow(/list: addresses\[1\] has host bits set after \/64/);
  });

  it.each([
    ['a retention under a year', { type: 'cloudwatch-logs' as const, retentionDays: 90 }, /logging: destination\.retentionDays must be a CloudWatch Logs retention of a year or more: 365, 400/],
    ['a log group without the aws-waf-logs- prefix', { type: 'cloudwatch-logs' as const, logGroupName: 'waf' }, /logging: destination\.logGroupName must start with "aws-waf-logs-"/],
    ['a bucket without the aws-waf-logs- prefix', { type: 's3' as const, bucketArn: 'arn:aws:s3:::logs' }, /logging: destination\.bucketArn must be the ARN of a bucket whose name starts with "aws-waf-logs-"/],
  ])('fails to log with %s', (_what, destination, message) => {
    const acl = aclIn(testStack(), { rules: [geo('geo')] });
    expect(() => new WebAclLogging(acl, 'logging', { webAcl: acl, accountId: TEST_ACCOUNT_ID, partition: 'aws', destination })).toThrow(message);
  });
});

describe('terraform', () => {
  it('validates and plans a regional ACL with a preset, custom rules, logging and an association, and a CloudFront ACL', () => {
    const app = testApp();
    const stack = testStack('waf-stack', app);
    const allow = new IpAddressList(stack, 'office', { name: 'office', addresses: ['198.51.100.0/24', '2001:db8:10::/48'] });
    const regional = new WebAcl(stack, 'regional', {
      name: 'regional',
      customResponseBodies: { 'too-many': { content: '{"error":"rate limited"}', contentType: 'APPLICATION_JSON' } },
      rules: [
        WafRules.ipSet({ name: 'office', action: 'allow', ipSets: allow.ipSets }),
        WafRules.statement({ name: 'body-8kb', action: 'block', statement: WafStatements.sizeConstraint({ field: FieldToMatch.body(), comparisonOperator: 'GT', size: 8192 }) }),
        WafRules.statement({
          name: 'admin-paths',
          action: 'block',
          statement: WafStatements.and(
            WafStatements.regexMatch({ field: FieldToMatch.uriPath(), regexString: '^/(admin|wp-admin)', textTransformations: ['URL_DECODE', 'LOWERCASE'] }),
            WafStatements.not(WafStatements.geoMatch({ countryCodes: ['GB', 'IE'] })),
          ),
        }),
      ],
      preset: {
        name: 'web',
        blockedCountries: ['KP'],
        adjust: { 'core-rule-set': { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', action: 'count' }] } },
        append: [
          WafRules.rateBased({
            name: 'login-rate',
            limit: 100,
            evaluationWindowSec: 60,
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ key: 'ip' }, { key: 'uri-path' }],
            blockResponse: { responseCode: 429, customResponseBodyKey: 'too-many' },
            scopeDownStatement: WafStatements.byteMatch({ field: FieldToMatch.uriPath(), positionalConstraint: 'EXACTLY', searchString: '/login' }),
          }),
        ],
      },
    });
    regional.addLogging({ accountId: TEST_ACCOUNT_ID, partition: 'aws' });
    regional.associate('association-alb-web', ALB);
    const edge = new WebAcl(stack, 'edge', { name: 'edge', scope: 'CLOUDFRONT', preset: { name: 'api' } });
    edge.addLogging({ accountId: TEST_ACCOUNT_ID, partition: 'aws', destination: { type: 's3', bucketArn: 'arn:aws:s3:::aws-waf-logs-edge-example' } });
    const outdir = synthApp(app);
    expect(resourcesOfType(stackJson(outdir, 'waf-stack'), 'aws_wafv2_web_acl')).toHaveLength(2);
    expectValidAndPlannable(outdir, ['waf-stack']);
  });
});
