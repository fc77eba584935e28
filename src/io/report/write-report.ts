import { join } from 'node:path';
import { writeFileWhole } from '../write-whole.js';

export const REPORT_FILE = 'report.html';

/**
 * Writes `report.html` into `dir` through a temporary file renamed into
 * place, so a reader never sees half a page. Returns its path; throws
 * OutputError when it cannot be written.
 */
export function writeReport(dir: string, html: string, tag: string): string {
  const file = join(dir, REPORT_FILE);
  writeFileWhole(file, html, tag);
  return file;
}
