import * as path from 'path';
import { loadOrganizationFile } from '../../config';
import { InspectorOrganization } from '../../modules/detection/inspector';
import { exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson, synthConstruct, type SynthesizedStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The apply-time problems the emulator found, fixed in the modules. Each assertion fails on the code before the fix;
 * the emulator run (npm run apply:emulator) shows the same fix against an API that enforces it.
 */

const ADMIN = '333333333333';
const MEMBERS = ['111111111111', '222222222222'];

describe('Inspector2 enablers', () => {
  const { outdir, stack } = synthConstruct((scope) => {
    new InspectorOrganization(scope, 'inspector', { adminAccountId: ADMIN, memberAccountIds: MEMBERS });
  }, 'inspector-split-test');

  it('never mixes the administrator\'s own account with member accounts in one enabler', () => {
    // The provider refuses the mix at plan time once it knows the caller's account ("account_ids can contain either
    // the administrator account or one or more member accounts"); the offline plan, with no account lookup, cannot see it.
    const enablers = resourcesOfType(stack, 'aws_inspector2_enabler');
    for (const e of enablers) {
      const ids = e.account_ids as string[];
      expect(ids.includes(ADMIN) && ids.length > 1).toBe(false);
    }
    expect(enablers.map((e) => e.account_ids)).toEqual([[ADMIN], MEMBERS]);
  });

  it('enables the members after the administrator itself and after their association', () => {
    const names = Object.keys(stack.resource?.aws_inspector2_enabler ?? {});
    const admin = names.find((n) => n.includes('AdminEnabler'))!;
    const members = stack.resource!.aws_inspector2_enabler![names.find((n) => !n.includes('AdminEnabler'))!]!;
    expect(members.depends_on).toEqual(expect.arrayContaining([`aws_inspector2_enabler.${admin}`, ...Object.keys(stack.resource!.aws_inspector2_member_association!).map((n) => `aws_inspector2_member_association.${n}`)]));
  });

  it('is valid and plannable', () => {
    expectValidAndPlannable(outdir);
  });
});

/** For every bucket-logging resource: the target bucket's policy it must wait for (undefined when none is found). */
function loggingOrder(stack: SynthesizedStack): Array<{ logging: string; policy: string | undefined; dependsOn: readonly string[] }> {
  const buckets = stack.resource?.aws_s3_bucket ?? {};
  const policies = stack.resource?.aws_s3_bucket_policy ?? {};
  return Object.entries(stack.resource?.aws_s3_bucket_logging ?? {}).map(([name, logging]) => {
    const target = String(logging.target_bucket);
    const bucket = /\$\{aws_s3_bucket\.([^.]+)\./.exec(target)?.[1] ?? Object.entries(buckets).find(([, b]) => b.bucket === target)?.[0];
    const policy = Object.entries(policies).find(([, p]) => String(p.bucket).includes(`aws_s3_bucket.${bucket}.`))?.[0];
    return { logging: name, policy: policy && `aws_s3_bucket_policy.${policy}`, dependsOn: (logging.depends_on as string[] | undefined) ?? [] };
  });
}

describe('S3 server access logging waits for the target bucket policy', () => {
  // AWS behaves the same way as the emulator here: PutBucketLogging is refused (InvalidTargetBucketForLogging) until
  // the target's policy lets logging.s3.amazonaws.com write.
  it('in the log archive (every logged bucket of the example)', () => {
    const out = synthOrg(exampleOrg());
    const order = loggingOrder(stackJson(out.outdir, 'log-archive-us-east-1'));
    expect(order.length).toBeGreaterThanOrEqual(4);
    for (const o of order) {
      expect(o.policy).toBeDefined();
      expect(o.dependsOn).toContain(o.policy);
    }
    expectValidAndPlannable(out.outdir, ['log-archive-us-east-1']);
  });

  it('in the s3 state bootstrap, whose target is a literal name', () => {
    const out = synthOrg(loadOrganizationFile(path.join(__dirname, '..', '..', 'examples', 'configs', 's3-per-account.yaml')));
    const bootstrap = out.stackNames.find((n) => n.includes('state-bootstrap'))!;
    const order = loggingOrder(stackJson(out.outdir, bootstrap));
    expect(order).toHaveLength(1);
    expect(order[0]!.policy).toBeDefined();
    expect(order[0]!.dependsOn).toContain(order[0]!.policy);
    expectValidAndPlannable(out.outdir, [bootstrap]);
  });
});
