import { Testing } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { actionProblem, matchingActions } from '../../modules/iam/action-catalogue';
import { ManagedPolicy } from '../../modules/iam/managed-policy';
import { Policy, escapeForTerraform, policyProblems, policySize, POLICY_SIZE_LIMITS } from '../../modules/iam/policy';
import { renderPolicy } from '../../modules/iam/policy-document';
import { Statement } from '../../modules/iam/statement';
import { abacAllow, tagsMatchPrincipal } from '../../modules/iam/abac';
import { testStack } from '../support/synth';

describe('the IAM action catalogue', () => {
  it('knows real actions, case-insensitively, and wildcards that match something', () => {
    expect(actionProblem('s3:GetObject')).toBeUndefined();
    expect(actionProblem('S3:getobject')).toBeUndefined();
    expect(actionProblem('s3:Get*')).toBeUndefined();
    expect(actionProblem('*')).toBeUndefined();
    expect(matchingActions('guardduty:DeleteDetector')).toEqual(['guardduty:DeleteDetector']);
  });

  it.each([
    ['s3:GetObjects', /not a known s3 action.*did you mean "s3:GetObject/],
    ['s3:Frobnicate*', /matches no s3 action/],
    ['notaservice:Get', /unknown service "notaservice"/],
    ['GetObject', /write it as service:Action/],
  ])('rejects %s', (action, message) => {
    expect(actionProblem(action)).toMatch(message);
  });
});

describe('Statement and Policy', () => {
  it('renders IAM JSON in the customary key order, lone values as strings', () => {
    const policy = Policy.of(
      Statement.allow({ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
      Statement.deny({ notActions: ['iam:*'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(policy.toDocument()).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    });
    expect(policyProblems(policy, 'managed')).toEqual([]);
  });

  it('measures size as AWS does, without whitespace', () => {
    expect(policySize('{ "a" : [ 1, 2 ] }')).toBe('{"a":[1,2]}'.length);
    const policy = Policy.of(Statement.allow({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }));
    expect(policy.size).toBe(policy.toJson().length);
  });

  it('round-trips statements written as JSON and keeps renderPolicy compatible', () => {
    const json = [{ Sid: 'A', Effect: 'Allow' as const, Action: ['kms:Decrypt'], Resource: '*' }];
    expect(Policy.fromJson(json).toJson()).toBe(renderPolicy([{ Sid: 'A', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]));
  });

  it('merges conditions', () => {
    const s = Statement.deny({ actions: ['s3:*'], resources: ['*'], conditions: { StringEquals: { a: '1' } } }).withConditions({ StringEquals: { b: '2' }, Null: { c: 'true' } });
    expect(s.toJson().Condition).toEqual({ StringEquals: { a: '1', b: '2' }, Null: { c: 'true' } });
  });

  it('allows a wildcard grant only with a break-glass reason', () => {
    const marked = Policy.of(Statement.allow({ actions: ['*'], resources: ['*'], breakGlass: { reason: 'emergency access for the incident responders' } }));
    expect(policyProblems(marked, 'managed')).toEqual([]);
    const tooShort = Policy.of(Statement.allow({ actions: ['*'], resources: ['*'], breakGlass: { reason: 'because' } }));
    expect(policyProblems(tooShort, 'managed').join()).toMatch(/breakGlass.reason must say why in at least 20 characters/);
  });

  it('treats boundary and SCP Allow statements as ceilings, not grants', () => {
    const ceiling = Policy.of(Statement.allow({ actions: ['*'], resources: ['*'] }));
    expect(policyProblems(ceiling, 'boundary')).toEqual([]);
    expect(policyProblems(ceiling, 'scp')).toEqual([]);
  });

  it('allows service:* on specific resources', () => {
    expect(policyProblems(Policy.of(Statement.allow({ actions: ['s3:*'], resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] })), 'inline')).toEqual([]);
  });

  it.each([
    ['Action "*" on "*"', Statement.allow({ actions: ['*'], resources: ['*'] }), /Allow of "\*" on resource "\*" is administrator access/],
    ['service:* on "*"', Statement.allow({ actions: ['s3:*'], resources: ['*'] }), /Allow of "s3:\*" on resource "\*"/],
    ['Allow with NotAction', Statement.allow({ notActions: ['iam:*'], resources: ['*'] }), /Allow with NotAction/],
    ['Allow with NotResource', Statement.allow({ actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret/*'] }), /Allow with NotResource/],
    ['an unknown action', Statement.allow({ actions: ['s3:GetObjects'], resources: ['*'] }), /"s3:GetObjects" is not a known s3 action/],
    ['a wildcard matching no action', Statement.allow({ actions: ['ec2:Frob*'], resources: ['*'] }), /"ec2:Frob\*" matches no ec2 action/],
    ['no action', Statement.allow({ resources: ['*'] }), /needs exactly one of Action or NotAction/],
    ['no resource', Statement.allow({ actions: ['s3:GetObject'] }), /needs a Resource/],
    ['a principal in an identity policy', Statement.allow({ actions: ['s3:GetObject'], resources: ['*'], principal: { AWS: 'arn:aws:iam::123456789012:root' } }), /has no Principal/],
    ['a bad Sid', Statement.allow({ sid: 'not-ok', actions: ['s3:GetObject'], resources: ['*'] }), /Sid must be letters and digits/],
  ])('fails a managed policy with %s, naming the prop', (_name, statement, message) => {
    const stack = testStack();
    expect(() => new ManagedPolicy(stack, 'P', { policyName: 'p', policy: Policy.of(statement) })).toThrow(/test-stack\/P: policy is not a valid managed policy/);
    expect(() => new ManagedPolicy(testStack(), 'P', { policyName: 'p', policy: Policy.of(statement) })).toThrow(message);
  });

  it('fails a managed policy over 6,144 characters, with its size in the message', () => {
    const statements = Array.from({ length: 60 }, (_, i) => Statement.allow({ sid: `S${i}`, actions: ['s3:GetObject'], resources: [`arn:aws:s3:::bucket-number-${i}/some/long/prefix/*`] }));
    const policy = Policy.of(...statements);
    expect(policy.size).toBeGreaterThan(POLICY_SIZE_LIMITS.managed);
    expect(() => new ManagedPolicy(testStack(), 'P', { policyName: 'p', policy })).toThrow(new RegExp(`policy is not a valid managed policy[\\s\\S]*is ${policy.size} characters without whitespace, over the 6144-character limit`));
  });

  it('fails duplicate Sids', () => {
    const policy = Policy.of(Statement.allow({ sid: 'A', actions: ['s3:GetObject'], resources: ['*'] }), Statement.allow({ sid: 'A', actions: ['s3:PutObject'], resources: ['*'] }));
    expect(policyProblems(policy, 'managed').join()).toMatch(/Sid "A" is used twice/);
  });

  it('escapes IAM policy variables for Terraform, leaving cdktf tokens alone', () => {
    expect(escapeForTerraform('{"Resource":"arn:aws:iam::1:user/${aws:username}","X":"%{y}","T":"${TfToken[TOKEN.1]}"}')).toBe(
      '{"Resource":"arn:aws:iam::1:user/$${aws:username}","X":"%%{y}","T":"${TfToken[TOKEN.1]}"}',
    );
  });

  it('synthesizes a managed policy as literal JSON', () => {
    const synthesized = Testing.synthScope((scope) => {
      new ManagedPolicy(scope, 'P', { policyName: 'read-site', policy: Policy.of(Statement.allow({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::site/*'] })) });
    });
    expect(synthesized).toHaveResourceWithProperties(IamPolicy, {
      name: 'read-site',
      path: '/',
      policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}',
    });
  });
});

describe('ABAC helpers', () => {
  it('match resource, S3 object and request tags to the principal tag', () => {
    expect(tagsMatchPrincipal(['project'])).toEqual({
      StringEquals: { 'aws:ResourceTag/project': '${aws:PrincipalTag/project}' },
      Null: { 'aws:PrincipalTag/project': 'false' },
    });
    expect(tagsMatchPrincipal(['team'], 's3-object').StringEquals).toEqual({ 's3:ExistingObjectTag/team': '${aws:PrincipalTag/team}' });
    expect(tagsMatchPrincipal(['team'], 'request').StringEquals).toEqual({ 'aws:RequestTag/team': '${aws:PrincipalTag/team}' });
    const statement = abacAllow({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::shared/*'], tagKeys: ['team'], source: 's3-object' });
    expect(policyProblems(Policy.of(statement), 'inline')).toEqual([]);
  });

  it('fails reserved or empty tag keys', () => {
    expect(() => tagsMatchPrincipal([])).toThrow(/tagKeys must list at least one/);
    expect(() => tagsMatchPrincipal(['aws:foo'])).toThrow(/tagKeys: "aws:foo" is not a usable tag key/);
  });
});
