import * as path from 'path';
import { EXPORTED_MODULES } from '../exports';
import { DEFAULT_EXPORT_DIR, exportModules } from '../exports/lib/export-modules';

/**
 * `npm run export-modules [-- --out <folder>]`: writes every exported module as a standalone Terraform module to the
 * committed tree terraform-modules/<name>/ (or under `--out`), with the tree's README, VERSION and CHANGELOG.
 */
function main(argv: readonly string[]): void {
  const outIndex = argv.indexOf('--out');
  const outDir = path.resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : path.join(__dirname, '..', DEFAULT_EXPORT_DIR));
  const tree = exportModules(outDir, EXPORTED_MODULES);
  for (const module of tree.modules) {
    const json = module.json as { variable?: object; output?: object; resource?: Record<string, object> };
    const resources = Object.values(json.resource ?? {}).reduce((n, blocks) => n + Object.keys(blocks).length, 0);
    console.log(`${module.name}: ${Object.keys(json.variable ?? {}).length} inputs, ${Object.keys(json.output ?? {}).length} outputs, ${resources} resources`);
  }
  console.log(`${path.relative(process.cwd(), outDir) || '.'}: ${tree.modules.length} modules, ${tree.files.size} files`);
}

main(process.argv.slice(2));
