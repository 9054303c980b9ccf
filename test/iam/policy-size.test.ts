import { POLICY_QUOTAS, policySize, policySizeProblem, type PolicyQuotaKey } from '../../modules/core/policy-quotas';
import { POLICY_SIZE_LIMITS, Policy } from '../../modules/iam/policy';
import { Statement } from '../../modules/iam/statement';
import { ORGANIZATION_POLICY_SIZE_LIMITS, RCP_SIZE_LIMIT, SCP_SIZE_LIMIT } from '../../modules/organizations';

/** A compact JSON document of exactly `size` characters. */
function documentOf(size: number): string {
  const frame = '{"Statement":""}';
  return `{"Statement":"${'a'.repeat(size - frame.length)}"}`;
}

describe('policySize: the characters AWS counts', () => {
  it.each([
    ['compact JSON', '{"Action":"s3:GetObject","Resource":"*"}', 40],
    ['white space between elements is not counted', '{\n  "Action" : "s3:GetObject",\n\t"Resource": "*"\r\n}', 40],
    ['white space inside a string is counted', '{"Message":"no public AMIs here"}', 33],
    ['an escaped quote does not end the string', '{"M":"a \\" b c"}', 16],
    ['an escaped backslash before the closing quote ends it', '{"M":"a\\\\" , "N": "x"}', 19],
    ['an empty document', '', 0],
  ])('%s', (_what, json, size) => {
    expect(policySize(json)).toBe(size);
  });

  it('is the size of a Policy, however the document was written', () => {
    const policy = Policy.of(Statement.deny({ sid: 'D', actions: ['s3:DeleteBucket'], resources: ['*'], conditions: { StringNotEquals: { 'aws:PrincipalTag/team': 'incident response' } } }));
    expect(policy.size).toBe(policySize(policy.toJson()));
    expect(policySize(JSON.stringify(policy.toDocument(), null, 2))).toBe(policy.size);
  });
});

describe('policySizeProblem: at, under and over every quota', () => {
  const keys = Object.keys(POLICY_QUOTAS) as PolicyQuotaKey[];
  it.each(keys)('%s', (key) => {
    const { maxCharacters, name } = POLICY_QUOTAS[key];
    expect(policySize(documentOf(maxCharacters))).toBe(maxCharacters);
    expect(policySizeProblem(key, policySize(documentOf(maxCharacters - 1)))).toBeUndefined();
    expect(policySizeProblem(key, policySize(documentOf(maxCharacters)))).toBeUndefined();
    expect(policySizeProblem(key, policySize(documentOf(maxCharacters + 1)))).toBe(
      `is ${maxCharacters + 1} characters without whitespace, over the ${maxCharacters}-character limit of a ${name} by 1; split it or shorten it`,
    );
  });

  it('holds the quotas AWS documents', () => {
    expect(Object.fromEntries(keys.map((k) => [k, POLICY_QUOTAS[k].maxCharacters]))).toEqual({
      managed: 6144,
      inline: 10240,
      boundary: 6144,
      trust: 2048,
      scp: 5120,
      rcp: 5120,
      key: 32768,
      bucket: 20480,
      secret: 20480,
      SERVICE_CONTROL_POLICY: 5120,
      RESOURCE_CONTROL_POLICY: 5120,
      TAG_POLICY: 10000,
      BACKUP_POLICY: 10000,
      AISERVICES_OPT_OUT_POLICY: 2500,
      CHATBOT_POLICY: 10000,
      DECLARATIVE_POLICY_EC2: 10000,
    });
  });

  it('is the one source of every exported limit', () => {
    expect(POLICY_SIZE_LIMITS).toEqual({ managed: 6144, inline: 10240, boundary: 6144, trust: 2048, scp: 5120, key: 32768, bucket: 20480, secret: 20480 });
    expect([SCP_SIZE_LIMIT, RCP_SIZE_LIMIT]).toEqual([POLICY_QUOTAS.SERVICE_CONTROL_POLICY.maxCharacters, POLICY_QUOTAS.RESOURCE_CONTROL_POLICY.maxCharacters]);
    expect(ORGANIZATION_POLICY_SIZE_LIMITS).toEqual({ RESOURCE_CONTROL_POLICY: 5120, TAG_POLICY: 10000, DECLARATIVE_POLICY_EC2: 10000 });
  });
});
