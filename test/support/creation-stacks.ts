/**
 * Runs before anything else of a test file (jest `setupFiles`, so before cdktf is loaded): cdktf and constructs capture
 * a full, unlimited-depth stack trace for every token they create (`Error.captureStackTrace` into a plain `{ stack }`
 * object), only to name the token's origin in a resolution error. Inside jest each of those traces is source-mapped
 * frame by frame (jest's source-map-support: every transpiled file and cdktf file on the stack has an inline source map),
 * which was about 28 of the unit project's 220 CPU-seconds, 8 of them while cdktf itself loads.
 *
 * Here, as in the product's synth (`withPlainStackTraces`, stacks/synth/stack-traces.ts), a capture into a plain
 * object gets an empty trace. Captures into anything else (errors, whatever their realm) are unchanged, so failing
 * tests still show source-mapped stacks, and no test reads a token's creation stack.
 */
const capture = Error.captureStackTrace;

Error.captureStackTrace = function captureIntoErrorsOnly(target: object, constructorOpt?: Parameters<typeof Error.captureStackTrace>[1]): void {
  if (Object.getPrototypeOf(target) === Object.prototype) (target as { stack?: string }).stack = '';
  else capture.call(Error, target, constructorOpt);
};
