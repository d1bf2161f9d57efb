import { measureNumbers } from '../../domain/numbering.ts';
import type { GroupBy, ReportRow } from './model.ts';

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五: the numbering of 一、二、 headings and group rows. */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail = rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest);
    return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
  }
  return String(n);
}

export function groupLabel(groupBy: GroupBy, r: ReportRow): string {
  switch (groupBy) {
    case 'category':
      return r.category ? (r.category.endsWith('方面') ? r.category : `${r.category}方面`) : '其他方面';
    case 'unit':
      return r.leadUnitName;
    case 'party':
      return r.organizationName;
    default:
      return '';
  }
}

export interface RowGroup {
  label: string;
  rows: ReportRow[];
}

/** Rows split into groups in first-seen order, keeping ledger order inside each group. */
export function groupRows(rows: readonly ReportRow[], groupBy: GroupBy): RowGroup[] {
  if (groupBy === 'none') return [{ label: '', rows: [...rows] }];
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const label = groupLabel(groupBy, r);
    const list = groups.get(label);
    if (list) list.push(r);
    else groups.set(label, [r]);
  }
  return [...groups].map(([label, list]) => ({ label, rows: list }));
}

/**
 * 序号 of each measure row in the one numbering (shared/domain/numbering.ts): "3-2" for the second
 * measure of finding 3 whatever the grouping, filter or order, marked with its batch when the rows
 * span several batches.
 */
export function sequenceNumbers(rows: readonly ReportRow[]): string[] {
  return measureNumbers(rows);
}
