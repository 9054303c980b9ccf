import { Construct } from 'constructs';
import { accountWithRole, type Organization } from '../../config/organization';
import { arn } from '../../modules/core/arn';
import { AccountBudget, CostAllocationTags, CostAnomalyDetection } from '../../modules/cost';
import { AlertTopic } from '../../modules/detection/alerts';
import { ManagedRules } from '../../modules/detection/aws-config';
import { Trail } from '../../modules/detection/cloudtrail';
import {
  AutomationInvokeRole,
  ConfigRemediation,
  GuardDutyContainment,
  RunbookExecutionRole,
  containmentRunbook,
  remediationRunbook,
} from '../../modules/detection/remediation';
import { PermissionsBoundary } from '../../modules/iam/permissions-boundary';
import {
  CloudTrailTable,
  InvestigationWorkgroup,
  InvestigatorRole,
  SavedQueries,
  trailReaderBucketStatements,
  trailReaderKeyStatement,
  type TrailReader,
} from '../../modules/investigation';
import { LogArchive } from '../../modules/log-archive';
import { ServiceControlPolicy, quarantinePolicy } from '../../modules/organizations';
import type { AccountBaselineStack } from '../baseline-stack';
import { detectionNames } from '../naming';

/** Physical names of the incident-response and cost resources, derived from config only. */
export function responseNames(org: Organization) {
  const security = accountWithRole(org, 'security');
  return {
    remediationRole: (runbookId: string) => `${org.name}-remediate-${runbookId}`,
    containmentRole: (runbookId: string) => `${org.name}-contain-${runbookId}`,
    containmentStartRole: (runbookId: string) => `${org.name}-contain-${runbookId}-start`,
    containmentRule: (runbookId: string) => `${org.name}-contain-${runbookId}`,
    quarantineScp: `${org.name}-quarantine`,
    workgroup: `${org.name}-investigation`,
    investigationDatabase: `${org.name.replace(/-/g, '_')}_investigation`,
    investigationTable: 'cloudtrail',
    investigationResultsBucket: `${org.name}-investigation-${security.id}`,
    investigationKeyAlias: `${org.name}/investigation`,
    investigatorRole: `${org.name}-investigator`,
    trailKeyAlias: `${org.name}/cloudtrail`,
    costAlertTopic: `${org.name}-cost-alerts`,
    budget: (accountName: string) => `${org.name}-${accountName}-monthly`,
    anomalyMonitor: `${org.name}-services`,
  };
}

/**
 * Adds the incident-response and cost modules (everything off by default, switched on in `response` and `cost`):
 * - every account and Region with AWS Config: the remediation configurations of `response.remediation`, each with
 *   its runbook's execution role (home Region; IAM is global);
 * - every account and Region with GuardDuty: the containment rules of `response.containment` for the account's own
 *   findings, with the runbook's execution role and the role EventBridge starts it with (home Region);
 * - management, home Region: the quarantine SCP, the budgets per account, Cost Anomaly Detection and the
 *   cost-allocation tags, with the cost alert topic; the trail key's decrypt grant for the investigator;
 * - security, home Region: the investigation workgroup, the CloudTrail table, saved queries and investigator role;
 * - log-archive, home Region: the trail bucket's read grant for the investigator.
 * Runs after composeDetection (it finds the Config rules, trail and log archive that composition made).
 */
export function composeResponse(stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const scope = new Construct(stack, 'response');
  // A non-home stack references roles made in the account's home stack by name: deploy after it.
  const home = stack.registry.all().find((s) => s.account.id === account.id && s.isHomeRegion);
  const needsHome = org.response.remediation.length > 0 || org.response.containment.length > 0;
  if (needsHome && home && home !== stack) stack.addDependency(home);

  if (org.detection.config.enabled && org.response.remediation.length > 0) composeRemediation(scope, stack);
  if (org.detection.guardDuty.enabled && org.response.containment.length > 0) composeContainment(scope, stack);
  if (!stack.isHomeRegion) return;
  if (account.role === 'management') {
    if (org.response.quarantine.enabled) composeQuarantine(scope, stack);
    composeCost(scope, stack);
  }
  if (org.response.investigation.enabled) composeInvestigation(scope, stack);
}

function composeRemediation(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const names = responseNames(org);
  const rules = stack.node.findAll().find((c): c is ManagedRules => c instanceof ManagedRules);
  for (const item of org.response.remediation) {
    const definition = org.detection.config.rules.find((r) => r.name === item.rule)!;
    const runbook = remediationRunbook(item.runbook);
    if (!runbook) throw new Error(`config rule bypassed at response.remediation: ${item.runbook}`); // unreachable: response schema (pinned runbooks)
    if (definition.homeRegionOnly && !stack.isHomeRegion) continue;
    const roleName = names.remediationRole(runbook.id);
    if (stack.isHomeRegion) {
      new RunbookExecutionRole(scope, `remediation-role-${runbook.id}`, {
        ...stack.accountContext,
        regions: account.regions,
        roleName,
        description: `AWS Config remediation ${runbook.name}: ${runbook.summary}`,
        permissions: runbook.permissions,
      });
    }
    new ConfigRemediation(scope, `remediation-${item.rule}`, {
      ruleName: item.rule,
      rule: rules?.rules.find((r) => r.name === item.rule),
      runbook,
      executionRoleArn: arn.role(org.partition, account.id, roleName),
      automatic: item.automatic,
      maximumAutomaticAttempts: item.maximumAutomaticAttempts,
      retryAttemptSeconds: item.retryAttemptSeconds,
    });
  }
}

function composeContainment(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const names = responseNames(org);
  for (const route of org.response.containment) {
    const runbook = containmentRunbook(route.runbook);
    if (!runbook) throw new Error(`config rule bypassed at response.containment: ${route.runbook}`); // unreachable: response schema (pinned runbooks)
    const automationRoleArn = arn.role(org.partition, account.id, names.containmentRole(runbook.id));
    const invokeRoleArn = arn.role(org.partition, account.id, names.containmentStartRole(runbook.id));
    if (stack.isHomeRegion) {
      new RunbookExecutionRole(scope, `containment-role-${runbook.id}`, {
        ...stack.accountContext,
        regions: account.regions,
        roleName: names.containmentRole(runbook.id),
        description: `GuardDuty containment ${runbook.name}: ${runbook.summary}`,
        permissions: runbook.permissions,
      });
      new AutomationInvokeRole(scope, `containment-start-role-${runbook.id}`, {
        ...stack.accountContext,
        regions: account.regions,
        roleName: names.containmentStartRole(runbook.id),
        runbookName: runbook.name,
        automationRoleArn,
      });
    }
    new GuardDutyContainment(scope, `containment-${runbook.id}`, {
      ...stack.accountContext,
      ruleName: names.containmentRule(runbook.id),
      runbook,
      findingTypes: route.findingTypes,
      minimumSeverity: route.minimumSeverity,
      invokeRoleArn,
      automationRoleArn,
    });
  }
}

function composeQuarantine(scope: Construct, stack: AccountBaselineStack): void {
  const { org } = stack;
  const settings = org.response.quarantine;
  const targetIds = settings.targets.map((target) => org.accounts.find((a) => a.name === target)?.id ?? target);
  new ServiceControlPolicy(scope, 'quarantine', {
    policyName: responseNames(org).quarantineScp,
    description: 'Quarantine: everything denied except responders and break-glass',
    policy: quarantinePolicy({
      breakGlassTag: { key: org.identity.breakGlass.tagKey, value: org.identity.breakGlass.tagValue },
      responderRoleArnPatterns: settings.responderRoleArnPatterns,
    }),
    targetIds,
  });
}

function composeCost(scope: Construct, stack: AccountBaselineStack): void {
  const { org } = stack;
  const settings = org.cost;
  const names = responseNames(org);
  if (settings.costAllocationTags.length > 0) new CostAllocationTags(scope, 'cost-allocation-tags', { tagKeys: settings.costAllocationTags });
  if (!settings.budgets.enabled && !settings.anomalyDetection.enabled) return;
  const topic = new AlertTopic(scope, 'cost-alert-topic', {
    ...stack.accountContext,
    topicName: names.costAlertTopic,
    aliasPrefix: `${org.name}/alerts`,
    emailEndpoints: org.alerts.emails,
    httpsEndpoints: org.alerts.httpsEndpoints,
    costPublishers: true,
  });
  if (settings.budgets.enabled) {
    for (const account of org.accounts) {
      new AccountBudget(scope, `budget-${account.name}`, {
        budgetName: names.budget(account.name),
        linkedAccountId: account.id,
        monthlyLimitUsd: account.cost.monthlyBudgetUsd ?? settings.budgets.monthlyLimitUsd,
        actualThresholdPercents: settings.budgets.actualThresholdPercents,
        forecastThresholdPercents: settings.budgets.forecastThresholdPercents,
        topicArn: topic.topicArn,
      });
    }
  }
  if (settings.anomalyDetection.enabled) {
    new CostAnomalyDetection(scope, 'cost-anomaly-detection', {
      monitorName: names.anomalyMonitor,
      impactThresholdUsd: settings.anomalyDetection.impactThresholdUsd,
      topicArn: topic.topicArn,
    });
  }
}

/** The investigator role, as the trail's bucket and key grant it. */
export function investigationReader(org: Organization): TrailReader {
  const security = accountWithRole(org, 'security');
  return { partition: org.partition, accountId: security.id, roleArn: arn.role(org.partition, security.id, responseNames(org).investigatorRole) };
}

function composeInvestigation(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const names = responseNames(org);
  const detection = detectionNames(org);
  const reader = investigationReader(org);
  if (account.role === 'log-archive') {
    const logArchive = stack.node.findAll().find((c): c is LogArchive => c instanceof LogArchive);
    for (const statement of trailReaderBucketStatements(arn.bucket(org.partition, detection.trailBucket), org.organizationId, reader)) {
      logArchive?.trailBucket?.addToResourcePolicy(statement);
    }
  }
  if (account.role === 'management') {
    const trail = stack.node.findAll().find((c): c is Trail => c instanceof Trail);
    trail?.key.addToResourcePolicy(trailReaderKeyStatement(org.homeRegion, reader));
  }
  if (account.role !== 'security') return;
  const settings = org.response.investigation;
  const workgroup = new InvestigationWorkgroup(scope, 'investigation-workgroup', {
    ...stack.accountContext,
    workgroupName: names.workgroup,
    resultsBucketName: names.investigationResultsBucket,
    keyAliasName: names.investigationKeyAlias,
    resultsRetentionDays: settings.resultsRetentionDays,
    accessLogsDisabledReason: 'query results are short-lived copies of trail data; every query is itself recorded by the organisation trail (Athena and S3 data events)',
  });
  const table = new CloudTrailTable(scope, 'cloudtrail-table', {
    databaseName: names.investigationDatabase,
    tableName: names.investigationTable,
    bucketName: detection.trailBucket,
    organizationId: org.organizationId,
    accountIds: org.accounts.map((a) => a.id),
    regions: org.allowedRegions,
    firstDate: settings.firstDate,
  });
  // References, not names: the queries are created after the workgroup and database exist (Athena refuses them before).
  new SavedQueries(scope, 'saved-queries', { workgroupName: workgroup.workgroup.name, databaseName: table.database.name, tableName: table.tableName });
  const boundary = stack.node.findAll().find((c): c is PermissionsBoundary => c instanceof PermissionsBoundary);
  if (!boundary) throw new Error('config rule bypassed at response.investigation: the identity composition makes a permissions boundary in every home stack'); // unreachable: composeIdentity
  new InvestigatorRole(scope, 'investigator-role', {
    roleName: names.investigatorRole,
    principalArnPatterns: settings.principalArnPatterns,
    permissionsBoundary: boundary,
    access: {
      partition: org.partition,
      accountId: account.id,
      region: stack.region,
      workgroupArn: workgroup.workgroupArn,
      databaseName: table.databaseName,
      tableName: table.tableName,
      resultsBucketArn: workgroup.resultsBucket.bucketArn,
      resultsKeyArn: workgroup.key.keyArn,
      trailBucketArn: arn.bucket(org.partition, detection.trailBucket),
      organizationId: org.organizationId,
      trailKey: { accountId: accountWithRole(org, 'management').id, region: org.homeRegion, aliasName: names.trailKeyAlias },
    },
  });
}
