import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, type OrganizationInput } from '../../config';
import { exampleInput, exampleOrg } from '../support/orgs';
import { synthOrg } from '../support/org-synth';
import { resourcesOfType, stackJson } from '../support/synth';
import { expectValidAndPlannable } from '../support/terraform';

/**
 * The example organisation's data-protection settings, and the promise that no secret value ever reaches config
 * errors, synthesized files or plans.
 */

/** Sample secret values: given only at apply time (TF_VAR_...), or typed into config by mistake. */
const SAMPLE_SECRET_VALUE = 'sample-Orders-DB-password-9q8w7e';
const SAMPLE_PARAMETER_VALUE = 'sample-payment-api-key-5t6y7u';
const SAMPLE_TYPO_VALUE = 'sample-typo-secret-1a2s3d';

type RawAccount = Record<string, unknown> & { name: string; dataProtection?: Record<string, unknown> };

/** The example with workload-prod's data-protection settings replaced (or changed by `edit`). */
function withWorkloadProd(edit: (dataProtection: Record<string, unknown>) => void): (input: OrganizationInput) => void {
  return (input) => {
    const account = (input.accounts as unknown as RawAccount[]).find((a) => a.name === 'workload-prod')!;
    account.dataProtection = JSON.parse(JSON.stringify(account.dataProtection ?? {})) as Record<string, unknown>;
    edit(account.dataProtection);
  };
}

const secrets = (dp: Record<string, unknown>) => dp.secrets as Array<Record<string, unknown>>;
const parameters = (dp: Record<string, unknown>) => dp.parameters as Array<Record<string, unknown>>;

function configError(change: (input: OrganizationInput) => void): ConfigError {
  try {
    exampleOrg(change);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('data-protection settings', () => {
  it('the example gives workload-prod a rotated secret, a SecureString and a String parameter', () => {
    const org = exampleOrg();
    const settings = org.accounts.find((a) => a.name === 'workload-prod')!.dataProtection;
    expect(settings.secrets).toEqual([
      expect.objectContaining({ application: 'orders', name: 'db-credentials', valueSource: 'rotation', recoveryWindowDays: 30, rotation: expect.objectContaining({ automaticallyAfterDays: 30 }) }),
    ]);
    expect(settings.parameters.map((p) => [p.type, p.name])).toEqual([
      ['SecureString', 'payment-api-key'],
      ['String', 'db/endpoint'],
    ]);
    expect(org.dataProtection.instanceMetadataHopLimit).toBe(1);
  });

  describe('no secret value anywhere', () => {
    it('refuses a literal secret value in config, naming the setting and never repeating the value', () => {
      const error = configError(
        withWorkloadProd((dp) => {
          secrets(dp)[0]!.value = SAMPLE_SECRET_VALUE;
          secrets(dp)[0]!.secretString = SAMPLE_SECRET_VALUE;
          secrets(dp)[0]!.passwrod = SAMPLE_TYPO_VALUE;
          parameters(dp)[0]!.value = SAMPLE_PARAMETER_VALUE;
        }),
      );
      expect(error.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining([
          'accounts[4].dataProtection.secrets[0].value',
          'accounts[4].dataProtection.secrets[0].secretString',
          'accounts[4].dataProtection.secrets[0].passwrod',
          'accounts[4].dataProtection.parameters[0].value',
        ]),
      );
      expect(error.message).toMatch(/secrets\[0\]\.value: must not be in config: a secret value here would be stored in the repository.*valueSource: write-only-variable/);
      expect(error.message).toMatch(/parameters\[0\]\.value: must not be in config for a SecureString/);
      for (const value of [SAMPLE_SECRET_VALUE, SAMPLE_PARAMETER_VALUE, SAMPLE_TYPO_VALUE]) expect(error.message).not.toContain(value);
    });

    describe('with values given at apply time', () => {
      const org = exampleOrg((input) => {
        withWorkloadProd((dp) => {
          secrets(dp)[0]!.valueSource = 'write-only-variable';
          parameters(dp)[0]!.valueSource = 'write-only-variable';
        })(input);
        // Planned on its own, so without the cross-stack network references (their producer is not planned here).
        delete (input.accounts as unknown as RawAccount[]).find((a) => a.name === 'workload-prod')!.network;
      });
      const { outdir } = synthOrg(org);
      const stackName = 'workload-prod-us-east-1';

      it('declares ephemeral, sensitive variables feeding write-only arguments', () => {
        const stack = stackJson(outdir, stackName) as { variable?: Record<string, Record<string, unknown>> };
        expect(Object.keys(stack.variable ?? {}).sort()).toEqual(['parameter_orders_payment_api_key', 'secret_orders_db_credentials']);
        for (const variable of Object.values(stack.variable ?? {})) expect(variable).toMatchObject({ sensitive: true, ephemeral: true });
        expect(resourcesOfType(stackJson(outdir, stackName), 'aws_secretsmanager_secret_version')).toEqual([
          expect.objectContaining({ secret_string_wo: '${var.secret_orders_db_credentials}', secret_string_wo_version: 1 }),
        ]);
      });

      it('no synthesized file of the organisation holds a sample secret value, and neither does the plan', () => {
        const files = filesUnder(outdir);
        expect(files.length).toBeGreaterThan(12);
        for (const file of files) {
          const content = fs.readFileSync(file, 'utf8');
          for (const value of [SAMPLE_SECRET_VALUE, SAMPLE_PARAMETER_VALUE]) expect({ file, found: content.includes(value) }).toEqual({ file, found: false });
        }

        process.env.TF_VAR_secret_orders_db_credentials = SAMPLE_SECRET_VALUE;
        process.env.TF_VAR_parameter_orders_payment_api_key = SAMPLE_PARAMETER_VALUE;
        try {
          expectValidAndPlannable(outdir, [stackName], { planContains: ['secret_string_wo'], planOmits: [SAMPLE_SECRET_VALUE, SAMPLE_PARAMETER_VALUE] });
        } finally {
          delete process.env.TF_VAR_secret_orders_db_credentials;
          delete process.env.TF_VAR_parameter_orders_payment_api_key;
        }
      });
    });
  });

  describe('bad input names the setting', () => {
    it.each<[string, (dp: Record<string, unknown>) => void, RegExp]>([
      ['rotation days out of range', (dp) => void ((secrets(dp)[0]!.rotation as Record<string, unknown>).automaticallyAfterDays = 366), /secrets\[0\]\.rotation\.automaticallyAfterDays: must be a whole number of days from 1 to 365/],
      ['recovery window out of range', (dp) => void (secrets(dp)[0]!.recoveryWindowDays = 6), /secrets\[0\]\.recoveryWindowDays: must be a whole number of days from 7 to 30/],
      ['a rotation Lambda that is not an ARN', (dp) => void ((secrets(dp)[0]!.rotation as Record<string, unknown>).lambdaArn = 'orders-db-rotation'), /secrets\[0\]\.rotation\.lambdaArn: must be a Lambda function ARN/],
      ['a secret without rotation', (dp) => void delete secrets(dp)[0]!.rotation, /secrets\[0\]\.rotation: is required/],
      ['a replica key in another Region', (dp) => void (secrets(dp)[0]!.replicas = [{ region: 'eu-west-1', kmsKeyArn: 'arn:aws:kms:eu-west-2:555555555555:alias/x' }]), /secrets\[0\]\.replicas\[0\]\.kmsKeyArn: must be a key in the replica's Region \(eu-west-1\)/],
      ['a bad secret name', (dp) => void (secrets(dp)[0]!.name = 'db credentials'), /secrets\[0\]\.name: must be letters, digits/],
      ['a bad parameter name', (dp) => void (parameters(dp)[1]!.name = 'db//endpoint'), /parameters\[1\]\.name: must be levels of letters, digits/],
      ['a too-deep parameter path', (dp) => void (parameters(dp)[1]!.name = Array.from({ length: 13 }, (_, i) => `l${i}`).join('/')), /parameters\[1\]\.name: must have at most 12 levels/],
      ['an unknown parameter type', (dp) => void (parameters(dp)[1]!.type = 'Plain'), /parameters\[1\]\.type: must have type "String" \(plain configuration\) or "SecureString"/],
      ['a String parameter without a value', (dp) => void delete parameters(dp)[1]!.value, /parameters\[1\]\.value: is required/],
      ['a duplicate secret', (dp) => void secrets(dp).push({ ...secrets(dp)[0]! }), /secrets\[1\]\.name: duplicates secrets\[0\] \(orders\/db-credentials\)/],
      ['a write-only version below 1', (dp) => void (parameters(dp)[0]!.valueVersion = 0), /parameters\[0\]\.valueVersion: must be a whole number from 1/],
    ])('fails on %s', (_what, edit, message) => {
      expect(configError(withWorkloadProd(edit)).message).toMatch(message);
    });

    it('fails when the instance metadata hop limit is out of range', () => {
      const error = configError((input) => {
        (input as unknown as Record<string, unknown>).dataProtection = { instanceMetadataHopLimit: 0 };
      });
      expect(error.message).toMatch(/dataProtection\.instanceMetadataHopLimit: must be a whole number from 1 to 64/);
    });

    it('fails when the rotation Lambda is not in the home Region', () => {
      const org = exampleOrg(withWorkloadProd((dp) => void ((secrets(dp)[0]!.rotation as Record<string, unknown>).lambdaArn = 'arn:aws:lambda:eu-west-1:555555555555:function:rotate')));
      expect(() => synthOrg(org)).toThrow(/secrets\/orders\/db-credentials: rotation\.lambdaArn must be in the secret's Region \(us-east-1\)/);
    });

    it('the example input itself holds no secret-looking keys', () => {
      expect(JSON.stringify(exampleInput())).not.toMatch(/"(secretString|secretValue|secretBinary|password)"/);
    });
  });
});
