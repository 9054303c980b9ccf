import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
/** Permissive licences; public-domain dedications (jsonify, under cdktf's json-stable-stringify) impose nothing at all. */
const PERMISSIVE = new Set(['MIT', 'Apache-2.0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Public Domain', 'Unlicense']);
/** The CDKTF core and its AWS and tfe (HCP Terraform) bindings: MPL-2.0, required by the project's purpose, documented in the README. */
const DOCUMENTED_EXCEPTIONS: Readonly<Record<string, string>> = { cdktf: 'MPL-2.0', '@cdktf/provider-aws': 'MPL-2.0', '@cdktf/provider-tfe': 'MPL-2.0' };

interface PackageJson {
  readonly name: string;
  readonly license?: string | { readonly type: string };
  readonly dependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Resolves a dependency the way Node does: the nearest node_modules up from the requiring package. */
function resolvePackageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`cannot resolve ${name} from ${from}`);
  }
}

/** Every package a user installs: the production dependency closure. */
function productionClosure(): Map<string, PackageJson> {
  const seen = new Map<string, PackageJson>();
  const queue: Array<[string, string]> = Object.keys(readPackage(ROOT).dependencies ?? {}).map((name) => [name, ROOT]);
  while (queue.length > 0) {
    const [name, from] = queue.shift()!;
    const dir = resolvePackageDir(name, from);
    if (seen.has(dir)) continue;
    const pkg = readPackage(dir);
    seen.set(dir, pkg);
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push([dep, dir]);
  }
  return seen;
}

function licenseOf(pkg: PackageJson): string {
  return typeof pkg.license === 'object' ? pkg.license.type : (pkg.license ?? 'UNKNOWN');
}

describe('licences of what users install', () => {
  const closure = [...productionClosure().values()];

  it('are permissive, except the documented MPL-2.0 CDKTF packages', () => {
    const offending = closure
      .filter((pkg) => !PERMISSIVE.has(licenseOf(pkg)) && DOCUMENTED_EXCEPTIONS[pkg.name] !== licenseOf(pkg))
      .map((pkg) => `${pkg.name}: ${licenseOf(pkg)}`);
    expect(offending).toEqual([]);
    expect(closure.map((p) => p.name)).toEqual(expect.arrayContaining(['cdktf', 'constructs', 'zod', 'yaml']));
  });

  it('never pull in the AGPL policy evaluator outside the tests', () => {
    expect(closure.map((p) => p.name)).not.toContain('@cloud-copilot/iam-simulate');
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) sources.push(full);
      }
    };
    for (const dir of ['config', 'modules', 'stacks']) walk(path.join(ROOT, dir));
    sources.push(path.join(ROOT, 'main.ts'));
    const importing = sources.filter((file) => fs.readFileSync(file, 'utf8').includes('iam-simulate'));
    expect(importing).toEqual([]);
  });
});
