import * as fs from 'fs';
import * as path from 'path';

/**
 * Top-level blocks Checkov 3.3.30's Terraform JSON parser cannot read (it gives up on the whole file, which the gate
 * reports as "could not parse"): `moved` (from the id-stability file) and `import` (adoption). They only tell Terraform
 * where state comes from and carry no setting Checkov checks, so the scan copy leaves them out.
 */
export const UNPARSED_META_BLOCKS = ['moved', 'import'] as const;

/** Removes {@link UNPARSED_META_BLOCKS} from every `cdk.tf.json` under `stacksDir` (a scan copy, never the output). */
export function stripUnparsedMetaBlocks(stacksDir: string): number {
  let stripped = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'cdk.tf.json') {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
        if (!UNPARSED_META_BLOCKS.some((key) => key in json)) continue;
        for (const key of UNPARSED_META_BLOCKS) delete json[key];
        fs.writeFileSync(file, JSON.stringify(json, null, 2));
        stripped += 1;
      }
    }
  };
  if (fs.existsSync(stacksDir)) walk(stacksDir);
  return stripped;
}
