import { ConfigError } from '../../config/errors';
import { centralFlowLogsBucketName } from '../../stacks/naming';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** The example with `defaultVpcs` set (raw input, so the schema fills the defaults). */
const withDefaultVpcs = (defaultVpcs: unknown) =>
  exampleOrg((input) => {
    (input as { defaultVpcs?: unknown }).defaultVpcs = defaultVpcs;
  });

describe('default VPCs (config defaultVpcs)', () => {
  const org = withDefaultVpcs({ deleted: { 'workload-dev': ['eu-west-1'] } });
  const { outdir } = synthOrg(org);

  it('validates and plans', () => {
    expectValidAndPlannable(outdir, ['workload-dev-us-east-1', 'workload-dev-eu-west-1']);
  });

  it('locks down the default VPC of every account and Region, except where config says it was deleted', () => {
    for (const account of org.accounts) {
      for (const region of account.regions) {
        const stack = stackJson(outdir, `${account.name}-${region}`);
        const expected = account.name === 'workload-dev' && region === 'eu-west-1' ? 0 : 1;
        expect([`${account.name}-${region}`, resourcesOfType(stack, 'aws_default_vpc').length]).toEqual([`${account.name}-${region}`, expected]);
        expect(resourcesOfType(stack, 'aws_flow_log').filter((f) => String(f.vpc_id).includes('aws_default_vpc'))).toHaveLength(expected);
      }
    }
  });

  it('never destroys a default VPC, removes the default rules and logs to the log archive flow-log bucket', () => {
    const stack = stackJson(outdir, 'workload-dev-us-east-1');
    expect(resourcesOfType(stack, 'aws_default_vpc')[0]!.force_destroy).toBe(false);
    const defaultGroups = resourcesOfType(stack, 'aws_default_security_group').filter((g) => String(g.vpc_id).includes('aws_default_vpc'));
    expect(defaultGroups).toHaveLength(1);
    expect(defaultGroups[0]!.ingress).toBeUndefined();
    expect(defaultGroups[0]!.egress).toBeUndefined();
    const flowLog = resourcesOfType(stack, 'aws_flow_log').find((f) => String(f.vpc_id).includes('aws_default_vpc'))!;
    expect(flowLog.log_destination).toBe(`arn:aws:s3:::${centralFlowLogsBucketName(org)}`);
  });

  it('leaves default VPCs alone when the block is absent (the example) or lockDown is off', () => {
    const off = synthOrg(withDefaultVpcs({ lockDown: false })).outdir;
    expectValidAndPlannable(off, ['security-us-east-1']);
    expect(resourcesOfType(stackJson(off, 'security-us-east-1'), 'aws_default_vpc')).toHaveLength(0);
  });

  it('refuses unknown accounts and Regions an account does not run in, with the path', () => {
    let problems: ReadonlyArray<{ path: string; message: string }> = [];
    try {
      withDefaultVpcs({ deleted: { nobody: ['us-east-1'], 'workload-prod': ['ap-south-1'] } });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^defaultVpcs\.deleted\.nobody: names no account; use one of management, /),
      expect.stringMatching(/^defaultVpcs\.deleted\.workload-prod\[0\]: is not one of the account's Regions \(us-east-1, eu-west-1\)/),
    ]);
  });
});
