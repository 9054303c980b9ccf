/** A table: header cells and rows of cells; `numeric` columns are right-aligned in text. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Indexes of right-aligned columns. */
  readonly numeric?: readonly number[];
  /** Rows drawn after a separator (totals). */
  readonly footer?: readonly (readonly string[])[];
}

function pad(cell: string, width: number, right: boolean): string {
  return right ? cell.padStart(width) : cell.padEnd(width);
}

/** Renders a table as aligned plain text with a dashed rule under the header (and above the footer). */
export function formatTextTable(table: Table): string {
  const all = [table.headers, ...table.rows, ...(table.footer ?? [])];
  const widths = table.headers.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const numeric = new Set(table.numeric ?? []);
  const line = (row: readonly string[]): string =>
    widths
      .map((w, c) => pad(row[c] ?? '', w, numeric.has(c)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(table.headers), rule, ...table.rows.map(line)];
  if (table.footer && table.footer.length > 0) out.push(rule, ...table.footer.map(line));
  return out.join('\n');
}

function markdownCell(cell: string): string {
  return cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders a table as GitHub Markdown; footer rows are bold. */
export function formatMarkdownTable(table: Table): string {
  const numeric = new Set(table.numeric ?? []);
  const row = (cells: readonly string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  const align = `| ${table.headers.map((_, c) => (numeric.has(c) ? '---:' : '---')).join(' | ')} |`;
  const footer = (table.footer ?? []).map((cells) => row(cells.map((c) => (c === '' ? '' : `**${c}**`))));
  return [row(table.headers), align, ...table.rows.map(row), ...footer].join('\n');
}
