import * as fs from 'fs';
import * as path from 'path';
import { ScanError } from './errors';
import { toFindings, type Finding, type StackLookups } from './findings';
import type { ParsingError } from './report';
import { parseCheckovJson } from './results';
import type { CheckovRun } from './run-checkov';
import { indexStackResources, type StackResourceIndex } from './stack-resources';
import { stackFacts, type StackFacts } from './stack-facts';

/** What one scanned config contributed. */
export interface ConfigFindings {
  readonly findings: readonly Finding[];
  readonly parsingErrors: readonly ParsingError[];
}

/**
 * What the allowlist judges of each synthesized stack (`<stacksDir>/<stack>/cdk.tf.json`), read once per stack: its
 * resource index (Checkov's names to addresses and construct paths) and its facts (account role, home Region). The
 * gate (`npm run scan`) and the report (`npm run report`) both judge through this, so an allowlist entry with a role
 * or Region condition accepts the same findings in both.
 */
export function stackLookupsOf(stacksDir: string, stackNames: readonly string[]): StackLookups {
  const indexes = new Map<string, StackResourceIndex>();
  const facts = new Map<string, StackFacts>();
  for (const stack of stackNames) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    const tfJson = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    indexes.set(stack, indexStackResources(tfJson));
    facts.set(stack, stackFacts(tfJson));
  }
  return { indexes, facts };
}

function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Reads one Checkov run's JSON report into findings; throws with the log's tail when Checkov left no report. */
export function collectFindings(config: string, run: CheckovRun, stacks: StackLookups): ConfigFindings {
  if (!fs.existsSync(run.jsonFile)) {
    throw new ScanError(`Checkov (exit ${String(run.exitCode)}) wrote no ${run.jsonFile} for config "${config}"; last lines of ${run.logFile}:\n${tail(run.logFile, 20)}`);
  }
  const results = parseCheckovJson(JSON.parse(fs.readFileSync(run.jsonFile, 'utf8')) as unknown);
  return {
    findings: toFindings(config, results.checks, stacks),
    parsingErrors: results.parsingErrors.map((file) => ({ config, file })),
  };
}
