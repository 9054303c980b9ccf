import { z } from 'zod';
import { whenValid } from './refine';
import { ALL_REGIONS } from '../regions';

/**
 * Data-protection settings (owned by the KMS, secrets, parameter and storage modules).
 * Strict objects: unknown keys are errors.
 *
 * Secret values never belong here: a value in this file would sit in the repository, the synthesized JSON and
 * Terraform state. A secret gets its value from rotation or from an ephemeral variable at apply time, and a key that
 * looks like a value (`value`, `secretString`, ...) is an error whose message never repeats what was written.
 */

const REDACTED = '(redacted)';
const LITERAL_SECRET_MESSAGE =
  'must not be in config: a secret value here would be stored in the repository, the synthesized JSON and Terraform state. ' +
  'Leave the value to rotation (valueSource: rotation, the default) or give it at apply time through the write-only ' +
  'variable (valueSource: write-only-variable, then TF_VAR_<name>)';
const LITERAL_PARAMETER_MESSAGE =
  'must not be in config for a SecureString: the value would be stored in the repository, the synthesized JSON and ' +
  'Terraform state. Set it out of band (valueSource: out-of-band, the default) or at apply time through the ' +
  'write-only variable (valueSource: write-only-variable, then TF_VAR_<name>)';

/** Keys that would hold a literal secret; each is refused with a message that says what to do instead. */
const LITERAL_VALUE_KEYS = ['value', 'secretString', 'secretBinary', 'secretValue', 'password'] as const;

/** A level of a secret or parameter name: letters, digits, `_`, `.` and `-`. */
const segmentSchema = (example: string) =>
  z
    .string({ error: `must be a name such as "${example}" (letters, digits, "_", "." and "-")` })
    .min(1, `must not be empty, e.g. "${example}"`)
    .max(128, 'must be at most 128 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `must be letters, digits, "_", "." and "-", starting with a letter or digit, e.g. "${example}"`);

/** A parameter's name under its application: levels separated by "/", e.g. `db/endpoint`. */
const parameterLeafSchema = z
  .string({ error: 'must be a name such as "db/endpoint" (levels of letters, digits, "_", "." and "-" separated by "/")' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/,
    'must be levels of letters, digits, "_", "." and "-" separated by "/", e.g. "db/endpoint" (no leading, trailing or double "/")',
  )
  .refine((name) => name.split('/').length <= 12, 'must have at most 12 levels: with /<organisation>/<environment>/<application> the name may have at most 15');

const days = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number of days from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
};

const VERSION_MESSAGE = 'must be a whole number from 1 to 1,000,000; raise it to write a new value from the variable';
const versionSchema = z.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(1, VERSION_MESSAGE).max(1_000_000, VERSION_MESSAGE).default(1);

const regionSchema = z.enum(ALL_REGIONS, { error: 'is not a known AWS Region; use a Region code such as "eu-west-1"' });

const lambdaArnSchema = z
  .string({ error: 'must be a Lambda function ARN such as "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"' })
  .regex(
    /^arn:aws(-cn|-us-gov)?:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/,
    'must be a Lambda function ARN such as "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"',
  );

const KMS_ARN = /^arn:aws(-cn|-us-gov)?:kms:([a-z]{2}(-[a-z]+)+-\d):\d{12}:(key\/(mrk-)?[0-9a-f-]{32,36}|alias\/[A-Za-z0-9/_-]+)$/;

/** The keys a schema declares: `redactUnknownValues` leaves their values readable in errors. */
function knownKeys(schema: z.ZodObject): ReadonlySet<string> {
  return new Set(Object.keys(schema.shape));
}

/**
 * Before validation, replaces the value of every key that is not a known, non-secret setting with "(redacted)" in
 * the raw input itself. Error messages echo the value found at a path; this way a secret typed under any key (a
 * literal `value`, or a misspelt key) is never repeated in an error or a CI log.
 */
function redactUnknownValues(allowed: ReadonlySet<string>, when: (entry: Record<string, unknown>) => boolean = () => true) {
  return (input: unknown): unknown => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const entry = input as Record<string, unknown>;
    if (!when(entry)) return input;
    for (const key of Object.keys(entry)) {
      if (!allowed.has(key) || (LITERAL_VALUE_KEYS as readonly string[]).includes(key)) entry[key] = REDACTED;
    }
    return input;
  };
}

/** Optional keys that are always an error (with `message`), shown as not allowed in the JSON Schema. */
function refusedKeys(message: string) {
  return Object.fromEntries(LITERAL_VALUE_KEYS.map((key) => [key, z.never({ error: message }).optional()])) as Record<
    (typeof LITERAL_VALUE_KEYS)[number],
    z.ZodOptional<z.ZodNever>
  >;
}

const secretFields = z.strictObject(
  {
    /** Application or team the secret belongs to; the secret is named `<organisation>/<environment>/<application>/<name>`. */
    application: segmentSchema('orders'),
    /** Name of the secret within the application, e.g. `db-credentials`. */
    name: segmentSchema('db-credentials'),
    /** What the secret is for. */
    description: z.string({ error: 'must be text' }).max(2048, 'must be at most 2048 characters').optional(),
    /** Rotation by a Lambda function in the account's home Region. */
    rotation: z.strictObject(
      {
        /** ARN of the rotation function; its resource policy must let secretsmanager.amazonaws.com invoke it. */
        lambdaArn: lambdaArnSchema,
        /** Days between rotations (1-365; Checkov expects at most 90). */
        automaticallyAfterDays: days(1, 365, 30),
      },
      { error: 'must be a mapping with lambdaArn (and optionally automaticallyAfterDays)' },
    ),
    /** Days a deleted secret can be restored (7-30). */
    recoveryWindowDays: days(7, 30, 30),
    /** `rotation`: the rotation function creates the first value; `write-only-variable`: given at apply time. */
    valueSource: z.enum(['rotation', 'write-only-variable'], { error: 'must be "rotation" or "write-only-variable"' }).default('rotation'),
    /** With `write-only-variable`: raise to write a new value from the variable. */
    valueVersion: versionSchema,
    /** Replica Regions, each with a customer-managed key (key or alias ARN) in that Region. */
    replicas: z
      .array(
        z.strictObject(
          {
            region: regionSchema,
            kmsKeyArn: z
              .string({ error: 'must be a KMS key or alias ARN in the replica Region' })
              .regex(KMS_ARN, 'must be a KMS key or alias ARN such as "arn:aws:kms:eu-west-1:123456789012:alias/example/secrets"'),
          },
          { error: 'must be a mapping with region and kmsKeyArn' },
        ),
        { error: 'must be a list of { region, kmsKeyArn }' },
      )
      .default([]),
    ...refusedKeys(LITERAL_SECRET_MESSAGE),
  },
  { error: 'must be a mapping with application, name and rotation (lambdaArn) of a secret' },
);

const secretSchema = z
  .preprocess(redactUnknownValues(knownKeys(secretFields)), secretFields)
  .check(whenValid((secret, ctx) => {
    secret.replicas.forEach((replica, i) => {
      const keyRegion = KMS_ARN.exec(replica.kmsKeyArn)?.[2];
      if (keyRegion !== replica.region) {
        ctx.addIssue({ code: 'custom', path: ['replicas', i, 'kmsKeyArn'], message: `must be a key in the replica's Region (${replica.region}), not ${keyRegion}` });
      }
      if (secret.replicas.findIndex((r) => r.region === replica.region) !== i) {
        ctx.addIssue({ code: 'custom', path: ['replicas', i, 'region'], message: 'is listed twice; list each replica Region once' });
      }
    });
  }));

const tierSchema = z
  .enum(['Standard', 'Advanced', 'Intelligent-Tiering'], { error: 'must be "Standard", "Advanced" or "Intelligent-Tiering"' })
  .default('Standard');

const stringParameterSchema = z.strictObject(
  {
    /** `String`: plain, non-secret configuration stored as written. */
    type: z.literal('String'),
    /** Application or team; the parameter is `/<organisation>/<environment>/<application>/<name>`. */
    application: segmentSchema('orders'),
    /** Name under the application, may have levels, e.g. `db/endpoint`. */
    name: parameterLeafSchema,
    description: z.string({ error: 'must be text' }).max(1024, 'must be at most 1024 characters').optional(),
    /** The plain value (not a secret). */
    value: z.string({ error: 'must be text (quote numbers and booleans)' }).min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
    tier: tierSchema,
  },
  { error: 'must be a mapping with type, application, name and value of a parameter' },
);

const secureParameterFields = z.strictObject(
  {
    /** `SecureString`: encrypted with the account's baseline key; the value is never in config. */
    type: z.literal('SecureString'),
    application: segmentSchema('orders'),
    name: parameterLeafSchema,
    description: z.string({ error: 'must be text' }).max(1024, 'must be at most 1024 characters').optional(),
    /** `out-of-band`: created with a placeholder, set with put-parameter; `write-only-variable`: given at apply time. */
    valueSource: z.enum(['out-of-band', 'write-only-variable'], { error: 'must be "out-of-band" or "write-only-variable"' }).default('out-of-band'),
    /** With `write-only-variable`: raise to write a new value from the variable. */
    valueVersion: versionSchema,
    tier: tierSchema,
    ...refusedKeys(LITERAL_PARAMETER_MESSAGE),
  },
  { error: 'must be a mapping with type, application and name of a parameter' },
);

const parameterSchema = z.preprocess(
  // Anything but a plain String parameter may hold a secret: redact what is not a known setting before it can be echoed.
  redactUnknownValues(knownKeys(secureParameterFields), (entry) => entry.type !== 'String'),
  z.discriminatedUnion('type', [stringParameterSchema, secureParameterFields], {
    error: 'must have type "String" (plain configuration) or "SecureString" (a secret, encrypted; its value is never in config)',
  }),
);

export const organizationDataProtectionSchema = z.strictObject({
  /**
   * Hops an IMDSv2 token may travel in the account-level instance metadata defaults (1-64). 1 keeps containers
   * behind a bridge network away from the instance's credentials; launch templates can raise it per instance.
   */
  instanceMetadataHopLimit: z
    .number({ error: 'must be a whole number from 1 to 64' })
    .int('must be a whole number from 1 to 64')
    .min(1, 'must be a whole number from 1 to 64')
    .max(64, 'must be a whole number from 1 to 64')
    .default(1),
});

export const accountDataProtectionSchema = z
  .strictObject({
    /** Environment level of secret and parameter names (`/<organisation>/<environment>/...`); defaults to the account name. */
    environment: segmentSchema('prod').optional(),
    /** Secrets Manager secrets of this account (created in its home Region). */
    secrets: z.array(secretSchema, { error: 'must be a list of secrets' }).default([]),
    /** Parameter Store parameters of this account (created in its home Region). */
    parameters: z.array(parameterSchema, { error: 'must be a list of parameters' }).default([]),
  })
  .check(whenValid((settings, ctx) => {
    const duplicates = (entries: ReadonlyArray<{ application: string; name: string }>, list: 'secrets' | 'parameters') => {
      const seen = new Map<string, number>();
      entries.forEach((entry, i) => {
        const key = `${entry.application}/${entry.name}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else ctx.addIssue({ code: 'custom', path: [list, i, 'name'], message: `duplicates ${list}[${first}] (${key}); each name may appear once per application` });
      });
    };
    duplicates(settings.secrets, 'secrets');
    duplicates(settings.parameters, 'parameters');
  }));

export type OrganizationDataProtection = z.output<typeof organizationDataProtectionSchema>;
export type AccountDataProtection = z.output<typeof accountDataProtectionSchema>;
export type SecretSettings = AccountDataProtection['secrets'][number];
export type ParameterSettings = AccountDataProtection['parameters'][number];
