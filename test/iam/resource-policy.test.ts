import { Policy, policyProblems, type PolicyKind } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';

/**
 * One policy model for identity and resource policies: the same Statement and Policy, the same lint, with the rules
 * of each kind. Resource policies (key, bucket, secret) name a principal and a resource, and never Allow everyone
 * without a condition.
 */
const BUCKET = 'arn:aws:s3:::example-data-123456789012';
const READER = { AWS: 'arn:aws:iam::123456789012:role/Reader' };

describe('the policy lint for resource policies', () => {
  it.each<PolicyKind>(['key', 'bucket', 'secret'])('accepts a named principal on a resource in a %s policy', (kind) => {
    expect(policyProblems(Policy.of(Statement.allow({ principal: READER, actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] })), kind)).toEqual([]);
  });

  it.each<PolicyKind>(['key', 'bucket', 'secret'])('fails a %s policy statement without a principal, naming the statement', (kind) => {
    const problems = policyProblems(Policy.of(Statement.allow({ sid: 'NoOne', actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] })), kind);
    expect(problems).toEqual([expect.stringMatching(/^Statement\[0\] \(NoOne\): a (key|bucket|secret resource) policy statement needs a Principal$/)]);
  });

  it('fails an Allow to everyone without a condition, and accepts it with one (an organisation or source condition)', () => {
    for (const principal of ['*', { AWS: '*' }] as const) {
      const open = Policy.of(Statement.allow({ principal, actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] }));
      expect(policyProblems(open, 'bucket')).toEqual([expect.stringMatching(/Allow to every principal \("\*"\) without a Condition makes the resource public/)]);
      const scoped = Policy.of(Statement.allow({ principal, actions: ['s3:GetObject'], resources: [`${BUCKET}/*`], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
      expect(policyProblems(scoped, 'bucket')).toEqual([]);
    }
  });

  it('lets a Deny to everyone stand without a condition (it only takes away)', () => {
    expect(policyProblems(Policy.of(Statement.deny({ principal: '*', actions: ['s3:DeleteBucket'], resources: [BUCKET] })), 'bucket')).toEqual([]);
  });

  it('holds resource policies to the action catalogue and their size quotas, like identity policies', () => {
    const typo = Policy.of(Statement.allow({ principal: READER, actions: ['kms:Decrypted'], resources: ['*'] }));
    expect(policyProblems(typo, 'key')).toEqual([expect.stringMatching(/"kms:Decrypted" is not a known kms action/)]);
    const many = Array.from({ length: 300 }, (_, i) => Statement.allow({ principal: { AWS: `arn:aws:iam::123456789012:role/reader-${i}` }, actions: ['s3:GetObject'], resources: [`${BUCKET}/${i}/*`] }));
    expect(policyProblems(Policy.of(...many), 'bucket')).toContainEqual(expect.stringMatching(/over the 20480-character limit of a bucket policy/));
  });

  it('still refuses a principal in an identity policy', () => {
    expect(policyProblems(Policy.of(Statement.allow({ principal: READER, actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] })), 'managed')).toEqual([
      'Statement[0]: a managed policy statement has no Principal',
    ]);
  });
});
