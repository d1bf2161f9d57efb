import { dateToIso } from './values/deadline.ts';
import type { CellValue } from './read-workbook.ts';

/** A cell as the text a clerk sees (dates as YYYY-MM-DD, whole numbers without ".0"). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return dateToIso(v) ?? '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  return v ? '是' : '否';
}
