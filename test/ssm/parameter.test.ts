import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import type { IEncryptionKey } from '../../modules/kms';
import { ConfigParameter, OUT_OF_BAND_PLACEHOLDER, SecureParameter, parameterName, parameterNameProblem, type ParameterPath } from '../../modules/ssm';
import { TEST_ACCOUNT_ID, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** Stack name of the validated test stack (the Checkov gate scans it too). */
const STACK = 'ssm-parameter-test';

const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const key: IEncryptionKey = { keyArn: KEY_ARN, aliasArn: `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:alias/test/data` };
const SAMPLE_SECRET = 'sample-Parameter-secret-4b2e1d';
const at = (name: string): ParameterPath => ({ organization: 'example', environment: 'prod', application: 'orders', name });

describe('Parameter Store helpers', () => {
  describe('in one stack', () => {
    const { outdir, stack, synthesized } = synthConstruct((scope) => {
      // Laid out as the stacks do (parameters/<application>/...), which the Checkov allowlist relies on.
      const orders = new Construct(new Construct(scope, 'parameters'), 'orders');
      new SecureParameter(orders, 'api-key', { path: at('api-key'), encryptionKey: key, description: 'Payment provider API key' });
      new SecureParameter(orders, 'db-password', {
        path: at('db/password'),
        encryptionKey: key,
        tier: 'Advanced',
        valueSource: { kind: 'write-only-variable', variableName: 'orders_db_password', version: 3 },
      });
      new ConfigParameter(orders, 'db-endpoint', { path: at('db/endpoint'), value: 'orders-db.internal.example.com:5432' });
    }, STACK);
    const parameters = resourcesOfType(stack, 'aws_ssm_parameter');
    const byName = (name: string) => parameters.find((p) => p.name === name)!;

    it('names parameters /<organisation>/<environment>/<application>/<name>', () => {
      expect(parameters.map((p) => p.name).sort()).toEqual(['/example/prod/orders/api-key', '/example/prod/orders/db/endpoint', '/example/prod/orders/db/password']);
    });

    it('encrypts SecureStrings with the customer-managed key and writes them only through value_wo', () => {
      expect(synthesized).toHaveResourceWithProperties(SsmParameter, {
        name: '/example/prod/orders/api-key',
        type: 'SecureString',
        key_id: KEY_ARN,
        tier: 'Standard',
        value_wo: OUT_OF_BAND_PLACEHOLDER,
        value_wo_version: 1,
      });
      expect(synthesized).toHaveResourceWithProperties(SsmParameter, {
        name: '/example/prod/orders/db/password',
        type: 'SecureString',
        key_id: KEY_ARN,
        tier: 'Advanced',
        value_wo: '${var.orders_db_password}',
        value_wo_version: 3,
      });
      for (const p of parameters.filter((x) => x.type === 'SecureString')) {
        expect(p).not.toHaveProperty('value');
        expect(p).not.toHaveProperty('insecure_value');
      }
      expect((stack as { variable?: Record<string, unknown> }).variable?.orders_db_password).toMatchObject({ sensitive: true, ephemeral: true });
    });

    it('stores plain configuration as a String', () => {
      expect(synthesized).toHaveResourceWithProperties(SsmParameter, { name: '/example/prod/orders/db/endpoint', type: 'String', insecure_value: 'orders-db.internal.example.com:5432', tier: 'Standard' });
      expect(byName('/example/prod/orders/db/endpoint')).not.toHaveProperty('key_id');
    });

    it('passes terraform validate and plan, and the value given at apply time never reaches the plan', () => {
      process.env.TF_VAR_orders_db_password = SAMPLE_SECRET;
      try {
        expectValidAndPlannable(outdir, undefined, { planContains: ['/example/prod/orders/db/password'], planOmits: [SAMPLE_SECRET] });
      } finally {
        delete process.env.TF_VAR_orders_db_password;
      }
    });
  });

  describe('parameter names', () => {
    it('accepts the hierarchy with sub-levels', () => {
      expect(parameterNameProblem(parameterName(at('db/read-replica/endpoint')))).toBeUndefined();
    });

    it.each([
      ['a relative name', 'example/prod/orders/x', /must start with "\/"/],
      ['a space', '/example/prod/orders/has space', /characters other than letters, digits/],
      ['a colon', '/example/prod/orders/a:b', /characters other than letters, digits/],
      ['an empty level', '/example/prod//x', /must not have empty levels/],
      ['a trailing slash', '/example/prod/orders/x/', /must not have empty levels/],
      ['too few levels', '/example/prod/x', /at least 4 levels/],
      ['16 levels', `/example/prod/orders/${Array.from({ length: 13 }, (_, i) => `l${i}`).join('/')}`, /at most 15 levels \(found 16\)/],
      ['an aws prefix', '/aws/prod/orders/x', /must not start with "aws" or "ssm"/],
      ['an ssm prefix', '/SSM-things/prod/orders/x', /must not start with "aws" or "ssm"/],
      ['1020 characters', `/example/prod/orders/${'x'.repeat(1000)}`, /at most 1011 characters/],
    ])('rejects a name with %s', (_what, name, problem) => {
      expect(parameterNameProblem(name)).toMatch(problem);
    });
  });

  describe('validation', () => {
    it('fails when the parameter name has a bad character', () => {
      expect(() => new SecureParameter(testStack(), 'p', { path: at('db password'), encryptionKey: key })).toThrow(/path has level "db password"/);
    });

    it('fails when the parameter path is too deep', () => {
      const deep = Array.from({ length: 13 }, (_, i) => `level${i}`).join('/');
      expect(() => new ConfigParameter(testStack(), 'p', { path: at(deep), value: 'x' })).toThrow(/path must have at most 15 levels/);
    });

    it('fails when a plain value looks like a secret', () => {
      expect(() => new ConfigParameter(testStack(), 'p', { path: at('db/url'), value: 'postgres://app:password=hunter2@db' })).toThrow(/value looks like a secret/);
      expect(() => new ConfigParameter(testStack(), 'p', { path: at('db/url'), value: 'postgres://app:password=hunter2@db' })).not.toThrow(/hunter2/);
    });

    it('fails when a plain value is empty or too large for its tier', () => {
      expect(() => new ConfigParameter(testStack(), 'p', { path: at('x'), value: '' })).toThrow(/value must be 1 to 4096 bytes in the Standard tier/);
      expect(() => new ConfigParameter(testStack(), 'p', { path: at('x'), value: 'x'.repeat(5000) })).toThrow(/value must be 1 to 4096 bytes/);
      expect(() => new ConfigParameter(testStack(), 'p', { path: at('x'), value: 'x'.repeat(5000), tier: 'Advanced' })).not.toThrow();
    });

    it('fails when the write-only version is not a positive whole number', () => {
      expect(() => new SecureParameter(testStack(), 'p', { path: at('x'), encryptionKey: key, valueSource: { kind: 'write-only-variable', variableName: 'x', version: 0 } })).toThrow(
        /valueSource\.version must be a whole number/,
      );
    });
  });
});
