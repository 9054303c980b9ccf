import * as path from 'path';

type Stringify = (value: unknown, options: { space: number }) => string;

/**
 * The JSON serializer cdktf writes `manifest.json` and every `cdk.tf.json` with (`json-stable-stringify`, bundled
 * inside the cdktf package: sorted keys, its own spacing), so that files merged from shards come out byte for byte
 * as one App would write them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- cdktf's own bundled copy, resolved from cdktf's folder (not a dependency of ours)
const stringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] })) as Stringify;

/** `value` as cdktf writes it (sorted keys, two-space indent, no trailing newline). */
export function cdktfJson(value: unknown): string {
  return stringify(value, { space: 2 });
}
