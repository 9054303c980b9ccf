import { parseOrganization } from '../../config';
import { POLICY_SIZE_LIMITS, policySize } from '../../modules/iam/policy';
import { buildOrganization } from '../../stacks/organization-app';
import { generateOrganization } from '../../scripts/lib/generate-org';
import { resourcesOfType, stackJson, synthApp, testApp } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The log archive's policies must not grow with the organisation: delivery is pinned with `aws:SourceOrgID` and the
 * writer's own prefix (policy variables), never a list of accounts. Before, at 1,000 accounts the key policy was
 * 64,282 characters, the Config bucket policy 32,325 and the flow-log bucket policy 95,733.
 */
describe('log-archive policies at 1,000 accounts', () => {
  const sizesAt = (accounts: number, plan = false) => {
    const org = parseOrganization(generateOrganization(accounts, 1), 'generated');
    const app = testApp();
    buildOrganization(app, org, (account) => account.role === 'log-archive');
    const outdir = synthApp(app);
    const logArchive = org.accounts.find((a) => a.role === 'log-archive')!;
    const stackName = `log-archive-${org.homeRegion}`;
    const stack = stackJson(outdir, stackName);
    // terraform validate accepts the escaped policy variables ($${aws:SourceAccount}) and the plan renders them
    if (plan) expectValidAndPlannable(outdir, [stackName]);
    const sizes = new Map<string, { size: number; limit: number }>();
    for (const policy of resourcesOfType(stack, 'aws_s3_bucket_policy')) {
      sizes.set(`bucket policy of ${String(policy.bucket)}`, { size: policySize(String(policy.policy)), limit: POLICY_SIZE_LIMITS.bucket });
    }
    for (const key of resourcesOfType(stack, 'aws_kms_key')) {
      sizes.set(`key policy of ${String(key.description)}`, { size: policySize(String(key.policy)), limit: POLICY_SIZE_LIMITS.key });
    }
    expect(logArchive.id).toMatch(/^\d{12}$/);
    return sizes;
  };

  it('keeps every bucket and key policy under its AWS limit, the same size as at 5 accounts', () => {
    const large = sizesAt(1000, true);
    const small = sizesAt(5);
    expect(large.size).toBeGreaterThanOrEqual(6); // five buckets and the key
    for (const [what, { size, limit }] of large) {
      expect({ what, underLimit: size <= limit }).toEqual({ what, underLimit: true });
      expect({ what, size }).toEqual({ what, size: small.get(what)?.size });
    }
  });
});
