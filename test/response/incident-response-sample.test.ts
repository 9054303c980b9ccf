import { AthenaNamedQuery } from '@cdktf/provider-aws/lib/athena-named-query';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { CeAnomalySubscription } from '@cdktf/provider-aws/lib/ce-anomaly-subscription';
import { CeCostAllocationTag } from '@cdktf/provider-aws/lib/ce-cost-allocation-tag';
import { ConfigRemediationConfiguration } from '@cdktf/provider-aws/lib/config-remediation-configuration';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import * as path from 'path';
import { loadOrganizationFile } from '../../config';
import { SAVED_QUERIES } from '../../modules/investigation';
import { investigationReader, responseNames } from '../../stacks/compose/response';
import { detectionNames } from '../../stacks/naming';
import { evaluate } from '../support/iam-eval';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, stackText, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** The incident-response sample: every response and cost feature on, through validate + plan + Checkov. */
const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'configs', 'incident-response.yaml');
const org = loadOrganizationFile(SAMPLE);
const { outdir, stackNames } = synthOrg(org);
const names = responseNames(org);
const ids = Object.fromEntries(org.accounts.map((a) => [a.name, a.id]));

function policyOf(stack: SynthesizedStack, type: string, find: (r: Record<string, unknown>) => boolean, field = 'policy'): string {
  const resource = resourcesOfType(stack, type).find(find);
  if (!resource) throw new Error(`no ${type}`);
  return resource[field] as string;
}

describe('incident-response sample', () => {
  it('synthesizes four stacks that validate and plan', () => {
    expect(stackNames).toEqual(['log-archive-eu-west-1', 'security-eu-west-1', 'management-eu-west-1', 'workload-eu-west-1']);
    expectValidAndPlannable(outdir);
  });

  it('remediates six Config rules in every account, each with its own role', () => {
    for (const name of stackNames) {
      const stack = stackJson(outdir, name);
      const remediations = resourcesOfType(stack, 'aws_config_remediation_configuration');
      expect(remediations.map((r) => r.config_rule_name).sort()).toEqual([
        'cmk-backing-key-rotation-enabled',
        'restricted-common-ports',
        'restricted-ssh',
        's3-bucket-level-public-access-prohibited',
        's3-bucket-server-side-encryption-enabled',
        's3-bucket-versioning-enabled',
      ]);
      const roles = new Set(remediations.map((r) => (r.parameter as Array<{ name: string; static_value?: string }>).find((p) => p.name === 'AutomationAssumeRole')!.static_value));
      expect(roles.size).toBe(6);
    }
    expect(stackText(outdir, 'workload-eu-west-1')).toHaveResourceWithProperties(
      // Automatic with its retry limits where config says so; manual elsewhere.
      ConfigRemediationConfiguration,
      { config_rule_name: 'restricted-ssh', automatic: true, maximum_automatic_attempts: 3, retry_attempt_seconds: 300, target_id: 'AWS-DisableIncomingSSHOnPort22' },
    );
  });

  it('routes high-severity compromised-instance findings of the account itself to AWS-StopEC2Instance', () => {
    const text = stackText(outdir, 'workload-eu-west-1');
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { name: names.containmentRule('stop-instance') });
    const rule = resourcesOfType(stackJson(outdir, 'workload-eu-west-1'), 'aws_cloudwatch_event_rule').find((r) => r.name === names.containmentRule('stop-instance'))!;
    const pattern = JSON.parse(rule.event_pattern as string);
    expect(pattern.account).toEqual([ids.workload]);
    expect(pattern.detail.severity).toEqual([{ numeric: ['>=', 7] }]);
    expect(pattern.detail.type).toContain('CryptoCurrency:EC2/BitcoinTool.B');
  });

  it('creates the quarantine SCP attached to the quarantine OU', () => {
    const management = stackText(outdir, 'management-eu-west-1');
    expect(management).toHaveResourceWithProperties(OrganizationsPolicyAttachment, { target_id: 'ou-a1b2-quaranti' });
    const content = JSON.parse(policyOf(stackJson(outdir, 'management-eu-west-1'), 'aws_organizations_policy', (p) => p.name === names.quarantineScp, 'content'));
    expect(content.Statement).toHaveLength(1);
    expect(content.Statement[0]).toMatchObject({ Effect: 'Deny', Action: '*', Resource: '*' });
  });

  it('builds the investigation workgroup, the CloudTrail table with partition projection and the saved queries', () => {
    const security = stackText(outdir, 'security-eu-west-1');
    expect(security).toHaveResourceWithProperties(AthenaWorkgroup, { name: names.workgroup });
    const workgroup = resourcesOfType(stackJson(outdir, 'security-eu-west-1'), 'aws_athena_workgroup')[0]!;
    expect(workgroup.configuration).toMatchObject({
      enforce_workgroup_configuration: true,
      result_configuration: {
        output_location: `s3://${names.investigationResultsBucket}/results/`,
        encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\.response_investigation-workgroup_Key_[0-9A-F]{8}\.arn\}$/) },
      },
    });
    expect(security).toHaveResourceWithProperties(GlueCatalogTable, {
      name: 'cloudtrail',
      parameters: expect.objectContaining({
        'projection.enabled': 'true',
        'projection.account.values': org.accounts.map((a) => a.id).join(','),
        'projection.region.values': 'eu-west-1',
        'storage.location.template': `s3://${detectionNames(org).trailBucket}/AWSLogs/${org.organizationId}/$\${account}/CloudTrail/$\${region}/$\${date}`,
      }),
    });
    expect(resourcesOfType(stackJson(outdir, 'security-eu-west-1'), 'aws_athena_named_query')).toHaveLength(SAVED_QUERIES.length);
    expect(security).toHaveResourceWithProperties(AthenaNamedQuery, {
      name: 'Root user activity (last 7 days)',
      // A reference: Terraform creates the queries after the workgroup (the emulator apply found the race).
      workgroup: expect.stringMatching(/^\$\{aws_athena_workgroup\.response_investigation-workgroup_[0-9A-F]{8}\.name\}$/),
    });
  });

  it('keeps a budget per account, anomaly alerts and cost-allocation tags in the management account', () => {
    const management = stackText(outdir, 'management-eu-west-1');
    const budgets = resourcesOfType(stackJson(outdir, 'management-eu-west-1'), 'aws_budgets_budget');
    expect(budgets).toHaveLength(org.accounts.length);
    expect(management).toHaveResourceWithProperties(BudgetsBudget, {
      name: names.budget('workload'),
      limit_amount: '5000.00',
      cost_filter: [{ name: 'LinkedAccount', values: [ids.workload] }],
    });
    const notifications = budgets.find((b) => b.name === names.budget('security'))!.notification as Array<Record<string, unknown>>;
    expect(notifications.map((n) => `${n.notification_type} ${n.threshold}`)).toEqual(['ACTUAL 80', 'ACTUAL 100', 'FORECASTED 100']);
    expect(management).toHaveResourceWithProperties(CeAnomalySubscription, { frequency: 'IMMEDIATE' });
    expect(resourcesOfType(stackJson(outdir, 'management-eu-west-1'), 'aws_ce_cost_allocation_tag')).toHaveLength(2);
    expect(management).toHaveResourceWithProperties(CeCostAllocationTag, { tag_key: 'cost-center', status: 'Active' });
  });

  it('lets Budgets and Cost Anomaly Detection of the management account publish to the cost alert topic', async () => {
    const stack = stackJson(outdir, 'management-eu-west-1');
    const topicArn = `arn:aws:sns:eu-west-1:${ids.management}:${names.costAlertTopic}`;
    const policy = policyOf(stack, 'aws_sns_topic_policy', (p) => (p.policy as string).includes(names.costAlertTopic));
    const publish = (service: string, account: string) =>
      evaluate({ principal: service, action: 'sns:Publish', resource: topicArn, resourcePolicy: policy, context: { 'aws:SourceAccount': account, 'aws:SecureTransport': 'true' } });
    await expect(publish('budgets.amazonaws.com', ids.management!)).resolves.toBe('Allowed');
    await expect(publish('costalerts.amazonaws.com', ids.management!)).resolves.toBe('Allowed');
    await expect(publish('budgets.amazonaws.com', '999999999999')).resolves.toBe('ImplicitlyDenied');
  });

  describe('the investigator reads the trail across accounts, and nobody else does', () => {
    const reader = investigationReader(org);
    const other = `arn:aws:iam::${ids.security}:role/someone-else`;
    const bucket = detectionNames(org).trailBucket;
    const object = `arn:aws:s3:::${bucket}/AWSLogs/${org.organizationId}/${ids.workload}/CloudTrail/eu-west-1/2025/06/01/log.json.gz`;
    const bucketPolicy = () =>
      policyOf(stackJson(outdir, 'log-archive-eu-west-1'), 'aws_s3_bucket_policy', (p) => (p.policy as string).includes('InvestigationReadTrail'));
    const identity = () => policyOf(stackJson(outdir, 'security-eu-west-1'), 'aws_iam_role_policy', (p) => p.name === 'investigate');
    const context = { 'aws:SecureTransport': 'true', 'aws:PrincipalOrgID': org.organizationId, 'aws:PrincipalAccount': ids.security! };

    it('reads trail objects', async () => {
      const request = { action: 's3:GetObject', resource: object, resourceAccount: ids['log-archive']!, resourcePolicy: bucketPolicy(), context };
      const as = (principal: string) => ({ ...request, principal, context: { ...context, 'aws:PrincipalArn': principal }, identityPolicies: [identity()] });
      await expect(evaluate(as(reader.roleArn))).resolves.toBe('Allowed');
      // The same identity policy on another role of the account: the bucket policy pins the investigator.
      await expect(evaluate(as(other))).resolves.toBe('ImplicitlyDenied');
    });

    it('cannot write or delete trail objects', async () => {
      for (const action of ['s3:PutObject', 's3:DeleteObject']) {
        await expect(
          evaluate({
            principal: reader.roleArn,
            action,
            resource: object,
            resourceAccount: ids['log-archive']!,
            resourcePolicy: bucketPolicy(),
            identityPolicies: [identity()],
            context: { ...context, 'aws:PrincipalArn': reader.roleArn },
          }),
        ).resolves.not.toBe('Allowed');
      }
    });

    it('decrypts with the trail key only through S3', async () => {
      const keyPolicy = policyOf(stackJson(outdir, 'management-eu-west-1'), 'aws_kms_key', (k) => (k.policy as string).includes('InvestigationDecryptTrail'));
      const keyArn = `arn:aws:kms:eu-west-1:${ids.management}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const decrypt = (principal: string, viaService: string) =>
        evaluate({
          principal,
          action: 'kms:Decrypt',
          resource: keyArn,
          resourcePolicy: keyPolicy,
          identityPolicies: [identity()],
          context: { 'aws:PrincipalArn': principal, 'kms:ViaService': viaService, 'kms:ResourceAliases': [`alias/${names.trailKeyAlias}`] },
        });
      await expect(decrypt(reader.roleArn, 's3.eu-west-1.amazonaws.com')).resolves.toBe('Allowed');
      await expect(decrypt(reader.roleArn, 'lambda.eu-west-1.amazonaws.com')).resolves.not.toBe('Allowed');
      await expect(decrypt(other, 's3.eu-west-1.amazonaws.com')).resolves.not.toBe('Allowed');
    });
  });
});
