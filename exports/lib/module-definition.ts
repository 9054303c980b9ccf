import type { ModuleStack } from './module-stack';

/** One module exported for HCL users: where it goes, what its README says, and how it is built. */
export interface ModuleDefinition {
  /** Folder name under the output folder, e.g. `kms-key`. */
  readonly name: string;
  /** One-line title for the README. */
  readonly title: string;
  /** README introduction (Markdown): what the module creates and its security properties. */
  readonly summary: string;
  /** An HCL usage example for the README (the `source` is the module folder). */
  readonly usage: string;
  /** Design notes and limits of the exported interface (Markdown bullet texts). */
  readonly notes: readonly string[];
  /** Declares the variables, builds the construct(s) from the variable tokens, declares the outputs. */
  build(stack: ModuleStack): void;
}
