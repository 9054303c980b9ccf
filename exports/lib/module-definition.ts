import type { ModuleStack } from './module-stack';

/** One module exported for HCL users: where it goes, what its README says, and how it is built. */
export interface ModuleDefinition {
  /** Folder name under the output folder, e.g. `kms-key`. */
  readonly name: string;
  /** One-line title for the README. */
  readonly title: string;
  /** README introduction (Markdown): what the module creates and its security properties. */
  readonly summary: string;
  /**
   * HCL of `examples/complete/main.tf` below the generated provider block: one or more module calls with
   * `source = "../.."` (and any resources they need), formatted as `terraform fmt` writes it. The README shows it
   * with the published `git::` source.
   */
  readonly example: string;
  /** Design notes and limits of the exported interface (Markdown bullet texts). */
  readonly notes: readonly string[];
  /**
   * Rules Terraform can check only at plan (they compare an input with another input or with the provider's Region),
   * so `terraform validate` does not report them. @default - none: every rule is in one variable's validation
   */
  readonly planOnlyRules?: readonly string[];
  /** Declares the variables, builds the construct(s) from the variable tokens, declares the outputs. */
  build(stack: ModuleStack): void;
}
