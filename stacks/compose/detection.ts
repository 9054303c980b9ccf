import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Annotations } from 'cdktf';
import { accountWithRole, type Organization } from '../../config/organization';
import type { AwsRegion } from '../../config/regions';
import { arn } from '../../modules/core/arn';
import { AlertTopic, GuardDutyAlertRule, SecurityHubAlertRule, type IAlertTopic } from '../../modules/detection/alerts';
import { ConfigRecorder, ConformancePack, ManagedRules, OrganizationAggregator } from '../../modules/detection/aws-config';
import { controlTowerGoverns } from '../../config/settings/control-tower';
import { CisAlarms } from '../../modules/detection/cis';
import { Trail } from '../../modules/detection/cloudtrail';
import { SecurityContact } from '../../modules/detection/contact';
import {
  GuardDutyDelegatedAdmin,
  GuardDutyDetector,
  GuardDutyFindingsExport,
  GuardDutyOrganizationConfiguration,
  type GuardDutyExportSource,
} from '../../modules/detection/guardduty';
import { InspectorDelegatedAdmin, InspectorOrganization } from '../../modules/detection/inspector';
import { MacieAccount, MacieClassificationJob, MacieDelegatedAdmin, MacieOrganizationConfiguration } from '../../modules/detection/macie';
import { FindingAggregator, SecurityHub, SecurityHubDelegatedAdmin, SecurityHubOrganizationConfiguration } from '../../modules/detection/securityhub';
import { DelegatedAdministrator } from '../../modules/organizations';
import { LogArchive } from '../../modules/log-archive';
import type { AccountBaselineStack } from '../baseline-stack';
import { detectionNames, trailArn } from '../naming';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Gaps in coverage: organisation-wide detection is delegated from the management account and run from the security
 * account Region by Region, so a Region where one of them does not run has no organisation configuration (the
 * stacks leave it out rather than fail at apply), and findings from a Region the security account does not run in
 * reach nobody. Reported as synth warnings.
 */
export function detectionCoverageGaps(org: Organization): string[] {
  const security = accountWithRole(org, 'security');
  const management = accountWithRole(org, 'management');
  const gaps: string[] = [];
  for (const region of [...new Set(org.accounts.flatMap((a) => a.regions))]) {
    const users = org.accounts.filter((a) => a.regions.includes(region)).map((a) => a.name);
    if (!security.regions.includes(region)) {
      gaps.push(`${region}: the security account does not run there, so findings of ${users.join(', ')} in ${region} are not aggregated or routed`);
    } else if (!management.regions.includes(region)) {
      gaps.push(`${region}: the management account does not run there, so no delegated administrator is set and the organisation-wide configuration of GuardDuty, Security Hub, Inspector and Macie is left out in ${region}`);
    }
  }
  return gaps;
}

/** True when the security account administers detection in this Region (management delegates there too). */
function administeredIn(org: Organization, region: AwsRegion): boolean {
  return accountWithRole(org, 'security').regions.includes(region) && accountWithRole(org, 'management').regions.includes(region);
}

/**
 * Adds the detection modules an account gets in this stack:
 * - every account and Region: a GuardDuty detector, an AWS Config recorder (global types in the home Region only)
 *   with the managed rules and conformance packs, Security Hub with the configured standards, Macie when enabled;
 *   home Region: the SECURITY alternate contact (CIS 1.2);
 * - log-archive account, home Region: the CloudTrail, Config and findings buckets, their access-log bucket and key;
 * - management account: the delegated administrators (GuardDuty, Security Hub, Inspector, Macie per Region; Config
 *   once); home Region: the organisation trail and the CIS 4.x alarms with their own alert topic;
 * - security account, every Region: the alert topic, GuardDuty, Security Hub, Inspector and Macie organisation
 *   configuration, the GuardDuty finding rule and export; home Region: the Config aggregator, the Security Hub
 *   finding aggregator and its finding rule.
 * Deploy order: every stack after the log-archive home stack (its buckets must exist), and each security stack after
 * the management stack of its Region (delegation before organisation configuration).
 */
export function composeDetection(stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const settings = org.detection;
  const scope = new Construct(stack, 'detection');
  if (account.role === 'security' && stack.isHomeRegion) {
    for (const gap of detectionCoverageGaps(org)) Annotations.of(scope).addWarning(`detection coverage: ${gap}`);
  }

  const logArchiveHome = stack.registry.home('log-archive');
  if (logArchiveHome && logArchiveHome !== stack) stack.addDependency(logArchiveHome);
  if (account.role === 'management') stack.registry.regional('security', stack.region)?.addDependency(stack);
  if (account.role === 'log-archive' && stack.isHomeRegion) stack.handoff.securityLogsKey = composeLogArchive(scope, stack).securityLogsKey;

  // The management account's topic carries the CIS alarms (alarms notify a topic in their own account and Region).
  // Their log group is the baseline trail's, or in Control Tower mode the Control Tower trail's (same account and Region).
  const controlTower = org.controlTower?.enabled ? org.controlTower : undefined;
  const trailLogsHere = settings.cloudTrail.enabled || controlTower !== undefined;
  const cisAlarmsHere = account.role === 'management' && stack.isHomeRegion && trailLogsHere && settings.cisAlarms.enabled;
  const hasAlertTopic = account.role === 'security' || cisAlarmsHere;
  const alertTopic = hasAlertTopic ? composeAlertTopic(scope, stack) : undefined;

  if (settings.guardDuty.enabled) composeGuardDuty(scope, stack, alertTopic);
  if (account.role === 'management' && stack.isHomeRegion && trailLogsHere) {
    // config/settings/control-tower-rules.ts: Control Tower mode has detection.cloudTrail.enabled false.
    const trail = settings.cloudTrail.enabled ? composeTrail(scope, stack) : undefined;
    if (cisAlarmsHere) {
      new CisAlarms(scope, 'cis-alarms', {
        logGroupName: trail?.logGroupName ?? controlTower!.cloudTrailLogGroupName,
        topic: alertTopic!,
        consoleSignInWithoutMfa: settings.cisAlarms.consoleSignInWithoutMfa,
        unauthorizedApiCalls: settings.cisAlarms.unauthorizedApiCalls,
      });
    }
  }
  if (settings.config.enabled) composeConfig(scope, stack);
  if (settings.securityHub.enabled) composeSecurityHub(scope, stack, alertTopic);
  if (settings.inspector.enabled) composeInspector(scope, stack);
  if (settings.macie.enabled) composeMacie(scope, stack);
  if (settings.securityContact && stack.isHomeRegion) {
    const contact = account.securityContact;
    new SecurityContact(scope, 'security-contact', { name: contact.name, title: contact.title, email: contact.email, phone: contact.phone });
  }
}

function composeAlertTopic(scope: Construct, stack: AccountBaselineStack): IAlertTopic {
  const { org } = stack;
  return new AlertTopic(scope, 'alert-topic', {
    topicName: detectionNames(org).alertTopic,
    ...stack.accountContext,
    aliasPrefix: `${org.name}/alerts`,
    emailEndpoints: org.alerts.emails,
    httpsEndpoints: org.alerts.httpsEndpoints,
  });
}

/** Detector everywhere; delegation from management; organisation configuration, finding rule and export in security. */
function composeGuardDuty(scope: Construct, stack: AccountBaselineStack, alertTopic: IAlertTopic | undefined): void {
  const { org, account } = stack;
  const settings = org.detection.guardDuty;
  const security = accountWithRole(org, 'security');
  const isAdmin = account.id === security.id;
  const detector = new GuardDutyDetector(scope, 'guardduty-detector', {
    findingPublishingFrequency: settings.findingPublishingFrequency,
    // Members get their protection plans from the administrator's organisation configuration.
    protections: isAdmin ? settings.protection : undefined,
  });
  const administered = administeredIn(org, stack.region);
  if (account.role === 'management' && administered) {
    // The management account's own detector first: delegation would otherwise create one Terraform does not know.
    new GuardDutyDelegatedAdmin(scope, 'guardduty-delegated-admin', { adminAccountId: security.id, dependsOn: [detector.resource] });
  }
  if (!isAdmin) return;
  if (administered) {
    new GuardDutyOrganizationConfiguration(scope, 'guardduty-organization', {
      detector,
      autoEnableOrganizationMembers: settings.autoEnableOrganizationMembers,
      protections: settings.protection,
    });
  }
  new GuardDutyAlertRule(scope, 'guardduty-alert-rule', {
    topic: alertTopic!,
    minimumSeverity: settings.alertMinimumSeverity,
    ruleName: detectionNames(org).guardDutyAlertRule,
  });
  const logArchiveHome = stack.registry.home('log-archive');
  const securityLogsKey = logArchiveHome?.handoff.securityLogsKey;
  if (settings.exportFindings && securityLogsKey) {
    new GuardDutyFindingsExport(scope, 'guardduty-findings-export', {
      detector,
      bucketArn: arn.bucket(org.partition, detectionNames(org).findingsBucket),
      prefix: detectionNames(org).guardDutyPrefix,
      // A key ARN is not derivable from config: this one reference becomes remote state from the log-archive stack.
      kmsKeyArn: securityLogsKey.keyArn,
    });
  }
}

/** The organisation trail, in the management account's home Region. */
function composeTrail(scope: Construct, stack: AccountBaselineStack): Trail {
  const { org } = stack;
  const settings = org.detection.cloudTrail;
  return new Trail(scope, 'trail', {
    trailName: detectionNames(org).trail,
    ...stack.accountContext,
    bucketName: detectionNames(org).trailBucket,
    organizationTrail: true,
    cloudWatchLogsRetentionDays: settings.cloudWatchLogsRetentionDays,
    s3DataEvents: settings.s3DataEvents,
    insights: settings.insights,
    logReaderArns: settings.logReaderArns,
    keyAliasName: `${org.name}/cloudtrail`,
  });
}

function guardDutyExportSource(org: Organization): Omit<GuardDutyExportSource, 'partition'> {
  const security = accountWithRole(org, 'security');
  return { accountId: security.id, regions: security.regions, prefix: detectionNames(org).guardDutyPrefix };
}

/**
 * The log archive (log-archive account, home Region): the CloudTrail, Config, findings and flow-log buckets, their
 * access-log bucket and key. Built with the id `Default`, which cdktf leaves out of logical ids: its resources keep
 * the addresses they had when this composition built them inline under `detection`.
 */
function composeLogArchive(scope: Construct, stack: AccountBaselineStack): LogArchive {
  const { org } = stack;
  const names = detectionNames(org);
  const settings = org.detection;
  const exportFindings = settings.guardDuty.enabled && settings.guardDuty.exportFindings;
  return new LogArchive(scope, 'Default', {
    ...stack.accountContext,
    organizationId: org.organizationId,
    organizationAccountIds: org.accounts.map((a) => a.id),
    names,
    keyDescription: `${org.name} AWS Config history and GuardDuty finding exports`,
    objectLock: { mode: settings.cloudTrail.objectLock.mode, retentionDays: settings.cloudTrail.objectLock.retentionDays },
    cloudTrail: settings.cloudTrail.enabled ? { trailArn: trailArn(org), trailAccountId: accountWithRole(org, 'management').id } : undefined,
    config: settings.config.enabled ? { prefix: names.configPrefix, roleNamePattern: `${org.name}-config-recorder-*` } : undefined,
    guardDutyFindings: exportFindings ? guardDutyExportSource(org) : undefined,
  });
}

/** Recorder, rules and packs everywhere; the aggregator in security (home); Config's delegation from management. */
function composeConfig(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const settings = org.detection.config;
  const names = detectionNames(org);
  const logArchive = accountWithRole(org, 'log-archive');
  // Control Tower runs the recorder in the Regions it governs; the rules and packs still evaluate there.
  const governed = controlTowerGoverns(org.controlTower, region);
  const adopted = account.adopt.regions[region];
  const recorder = governed
    ? undefined
    : new ConfigRecorder(scope, 'config-recorder', {
        ...stack.accountContext,
        bucketName: names.configBucket,
        s3KeyPrefix: names.configPrefix,
        bucketKey: { accountId: logArchive.id, region: org.homeRegion, aliasName: names.securityLogsKeyAlias },
        includeGlobalResourceTypes: stack.isHomeRegion,
        snapshotFrequency: settings.snapshotFrequency,
        roleName: names.configRecorderRole(region),
        // An adopted recorder and channel keep their names (a new name would replace them).
        recorderName: adopted?.configRecorderName,
        deliveryChannelName: adopted?.configDeliveryChannelName,
      });
  new ManagedRules(scope, 'config-rules', { recorder, rules: settings.rules, homeRegion: stack.isHomeRegion });
  for (const pack of settings.conformancePacks) {
    if (pack.homeRegionOnly && !stack.isHomeRegion) continue;
    new ConformancePack(scope, `conformance-pack-${pack.name}`, {
      packName: pack.name,
      templateBody: fs.readFileSync(path.join(PROJECT_ROOT, pack.templateFile), 'utf8'),
      recorder,
    });
  }
  if (!stack.isHomeRegion) return;
  const security = accountWithRole(org, 'security');
  if (account.role === 'management') {
    new DelegatedAdministrator(scope, 'config-delegated-admin', { accountId: security.id, servicePrincipal: 'config.amazonaws.com' });
  }
  // Control Tower keeps its own organisation aggregator in the audit account.
  if (account.role === 'security' && !org.controlTower?.enabled) {
    new OrganizationAggregator(scope, 'config-aggregator', { aggregatorName: names.aggregator, partition: org.partition, accountId: account.id });
  }
}

/** Security Hub everywhere; delegation from management; organisation configuration, aggregation and routing in security. */
function composeSecurityHub(scope: Construct, stack: AccountBaselineStack, alertTopic: IAlertTopic | undefined): void {
  const { org, account, region } = stack;
  const settings = org.detection.securityHub;
  const security = accountWithRole(org, 'security');
  const hub = new SecurityHub(scope, 'security-hub', {
    partition: org.partition,
    region,
    standards: settings.standards,
    disabledControls: settings.disabledControls,
  });
  const administered = administeredIn(org, region);
  if (account.role === 'management' && administered) {
    new SecurityHubDelegatedAdmin(scope, 'security-hub-delegated-admin', { adminAccountId: security.id, dependsOn: [hub.account] });
  }
  if (account.role !== 'security') return;
  if (administered) new SecurityHubOrganizationConfiguration(scope, 'security-hub-organization', { dependsOn: [hub.account] });
  const linked = security.regions.filter((r) => r !== org.homeRegion);
  const aggregated = settings.crossRegionAggregation && linked.length > 0;
  if (aggregated && stack.isHomeRegion) new FindingAggregator(scope, 'security-hub-finding-aggregator', { linkedRegions: linked, dependsOn: [hub.account] });
  // With aggregation, the home Region sees every Region's findings: one rule there; without it, one per Region.
  if (!aggregated || stack.isHomeRegion) {
    new SecurityHubAlertRule(scope, 'security-hub-alert-rule', {
      topic: alertTopic!,
      severities: settings.alertSeverities,
      // GuardDuty findings page through their own (numeric) rule; a finding should page once.
      excludeProducts: org.detection.guardDuty.enabled ? ['GuardDuty'] : [],
      ruleName: detectionNames(org).securityHubAlertRule,
    });
  }
}

/** Inspector for the organisation: delegation from management, everything else from security, per Region. */
function composeInspector(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const settings = org.detection.inspector;
  const security = accountWithRole(org, 'security');
  if (!administeredIn(org, stack.region)) return;
  if (account.role === 'management') new InspectorDelegatedAdmin(scope, 'inspector-delegated-admin', { adminAccountId: security.id });
  if (account.role === 'security') {
    new InspectorOrganization(scope, 'inspector-organization', {
      adminAccountId: security.id,
      memberAccountIds: org.accounts.filter((a) => a.id !== security.id && a.regions.includes(stack.region)).map((a) => a.id),
      scans: { ec2: settings.ec2, ecr: settings.ecr, lambda: settings.lambda, lambdaCode: settings.lambdaCode },
    });
  }
}

/** Macie in every account and Region; delegation from management; auto-enable from security; jobs from config. */
function composeMacie(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account } = stack;
  const security = accountWithRole(org, 'security');
  const macie = new MacieAccount(scope, 'macie', { findingPublishingFrequency: org.detection.macie.findingPublishingFrequency });
  if (administeredIn(org, stack.region)) {
    if (account.role === 'management') new MacieDelegatedAdmin(scope, 'macie-delegated-admin', { adminAccountId: security.id, dependsOn: [macie.resource] });
    if (account.role === 'security') new MacieOrganizationConfiguration(scope, 'macie-organization', { dependsOn: [macie.resource] });
  }
  const job = account.detection.macieClassificationJob;
  if (job && stack.isHomeRegion) {
    new MacieClassificationJob(scope, 'macie-classification-job', {
      jobName: `${org.name}-${account.name}-sensitive-data`,
      accountId: account.id,
      bucketNames: job.bucketNames,
      schedule: job.schedule,
      samplingPercentage: job.samplingPercentage,
      dependsOn: [macie.resource],
    });
  }
}
