import * as fs from 'fs';
import * as path from 'path';
import type { ModuleDefinition } from './module-definition';
import { renderReadme } from './readme';
import { synthModule } from './synth-module';

/** Where `npm run export-modules` writes, relative to the project root. */
export const DEFAULT_EXPORT_DIR = path.join('build', 'terraform-modules');

/** One written module. */
export interface ExportedModule {
  readonly name: string;
  /** The module folder. */
  readonly dir: string;
  /** The module JSON as written to `main.tf.json`. */
  readonly json: Record<string, unknown>;
}

/**
 * Writes each module to `<outDir>/<name>/`: `main.tf.json` (variables, locals, resources, outputs; no provider, no
 * backend) and a generated `README.md`. Each module folder is replaced as a whole, so no stale file survives; other
 * folders in `outDir` are left alone. The output depends only on the definitions (no paths, dates or hashes of the
 * machine).
 */
export function exportModules(outDir: string, definitions: readonly ModuleDefinition[]): ExportedModule[] {
  const names = definitions.map((d) => d.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`module ${duplicate} is defined twice`);
  return definitions.map((definition) => {
    if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`module name ${definition.name} must be kebab-case`);
    const json = synthModule(definition);
    const dir = path.join(outDir, definition.name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'README.md'), renderReadme(definition, json));
    return { name: definition.name, dir, json };
  });
}
