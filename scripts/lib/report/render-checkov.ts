import type { CheckovSection } from './checkov-load';
import { isFresh, type Freshness } from './checkov';
import { code, plural, table } from './markdown';

/** How many failed findings are listed one by one. */
export const MAX_LISTED_FAILURES = 20;

const names = (stacks: readonly string[]): string => stacks.map(code).join(', ');

function freshnessText(f: Freshness): string[] {
  if (isFresh(f)) return ['The scanned JSON is identical to the current synth.'];
  const lines: string[] = ['**The results may be out of date** (rerun `npm run scan`):', ''];
  if (f.changed.length > 0) lines.push(`- changed since the scan: ${names(f.changed)}`);
  if (f.notScanned.length > 0) lines.push(`- not in the scan: ${names(f.notScanned)}`);
  if (f.extra.length > 0) lines.push(`- scanned but no longer synthesized: ${names(f.extra)}`);
  if (f.unverified.length > 0) lines.push(`- no scanned copy under \`.scan-out/\` to compare: ${names(f.unverified)}`);
  return lines;
}

/** Section 4: the Checkov gate's results for this config, or how to produce them. */
export function renderCheckov(section: CheckovSection): string {
  const heading = ['## 4. Checkov', ''];
  if (section.kind === 'not-run') {
    const others = section.scannedConfigs.length > 0 ? ` (results exist for ${section.scannedConfigs.map(code).join(', ')})` : '';
    return [
      ...heading,
      `No Checkov scan has run for config ${code(section.config)}${others}. Run \`npm run scan\` (the example and \`examples/configs/*.yaml\`), ` +
        'or `SCAN_CONFIGS=path/to/organization.yaml npm run scan` for another config, then `npm run report` again.',
    ].join('\n');
  }
  if (section.kind === 'error') return [...heading, `**Error:** the Checkov results for ${code(section.config)} could not be read: ${section.message}`].join('\n');
  const { summary } = section;
  const { totals } = summary;
  const verdict = totals.failed === 0 && summary.parsingErrors.length === 0 ? 'PASS' : 'FAIL';
  const lines = [
    ...heading,
    `Config ${code(section.config)}, scanned ${section.scannedAt.toISOString()} (${code(section.resultsFile)}` +
      `${section.summaryFile === undefined ? '' : `; all configs: ${code(section.summaryFile)}`}); failures judged with \`checkov-allowlist.yaml\`.`,
    '',
    `**Result: ${verdict}**: ${totals.passed} passed, ${totals.failed} failed, ${totals.allowlisted} allowlisted over ${plural(totals.stacks, 'stack')}.`,
    '',
    ...freshnessText(section.freshness),
    '',
    table(
      ['Stack', 'Passed', 'Failed', 'Allowlisted'],
      [...summary.rows.map((r) => [code(r.stack), String(r.passed), String(r.failed), String(r.allowlisted)]), ['**total**', `**${totals.passed}**`, `**${totals.failed}**`, `**${totals.allowlisted}**`]],
      ['left', 'right', 'right', 'right'],
    ),
  ];
  if (summary.failures.length > 0) {
    lines.push('', `Failed checks not in the allowlist${summary.failures.length > MAX_LISTED_FAILURES ? ` (first ${MAX_LISTED_FAILURES})` : ''}:`, '');
    for (const f of summary.failures.slice(0, MAX_LISTED_FAILURES)) lines.push(`- ${f.checkId} ${f.checkName}: ${code(f.stack)} ${code(f.constructPath ?? f.resource)}`);
  }
  if (summary.allowlisted.length > 0) {
    lines.push('', 'Allowlisted failures by check:', '', table(['Check', 'Name', 'Findings'], summary.allowlisted.map((c) => [c.checkId, c.checkName, String(c.count)]), ['left', 'left', 'right']));
  }
  if (summary.parsingErrors.length > 0) lines.push('', `Files Checkov could not parse: ${summary.parsingErrors.map(code).join(', ')}.`);
  return lines.join('\n');
}
