import { matchingActions } from '../../modules/iam/action-catalogue';
import {
  IAM_ACTION_CATALOGUE,
  PROTECTED_SERVICES,
  PROTECTION_ADDITIONS,
  STAY_ALLOWED,
  allSecurityServiceTamperActions,
  compressedTamperActions,
  securityServiceTamperActions,
  type ActionCatalogue,
} from '../../modules/iam/guardrail-actions';
import { DISABLING_VERBS, disablingVerbOf } from '../../modules/iam/protection-verbs';
import { PolicyTargetCounter, SCP_SIZE_LIMIT, protectSecurityServicesPolicy, scpSizeProblem } from '../../modules/organizations';
import { Policy } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';
import { ALLOW_ALL, evaluate } from '../support/iam-policy-eval';

const exemption = { breakGlassTag: { key: 'break-glass', value: 'true' }, exemptPrincipalArns: ['arn:aws:iam::*:role/baseline-deploy'] };
const alerting = { topicNames: ['acme-security-alerts'], ruleNames: ['guardduty-findings-to-alerts', 'securityhub-findings-to-alerts'], logGroupNamePatterns: ['/vpc-flow-logs/*'] };

/** The hand-written list the derived protection replaced: everything in it must stay covered. */
const FORMER_HAND_LIST = [
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:PutInsightSelectors',
  'cloudtrail:DeleteEventDataStore', 'cloudtrail:StopEventDataStoreIngestion',
  'guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromAdministratorAccount', 'guardduty:DisassociateFromMasterAccount',
  'guardduty:DisassociateMembers', 'guardduty:DeleteMembers', 'guardduty:StopMonitoringMembers', 'guardduty:DeletePublishingDestination',
  'guardduty:UpdatePublishingDestination', 'guardduty:CreateFilter', 'guardduty:UpdateFilter', 'guardduty:CreateIPSet', 'guardduty:UpdateIPSet',
  'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:PutConfigurationRecorder', 'config:DeleteDeliveryChannel',
  'config:PutDeliveryChannel', 'config:DeleteConfigurationAggregator', 'config:DeleteRetentionConfiguration',
  'securityhub:DisableSecurityHub', 'securityhub:DisassociateFromAdministratorAccount', 'securityhub:DisassociateFromMasterAccount',
  'securityhub:DisassociateMembers', 'securityhub:DeleteMembers', 'securityhub:BatchDisableStandards', 'securityhub:DisableImportFindingsForProduct',
  'securityhub:UpdateStandardsControl',
  'access-analyzer:DeleteAnalyzer', 'access-analyzer:CreateArchiveRule', 'access-analyzer:UpdateArchiveRule', 'access-analyzer:ApplyArchiveRule',
];

/** True when one of the patterns matches the action (IAM's case-insensitive wildcard match). */
function covered(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action));
}

describe('the verb rules', () => {
  it.each([
    ['DeleteDetector', 'Delete'], ['BatchDisableStandards', 'BatchDisable'], ['StopLogging', 'Stop'], ['DisassociateMembers', 'Disassociate'],
    ['DeregisterOrganizationDelegatedAdmin', 'Deregister'], ['RemoveTags', 'Remove'],
  ])('%s is disabling (%s)', (name, verb) => {
    expect(disablingVerbOf(name)).toBe(verb);
  });

  it.each(['BatchUpdateFindings', 'GetFindings', 'UpdateFindingsFeedback', 'PutEvaluations', 'Stopwatch', 'Deleted'])('%s is not disabling', (name) => {
    expect(disablingVerbOf(name)).toBeUndefined();
  });
});

describe('the security-service protection, derived from the IAM action catalogue', () => {
  const derived = securityServiceTamperActions();
  const patterns = allSecurityServiceTamperActions();

  it('covers every action the former hand-written list covered', () => {
    expect(FORMER_HAND_LIST.filter((a) => !covered(patterns, a))).toEqual([]);
  });

  it('covers every catalogued action a disabling verb matches, except the reasoned STAY_ALLOWED ones, and every addition', () => {
    const stay = new Set(STAY_ALLOWED.map((a) => a.action));
    for (const service of PROTECTED_SERVICES) {
      for (const name of IAM_ACTION_CATALOGUE.actionsOfService(service)) {
        const action = `${service}:${name}`;
        const expected = (disablingVerbOf(name) !== undefined && !stay.has(action)) || PROTECTION_ADDITIONS.some((a) => a.action === action);
        expect({ action, covered: covered(patterns, action) }).toEqual({ action, covered: expected });
      }
    }
    expect(Object.values(derived).flat().length).toBeGreaterThan(80);
  });

  it('uses a prefix wildcard only where the catalogue proves it matches nothing that must stay allowed', () => {
    const wildcards = patterns.filter((p) => p.includes('*'));
    expect(wildcards).toEqual(expect.arrayContaining(['guardduty:Disable*', 'cloudtrail:Delete*', 'securityhub:BatchDisable*']));
    const denied = new Set(Object.values(derived).flat().map((a) => a.toLowerCase()));
    for (const wildcard of wildcards) {
      const matches = matchingActions(wildcard);
      expect(matches.length).toBeGreaterThan(0);
      expect({ wildcard, outside: matches.filter((a) => !denied.has(a.toLowerCase())) }).toEqual({ wildcard, outside: [] });
    }
    // securityhub:DeleteInsight must stay allowed, so securityhub's deletes are listed one by one
    expect(patterns).not.toContain('securityhub:Delete*');
    expect(patterns).toContain('securityhub:DeleteMembers');
  });

  it('covers a newly catalogued disabling action of a protected service without a code change', () => {
    const fake: ActionCatalogue = {
      actionsOfService: (service) => [
        ...IAM_ACTION_CATALOGUE.actionsOfService(service),
        ...(service === 'guardduty' ? ['DisableRuntimeMonitoringV3'] : []),
        ...(service === 'securityhub' ? ['DeleteAutomationRuleV3'] : []),
        ...(service === 'config' ? ['StopAggregatorReplication'] : []),
      ],
    };
    const before = compressedTamperActions();
    const after = compressedTamperActions(fake);
    for (const action of ['guardduty:DisableRuntimeMonitoringV3', 'securityhub:DeleteAutomationRuleV3', 'config:StopAggregatorReplication']) {
      expect(covered(after, action)).toBe(true);
    }
    // under a proven wildcard (guardduty:Disable*) the policy text does not even change; elsewhere the action is listed
    expect(after.filter((a) => a.startsWith('guardduty:'))).toEqual(before.filter((a) => a.startsWith('guardduty:')));
    expect(after).toContain('securityhub:DeleteAutomationRuleV3');
    expect(securityServiceTamperActions(fake).securityhub).toContain('securityhub:DeleteAutomationRuleV3');
  });

  it('fits the 5,120-character SCP limit with the alerting resources', () => {
    const policy = protectSecurityServicesPolicy(exemption, { partition: 'aws', alerting });
    expect(scpSizeProblem(policy)).toBeUndefined();
    expect(policy.size).toBeLessThan(SCP_SIZE_LIMIT);
  });
});

describe('the protection SCP, evaluated', () => {
  const scp = JSON.parse(protectSecurityServicesPolicy(exemption, { partition: 'aws', alerting }).toJson()) as Record<string, unknown>;
  const member = '555555555555';
  const call = (principal: string, action: string, resource = '*', tags: Record<string, string> = {}) =>
    evaluate({
      principal,
      action,
      resource,
      resourceAccount: member,
      identityPolicies: [ALLOW_ALL],
      scpLevels: [[scp]],
      context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': member, ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])) },
    });
  const admin = `arn:aws:iam::${member}:role/admin`;

  it.each([
    ['guardduty:DeleteDetector', `arn:aws:guardduty:us-east-1:${member}:detector/abc`],
    ['cloudtrail:StopLogging', `arn:aws:cloudtrail:us-east-1:${member}:trail/t`],
    ['config:DeleteConfigurationRecorder', '*'],
    ['securityhub:BatchDisableStandards', '*'],
    ['guardduty:CreateFilter', `arn:aws:guardduty:us-east-1:${member}:detector/abc/filter/hide-all`],
    ['events:DeleteRule', `arn:aws:events:us-east-1:${member}:rule/guardduty-findings-to-alerts`],
    ['sns:DeleteTopic', `arn:aws:sns:us-east-1:${member}:acme-security-alerts`],
    ['logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${member}:log-group:/vpc-flow-logs/main`],
    ['ec2:DeleteFlowLogs', `arn:aws:ec2:us-east-1:${member}:vpc-flow-log/fl-1`],
  ])('denies a member administrator %s', async (action, resource) => {
    expect(await call(admin, action, resource)).toBe('ExplicitlyDenied');
  });

  it.each([
    ['securityhub:BatchUpdateFindings', '*'],
    ['securityhub:DeleteInsight', `arn:aws:securityhub:us-east-1:${member}:hub/default`],
    ['guardduty:ArchiveFindings', '*'],
    ['events:DeleteRule', `arn:aws:events:us-east-1:${member}:rule/my-app-rule`],
    ['logs:DeleteLogGroup', `arn:aws:logs:us-east-1:${member}:log-group:/my-app/logs`],
  ])('still allows %s on what is not a control', async (action, resource) => {
    expect(await call(admin, action, resource)).toBe('Allowed');
  });

  it('lets the deploy role and a break-glass principal through', async () => {
    expect(await call(`arn:aws:iam::${member}:role/baseline-deploy`, 'guardduty:DeleteDetector')).toBe('Allowed');
    expect(await call(admin, 'guardduty:DeleteDetector', '*', { 'break-glass': 'true' })).toBe('Allowed');
  });
});

describe('the per-target policy count', () => {
  it('fails with the numbers when a target would carry more than 5 SCPs including FullAWSAccess', () => {
    const counter = new PolicyTargetCounter();
    for (const name of ['a', 'b', 'c', 'd', 'e']) counter.attach(name, ['r-a1b2']);
    counter.attach('f', ['555555555555']);
    expect(counter.problems()).toEqual([
      'r-a1b2 would carry 6 SCPs (FullAWSAccess, a, b, c, d, e); AWS allows 5 per root, OU or account including FullAWSAccess: attach 1 of them to other OUs or accounts instead, or disable one',
    ]);
  });

  it('reports an SCP over the size limit with both numbers', () => {
    const big = Policy.of(...Array.from({ length: 60 }, (_, i) => Statement.deny({ sid: `D${i}`, actions: ['s3:DeleteBucket'], resources: [`arn:aws:s3:::bucket-number-${i}-with-a-long-name`] })));
    expect(scpSizeProblem(big)).toMatch(/^is \d+ characters without whitespace, over the 5120-character limit of a service control policy by \d+/);
  });
});

it('lists every disabling verb once', () => {
  expect(new Set(DISABLING_VERBS).size).toBe(DISABLING_VERBS.length);
});
