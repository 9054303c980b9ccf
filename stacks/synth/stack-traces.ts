/**
 * Runs `fn` with cheap stack traces, restored afterwards:
 * - V8's plain stack-trace formatting: under ts-node each frame would be source-mapped back to TypeScript, which made
 *   a 20,000-resource synth 5x slower (measured by `npm run bench`). Error traces show compiled line numbers.
 * - no creation stacks for cdktf tokens: cdktf captures a full, unlimited-depth stack trace for every token it
 *   creates (`captureStackTrace` into a plain `{ stack }` object), only to name the token's origin in a resolution
 *   error. That was a quarter of a large synth's CPU time (`npm run bench`). Capturing into an `Error` (what real
 *   errors and other libraries do) is unchanged; only plain-object captures get an empty trace.
 */
export function withPlainStackTraces<T>(fn: () => T): T {
  const errorClass = Error as { prepareStackTrace?: ErrorConstructor['prepareStackTrace'] };
  const savedFormat = errorClass.prepareStackTrace;
  const savedCapture = Error.captureStackTrace;
  delete errorClass.prepareStackTrace;
  Error.captureStackTrace = function captureErrorTracesOnly(target: object, constructorOpt?: Parameters<typeof Error.captureStackTrace>[1]): void {
    if (target instanceof Error) savedCapture.call(Error, target, constructorOpt);
    else (target as { stack?: string }).stack = '';
  };
  try {
    return fn();
  } finally {
    Error.captureStackTrace = savedCapture;
    if (savedFormat) errorClass.prepareStackTrace = savedFormat;
  }
}
