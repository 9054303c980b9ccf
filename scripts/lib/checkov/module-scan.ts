import * as fs from 'fs';
import * as path from 'path';

/** Scan name of the committed HCL modules (terraform-modules/) in the Checkov gate. */
export const MODULES_SCAN_NAME = 'terraform-modules';

/** The JSON files of an exported module that Checkov reads (versions.tf is HCL, see below). */
const MODULE_JSON_FILES = ['variables.tf.json', 'main.tf.json', 'outputs.tf.json'] as const;

/**
 * Copies every module of `modulesDir` (terraform-modules/) into `stacksDir/<module>/cdk.tf.json`, the layout the
 * gate scans, merging the module's JSON files into one document. `versions.tf` (required_version and
 * required_providers, in HCL) is not copied: the gate runs Checkov's terraform_json framework only, and Checkov
 * 3.3.30's JSON parser rejects `terraform.required_version`, which is why the exporter writes it in HCL. Examples are
 * module calls without resources of their own and are not copied. Returns the module names (the scan's stacks).
 */
export function copyModulesForScan(modulesDir: string, stacksDir: string): string[] {
  if (!fs.existsSync(modulesDir)) return [];
  const names = fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(modulesDir, e.name, 'main.tf.json')))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const merged: Record<string, unknown> = {};
    for (const file of MODULE_JSON_FILES) Object.assign(merged, JSON.parse(fs.readFileSync(path.join(modulesDir, name, file), 'utf8')) as Record<string, unknown>);
    fs.mkdirSync(path.join(stacksDir, name), { recursive: true });
    fs.writeFileSync(path.join(stacksDir, name, 'cdk.tf.json'), JSON.stringify(merged, null, 2));
  }
  return names;
}
