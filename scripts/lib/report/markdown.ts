/** Column alignment in a Markdown table. */
export type Align = 'left' | 'right';

/**
 * Escapes text for one Markdown table cell: pipes are escaped (GitHub needs that even inside code spans) and line
 * breaks become spaces. Cells already written as Markdown (code spans, emphasis) keep their formatting.
 */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\\?\|/g, '\\|').trim();
}

/** A GitHub-flavoured Markdown table; `align` gives one entry per column (left when missing). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const separator = `| ${headers.map((_, i) => (align[i] === 'right' ? '---:' : '---')).join(' | ')} |`;
  return [line(headers), separator, ...rows.map(line)].join('\n');
}

/** Text as an inline code span (backticks inside are not expected in names and paths). */
export function code(text: string): string {
  return `\`${text}\``;
}

/** `1 stack`, `2 stacks`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
