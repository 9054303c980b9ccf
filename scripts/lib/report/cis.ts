import { ReportError } from './errors';

/** One row of the CIS table in `docs/cis-controls.md`. */
export interface CisControl {
  /** Control number as written, e.g. `3.1` or `4.1-4.15`. */
  readonly control: string;
  readonly recommendation: string;
  /** The "How the baseline meets it" cell (Markdown). */
  readonly how: string;
  /** The Test cell (Markdown: file paths in code spans, then the jest names). */
  readonly test: string;
  /** Test files the Test cell names (`test/...*.test.ts`), in order, without duplicates. */
  readonly testFiles: readonly string[];
}

/** A CIS row with its test files checked. */
export interface CheckedCisControl extends CisControl {
  /** Named test files that do not exist. */
  readonly missingFiles: readonly string[];
}

/**
 * Splits one Markdown table line into trimmed cells. `\|` is a literal pipe; pipes inside code spans are not
 * separators either. The outer pipes are optional.
 */
export function splitTableRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  const text = line.trim();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      current += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  if (text.startsWith('|')) cells.shift();
  if (text.endsWith('|') && !text.endsWith('\\|')) cells.pop();
  return cells;
}

const isSeparatorRow = (cells: readonly string[]): boolean => cells.length > 0 && cells.every((c) => /^:?-+:?$/.test(c));

/** Test file paths named in a Test cell: code spans holding `test/...*.test.ts`. */
export function testFilesIn(testCell: string): string[] {
  return [...new Set([...testCell.matchAll(/`(test\/[^`\s]+\.test\.ts)`/g)].map((m) => m[1]!))];
}

function columnIndex(headers: readonly string[], matches: (h: string) => boolean, name: string): number {
  const i = headers.findIndex((h) => matches(h.toLowerCase()));
  if (i === -1) throw new ReportError(`The CIS table has no "${name}" column (columns: ${headers.join(', ')})`);
  return i;
}

/**
 * Parses the CIS controls table: the first Markdown table whose first header is `CIS`, with the columns CIS,
 * Recommendation, How... and Test (in any order). Throws ReportError when there is no such table.
 */
export function parseCisTable(markdown: string): CisControl[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l, i) => l.trim().startsWith('|') && splitTableRow(l)[0]?.toUpperCase() === 'CIS' && isSeparatorRow(splitTableRow(lines[i + 1] ?? '')));
  if (start === -1) throw new ReportError('No table with a "CIS" first column (followed by a separator row) found');
  const headers = splitTableRow(lines[start]!);
  const col = {
    control: columnIndex(headers, (h) => h === 'cis', 'CIS'),
    recommendation: columnIndex(headers, (h) => h === 'recommendation', 'Recommendation'),
    how: columnIndex(headers, (h) => h.startsWith('how'), 'How'),
    test: columnIndex(headers, (h) => h === 'test' || h === 'tests', 'Test'),
  };
  const rows: CisControl[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const cells = splitTableRow(line);
    const at = (i: number): string => cells[i] ?? '';
    const test = at(col.test);
    rows.push({ control: at(col.control), recommendation: at(col.recommendation), how: at(col.how), test, testFiles: testFilesIn(test) });
  }
  return rows;
}

/** Checks each row's named test files with `exists` (given a path relative to the project root). */
export function checkCisTests(rows: readonly CisControl[], exists: (file: string) => boolean): CheckedCisControl[] {
  return rows.map((row) => ({ ...row, missingFiles: row.testFiles.filter((f) => !exists(f)) }));
}

/** Rows that name no test file or a missing one. */
export function cisProblems(rows: readonly CheckedCisControl[]): CheckedCisControl[] {
  return rows.filter((r) => r.testFiles.length === 0 || r.missingFiles.length > 0);
}
