import * as path from 'path';

/**
 * Node arguments that load the project's TypeScript the way the app runs (cdktf.json: `node -r
 * ./scripts/ts-register.js main.ts`): compiled files come from its content-addressed cache, so a child process a
 * test starts does not load the TypeScript compiler (ts-node's start-up was most of each such test's time).
 */
export const APP_LOADER_ARGS: readonly string[] = ['-r', path.resolve(__dirname, '..', '..', 'scripts', 'ts-register.js')];
