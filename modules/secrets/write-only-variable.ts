import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { ValidationError } from '../core/errors';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export interface WriteOnlyVariableProps {
  /**
   * Terraform variable name; the value is given at apply time as `TF_VAR_<name>` or `-var`. Letters, digits and `_`.
   */
  readonly variableName: string;
  /** What the value is, shown by `terraform plan` when it asks. */
  readonly description: string;
}

/**
 * A Terraform input variable that is `sensitive` and `ephemeral` (Terraform 1.10+): its value is given at apply time,
 * may only flow into write-only arguments (`secret_string_wo`, `value_wo`), and is never written to the plan or the
 * state. cdktf 0.21 has no `ephemeral` option, so it is set with an override.
 */
export class WriteOnlyVariable extends Construct {
  readonly variable: TerraformVariable;
  readonly variableName: string;

  constructor(scope: Construct, id: string, props: WriteOnlyVariableProps) {
    super(scope, id);
    if (!VARIABLE_NAME.test(props.variableName)) {
      throw new ValidationError(this, 'variableName', props.variableName, 'must be a Terraform variable name: a letter or "_" first, then letters, digits or "_" (up to 128)');
    }
    const taken = TerraformStack.of(this)
      .node.findAll()
      .some((c) => c instanceof WriteOnlyVariable && c !== this && c.variableName === props.variableName);
    if (taken) {
      throw new ValidationError(this, 'variableName', props.variableName, 'is already used by another write-only variable in this stack; choose names that differ in letters or digits');
    }
    this.variableName = props.variableName;
    this.variable = new TerraformVariable(this, 'Resource', {
      type: 'string',
      description: props.description,
      sensitive: true,
      nullable: false,
      validation: [
        {
          condition: `\${length(var.${props.variableName}) > 0}`,
          errorMessage: `${props.variableName} must not be empty.`,
        },
      ],
    });
    this.variable.overrideLogicalId(props.variableName);
    this.variable.addOverride('ephemeral', true);
  }

  /** The value, for write-only arguments only. */
  get value(): string {
    return this.variable.stringValue;
  }
}

/** `orders` + `db-credentials` -> `orders_db_credentials`: a variable name from path segments. */
export function variableNameFrom(...parts: readonly string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_]/g, '_')).join('_');
}
