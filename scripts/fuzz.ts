import { passed, runFuzz, summaryLine } from './lib/fuzz/run';

/**
 * `npm run fuzz -- --cases N [--seed S] [--build-every B] [--synth-every K]`: property-based fuzzing of the config
 * handling (scripts/lib/fuzz/). Mutates the example and sample configs, runs each case in-process through the schema,
 * checks accepted ones against the oracles (scripts/lib/fuzz/oracles.ts), builds the stacks of every B-th accepted
 * case and fully synthesizes a case every K cases. Prints each failing case (seed, mutations, why) and, last,
 * `fuzz: N cases, rejected R, accepted A, unclear U, crashed C`; exits 1 on any unclear error, crash, weakened
 * guardrail or live template.
 */

function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const text = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} needs a whole number of at least 1 (got ${JSON.stringify(text ?? null)})\n`);
    process.exit(2);
  }
  return value;
}

const summary = runFuzz({
  cases: option('cases', 1000),
  seed: option('seed', Date.now() % 2_147_483_647),
  buildEvery: option('build-every', 10),
  synthEvery: option('synth-every', 200),
});
for (const f of summary.failures) {
  process.stdout.write(`FAIL case ${f.index} (${f.kind}) seed config ${f.seedName}: ${f.why}\n  case: ${JSON.stringify(f.fuzzCase)}\n`);
}
process.stdout.write(
  `fuzz: weakened ${summary.weakened}, live templates ${summary.liveTemplates}; built ${summary.built}, synthesized ${summary.synthesized}; ` +
    `${summary.seconds.toFixed(1)} s, ${(summary.cases / summary.seconds).toFixed(1)} cases/s\n`,
);
process.stdout.write(`${summaryLine(summary)}\n`);
process.exitCode = passed(summary) ? 0 : 1;
