'use strict';
/**
 * The app's TypeScript loader (`node -r ./scripts/ts-register.js main.ts`, what cdktf.json runs): compiles each
 * project `.ts` file the way `ts-node --transpile-only` does (TypeScript's own `transpileModule`, this project's
 * tsconfig options, no type-check: `npm test` type-checks), and keeps the JavaScript in a content-addressed cache
 * (`node_modules/.cache/ts-register/`). A file whose text, TypeScript version or compiler options changed gets a
 * new cache entry, so an edited `.ts` file is picked up on the next run with no build step; an unchanged one is
 * read back without loading TypeScript at all, which is most of ts-node's start-up time.
 *
 * Modules keep their real `__dirname` and `__filename` (the `.ts` source), so relative paths to data files and
 * `require('../package.json')` behave as under ts-node. Stack traces show the compiled line numbers.
 *
 * `node scripts/ts-register.js --warm` (run by `npm ci` through the `prepare` script) compiles every project source
 * file once, so the first synth after an install starts warm too.
 *
 * Plain JavaScript on purpose: it is what runs before anything is compiled.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'ts-register');
/** Folders whose `.ts` files `--warm` compiles (what the app, the synth workers and the scripts load). */
const SOURCE_ROOTS = ['main.ts', 'config', 'modules', 'stacks', 'exports', 'scripts'];

let typescript;
let compilerOptions;
let optionsKey;

/** The TypeScript version and the tsconfig compiler options, read once: both are part of every cache key. */
function cacheKeyBase() {
  if (optionsKey === undefined) {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'tsconfig.json'), 'utf8'));
    const tsVersion = JSON.parse(fs.readFileSync(require.resolve('typescript/package.json', { paths: [PROJECT_ROOT] }), 'utf8')).version;
    compilerOptions = tsconfig.compilerOptions;
    optionsKey = `${tsVersion}\n${JSON.stringify(compilerOptions)}\n`;
  }
  return optionsKey;
}

function transpile(source, filename) {
  typescript ??= require(require.resolve('typescript', { paths: [PROJECT_ROOT] }));
  cacheKeyBase();
  const options = typescript.convertCompilerOptionsFromJson(compilerOptions, PROJECT_ROOT).options;
  const result = typescript.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: false,
    compilerOptions: { ...options, module: typescript.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false, declaration: false, noEmit: false },
  });
  return result.outputText;
}

/** The compiled JavaScript of one `.ts` file, from the cache when its text has been compiled before. */
function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(cacheKeyBase()).update(filename).update('\n').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const output = transpile(source, filename);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // write then rename: a concurrent reader (a synth worker) never sees half a file
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached);
    return output;
  }
}

function isProjectSource(filename) {
  return filename.startsWith(PROJECT_ROOT + path.sep) && !filename.includes(`${path.sep}node_modules${path.sep}`) && !filename.endsWith('.d.ts');
}

function register() {
  const previous = require.extensions['.ts'];
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    if (!isProjectSource(filename)) {
      if (previous) return previous(module, filename);
      throw new Error(`ts-register: ${filename} is outside the project; only the project's own TypeScript is compiled`);
    }
    module._compile(compiled(filename), filename);
  };
}

function sourceFiles(entry) {
  const full = path.join(PROJECT_ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return full.endsWith('.ts') ? [full] : [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((item) => (item.name === 'node_modules' ? [] : sourceFiles(path.join(entry, item.name))))
    .filter((file) => !file.endsWith('.d.ts'));
}

if (require.main === module) {
  if (!process.argv.includes('--warm')) {
    process.stderr.write('usage: node scripts/ts-register.js --warm   (or: node -r ./scripts/ts-register.js main.ts)\n');
    process.exit(2);
  }
  const files = SOURCE_ROOTS.flatMap(sourceFiles);
  for (const file of files) compiled(file);
  process.stdout.write(`ts-register: ${files.length} TypeScript files compiled into ${path.relative(PROJECT_ROOT, CACHE_DIR)}\n`);
} else {
  register();
}
