import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importGraph } from '../support/import-graph';

/**
 * The layers' import direction, read from the real import graph (madge resolves every TypeScript import through the
 * tsconfig, type-only imports and re-exports included), not from a grep:
 *   config -> modules -> modules/core;  stacks -> config, modules;  scripts, test -> anything;  exports -> modules.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_ROOTS = ['main.ts', 'config', 'modules', 'stacks', 'exports', 'scripts', 'test'];

interface LayerRule {
  readonly name: string;
  readonly from: RegExp;
  readonly forbidden: RegExp;
}

const RULES: readonly LayerRule[] = [
  { name: 'modules import no config, stacks, exports, scripts or test', from: /^modules\//, forbidden: /^(config|stacks|exports|scripts|test)\/|^main\.ts$/ },
  { name: 'modules/core imports nothing of the project outside modules/core', from: /^modules\/core\//, forbidden: /^(?!modules\/core\/)/ },
  { name: 'config imports no stacks, exports, scripts or test', from: /^config\//, forbidden: /^(stacks|exports|scripts|test)\/|^main\.ts$/ },
  { name: 'stacks import no exports, scripts or test', from: /^stacks\//, forbidden: /^(exports|scripts|test)\/|^main\.ts$/ },
  { name: 'exports import no stacks, scripts or test', from: /^exports\//, forbidden: /^(stacks|scripts|test)\/|^main\.ts$/ },
  { name: 'scripts import no test', from: /^scripts\//, forbidden: /^test\// },
];

/** `from -> to` for every import of the graph that breaks the rule. */
function violations(graph: Record<string, string[]>, rule: LayerRule): string[] {
  return Object.entries(graph).flatMap(([from, deps]) => (rule.from.test(from) ? deps.filter((d) => rule.forbidden.test(d)).map((d) => `${from} -> ${d}`) : []));
}

describe('the import graph', () => {
  let graph: Record<string, string[]>;
  let cycles: string[][];
  let unresolved: string[];

  beforeAll(() => {
    ({ graph, cycles, unresolved } = importGraph(ROOT, SOURCE_ROOTS));
  });

  it('covers every TypeScript file of the project, with every relative import resolved', () => {
    expect(Object.keys(graph).length).toBeGreaterThan(250);
    expect(Object.keys(graph)).toEqual(expect.arrayContaining(['main.ts', 'modules/core/regions.ts', 'stacks/baseline-stack.ts', 'test/architecture/imports.test.ts']));
    expect(unresolved).toEqual([]);
  });

  it('holds type-only imports and re-exports as edges', () => {
    // `import type { IWebAcl }` only, and `export * from` only.
    expect(graph['modules/waf/association.ts']).toContain('modules/waf/web-acl-ref.ts');
    expect(graph['config/regions.ts']).toEqual(['modules/core/regions.ts']);
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(violations(graph, rule)).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles).toEqual([]);
  });
});

describe('the import-graph check itself', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    fs.mkdirSync(path.join(dir, 'modules', 'core'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'config'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node' } }));
    // A type-only cycle, and a module reaching up into config.
    fs.writeFileSync(path.join(dir, 'modules', 'a.ts'), "import type { B } from './b';\nexport interface A { b?: B }\n");
    fs.writeFileSync(path.join(dir, 'modules', 'b.ts'), "import type { A } from './a';\nimport { LIMIT } from '../config/limit';\nexport interface B { a?: A; n: typeof LIMIT }\n");
    fs.writeFileSync(path.join(dir, 'modules', 'core', 'c.ts'), "import type { A } from '../a';\nexport type C = A;\n");
    fs.writeFileSync(path.join(dir, 'config', 'limit.ts'), 'export const LIMIT = 1;\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails on a type-only cycle, a module importing config, and core importing a module', () => {
    const result = importGraph(dir, ['modules', 'config']);
    expect(result.cycles).toEqual([['modules/a.ts', 'modules/b.ts']]);
    expect(violations(result.graph, RULES[0]!)).toEqual(['modules/b.ts -> config/limit.ts']);
    expect(violations(result.graph, RULES[1]!)).toEqual(['modules/core/c.ts -> modules/a.ts']);
  });
});
