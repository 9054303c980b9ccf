import { SecureParameter } from '../modules/ssm/secure-parameter';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { KMS_KEY_ARN_REGEX, declareTagsVariable } from './common';

/** The construct checks the full name in TypeScript; built on placeholders, replaced by the validated inputs. */
const PATH_PLACEHOLDERS = { organization: 'xexportorgx', environment: 'xexportenvx', application: 'xexportappx', name: 'xexportnamex' } as const;
const LEVEL = '[A-Za-z0-9_.-]+';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('path', {
    type: 'object({ organization = string, environment = string, application = string, name = string })',
    description: 'Where the parameter lives: "/<organization>/<environment>/<application>/<name>" (name may have levels of its own, e.g. "db/password"); letters, digits, "_", "." and "-" per level, at most 1011 characters and 15 levels. Hierarchical names let IAM policies grant a team only its own subtree.',
    validation: [
      {
        condition: `alltrue([for level in [var.path.organization, var.path.environment, var.path.application] : can(regex("^${LEVEL}$", level))]) && can(regex("^${LEVEL}(/${LEVEL})*$", var.path.name))`,
        errorMessage: 'path levels must be letters, digits, "_", "." or "-" (name may hold "/" between levels, no empty levels).',
      },
      {
        condition: 'length("/${var.path.organization}/${var.path.environment}/${var.path.application}/${var.path.name}") <= 1011 && length(split("/", var.path.name)) <= 12',
        errorMessage: 'path must give a name of at most 1011 characters and 15 levels.',
      },
    ],
  });
  const key = stack.variable('kms_key_arn', {
    type: 'string',
    description: 'Customer-managed KMS key that encrypts the value. Required: the AWS-managed aws/ssm key cannot be restricted by a key policy.',
    validation: [{ condition: `can(regex(${JSON.stringify(KMS_KEY_ARN_REGEX)}, var.kms_key_arn))`, errorMessage: 'kms_key_arn must be a KMS key ARN such as "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".' }],
  });
  stack.variable('description', {
    type: 'string',
    description: 'What the value is for (at most 1024 characters). Default null.',
    default: null,
    validation: [{ condition: 'var.description == null ? true : length(var.description) <= 1024', errorMessage: 'description must be at most 1024 characters.' }],
  });
  const parameter = new SecureParameter(stack, 'this', { path: PATH_PLACEHOLDERS, encryptionKey: { keyArn: key.stringValue, aliasArn: '' }, description: stack.expression('var.description'), tags: stack.moduleTags });
  for (const [level, literal] of Object.entries(PATH_PLACEHOLDERS)) stack.replaceLiteral(literal, `var.path.${level}`, 'substring');
  stack.forbid('xexport');
  stack.output('parameter_name', parameter.parameterName, 'Full name of the parameter.');
  stack.output('parameter_arn', parameter.parameterArn, 'ARN of the parameter (grant ssm:GetParameter on it, and kms:Decrypt on the key).');
}

export const ssmParameterModule: ModuleDefinition = {
  name: 'ssm-parameter',
  title: 'SecureString parameter whose value never passes through Terraform',
  summary: `
A SecureString parameter of \`modules/ssm\` (\`SecureParameter\`): encrypted with a customer-managed key, under a
hierarchical name, created with a placeholder through the write-only \`value_wo\` argument so no value reaches the
configuration, the plan or the state. An operator or pipeline sets the real value (\`aws ssm put-parameter
--overwrite\`).
`,
  example: `
module "ssm_parameter" {
  source = "../.."

  path = {
    organization = "example"
    environment  = "prod"
    application  = "orders"
    name         = "db/password"
  }
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

output "parameter_arn" {
  value = module.ssm_parameter.parameter_arn
}
`,
  notes: ['Write-only variables (a value given at apply time) stay with the CDKTF construct: a module cannot declare an ephemeral input for its caller.'],
  build,
};
