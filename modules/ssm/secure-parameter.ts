import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ValidationError, requireIntegerInRange } from '../core/errors';
import type { IEncryptionKey } from '../kms/key';
import { WriteOnlyVariable } from '../secrets/write-only-variable';
import type { ParameterTier } from './config-parameter';
import { parameterName, parameterNameProblem, type ParameterPath } from './parameter-name';

/**
 * Where a SecureString value comes from. Never a literal: a literal would sit in the code, the JSON and the state.
 */
export type SecureParameterValueSource =
  /**
   * Terraform creates the parameter with a placeholder through the write-only `value_wo`; an operator or pipeline
   * then sets the real value (`aws ssm put-parameter --overwrite`). Terraform never reads it back.
   */
  | { readonly kind: 'out-of-band' }
  /** The value is given at apply time in an ephemeral, sensitive variable and written with `value_wo`; bump `version` to write a new one. */
  | { readonly kind: 'write-only-variable'; readonly variableName: string; readonly version?: number };

/** The placeholder an out-of-band parameter starts with (not a secret). */
export const OUT_OF_BAND_PLACEHOLDER = 'UNSET: set this value out of band with aws ssm put-parameter --overwrite';

export interface SecureParameterProps {
  /** Where the parameter lives: `/<organisation>/<environment>/<application>/<name>`. */
  readonly path: ParameterPath;
  /** Customer-managed key that encrypts the value. Required: the AWS-managed `aws/ssm` key cannot be restricted by a key policy. */
  readonly encryptionKey: IEncryptionKey;
  /**
   * Where the value comes from.
   * @default { kind: 'out-of-band' }
   * Security: no literal value is accepted, so none reaches the JSON or the state.
   */
  readonly valueSource?: SecureParameterValueSource;
  /** What the value is for. @default - none */
  readonly description?: string;
  /**
   * Storage tier.
   * @default 'Standard'
   * Security: none; Advanced allows 8 KB values and parameter policies (expiry notifications) at a cost.
   */
  readonly tier?: ParameterTier;
  /** Tags for the parameter. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A SecureString parameter under a customer-managed key in the `/<organisation>/<environment>/<application>/<name>`
 * hierarchy, whose value Terraform writes only through the write-only `value_wo` and never stores.
 */
export class SecureParameter extends Construct {
  readonly resource: SsmParameter;
  readonly parameterName: string;
  readonly parameterArn: string;
  /** The apply-time variable, when the value comes from one. */
  readonly valueVariable: WriteOnlyVariable | undefined;

  constructor(scope: Construct, id: string, props: SecureParameterProps) {
    super(scope, id);
    const name = parameterName(props.path);
    const problem = parameterNameProblem(name);
    if (problem) throw new ValidationError(this, 'path', name, problem);
    const source = props.valueSource ?? { kind: 'out-of-band' };
    if (source.kind === 'write-only-variable' && source.version !== undefined) {
      requireIntegerInRange(this, 'valueSource.version', source.version, 1, Number.MAX_SAFE_INTEGER);
    }
    this.parameterName = name;
    this.valueVariable =
      source.kind === 'write-only-variable'
        ? new WriteOnlyVariable(this, 'Value', { variableName: source.variableName, description: `Value of SecureString parameter ${name}, given at apply time; never stored in plan or state.` })
        : undefined;
    this.resource = new SsmParameter(this, 'Resource', {
      name,
      type: 'SecureString',
      keyId: props.encryptionKey.keyArn,
      valueWo: this.valueVariable ? this.valueVariable.value : OUT_OF_BAND_PLACEHOLDER,
      valueWoVersion: source.kind === 'write-only-variable' ? (source.version ?? 1) : 1,
      description: props.description,
      tier: props.tier ?? 'Standard',
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.parameterArn = this.resource.arn;
  }
}
