import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { ValidationError } from '../core/errors';
import { parameterName, parameterNameProblem, type ParameterPath } from './parameter-name';

/** Parameter Store tiers. */
export type ParameterTier = 'Standard' | 'Advanced' | 'Intelligent-Tiering';

export interface ConfigParameterProps {
  /** Where the parameter lives: `/<organisation>/<environment>/<application>/<name>`. */
  readonly path: ParameterPath;
  /** The plain configuration value (not a secret: it is stored in the JSON and the state). Up to 4 KB (Standard). */
  readonly value: string;
  /**
   * `String` or `StringList` (comma-separated).
   * @default 'String'
   * Security: plain types are for non-secret configuration only; use `SecureParameter` for anything sensitive.
   */
  readonly type?: 'String' | 'StringList';
  /** What the value is for. @default - none */
  readonly description?: string;
  /**
   * Storage tier.
   * @default 'Standard'
   * Security: none; Advanced allows 8 KB values and parameter policies at a cost.
   */
  readonly tier?: ParameterTier;
  /** Tags for the parameter. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Values that look like secrets must not be stored as plain configuration. */
const LOOKS_SECRET = /(-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|\b(password|passwd|secret|token)\s*[=:])/i;

/** A plain (non-secret) Parameter Store value in the `/<organisation>/<environment>/<application>/<name>` hierarchy. */
export class ConfigParameter extends Construct {
  readonly resource: SsmParameter;
  readonly parameterName: string;
  readonly parameterArn: string;

  constructor(scope: Construct, id: string, props: ConfigParameterProps) {
    super(scope, id);
    const name = parameterName(props.path);
    const problem = parameterNameProblem(name);
    if (problem) throw new ValidationError(this, 'path', name, problem);
    const tier = props.tier ?? 'Standard';
    const maxBytes = tier === 'Standard' ? 4096 : 8192;
    if (props.value.length === 0 || Buffer.byteLength(props.value, 'utf8') > maxBytes) {
      throw new ValidationError(this, 'value', `(${Buffer.byteLength(props.value, 'utf8')} bytes)`, `must be 1 to ${maxBytes} bytes in the ${tier} tier`);
    }
    if (LOOKS_SECRET.test(props.value)) {
      throw new ValidationError(this, 'value', '(not shown)', 'looks like a secret (key, password or token); use SecureParameter, whose value never reaches the JSON or the state');
    }
    this.parameterName = name;
    this.resource = new SsmParameter(this, 'Resource', {
      name,
      type: props.type ?? 'String',
      insecureValue: props.value,
      description: props.description,
      tier,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.parameterArn = this.resource.arn;
  }
}
