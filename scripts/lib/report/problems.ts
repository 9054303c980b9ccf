import type { ReportData } from './build';
import { isFresh } from './checkov';
import { cisProblems } from './cis';

/** What the report found wrong: errors make `npm run report` exit 1 (after writing the report), warnings do not. */
export interface ReportProblems {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Collects the problems shown at the top of the report. */
export function reportProblems(data: ReportData): ReportProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (data.deploy.cycle) errors.push(`Stack dependency cycle: ${data.deploy.cycle.join(' -> ')}`);
  for (const m of data.deploy.missing) errors.push(`Stack ${m.stack} depends on ${m.dependency}, which the synth does not have`);
  if ('error' in data.cis) errors.push(`CIS table in ${data.cis.source} could not be read: ${data.cis.error}`);
  else {
    for (const row of cisProblems(data.cis.rows)) {
      warnings.push(
        row.testFiles.length === 0 ? `CIS ${row.control} names no test file` : `CIS ${row.control} names missing test file(s): ${row.missingFiles.join(', ')}`,
      );
    }
  }
  for (const row of data.matrix.rows) if (!row.synthesized) warnings.push(`No stack ${row.stack} was synthesized for ${row.account} in ${row.region}`);
  const checkov = data.checkov;
  if (checkov.kind === 'not-run') warnings.push(`No Checkov results for config "${checkov.config}": run \`npm run scan\``);
  else if (checkov.kind === 'error') errors.push(`Checkov results for config "${checkov.config}" could not be read: ${checkov.message}`);
  else {
    const { totals, parsingErrors } = checkov.summary;
    if (totals.failed > 0) warnings.push(`Checkov: ${totals.failed} failed check(s) not in the allowlist`);
    if (parsingErrors.length > 0) warnings.push(`Checkov could not parse ${parsingErrors.length} file(s)`);
    if (!isFresh(checkov.freshness)) warnings.push('Checkov results may not match the current synth: rerun `npm run scan`');
  }
  return { errors, warnings };
}
