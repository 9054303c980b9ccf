import * as fs from 'fs';
import * as path from 'path';
import { ScanError } from './errors';
import { toFindings, type Finding } from './findings';
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

/** Indexes the resources of every synthesized stack (`<stacksDir>/<stack>/cdk.tf.json`). */
export function indexStacks(stacksDir: string, stackNames: readonly string[]): Map<string, StackResourceIndex> {
  const indexes = new Map<string, StackResourceIndex>();
  for (const stack of stackNames) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (fs.existsSync(file)) indexes.set(stack, indexStackResources(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown));
  }
  return indexes;
}

function tail(file: string, lines: number): string {
  if (!fs.existsSync(file)) return '(no log)';
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Role and home-Region facts of every synthesized stack (see {@link stackFacts}). */
export function stackFactsOf(stacksDir: string, stackNames: readonly string[]): Map<string, StackFacts> {
  const facts = new Map<string, StackFacts>();
  for (const stack of stackNames) {
    const file = path.join(stacksDir, stack, 'cdk.tf.json');
    if (fs.existsSync(file)) facts.set(stack, stackFacts(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown));
  }
  return facts;
}

/** Reads one Checkov run's JSON report into findings; throws with the log's tail when Checkov left no report. */
export function collectFindings(config: string, run: CheckovRun, indexes: ReadonlyMap<string, StackResourceIndex>, facts: ReadonlyMap<string, StackFacts> = new Map()): ConfigFindings {
  if (!fs.existsSync(run.jsonFile)) {
    throw new ScanError(`Checkov (exit ${String(run.exitCode)}) wrote no ${run.jsonFile} for config "${config}"; last lines of ${run.logFile}:\n${tail(run.logFile, 20)}`);
  }
  const results = parseCheckovJson(JSON.parse(fs.readFileSync(run.jsonFile, 'utf8')) as unknown);
  return {
    findings: toFindings(config, results.checks, indexes, facts),
    parsingErrors: results.parsingErrors.map((file) => ({ config, file })),
  };
}
