import { Policy, policyProblems } from '../../modules/iam/policy';
import { patternsIntersect, unsupportedResourceProblem } from '../../modules/iam/resource-type-lint';
import { Statement } from '../../modules/iam/statement';
import { ManagedPolicy } from '../../modules/iam/managed-policy';
import { testStack } from '../support/synth';

describe('the resource-type lint (actions granted on resource types they do not support)', () => {
  it.each<[string, string, string[]]>([
    ['an object action on a bucket ARN', 's3:GetObject', ['arn:aws:s3:::example-bucket']],
    ['a bucket action on object ARNs', 's3:ListBucket', ['arn:aws:s3:::example-bucket/*']],
    ['an action without resource types on an ARN', 'logs:DescribeLogGroups', ['arn:aws:logs:*:*:log-group:/example/*']],
    ['an instance-profile action on a role', 'iam:AddRoleToInstanceProfile', ['arn:aws:iam::123456789012:role/app']],
    ['a key action on an alias of another service', 'kms:Decrypt', ['arn:aws:s3:::example-bucket/*']],
  ])('refuses %s, naming the statement and the fix', (_what, action, resources) => {
    const problems = policyProblems(Policy.of(Statement.allow({ sid: 'Grant', actions: [action], resources })), 'managed');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^Statement\\[0\\] \\(Grant\\): Allow of "${action.replace(/[.*]/g, '\\$&')}" (supports no resource type: grant it on "\\*" \\(in a statement of its own\\)|applies only to ".*": grant it on such ARNs); on .* it grants nothing$`));
  });

  it.each<[string, string, string[]]>([
    ['an object action on objects', 's3:GetObject', ['arn:aws:s3:::example-bucket/*']],
    ['a bucket action on the bucket among objects', 's3:ListBucket', ['arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/*']],
    ['an action without resource types on "*"', 'logs:DescribeLogGroups', ['*']],
    ['an object action on a wildcard that can match objects', 's3:GetObject', ['arn:aws:s3:::example-*']],
    ['a wildcard action one of whose actions applies', 's3:Get*', ['arn:aws:s3:::example-bucket']],
    ['a resource that is a Terraform token', 'kms:Decrypt', ['${TfToken[TOKEN.12]}']],
    ['a resource with a policy variable', 's3:PutObject', ['arn:aws:s3:::logs/AWSLogs/${aws:PrincipalAccount}/*']],
  ])('accepts %s', (_what, action, resources) => {
    expect(unsupportedResourceProblem(action, resources)).toBeUndefined();
  });

  it('lints grants only: SCP and boundary denies and Deny statements are not resource-type linted', () => {
    const deny = Policy.of(Statement.deny({ sid: 'D', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-bucket'] }));
    expect(policyProblems(deny, 'managed')).toEqual([]);
    const ceiling = Policy.of(Statement.allow({ sid: 'A', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-bucket'] }));
    expect(policyProblems(ceiling, 'scp')).toEqual([]);
  });

  it('fails the synth of a managed policy with such a grant', () => {
    expect(
      () => new ManagedPolicy(testStack(), 'p', { policyName: 'p', policy: Policy.of(Statement.allow({ sid: 'ReadObjects', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::example-bucket'] })) }),
    ).toThrow(/Statement\[0\] \(ReadObjects\): Allow of "s3:GetObject" applies only to .*: grant it on such ARNs; on "arn:aws:s3:::example-bucket" it grants nothing/);
  });

  it('intersects wildcard patterns both ways', () => {
    expect(patternsIntersect('arn:aws:s3:::b/*', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(true);
    expect(patternsIntersect('arn:aws:s3:::b', 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')).toBe(false);
    expect(patternsIntersect('arn:aws:iam::1:role/x', 'arn:${Partition}:iam::${Account}:instance-profile/${InstanceProfileNameWithPath}')).toBe(false);
  });
});

it('leaves "*" actions to the administrator-access lint', () => {
  expect(unsupportedResourceProblem('*', ['*'])).toBeUndefined();
});
