import type { CisSection } from './build';
import { cisProblems, type CheckedCisControl } from './cis';
import { deliveredBy } from './control-tower';
import { code, plural, table } from './markdown';

function fileStatus(row: CheckedCisControl): string {
  if (row.testFiles.length === 0) return '**no test file named**';
  if (row.missingFiles.length > 0) return `**missing**: ${row.missingFiles.map(code).join(', ')}`;
  return row.testFiles.length === 1 ? 'present' : `all ${row.testFiles.length} present`;
}

/** Section 3: the CIS controls table from the docs, with each row's test file checked. */
export function renderCis(cis: CisSection): string {
  const heading = ['## 3. CIS AWS Foundations Benchmark v3.0 controls', ''];
  if ('error' in cis) return [...heading, `**Error:** the CIS table in ${code(cis.source)} could not be read: ${cis.error}`].join('\n');
  const problems = cisProblems(cis.rows);
  const verdict =
    problems.length === 0
      ? 'every test file they name exists.'
      : `**${plural(problems.length, 'row')} name no test file or a missing one** (${problems.map((r) => r.control).join(', ')}).`;
  const tower = cis.controlTower;
  const mode = tower
    ? ['', 'Control Tower mode: the landing zone delivers some controls (column "Delivered by"); "not delivered" needs a control of your own.']
    : [];
  return [
    ...heading,
    `${plural(cis.rows.length, 'row')} from ${code(cis.source)}; ${verdict} Test names are the jest names (\`describe\` › \`it\`).`,
    ...mode,
    '',
    tower
      ? table(
          ['CIS', 'Recommendation', 'Delivered by', 'Test', 'Test file'],
          cis.rows.map((r) => [r.control, r.recommendation, deliveredBy(tower, r.control), r.test, fileStatus(r)]),
        )
      : table(
          ['CIS', 'Recommendation', 'Test', 'Test file'],
          cis.rows.map((r) => [r.control, r.recommendation, r.test, fileStatus(r)]),
        ),
  ].join('\n');
}
