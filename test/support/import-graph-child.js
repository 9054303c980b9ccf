// Child process of test/support/import-graph.ts: builds the import graph with madge outside jest's module sandbox
// (there, loading TypeScript's compiler for madge's resolver costs about three times as long) and prints it as JSON.
// argv: <root> <entry>...
'use strict';
const path = require('path');
const madge = require('madge');

const [root, ...entries] = process.argv.slice(2);
madge(
  entries.map((entry) => path.join(root, entry)),
  {
    fileExtensions: ['ts'],
    // Type-only imports count: an `import type` cycle is still a cycle of meaning.
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
    baseDir: root,
    tsConfig: path.join(root, 'tsconfig.json'),
  },
).then(
  (result) => process.stdout.write(JSON.stringify({ graph: result.obj(), cycles: result.circular(), unresolved: result.warnings().skipped })),
  (error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error));
    process.exit(1);
  },
);
