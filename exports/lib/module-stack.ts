import type { Construct } from 'constructs';
import { TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token, ref, type TerraformElement } from 'cdktf';

/** One `validation` block: `condition` is a bare HCL expression (no `${}`), `errorMessage` a full sentence. */
export interface VariableValidation {
  readonly condition: string;
  readonly errorMessage: string;
}

/** A module input. */
export interface VariableSpec {
  /** Terraform type constraint, e.g. `string`, `number`, `list(string)`, `map(string)`. */
  readonly type: string;
  /** What the input is, its valid values, range and default, and why it matters for security. */
  readonly description: string;
  /** Default value; omit for a required input. `null` (with `nullable: true`) means "not set". */
  readonly default?: unknown;
  /** @default false - null is refused unless the default is null */
  readonly nullable?: boolean;
  readonly sensitive?: boolean;
  readonly validation?: readonly VariableValidation[];
}

/** Key of the placeholder object passed as `tags` to constructs; `finishModuleJson` turns it into `var.tags`. */
export const MODULE_TAGS_KEY = '__exported_module_tags__';

/** A literal that a construct needs at synth, replaced by an HCL expression in the exported JSON. */
export interface Placeholder {
  readonly literal: string;
  readonly expression: string;
  /**
   * `value`: only string values equal to the literal are replaced (by `${expression}`).
   * `substring`: every occurrence inside string values (the literal must be distinctive).
   */
  readonly match: 'value' | 'substring';
}

/**
 * The root of an exported module: a TerraformStack with no provider and no backend, whose variables, locals and
 * outputs keep their names (the module's interface), plus placeholders for values constructs need concretely.
 */
export class ModuleStack extends TerraformStack {
  readonly placeholders: Placeholder[] = [];
  /** Substrings that must not survive into the exported JSON (e.g. the prefix of a placeholder address block). */
  readonly forbiddenSubstrings: string[] = [];
  /** Numbers a construct needs concretely, replaced by `${expression}` wherever the exported JSON holds them. */
  readonly numberPlaceholders: Array<{ readonly literal: number; readonly expression: string }> = [];
  /** Terraform names chosen by the module instead of the path-derived one (see exports/lib/addresses.ts). */
  readonly elementNames = new Map<TerraformElement, string>();
  private readonly variables = new Map<string, TerraformVariable>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** Declares an input variable named `name` (the construct id is the Terraform name). */
  variable(name: string, spec: VariableSpec): TerraformVariable {
    if (this.variables.has(name)) throw new Error(`variable ${name} is declared twice`);
    // Variables, locals and outputs share the construct namespace; the Terraform names are set with overrideLogicalId.
    const variable = new TerraformVariable(this, `variable-${name}`, {
      type: spec.type,
      description: spec.description,
      default: spec.default === null ? undefined : spec.default,
      nullable: spec.nullable ?? (spec.default === null ? true : false),
      sensitive: spec.sensitive,
      validation: spec.validation?.map((v) => ({ condition: `\${${v.condition}}`, errorMessage: v.errorMessage })),
    });
    // `default: null` must be written out (cdktf drops undefined, but null means "optional, not set").
    variable.overrideLogicalId(name);
    if (spec.default === null) variable.addOverride('default', null);
    this.variables.set(name, variable);
    return variable;
  }

  /** A declared variable, by name. */
  var(name: string): TerraformVariable {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`variable ${name} is not declared`);
    return variable;
  }

  /** Declares an output named `name`. */
  output(name: string, value: unknown, description: string, sensitive = false): TerraformOutput {
    const output = new TerraformOutput(this, `output-${name}`, { value, description, sensitive: sensitive || undefined });
    output.overrideLogicalId(name);
    return output;
  }

  /** Declares a local value named `name`. */
  local(name: string, value: unknown): TerraformLocal {
    const local = new TerraformLocal(this, `local-${name}`, value);
    local.overrideLogicalId(name);
    return local;
  }

  /** Tags to pass to constructs: become `var.tags` (merged with any tags the construct adds, such as Name). */
  get moduleTags(): Readonly<Record<string, string>> {
    return { [MODULE_TAGS_KEY]: 'var.tags' };
  }

  /** Replaces `literal` by `${expression}` in the exported JSON (see Placeholder). */
  replaceLiteral(literal: string, expression: string, match: Placeholder['match'] = 'value'): void {
    if (this.placeholders.some((p) => p.literal === literal)) throw new Error(`placeholder ${literal} is registered twice`);
    this.placeholders.push({ literal, expression, match });
  }

  /**
   * Replaces every number equal to `literal` by `${expression}` (a number the construct checks, such as a rate limit:
   * pick a literal that occurs nowhere else in the module).
   */
  replaceNumber(literal: number, expression: string): void {
    if (this.numberPlaceholders.some((p) => p.literal === literal)) throw new Error(`number placeholder ${literal} is registered twice`);
    this.numberPlaceholders.push({ literal, expression });
  }

  /** A string token of an HCL expression (`var.x.y`): constructs see it as unresolved and skip their checks. */
  expression(expression: string): string {
    return Token.asString(ref(expression, this));
  }

  /** Gives a resource or data source this Terraform name instead of the one derived from its construct path. */
  nameElement(element: TerraformElement, name: string): void {
    this.elementNames.set(element, name);
  }

  /** Fails the export if `text` is left anywhere in the module JSON. */
  forbid(text: string): void {
    this.forbiddenSubstrings.push(text);
  }
}
