import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Annotations } from 'cdktf';
import { accountWithRole, type Account, type Organization } from '../../config/organization';
import type { AwsRegion } from '../../config/regions';
import { arn } from '../../modules/core/arn';
import { AlertTopic, GuardDutyAlertRule, SecurityHubAlertRule, type IAlertTopic } from '../../modules/detection/alerts';
import { ConfigRecorder, ConformancePack, ManagedRules, OrganizationAggregator, configBucketStatements, configDeliveryKeyGrant } from '../../modules/detection/aws-config';
import { CisAlarms } from '../../modules/detection/cis';
import { Trail, cloudTrailBucketStatements } from '../../modules/detection/cloudtrail';
import { SecurityContact } from '../../modules/detection/contact';
import {
  GuardDutyDelegatedAdmin,
  GuardDutyDetector,
  GuardDutyFindingsExport,
  GuardDutyOrganizationConfiguration,
  guardDutyExportBucketStatements,
  guardDutyExportKeyGrant,
  type GuardDutyExportSource,
} from '../../modules/detection/guardduty';
import { InspectorDelegatedAdmin, InspectorOrganization } from '../../modules/detection/inspector';
import { accessLogDeliveryStatement, flowLogDeliveryStatements, organizationOnlyStatement } from '../../modules/detection/log-archive';
import { MacieAccount, MacieClassificationJob, MacieDelegatedAdmin, MacieOrganizationConfiguration } from '../../modules/detection/macie';
import { FindingAggregator, SecurityHub, SecurityHubDelegatedAdmin, SecurityHubOrganizationConfiguration } from '../../modules/detection/securityhub';
import { EncryptionKey, type IEncryptionKey } from '../../modules/kms';
import { DelegatedAdministrator } from '../../modules/organizations';
import { SecureBucket } from '../../modules/storage';
import type { AccountBaselineStack } from '../baseline-stack';
import { centralFlowLogsBucketName } from '../naming';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Names of the detection resources, derived from config only, so every stack can name another account's bucket,
 * topic or trail without a cross-stack reference.
 */
export function detectionNames(org: Organization) {
  const logArchive = accountWithRole(org, 'log-archive');
  return {
    alertTopic: org.detection.alerts.topicName ?? `${org.name}-security-alerts`,
    trail: org.detection.cloudTrail.trailName ?? `${org.name}-organization-trail`,
    /** The CloudTrail bucket in the log-archive account (home Region). */
    trailBucket: `${org.name}-cloudtrail-${logArchive.id}`,
    /** The AWS Config bucket in the log-archive account (home Region). */
    configBucket: `${org.name}-config-${logArchive.id}`,
    /** GuardDuty finding exports in the log-archive account (home Region). */
    findingsBucket: `${org.name}-findings-${logArchive.id}`,
    /** Central VPC flow logs (network `flowLogs.destination: log-archive`), log-archive account, home Region. */
    flowLogsBucket: centralFlowLogsBucketName(org),
    /** S3 server access logs of the log-archive buckets (home Region; logs go to a bucket in the same Region). */
    accessLogsBucket: `${org.name}-s3-logs-${logArchive.id}-${org.homeRegion}`,
    /** Key of the Config and findings buckets (log-archive account, home Region), without `alias/`. */
    securityLogsKeyAlias: `${org.name}/security-logs`,
    configRecorderRole: (region: AwsRegion) => `${org.name}-config-recorder-${region}`,
    configPrefix: 'config',
    guardDutyPrefix: 'guardduty',
    aggregator: `${org.name}-organization`,
    guardDutyAlertRule: 'guardduty-findings-to-alerts',
    securityHubAlertRule: 'securityhub-findings-to-alerts',
  };
}

/** The alert topic's ARN in an account and Region (known from config). */
export function alertTopicArn(org: Organization, account: Account, region: AwsRegion): string {
  return `arn:${org.partition}:sns:${region}:${account.id}:${detectionNames(org).alertTopic}`;
}

/** The organisation trail's ARN (management account, home Region), known from config. */
export function trailArn(org: Organization): string {
  const management = accountWithRole(org, 'management');
  return `arn:${org.partition}:cloudtrail:${org.homeRegion}:${management.id}:trail/${detectionNames(org).trail}`;
}

/**
 * Config problems that make detection impossible to build: the log buckets need the log-archive account in the home
 * Region, and a Macie job needs Macie.
 */
export function detectionConfigProblems(org: Organization): string[] {
  const problems: string[] = [];
  const logArchive = accountWithRole(org, 'log-archive');
  if (!logArchive.regions.includes(org.homeRegion)) {
    problems.push(`config accounts[${org.accounts.indexOf(logArchive)}].regions: the log-archive account must run in the home Region ${org.homeRegion} (it holds the log buckets)`);
  }
  org.accounts.forEach((account, i) => {
    if (account.detection.macieClassificationJob && !org.detection.macie.enabled) {
      problems.push(`config accounts[${i}].detection.macieClassificationJob: needs detection.macie.enabled: true (a job runs in Macie)`);
    }
  });
  return problems;
}

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

/** What the log-archive home stack exposes to the others (read through the registry; a reference makes it remote state). */
interface LogArchiveExports {
  readonly securityLogsKey: IEncryptionKey;
}
const logArchiveExports = new WeakMap<AccountBaselineStack, LogArchiveExports>();

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
  const problems = detectionConfigProblems(org);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const settings = org.detection;
  const scope = new Construct(stack, 'detection');
  if (account.role === 'security' && stack.isHomeRegion) {
    for (const gap of detectionCoverageGaps(org)) Annotations.of(scope).addWarning(`detection coverage: ${gap}`);
  }

  const logArchiveHome = stack.registry.home('log-archive');
  if (logArchiveHome && logArchiveHome !== stack) stack.addDependency(logArchiveHome);
  if (account.role === 'management') stack.registry.regional('security', stack.region)?.addDependency(stack);
  if (account.role === 'log-archive' && stack.isHomeRegion) logArchiveExports.set(stack, composeLogArchive(scope, stack));

  // The management account's topic carries the CIS alarms (alarms notify a topic in their own account and Region).
  const cisAlarmsHere = account.role === 'management' && stack.isHomeRegion && settings.cloudTrail.enabled && settings.cisAlarms.enabled;
  const hasAlertTopic = account.role === 'security' || cisAlarmsHere;
  const alertTopic = hasAlertTopic ? composeAlertTopic(scope, stack) : undefined;

  if (settings.guardDuty.enabled) composeGuardDuty(scope, stack, alertTopic);
  if (account.role === 'management' && stack.isHomeRegion && settings.cloudTrail.enabled) {
    const trail = composeTrail(scope, stack);
    if (cisAlarmsHere) {
      new CisAlarms(scope, 'cis-alarms', {
        logGroupName: trail.logGroupName,
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
  const { org, account, region } = stack;
  return new AlertTopic(scope, 'alert-topic', {
    topicName: detectionNames(org).alertTopic,
    partition: org.partition,
    accountId: account.id,
    region,
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
  const exports = logArchiveHome ? logArchiveExports.get(logArchiveHome) : undefined;
  if (settings.exportFindings && exports) {
    new GuardDutyFindingsExport(scope, 'guardduty-findings-export', {
      detector,
      bucketArn: arn.bucket(org.partition, detectionNames(org).findingsBucket),
      prefix: detectionNames(org).guardDutyPrefix,
      // A key ARN is not derivable from config: this one reference becomes remote state from the log-archive stack.
      kmsKeyArn: exports.securityLogsKey.keyArn,
    });
  }
}

/** The organisation trail, in the management account's home Region. */
function composeTrail(scope: Construct, stack: AccountBaselineStack): Trail {
  const { org, account, region } = stack;
  const settings = org.detection.cloudTrail;
  return new Trail(scope, 'trail', {
    trailName: detectionNames(org).trail,
    partition: org.partition,
    accountId: account.id,
    region,
    bucketName: detectionNames(org).trailBucket,
    organizationTrail: true,
    cloudWatchLogsRetentionDays: settings.cloudWatchLogsRetentionDays,
    s3DataEvents: settings.s3DataEvents,
    insights: settings.insights,
    logReaderArns: settings.logReaderArns,
    keyAliasName: `${org.name}/cloudtrail`,
  });
}

function guardDutyExportSource(org: Organization): GuardDutyExportSource {
  const security = accountWithRole(org, 'security');
  return { partition: org.partition, accountId: security.id, regions: security.regions, prefix: detectionNames(org).guardDutyPrefix };
}

/**
 * The log-archive account's detection buckets (home Region): CloudTrail (Object Lock, SSE-S3 because of digest
 * files), Config (Object Lock, SSE-KMS), GuardDuty findings (SSE-KMS), all organisation-only and access-logged into
 * a fourth bucket; and the key of the Config and findings buckets.
 */
function composeLogArchive(scope: Construct, stack: AccountBaselineStack): LogArchiveExports {
  const { org, account, region } = stack;
  const names = detectionNames(org);
  const settings = org.detection;
  const bucketArn = (name: string) => arn.bucket(org.partition, name);
  const objectLock = { mode: settings.cloudTrail.objectLock.mode, retentionDays: settings.cloudTrail.objectLock.retentionDays };
  const configSources = {
    partition: org.partition,
    accountIds: org.accounts.map((a) => a.id),
    prefix: names.configPrefix,
    roleNamePattern: `${org.name}-config-recorder-*`,
    organizationId: org.organizationId,
  };
  const exportFindings = settings.guardDuty.enabled && settings.guardDuty.exportFindings;

  const key = new EncryptionKey(scope, 'security-logs-key', {
    accountId: account.id,
    partition: org.partition,
    region,
    aliasName: names.securityLogsKeyAlias,
    description: `${org.name} AWS Config history and GuardDuty finding exports`,
    // Config recorder roles of every account encrypt through S3 (their own IAM policy names the key by alias).
    userArns: org.accounts.filter((a) => a.id !== account.id).map((a) => arn.accountRoot(org.partition, a.id)),
    serviceGrants: [
      ...(settings.config.enabled ? [configDeliveryKeyGrant(configSources)] : []),
      ...(exportFindings ? [guardDutyExportKeyGrant(guardDutyExportSource(org))] : []),
      {
        sid: 'LogDeliveryEncryptsFlowLogs',
        principal: 'delivery.logs.amazonaws.com',
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        conditions: { StringEquals: { 'aws:SourceAccount': org.accounts.map((a) => a.id) } },
      },
    ],
  });

  const logged = [
    settings.cloudTrail.enabled && names.trailBucket,
    settings.config.enabled && names.configBucket,
    exportFindings && names.findingsBucket,
    names.flowLogsBucket,
  ].filter((b): b is string => typeof b === 'string');
  const accessLogs = new SecureBucket(scope, 's3-access-logs-bucket', {
    bucketName: names.accessLogsBucket,
    partition: org.partition,
    s3ManagedEncryptionReason: 'S3 server access logging delivers only to buckets encrypted with SSE-S3, not SSE-KMS',
    accessLogging: { disabledReason: 'This is the access-log bucket itself; logging it into itself would log every log write' },
    policyStatements: [
      ...(logged.length > 0 ? [accessLogDeliveryStatement(bucketArn(names.accessLogsBucket), account.id, logged.map(bucketArn))] : []),
      organizationOnlyStatement(bucketArn(names.accessLogsBucket), org.organizationId),
    ],
  });
  // A reference, not the name: the target bucket must exist before logging can point at it, and its policy (which
  // lets the logging service write) must be in place, or S3 refuses PutBucketLogging (InvalidTargetBucketForLogging).
  const accessLogging = (bucket: string) => ({ targetBucket: accessLogs.bucket.bucket, prefix: `${bucket}/`, targetBucketPolicy: accessLogs.policy });

  if (settings.cloudTrail.enabled) {
    const management = accountWithRole(org, 'management');
    new SecureBucket(scope, 'cloudtrail-bucket', {
      bucketName: names.trailBucket,
      partition: org.partition,
      // Log files are SSE-KMS with the trail key (set on the trail); digest files, which prove the logs unaltered,
      // are always written with SSE-S3, and a bucket that refused non-KMS uploads would refuse them.
      s3ManagedEncryptionReason: 'CloudTrail writes digest files with SSE-S3 whatever the bucket default; log files are encrypted by CloudTrail with the trail key',
      accessLogging: accessLogging(names.trailBucket),
      objectLock,
      policyStatements: [
        ...cloudTrailBucketStatements(bucketArn(names.trailBucket), { trailArn: trailArn(org), trailAccountId: management.id, organizationId: org.organizationId }),
        organizationOnlyStatement(bucketArn(names.trailBucket), org.organizationId),
      ],
    });
  }
  if (settings.config.enabled) {
    new SecureBucket(scope, 'config-bucket', {
      bucketName: names.configBucket,
      partition: org.partition,
      encryptionKey: key,
      accessLogging: accessLogging(names.configBucket),
      objectLock,
      policyStatements: [...configBucketStatements(bucketArn(names.configBucket), configSources), organizationOnlyStatement(bucketArn(names.configBucket), org.organizationId)],
    });
  }
  if (exportFindings) {
    new SecureBucket(scope, 'findings-bucket', {
      bucketName: names.findingsBucket,
      partition: org.partition,
      encryptionKey: key,
      accessLogging: accessLogging(names.findingsBucket),
      policyStatements: [
        ...guardDutyExportBucketStatements(bucketArn(names.findingsBucket), guardDutyExportSource(org)),
        organizationOnlyStatement(bucketArn(names.findingsBucket), org.organizationId),
      ],
    });
  }
  // The central flow-log bucket, for VPCs whose flow logs go to the log archive (network flowLogs.destination).
  new SecureBucket(scope, 'flow-logs-bucket', {
    bucketName: names.flowLogsBucket,
    partition: org.partition,
    encryptionKey: key,
    accessLogging: accessLogging(names.flowLogsBucket),
    objectLock,
    policyStatements: [
      ...flowLogDeliveryStatements(bucketArn(names.flowLogsBucket), { partition: org.partition, accountIds: org.accounts.map((a) => a.id) }),
      organizationOnlyStatement(bucketArn(names.flowLogsBucket), org.organizationId),
    ],
  });
  return { securityLogsKey: key };
}

/** Recorder, rules and packs everywhere; the aggregator in security (home); Config's delegation from management. */
function composeConfig(scope: Construct, stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const settings = org.detection.config;
  const names = detectionNames(org);
  const logArchive = accountWithRole(org, 'log-archive');
  const recorder = new ConfigRecorder(scope, 'config-recorder', {
    partition: org.partition,
    accountId: account.id,
    region,
    bucketName: names.configBucket,
    s3KeyPrefix: names.configPrefix,
    bucketKey: { accountId: logArchive.id, region: org.homeRegion, aliasName: names.securityLogsKeyAlias },
    includeGlobalResourceTypes: stack.isHomeRegion,
    snapshotFrequency: settings.snapshotFrequency,
    roleName: names.configRecorderRole(region),
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
  if (account.role === 'security') {
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
