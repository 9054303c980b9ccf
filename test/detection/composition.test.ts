import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyPublishingDestination } from '@cdktf/provider-aws/lib/guardduty-publishing-destination';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import { ConfigConfigurationAggregator } from '@cdktf/provider-aws/lib/config-configuration-aggregator';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { Inspector2OrganizationConfiguration } from '@cdktf/provider-aws/lib/inspector2-organization-configuration';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import { SecurityhubStandardsControlAssociation } from '@cdktf/provider-aws/lib/securityhub-standards-control-association';
import * as fs from 'fs';
import * as path from 'path';
import type { Organization } from '../../config/organization';
import { detectionCoverageGaps } from '../../config/detection-coverage';
import { alertTopicArn, detectionNames, trailArn } from '../../stacks/naming';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, type SynthesizedStack } from '../support/synth';

/**
 * The example organisation's detection wiring: which account runs what in which Region, and where the organisation's
 * administration points. Each regional service must exist in every Region of every account that runs it.
 */

function accountsByRole(org: Organization, role: string) {
  return org.accounts.filter((a) => a.role === role);
}

interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function statementsOf(policy: unknown): PolicyStatement[] {
  return (JSON.parse(policy as string) as { Statement: PolicyStatement[] }).Statement;
}

/** The bucket resource and its policy statements, found by bucket name. */
function bucketNamed(stack: SynthesizedStack, name: string) {
  const entry = Object.entries(stack.resource?.aws_s3_bucket ?? {}).find(([, b]) => b.bucket === name);
  if (!entry) throw new Error(`no bucket ${name}`);
  const [address, bucket] = entry;
  const ref = `\${aws_s3_bucket.${address}.id}`;
  const policy = resourcesOfType(stack, 'aws_s3_bucket_policy').find((p) => p.bucket === ref)!;
  const lock = resourcesOfType(stack, 'aws_s3_bucket_object_lock_configuration').find((l) => l.bucket === ref);
  const logging = resourcesOfType(stack, 'aws_s3_bucket_logging').find((l) => l.bucket === ref);
  const encryption = resourcesOfType(stack, 'aws_s3_bucket_server_side_encryption_configuration').find((e) => e.bucket === ref)!;
  return { ref, bucket, statements: statementsOf(policy.policy), lock, logging, encryption };
}

describe('detection across the example organisation', () => {
  const org = exampleOrg();
  const { outdir } = synthOrg(org);
  const stackOf = (name: string, region: string): SynthesizedStack => stackJson(outdir, `${name}-${region}`);
  /** The stack's text, for cdktf's matchers. */
  const textOf = (name: string, region: string): string => stackText(outdir, `${name}-${region}`);
  const security = accountsByRole(org, 'security')[0]!;
  const management = accountsByRole(org, 'management')[0]!;
  const logArchive = accountsByRole(org, 'log-archive')[0]!;
  const everyAccountRegion = org.accounts.flatMap((a) => a.regions.map((r) => [a.name, r] as const));
  const names = detectionNames(org);
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };

  describe('alert routing', () => {
    it.each(security.regions.map((r) => [r]))('has the encrypted alert topic with its subscriptions in the security account in %s', (region) => {
      const stack = stackOf(security.name, region);
      expect(resourcesOfType(stack, 'aws_sns_topic').filter((t) => t.name === detectionNames(org).alertTopic)).toHaveLength(1);
      expect(textOf(security.name, region)).toHaveResourceWithProperties(SnsTopic, {
        name: detectionNames(org).alertTopic,
        kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.detection_alert-topic_Key_[0-9A-F]{8}\.arn\}$/),
      });
      const endpoints = resourcesOfType(stack, 'aws_sns_topic_subscription').map((s) => s.endpoint);
      expect(endpoints.sort()).toEqual([...org.alerts.emails, ...org.alerts.httpsEndpoints].sort());
    });

    it.each(security.regions.map((r) => [r]))('routes GuardDuty findings by numeric severity to the topic in %s', (region) => {
      const rule = resourcesOfType(stackOf(security.name, region), 'aws_cloudwatch_event_rule').find((r) => r.name === 'guardduty-findings-to-alerts')!;
      expect(JSON.parse(rule.event_pattern as string).detail).toEqual({ severity: [{ numeric: ['>=', org.detection.guardDuty.alertMinimumSeverity] }] });
      expect(textOf(security.name, region)).toHaveResourceWithProperties(CloudwatchEventTarget, {
        target_id: 'alert-topic',
        rule: expect.stringMatching(/guardduty/),
        arn: alertTopicArn(org, security, region),
      });
    });
  });

  describe('GuardDuty', () => {
    it.each(everyAccountRegion)('has an enabled detector in %s / %s', (name, region) => {
      expect(resourcesOfType(stackOf(name, region), 'aws_guardduty_detector')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(GuarddutyDetector, { enable: true, finding_publishing_frequency: 'FIFTEEN_MINUTES' });
    });

    it.each(management.regions.map((r) => [r]))('delegates administration to the security account from the management account in %s', (region) => {
      const admins = resourcesOfType(stackOf(management.name, region), 'aws_guardduty_organization_admin_account');
      expect(admins.map((a) => a.admin_account_id)).toEqual([security.id]);
      for (const account of org.accounts.filter((a) => a.role !== 'management')) {
        expect(resourcesOfType(stackOf(account.name, region), 'aws_guardduty_organization_admin_account')).toHaveLength(0);
      }
    });

    it.each(security.regions.map((r) => [r]))('auto-enables every member and the protection plans from the security account in %s', (region) => {
      const stack = stackOf(security.name, region);
      expect(resourcesOfType(stack, 'aws_guardduty_organization_configuration')).toHaveLength(1);
      expect(textOf(security.name, region)).toHaveResourceWithProperties(GuarddutyOrganizationConfiguration, { auto_enable_organization_members: 'ALL' });
      const features = Object.fromEntries(resourcesOfType(stack, 'aws_guardduty_organization_configuration_feature').map((f) => [f.name, f.auto_enable]));
      expect(features).toEqual({
        S3_DATA_EVENTS: 'ALL',
        EKS_AUDIT_LOGS: 'ALL',
        EBS_MALWARE_PROTECTION: 'ALL',
        RDS_LOGIN_EVENTS: 'ALL',
        LAMBDA_NETWORK_LOGS: 'ALL',
        RUNTIME_MONITORING: 'NONE',
      });
    });

    it('sets protection plans on the administrator detector only (members get theirs from the organisation configuration)', () => {
      for (const [name, region] of everyAccountRegion) {
        const features = resourcesOfType(stackOf(name, region), 'aws_guardduty_detector_feature');
        expect(features).toHaveLength(name === security.name ? 6 : 0);
      }
    });
  });

  describe('organisation trail', () => {
    it('is the only trail in the organisation, in the management account home Region, writing to the log-archive bucket', () => {
      const trails = everyAccountRegion.flatMap(([name, region]) => resourcesOfType(stackOf(name, region), 'aws_cloudtrail').map((t) => [name, region, t] as const));
      expect(trails.map(([name, region]) => `${name}-${region}`)).toEqual([`${management.name}-${org.homeRegion}`]);
      expect(trails[0]![2]).toMatchObject({
        name: names.trail,
        s3_bucket_name: names.trailBucket,
        is_organization_trail: true,
        is_multi_region_trail: true,
        include_global_service_events: true,
        enable_log_file_validation: true,
      });
    });

    it('has a log-archive bucket with Object Lock, access logging, and a policy admitting only this trail', () => {
      const { statements, lock, logging } = bucketNamed(stackOf(logArchive.name, org.homeRegion), names.trailBucket);
      expect(lock).toMatchObject({ rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } } });
      expect(logging).toMatchObject({ target_prefix: `${names.trailBucket}/` });
      const write = statements.find((st) => st.Sid === 'CloudTrailWrite')!;
      expect(write.Condition).toEqual({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn(org) } });
      expect(write.Resource).toEqual([
        `arn:aws:s3:::${names.trailBucket}/AWSLogs/${management.id}/*`,
        `arn:aws:s3:::${names.trailBucket}/AWSLogs/${org.organizationId}/*`,
      ]);
      expect(statements.find((st) => st.Sid === 'CloudTrailAclCheck')!.Condition).toEqual({ StringEquals: { 'aws:SourceArn': trailArn(org) } });
      expect(statements.find((st) => st.Sid === 'DenyPrincipalsOutsideOrganization')!.Condition!.StringNotEqualsIfExists).toEqual({ 'aws:PrincipalOrgID': org.organizationId });
    });

    it('has the 15 CIS alarms on the trail log group, notifying the management account alert topic', () => {
      const stack = stackOf(management.name, org.homeRegion);
      const alarms = resourcesOfType(stack, 'aws_cloudwatch_metric_alarm');
      expect(alarms).toHaveLength(15);
      for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([alertTopicArn(org, management, org.homeRegion)]);
      for (const filter of resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter')) expect(filter.log_group_name).toBe(`/aws/cloudtrail/${names.trail}`);
    });
  });

  describe('AWS Config', () => {
    it.each(everyAccountRegion)('records every supported type in %s / %s (global types in the home Region only) and delivers to the log archive', (name, region) => {
      const stack = stackOf(name, region);
      expect(resourcesOfType(stack, 'aws_config_configuration_recorder')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(ConfigConfigurationRecorder, { recording_group: { all_supported: true, include_global_resource_types: region === org.homeRegion } });
      expect(resourcesOfType(stack, 'aws_config_delivery_channel')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(ConfigDeliveryChannel, { s3_bucket_name: names.configBucket, s3_key_prefix: 'config' });
      expect(resourcesOfType(stack, 'aws_config_configuration_recorder_status')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, { is_enabled: true });
      const rules = resourcesOfType(stack, 'aws_config_config_rule').map((r) => r.name);
      expect(rules).toHaveLength(region === org.homeRegion ? 11 : 7);
      expect(resourcesOfType(stack, 'aws_config_conformance_pack').map((p) => p.name)).toEqual(region === org.homeRegion ? ['logging-essentials'] : []);
    });

    it('aggregates the organisation in the security account, delegated from the management account', () => {
      expect(resourcesOfType(stackOf(security.name, org.homeRegion), 'aws_config_configuration_aggregator')).toHaveLength(1);
      expect(textOf(security.name, org.homeRegion)).toHaveResourceWithProperties(ConfigConfigurationAggregator, { name: names.aggregator, organization_aggregation_source: expect.objectContaining({ all_regions: true }) });
      expect(resourcesOfType(stackOf(management.name, org.homeRegion), 'aws_organizations_delegated_administrator').filter((d) => d.service_principal === 'config.amazonaws.com')).toEqual([
        expect.objectContaining({ account_id: security.id }),
      ]);
    });

    it('has an encrypted, locked, organisation-only Config bucket in the log archive', () => {
      const { ref, statements } = bucketNamed(stackOf(logArchive.name, org.homeRegion), names.configBucket);
      const text = textOf(logArchive.name, org.homeRegion);
      // the example's log retention: a year, COMPLIANCE mode (the default)
      expect(text).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { bucket: ref, rule: { default_retention: { days: 365, mode: 'COMPLIANCE' } } });
      expect(text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        bucket: ref,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.detection_security-logs-key_[0-9A-F]{8}\.arn\}$/) }, bucket_key_enabled: true }],
      });
      expect(statements.find((st) => st.Sid === 'ConfigWritesOwnAccountPath')!.Condition).toEqual({
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': org.organizationId },
      });
      expect(statements.find((st) => st.Sid === 'ConfigWritesOwnAccountPath')!.Resource).toBe(`arn:aws:s3:::${names.configBucket}/${names.configPrefix}/AWSLogs/$$\{aws:SourceAccount}/Config/*`);
    });
  });

  describe('Security Hub', () => {
    it.each(everyAccountRegion)('is on in %s / %s with the Region-specific FSBP and CIS v3.0 standards and the disabled control', (name, region) => {
      const stack = stackOf(name, region);
      expect(resourcesOfType(stack, 'aws_securityhub_account')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(SecurityhubAccount, { enable_default_standards: false, control_finding_generator: 'SECURITY_CONTROL' });
      expect(resourcesOfType(stack, 'aws_securityhub_standards_subscription').map((s) => s.standards_arn)).toEqual([
        `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
        `arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
      ]);
      expect(resourcesOfType(stack, 'aws_securityhub_standards_control_association')).toHaveLength(1);
      expect(textOf(name, region)).toHaveResourceWithProperties(SecurityhubStandardsControlAssociation, { security_control_id: 'Macie.1', association_status: 'DISABLED', updated_reason: expect.stringMatching(/.{20,}/) });
    });

    it.each(management.regions.map((r) => [r]))('delegates administration to the security account, and is configured from there, in %s', (region) => {
      expect(resourcesOfType(stackOf(management.name, region), 'aws_securityhub_organization_admin_account').map((a) => a.admin_account_id)).toEqual([security.id]);
      expect(resourcesOfType(stackOf(security.name, region), 'aws_securityhub_organization_configuration')).toHaveLength(1);
      expect(textOf(security.name, region)).toHaveResourceWithProperties(SecurityhubOrganizationConfiguration, { auto_enable: true, auto_enable_standards: 'NONE' });
    });

    it('aggregates the other Regions into the home Region and routes CRITICAL and HIGH findings from there only', () => {
      const home = stackOf(security.name, org.homeRegion);
      expect(resourcesOfType(home, 'aws_securityhub_finding_aggregator')).toHaveLength(1);
      expect(textOf(security.name, org.homeRegion)).toHaveResourceWithProperties(SecurityhubFindingAggregator, { linking_mode: 'SPECIFIED_REGIONS', specified_regions: security.regions.filter((r) => r !== org.homeRegion) });
      for (const region of security.regions) {
        const rules = resourcesOfType(stackOf(security.name, region), 'aws_cloudwatch_event_rule').filter((r) => r.name === names.securityHubAlertRule);
        expect(rules).toHaveLength(region === org.homeRegion ? 1 : 0);
      }
      const rule = resourcesOfType(home, 'aws_cloudwatch_event_rule').find((r) => r.name === names.securityHubAlertRule)!;
      expect(JSON.parse(rule.event_pattern as string).detail.findings.Severity).toEqual({ Label: ['CRITICAL', 'HIGH'] });
    });
  });

  describe('Inspector, Macie and the security contact', () => {
    it.each(management.regions.map((r) => [r]))('runs Inspector for every account from the security account in %s', (region) => {
      expect(resourcesOfType(stackOf(management.name, region), 'aws_inspector2_delegated_admin_account').map((a) => a.account_id)).toEqual([security.id]);
      const enablers = resourcesOfType(stackOf(security.name, region), 'aws_inspector2_enabler');
      // The administrator's own account in one enabler, the members in another (the provider refuses a mix).
      expect(enablers).toHaveLength(2);
      expect(enablers[0]!.account_ids).toEqual([security.id]);
      expect([...(enablers[1]!.account_ids as string[])].sort()).toEqual(org.accounts.filter((a) => a.regions.includes(region) && a.id !== security.id).map((a) => a.id).sort());
      for (const e of enablers) expect(e.resource_types).toEqual(['EC2', 'ECR', 'LAMBDA']);
      expect(resourcesOfType(stackOf(security.name, region), 'aws_inspector2_organization_configuration')).toHaveLength(1);
      expect(textOf(security.name, region)).toHaveResourceWithProperties(Inspector2OrganizationConfiguration, { auto_enable: { ec2: true, ecr: true, lambda: true, lambda_code: false } });
    });

    it('leaves Macie off (the default)', () => {
      for (const [name, region] of everyAccountRegion) expect(resourcesOfType(stackOf(name, region), 'aws_macie2_account')).toHaveLength(0);
    });

    it.each(org.accounts.map((a) => [a.name, a] as const))("registers %s's SECURITY alternate contact once, in its home Region (CIS 1.2)", (name, account) => {
      expect(resourcesOfType(stackOf(name, org.homeRegion), 'aws_account_alternate_contact')).toHaveLength(1);
      expect(textOf(name, org.homeRegion)).toHaveResourceWithProperties(AccountAlternateContact, {
          alternate_contact_type: 'SECURITY',
          name: account.securityContact.name,
          email_address: account.securityContact.email,
          phone_number: account.securityContact.phone,
        });
      for (const region of account.regions.filter((r) => r !== org.homeRegion)) {
        expect(resourcesOfType(stackOf(name, region), 'aws_account_alternate_contact')).toHaveLength(0);
      }
    });
  });

  describe('GuardDuty finding export', () => {
    it.each(security.regions.map((r) => [r]))('exports the administrator findings from %s to the log-archive findings bucket with the log-archive key', (region) => {
      expect(resourcesOfType(stackOf(security.name, region), 'aws_guardduty_publishing_destination')).toHaveLength(1);
      expect(textOf(security.name, region)).toHaveResourceWithProperties(GuarddutyPublishingDestination, {
        destination_type: 'S3',
        destination_arn: `arn:aws:s3:::${names.findingsBucket}/guardduty`,
        kms_key_arn: expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-log-archive-us-east-1\.outputs\./),
      });
    });
  });

  describe('deploy order', () => {
    it('deploys every stack after the log-archive home stack, whose buckets they write to', () => {
      for (const [name, region] of everyAccountRegion) {
        const stackName = `${name}-${region}`;
        if (stackName === `${logArchive.name}-${org.homeRegion}`) continue;
        expect(manifest.stacks[stackName]!.dependencies).toContain(`${logArchive.name}-${org.homeRegion}`);
      }
    });

    it.each(security.regions.map((r) => [r]))('deploys the security stack in %s after the management stack that delegates to it', (region) => {
      expect(manifest.stacks[`${security.name}-${region}`]!.dependencies).toContain(`${management.name}-${region}`);
      expect(manifest.stacks[`${management.name}-${region}`]!.dependencies).not.toContain(`${security.name}-${region}`);
    });
  });
});

describe('detection coverage gaps', () => {
  it('has none in the example organisation', () => {
    expect(detectionCoverageGaps(exampleOrg())).toEqual([]);
  });

  it('reports a Region the management account does not run in, and one the security account does not run in', () => {
    const org = exampleOrg((input) => {
      input.accounts[0]!.regions = ['us-east-1'];
      input.accounts[2]!.regions = ['us-east-1'];
      input.accounts[4]!.regions = ['us-east-1', 'eu-west-1'];
    });
    expect(detectionCoverageGaps(org)).toEqual([expect.stringMatching(/^eu-west-1: the security account does not run there, so findings of .*workload-prod/)]);
    const noManagement = exampleOrg((input) => {
      input.accounts[0]!.regions = ['us-east-1'];
    });
    expect(detectionCoverageGaps(noManagement)).toEqual([expect.stringMatching(/^eu-west-1: the management account does not run there/)]);
  });

  it('leaves out the organisation configuration where nothing delegates it, instead of failing at apply', () => {
    const org = exampleOrg((input) => {
      input.accounts[0]!.regions = ['us-east-1'];
    });
    const { outdir } = synthOrg(org);
    const securityEu = stackJson(outdir, 'security-eu-west-1');
    expect(resourcesOfType(securityEu, 'aws_guardduty_organization_configuration')).toHaveLength(0);
    expect(resourcesOfType(securityEu, 'aws_securityhub_organization_configuration')).toHaveLength(0);
    expect(resourcesOfType(securityEu, 'aws_guardduty_detector')).toHaveLength(1);
    expect(resourcesOfType(stackJson(outdir, 'security-us-east-1'), 'aws_guardduty_organization_configuration')).toHaveLength(1);
  });
});
