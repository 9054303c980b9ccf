import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import * as fs from 'fs';
import * as path from 'path';
import type { Construct } from 'constructs';
import type { IEncryptionKey } from '../../modules/kms';
import { ManagedSecret, type ManagedSecretProps } from '../../modules/secrets';
import { evaluate } from '../support/iam-eval';
import { TEST_ACCOUNT_ID, onlyResource, resourcesOfType, synthConstruct, testStack } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/** Stack name of the validated test stack (the Checkov gate scans it too). */
const STACK = 'managed-secret-test';

const ORG_ID = 'o-a1b2c3d4e5';
const KEY_ARN = `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const REPLICA_KEY = `arn:aws:kms:eu-west-1:${TEST_ACCOUNT_ID}:alias/test/secrets-replica`;
const LAMBDA = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT_ID}:function:rotate-orders-db`;
const key: IEncryptionKey = { keyArn: KEY_ARN, aliasArn: `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:alias/test/data` };
/** A value given only at apply time; it must never reach the JSON, the plan or the state. */
const SAMPLE_SECRET = 'sample-Secret-value-7f3a9c!';

const baseProps: ManagedSecretProps = {
  name: 'example/prod/orders/db-credentials',
  region: 'us-east-1',
  encryptionKey: key,
  organizationId: ORG_ID,
  rotation: { lambdaArn: LAMBDA },
};

function secretIn(scope: Construct, props: Partial<ManagedSecretProps> = {}, id = 'orders.db-credentials'): ManagedSecret {
  return new ManagedSecret(scope, id, { ...baseProps, ...props });
}

describe('ManagedSecret', () => {
  describe('with a write-only value and a replica', () => {
    const { outdir, stack, synthesized } = synthConstruct((scope) => {
      secretIn(scope, {
        description: 'Orders database credentials',
        valueSource: { kind: 'write-only-variable', variableName: 'orders_db_credentials', version: 2 },
        replicas: [{ region: 'eu-west-1', kmsKeyArn: REPLICA_KEY }],
        recoveryWindowDays: 14,
        rotation: { lambdaArn: LAMBDA, automaticallyAfterDays: 7 },
      });
      secretIn(scope, { name: 'example/prod/orders/api-token' }, 'orders.api-token');
    }, STACK);
    const secrets = resourcesOfType(stack, 'aws_secretsmanager_secret');

    it('encrypts with the customer-managed key, keeps a recovery window and replicates under a regional key', () => {
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecret, {
        name: 'example/prod/orders/db-credentials',
        kms_key_id: KEY_ARN,
        recovery_window_in_days: 14,
        replica: [{ region: 'eu-west-1', kms_key_id: REPLICA_KEY }],
      });
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecret, { name: 'example/prod/orders/api-token', kms_key_id: KEY_ARN, recovery_window_in_days: 30 });
      expect(secrets).toHaveLength(2);
    });

    it('denies principals outside the organisation and blocks public policies', () => {
      const policies = resourcesOfType(stack, 'aws_secretsmanager_secret_policy');
      expect(policies).toHaveLength(2);
      // cdktf drops the dot of the construct id from the address (orders.db-credentials -> ordersdb-credentials)
      for (const secret of ['ordersdb-credentials', 'ordersapi-token']) {
        expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretPolicy, {
          secret_arn: expect.stringMatching(new RegExp(`^\\$\\{aws_secretsmanager_secret\\.${secret}_[0-9A-F]{8}\\.arn\\}$`)),
          block_public_policy: true,
        });
      }
      for (const policy of policies) {
        expect(JSON.parse(policy.policy as string)).toEqual({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyOutsideOrganization',
              Effect: 'Deny',
              Principal: '*',
              Action: 'secretsmanager:*',
              Resource: '*',
              Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
            },
          ],
        });
      }
    });

    it('rotates with the Lambda on schedule, immediately only when rotation creates the value', () => {
      expect(resourcesOfType(stack, 'aws_secretsmanager_secret_rotation')).toHaveLength(2);
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretRotation, { rotation_lambda_arn: LAMBDA, rotation_rules: { automatically_after_days: 7 }, rotate_immediately: false });
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretRotation, { rotation_lambda_arn: LAMBDA, rotation_rules: { automatically_after_days: 30 }, rotate_immediately: true });
    });

    it('writes the value only through secret_string_wo from an ephemeral, sensitive variable', () => {
      expect(synthesized).toHaveResourceWithProperties(SecretsmanagerSecretVersion, { secret_string_wo: '${var.orders_db_credentials}', secret_string_wo_version: 2 });
      const version = onlyResource(stack, 'aws_secretsmanager_secret_version');
      expect(version).not.toHaveProperty('secret_string');
      expect(version).not.toHaveProperty('secret_binary');
      expect((stack as { variable?: Record<string, unknown> }).variable?.orders_db_credentials).toMatchObject({ type: 'string', sensitive: true, ephemeral: true, nullable: false });
    });

    it('passes terraform validate and plan, and the value given at apply time reaches neither the plan nor the JSON', () => {
      process.env.TF_VAR_orders_db_credentials = SAMPLE_SECRET;
      try {
        expectValidAndPlannable(outdir, undefined, { planContains: ['aws_secretsmanager_secret_version'], planOmits: [SAMPLE_SECRET] });
        expect(fs.readFileSync(path.join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8')).not.toContain(SAMPLE_SECRET);
      } finally {
        delete process.env.TF_VAR_orders_db_credentials;
      }
    });
  });

  describe('resource policy, evaluated', () => {
    const secret = secretIn(testStack());
    const secretArn = `arn:aws:secretsmanager:us-east-1:${TEST_ACCOUNT_ID}:secret:example/prod/orders/db-credentials-AbCdEf`;
    const allowRead = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };
    const base = { action: 'secretsmanager:GetSecretValue', resource: secretArn, resourcePolicy: secret.policyJson, identityPolicies: [allowRead] };

    it('lets a permitted principal of the organisation read', async () => {
      expect(await evaluate({ ...base, principal: `arn:aws:iam::${TEST_ACCOUNT_ID}:role/OrdersApp`, context: { 'aws:PrincipalOrgID': ORG_ID } })).toBe('Allowed');
    });

    it('denies a principal outside the organisation, even one the policy would otherwise allow', async () => {
      const outsider = 'arn:aws:iam::999999999999:role/Outsider';
      const allowOutsider = JSON.stringify({
        Version: '2012-10-17',
        Statement: [...(JSON.parse(secret.policyJson) as { Statement: unknown[] }).Statement, { Effect: 'Allow', Principal: { AWS: outsider }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
      });
      expect(await evaluate({ ...base, principal: outsider, resourcePolicy: allowOutsider, context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })).toBe('ExplicitlyDenied');
      expect(await evaluate({ ...base, principal: outsider, resourcePolicy: allowOutsider })).toBe('ExplicitlyDenied');
      expect(await evaluate({ ...base, principal: `arn:aws:iam::${TEST_ACCOUNT_ID}:role/OrdersApp`, context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } })).toBe('ExplicitlyDenied');
    });
  });

  describe('validation', () => {
    it.each([6, 31])('fails when recoveryWindowDays is %p', (recoveryWindowDays) => {
      expect(() => secretIn(testStack(), { recoveryWindowDays })).toThrow(/recoveryWindowDays must be a whole number from 7 to 30 days/);
    });

    it.each([0, 366, 2.5])('fails when rotation.automaticallyAfterDays is %p', (automaticallyAfterDays) => {
      expect(() => secretIn(testStack(), { rotation: { lambdaArn: LAMBDA, automaticallyAfterDays } })).toThrow(
        /rotation\.automaticallyAfterDays must be a whole number from 1 to 365 days/,
      );
    });

    it('fails when the rotation Lambda is not a function ARN', () => {
      expect(() => secretIn(testStack(), { rotation: { lambdaArn: 'rotate-orders-db' } })).toThrow(/rotation\.lambdaArn must be a Lambda function ARN/);
    });

    it('fails when the rotation Lambda is in another Region', () => {
      expect(() => secretIn(testStack(), { rotation: { lambdaArn: LAMBDA.replace('us-east-1', 'eu-west-1') } })).toThrow(/rotation\.lambdaArn must be in the secret's Region \(us-east-1\)/);
    });

    it('fails when a replica is in the secret Region or its key is in another Region', () => {
      expect(() => secretIn(testStack(), { replicas: [{ region: 'us-east-1', kmsKeyArn: KEY_ARN }] })).toThrow(/replicas\[\]\.region must be a Region code, listed once/);
      expect(() => secretIn(testStack(), { replicas: [{ region: 'eu-west-2', kmsKeyArn: REPLICA_KEY }] })).toThrow(/replicas\[\]\.kmsKeyArn must be the ARN of a customer-managed key or alias in eu-west-2/);
    });

    it('fails when the name, organisation id or variable name is malformed', () => {
      expect(() => secretIn(testStack(), { name: 'has space' })).toThrow(/name must be 1-512 letters/);
      expect(() => secretIn(testStack(), { organizationId: 'example' })).toThrow(/organizationId must be an AWS Organizations id/);
      expect(() => secretIn(testStack(), { valueSource: { kind: 'write-only-variable', variableName: '1-bad' } })).toThrow(/variableName must be a Terraform variable name/);
      expect(() => secretIn(testStack(), { valueSource: { kind: 'write-only-variable', variableName: 'ok', version: 0 } })).toThrow(/valueSource\.version must be a whole number/);
    });
  });
});
