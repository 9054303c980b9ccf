import { Construct } from 'constructs';
import { AccountPublicAccessBlock, Ec2RegionalDefaults } from '../../modules/account-defaults';
import type { EncryptionKey } from '../../modules/kms';
import { ManagedSecret, variableNameFrom } from '../../modules/secrets';
import { ConfigParameter, SecureParameter, type ParameterPath } from '../../modules/ssm';
import type { AccountBaselineStack } from '../baseline-stack';
import { coveredByEc2DeclarativePolicy } from './organization-policies';

/**
 * Adds the data-protection modules an account gets in this stack:
 * - every Region: EBS encryption by default under a Regional EBS key, and IMDSv2 required by default (unless the
 *   organisation's EC2 declarative policy sets that);
 * - home Region: the account-wide S3 Block Public Access, and the account's secrets and parameters from
 *   `accounts[].dataProtection` (encrypted with the account's baseline key).
 */
export function composeDataProtection(stack: AccountBaselineStack): void {
  const { org, account } = stack;

  new Ec2RegionalDefaults(stack, 'ec2-defaults', {
    ...stack.accountContext,
    ebsKeyAliasName: `${org.name}/ebs-default`,
    ebsKeyRotationPeriodDays: account.baselineKey.rotationPeriodDays,
    ebsKeyDeletionWindowDays: account.baselineKey.deletionWindowDays,
    instanceMetadataHopLimit: org.dataProtection.instanceMetadataHopLimit,
    // Where the organisation's EC2 declarative policy sets the IMDS defaults, the account must not set them too.
    instanceMetadataDefaults: !coveredByEc2DeclarativePolicy(org, account),
  });

  // Secrets and parameters need the home Region: config/settings/organization-rules.ts refuses them elsewhere.
  if (!stack.isHomeRegion) return;
  new AccountPublicAccessBlock(stack, 's3-account-public-access-block', { accountId: account.id });
  if (stack.baselineKey) addSecretsAndParameters(stack, stack.baselineKey);
}

function addSecretsAndParameters(stack: AccountBaselineStack, key: EncryptionKey): void {
  const { org, account, region } = stack;
  const settings = account.dataProtection;
  const environment = settings.environment ?? account.name;

  for (const secret of settings.secrets) {
    new ManagedSecret(namespace(stack, 'secrets', secret.application), secret.name, {
      name: `${org.name}/${environment}/${secret.application}/${secret.name}`,
      description: secret.description,
      region,
      encryptionKey: key,
      organizationId: org.organizationId,
      recoveryWindowDays: secret.recoveryWindowDays,
      rotation: { lambdaArn: secret.rotation.lambdaArn, automaticallyAfterDays: secret.rotation.automaticallyAfterDays },
      valueSource:
        secret.valueSource === 'write-only-variable'
          ? { kind: 'write-only-variable', variableName: variableNameFrom('secret', secret.application, secret.name), version: secret.valueVersion }
          : { kind: 'rotation' },
      replicas: secret.replicas,
    });
  }

  for (const parameter of settings.parameters) {
    // Construct ids follow the name's levels: parameters/orders/db/endpoint.
    const levels = parameter.name.split('/');
    const scope = namespace(stack, 'parameters', parameter.application, ...levels.slice(0, -1));
    const id = levels[levels.length - 1]!;
    const path: ParameterPath = { organization: org.name, environment, application: parameter.application, name: parameter.name };
    if (parameter.type === 'String') {
      new ConfigParameter(scope, id, { path, value: parameter.value, description: parameter.description, tier: parameter.tier });
    } else {
      new SecureParameter(scope, id, {
        path,
        encryptionKey: key,
        description: parameter.description,
        tier: parameter.tier,
        valueSource:
          parameter.valueSource === 'write-only-variable'
            ? { kind: 'write-only-variable', variableName: variableNameFrom('parameter', parameter.application, parameter.name), version: parameter.valueVersion }
            : { kind: 'out-of-band' },
      });
    }
  }
}

/** The construct at `scope/ids...`, creating empty grouping constructs on the way (ids are stable API). */
function namespace(scope: Construct, ...ids: readonly string[]): Construct {
  let current = scope;
  for (const id of ids) current = (current.node.tryFindChild(id) as Construct | undefined) ?? new Construct(current, id);
  return current;
}
