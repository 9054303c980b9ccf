import * as path from 'path';
import { EXPORTED_MODULES } from '../exports';
import { DEFAULT_EXPORT_DIR, exportModules } from '../exports/lib/export-modules';

/**
 * `npm run export-modules [-- --out <folder>]`: writes every exported module as a standalone Terraform module
 * (Terraform JSON + README) to `build/terraform-modules/<name>/`, or under `--out`.
 */
function main(argv: readonly string[]): void {
  const outIndex = argv.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : path.join(__dirname, '..', DEFAULT_EXPORT_DIR));
  for (const module of exportModules(outDir, EXPORTED_MODULES)) {
    const json = module.json as { variable?: object; output?: object; resource?: Record<string, object> };
    const resources = Object.values(json.resource ?? {}).reduce((n, blocks) => n + Object.keys(blocks).length, 0);
    console.log(`${path.relative(process.cwd(), module.dir) || '.'}: ${Object.keys(json.variable ?? {}).length} inputs, ${Object.keys(json.output ?? {}).length} outputs, ${resources} resources`);
  }
}

main(process.argv.slice(2));
