import { splitTableRow } from './cis';
import { ReportError } from './errors';

/** Who delivers one CIS control in Control Tower mode, from the "Control Tower mode" table of `docs/cis-controls.md`. */
export interface ControlTowerDelivery {
  readonly control: string;
  /** "Control Tower", "baseline, on ...", "not delivered", ... (Markdown). */
  readonly deliveredBy: string;
  readonly how: string;
}

/** What the report says for a control the Control Tower table does not list. */
export const DELIVERED_BY_BASELINE = 'baseline';

/**
 * Parses the table whose first header is `Control Tower mode` (columns: control, Delivered by, How). Throws
 * ReportError when there is none, or when a row does not have its three cells.
 */
export function parseControlTowerTable(markdown: string): ControlTowerDelivery[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().startsWith('|') && splitTableRow(l)[0]?.toLowerCase() === 'control tower mode');
  if (start === -1) throw new ReportError('No table with a "Control Tower mode" first column found');
  const rows: ControlTowerDelivery[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [control, deliveredBy, how] = splitTableRow(line);
    if (!control || !deliveredBy || how === undefined) throw new ReportError(`The Control Tower table row "${line.trim()}" needs a control, who delivers it and how`);
    rows.push({ control, deliveredBy, how });
  }
  return rows;
}

/** Who delivers `control` in Control Tower mode: the table's row, else the baseline. */
export function deliveredBy(table: readonly ControlTowerDelivery[], control: string): string {
  return table.find((row) => row.control === control)?.deliveredBy ?? DELIVERED_BY_BASELINE;
}
