import { ManagedSecret } from '../modules/secrets/secret';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { KMS_KEY_ARN_REGEX, ORGANIZATION_PLACEHOLDER, PROVIDER_REGION, declareOrganizationId, declareTagsVariable, integerInRange, providerContext } from './common';

/** The construct checks name and organisation in TypeScript; placeholders of the right shape, replaced by the inputs. */
const NAME_PLACEHOLDER = 'xexportsecretnamex';
const LAMBDA_ARN = String.raw`^arn:aws(-cn|-us-gov)?:lambda:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$`;
const REGION = String.raw`^[a-z]{2}(-[a-z]+)+-[0-9]$`;

function build(stack: ModuleStack): void {
  const { region } = providerContext(stack);
  declareTagsVariable(stack);
  stack.variable('name', {
    type: 'string',
    description: 'Secret name, e.g. "example/prod/orders/db-credentials": 1-512 letters, digits or "/_+=.@-". Hierarchical names let IAM policies grant a team only its own prefix.',
    validation: [{ condition: 'can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", var.name))', errorMessage: 'name must be 1-512 letters, digits or "/_+=.@-".' }],
  });
  stack.variable('description', {
    type: 'string',
    description: 'What the secret is for (at most 2048 characters). Default null.',
    default: null,
    validation: [{ condition: 'var.description == null ? true : length(var.description) <= 2048', errorMessage: 'description must be at most 2048 characters.' }],
  });
  const key = stack.variable('kms_key_arn', {
    type: 'string',
    description: 'Customer-managed KMS key that encrypts the secret (the kms-key module\'s key_arn). Required: the AWS-managed aws/secretsmanager key cannot be restricted by a key policy or shared deliberately.',
    validation: [{ condition: `can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, var.kms_key_arn))`, errorMessage: 'kms_key_arn must be a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".' }],
  });
  declareOrganizationId(stack, 'the resource policy denies every Secrets Manager action to principals outside the organisation (AWS services acting for it excepted), and public policies are blocked.');
  stack.variable('recovery_window_days', {
    type: 'number',
    description: 'Days a deleted secret can still be restored, 7-30. Default 30: the longest window to notice and undo a mistaken or malicious deletion.',
    default: 30,
    validation: [integerInRange('recovery_window_days', 7, 30, 'days')],
  });
  stack.variable('rotation', {
    type: 'object({ lambda_arn = string, automatically_after_days = optional(number, 30), rotate_immediately = optional(bool, true) })',
    description: 'The rotation hook: the Lambda function that creates every value (its resource policy must let secretsmanager.amazonaws.com invoke it; it must be in the provider\'s Region), days between rotations (1-365, default 30; Checkov CKV_AWS_304 expects at most 90) and whether to rotate as soon as rotation is configured (default true: rotation creates the first value, so no value ever passes through Terraform). Required: a secret that never changes stays useful to whoever copied it.',
    validation: [
      { condition: `can(regex(${JSON.stringify(LAMBDA_ARN)}, var.rotation.lambda_arn))`, errorMessage: 'rotation.lambda_arn must be a Lambda function ARN such as "arn:aws:lambda:us-east-1:123456789012:function:rotate-db".' },
      { condition: 'var.rotation.automatically_after_days >= 1 && var.rotation.automatically_after_days <= 365 && floor(var.rotation.automatically_after_days) == var.rotation.automatically_after_days', errorMessage: 'rotation.automatically_after_days must be a whole number from 1 to 365 days.' },
    ],
  });
  stack.variable('replicas', {
    type: 'map(string)',
    description: 'Replica Regions, each with the ARN of a customer-managed key of that Region: { "eu-west-1" = "arn:aws:kms:eu-west-1:...:key/..." }. Default {}: the secret lives in one Region; copies only where chosen, each under a customer-managed key.',
    default: {},
    validation: [
      {
        condition: `alltrue([for r, k in var.replicas : can(regex(${JSON.stringify(REGION)}, r)) && can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, k)) && try(split(":", k)[3] == r, false)])`,
        errorMessage: 'replicas must map Region codes to KMS key ARNs of that same Region.',
      },
    ],
  });

  const secret = new ManagedSecret(stack, 'this', {
    name: NAME_PLACEHOLDER,
    description: stack.expression('var.description'),
    region,
    encryptionKey: { keyArn: key.stringValue, aliasArn: '' },
    organizationId: ORGANIZATION_PLACEHOLDER,
    recoveryWindowDays: 30,
    rotation: { lambdaArn: stack.expression('var.rotation.lambda_arn'), automaticallyAfterDays: 30, rotateImmediately: true },
    tags: stack.moduleTags,
  });
  secret.resource.addOverride('recovery_window_in_days', '${var.recovery_window_days}');
  secret.resource.addOverride('dynamic.replica', { for_each: '${var.replicas}', content: { region: '${replica.key}', kms_key_id: '${replica.value}' } });
  // Secrets Manager invokes rotation functions in its own Region, and a replica of the secret's own Region is refused.
  secret.rotation.addOverride('lifecycle.precondition', [
    {
      condition: `\${split(":", var.rotation.lambda_arn)[3] == ${PROVIDER_REGION} && !contains(keys(var.replicas), ${PROVIDER_REGION})}`,
      error_message: 'rotation.lambda_arn must be a function of the provider\'s Region (Secrets Manager invokes rotation functions in its own Region), and replicas must not name the provider\'s Region (the secret already lives there).',
    },
  ]);
  secret.rotation.addOverride('rotation_rules.automatically_after_days', '${var.rotation.automatically_after_days}');
  secret.rotation.addOverride('rotate_immediately', '${var.rotation.rotate_immediately}');
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.name');
  stack.replaceLiteral(ORGANIZATION_PLACEHOLDER, 'var.organization_id', 'substring');
  stack.forbid('xexport');

  stack.output('secret_arn', secret.secretArn, 'ARN of the secret (grant secretsmanager:GetSecretValue on it, and kms:Decrypt on the key).');
  stack.output('secret_name', secret.resource.name, 'Name of the secret.');
  stack.output('policy_json', secret.policyJson, 'The resource policy of the secret (organisation-only).');
}

export const secretModule: ModuleDefinition = {
  name: 'secret',
  title: 'Secrets Manager secret under a customer-managed key, organisation-only, rotated by a Lambda',
  summary: `
A secret of \`modules/secrets\` (\`ManagedSecret\`): encrypted with a customer-managed key, a resource policy that denies
principals outside the organisation (public policies blocked), rotated by the given Lambda every 30 days by default,
a 30-day recovery window, optional replicas each under their own Region's key, and \`prevent_destroy\`. Rotation
creates the first value, so no secret value ever reaches the configuration, the plan or the state.
`,
  example: `
module "secret" {
  source = "../.."

  name            = "example/prod/orders/db-credentials"
  kms_key_arn     = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  organization_id = "o-a1b2c3d4e5"
  rotation = {
    lambda_arn               = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
    automatically_after_days = 30
  }
  replicas = {
    "eu-west-1" = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ac"
  }
}

output "secret_arn" {
  value = module.secret.secret_arn
}
`,
  planOnlyRules: ['rotation.lambda_arn is a function of the provider\'s Region, and replicas do not name the provider\'s Region (a precondition on the rotation compares them with data.aws_region.current).'],
  notes: [
    'The secret has `prevent_destroy`: removing it takes a deliberate step (remove the module call and `terraform state rm`, then delete the secret with its recovery window), because a destroyed secret takes the credential it holds with it.',
    'Write-only values (a value given at apply time through `secret_string_wo`) and extra resource-policy statements stay with the CDKTF construct.',
  ],
  build,
};
