import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { evaluate } from '../support/iam-eval';
import { resourcesOfType, stackJson, stackText } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The log-archive account holds the organisation's central buckets: CloudTrail, AWS Config and VPC flow logs, each
 * with Object Lock and a policy that admits only the organisation's accounts.
 */
describe('central log buckets in the log-archive account', () => {
  const org = exampleOrg((input) => ({
    ...input,
    network: { ...input.network, flowLogs: { ...(input.network as { flowLogs?: object } | undefined)?.flowLogs, destination: 'log-archive' } },
  }));
  const { outdir } = synthOrg(org);
  const logArchive = stackJson(outdir, 'log-archive-us-east-1');
  const policyOf = (name: string): string => {
    const address = Object.entries(logArchive.resource!.aws_s3_bucket!).find(([, b]) => b.bucket === name)![0];
    const policy = resourcesOfType(logArchive, 'aws_s3_bucket_policy').find((p) => p.bucket === `\${aws_s3_bucket.${address}.id}`);
    // Terraform's escape of policy variables ($${aws:SourceAccount}) undone: what AWS receives.
    return (policy!.policy as string).replace(/\$\$\{/g, '${');
  };
  const flowLogsBucket = 'example-flow-logs-222222222222';
  const flowLogsArn = `arn:aws:s3:::${flowLogsBucket}`;

  it.each(['example-cloudtrail-222222222222', 'example-config-222222222222', flowLogsBucket])('holds %s with Object Lock and an organisation-only policy', (name) => {
    expect(stackText(outdir, 'log-archive-us-east-1')).toHaveResourceWithProperties(S3Bucket, { bucket: name, object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
    const statements = (JSON.parse(policyOf(name)) as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Sid: 'DenyPrincipalsOutsideOrganization', Effect: 'Deny', Condition: expect.objectContaining({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) }),
    );
  });

  it('lets log delivery write flow logs for the organisation\'s accounts only, each into its own prefix', async () => {
    const base = { principal: 'delivery.logs.amazonaws.com', action: 's3:PutObject', resource: `${flowLogsArn}/AWSLogs/555555555555/vpcflowlogs/x.log.gz`, resourceAccount: '222222222222', resourcePolicy: policyOf(flowLogsBucket) };
    const fromAccount = (id: string, orgId = 'o-a1b2c3d4e5') => ({ 'aws:PrincipalIsAWSService': 'true', 's3:TlsVersion': '1.3', 'aws:SourceAccount': id, 'aws:SourceOrgID': orgId, 'aws:SourceArn': `arn:aws:logs:us-east-1:${id}:*`, 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SecureTransport': 'true' });
    expect(await evaluate({ ...base, context: fromAccount('555555555555') })).toBe('Allowed');
    expect(await evaluate({ ...base, context: fromAccount('999999999999', 'o-zzzzzzzzzz') })).not.toBe('Allowed');
    // another account of the organisation cannot write into 555555555555's prefix
    expect(await evaluate({ ...base, context: fromAccount('666666666666') })).not.toBe('Allowed');
  });

  it('points every workload VPC\'s flow logs at the central bucket when flowLogs.destination is log-archive', () => {
    for (const name of ['workload-prod-us-east-1', 'workload-dev-us-east-1', 'network-us-east-1']) {
      const flowLogs = resourcesOfType(stackJson(outdir, name), 'aws_flow_log');
      expect(flowLogs.length).toBeGreaterThan(0);
      expect(stackText(outdir, name)).toHaveResourceWithProperties(FlowLog, { log_destination_type: 's3', log_destination: flowLogsArn, traffic_type: 'ALL' });
      for (const flowLog of flowLogs) expect(flowLog).toMatchObject({ log_destination_type: 's3', log_destination: flowLogsArn, traffic_type: 'ALL' });
      expect(resourcesOfType(stackJson(outdir, name), 'aws_cloudwatch_log_group').filter((g) => String(g.name).startsWith('/vpc-flow-logs/'))).toHaveLength(0);
    }
  });

  it('passes validate and plan', () => {
    expectValidAndPlannable(outdir, ['log-archive-us-east-1', 'workload-dev-us-east-1']);
  });
});
