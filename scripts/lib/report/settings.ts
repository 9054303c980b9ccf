import * as path from 'path';
import { ALLOWLIST_FILE, REPORTS_DIR, REPO_ROOT, SCAN_OUT_DIR } from '../checkov/settings';
import type { CheckovLocations } from './checkov-load';

/** Where `npm run report` writes, relative to the project root (`reports/` is gitignored). */
export const REPORT_FILE = path.join('reports', 'organisation.md');

/** The CIS controls document whose table the report includes. */
export const CIS_DOC = path.join('docs', 'cis-controls.md');

/** Where `npm run scan` leaves its results, under `root` (the project root by default). */
export function checkovLocations(root: string = REPO_ROOT): CheckovLocations {
  return {
    reportsDir: path.join(root, REPORTS_DIR),
    scanOutDir: path.join(root, SCAN_OUT_DIR),
    allowlistFile: path.join(root, ALLOWLIST_FILE),
  };
}
