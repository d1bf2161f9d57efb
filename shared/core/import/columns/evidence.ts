import { cellText } from '../cell-text.ts';
import type { CellValue, SheetGrid } from '../read-workbook.ts';
import { parseDeadline } from '../values/deadline.ts';
import { isTick, statusFromWords } from '../values/status-words.ts';

/**
 * What the values under a column look like: the second witness, beside its header, of what the column
 * means. A sample of the first rows is enough; a profile is a handful of counts.
 */
export interface ValueProfile {
  /** Non-empty values looked at. */
  n: number;
  dates: number;
  /** 立行立改 / 长期坚持 / 即知即改 … */
  deadlineWords: number;
  statusWords: number;
  ticks: number;
  /** Names the ledger already knows, or that end like a unit (局, 委, 办, 政府, 中心 …). */
  units: number;
  knownUnits: number;
  /** Whole numbers (序号-like). */
  numbers: number;
  /** One or two letters or digits: grades (A/B/C), codes. */
  codes: number;
  averageLength: number;
}

const SAMPLE = 200;
const UNIT_ENDING = /(?:局|委|办|院|所|中心|政府|部|厅|公司|队|站|会|镇|乡|街道|社区|村|室|组|处|科|署|馆|社|校|台|行|集团|管委会|办事处|委员会|联合会|园区)$/;

export function profileColumn(grid: SheetGrid, column: number, fromRow: number, toRow: number, knownUnit: (name: string) => boolean): ValueProfile {
  const p: ValueProfile = { n: 0, dates: 0, deadlineWords: 0, statusWords: 0, ticks: 0, units: 0, knownUnits: 0, numbers: 0, codes: 0, averageLength: 0 };
  let length = 0;
  for (let r = fromRow; r < toRow && p.n < SAMPLE; r++) {
    const v: CellValue | undefined = grid.rows[r]?.[column];
    if (v === null || v === undefined) continue;
    const text = cellText(v);
    if (!text) continue;
    p.n++;
    length += text.length;
    if (v instanceof Date) {
      p.dates++;
      continue;
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v < 10_000) p.numbers++;
      else if (v >= 32_874 && v <= 73_051) p.dates++;
      continue;
    }
    if (isTick(text)) p.ticks++;
    if (text.length <= 2 && /^[A-Za-z0-9一二三四五六七八九十甲乙丙丁]+$/.test(text)) p.codes++;
    if (/^\d{1,4}$/.test(text)) p.numbers++;
    if (text.length <= 40) {
      const d = parseDeadline(text, 2000).deadline;
      if (d.kind === 'date') p.dates++;
      else if (d.kind === 'immediate' || d.kind === 'standing') p.deadlineWords++;
    }
    if (text.length <= 12 && statusFromWords(text)) p.statusWords++;
    const first = text.split(/[、，,；;\n\/]/)[0].trim();
    if (first.length >= 2 && first.length <= 30) {
      if (knownUnit(first)) {
        p.knownUnits++;
        p.units++;
      } else if (UNIT_ENDING.test(first.replace(/[（(].*?[）)]$/, ''))) p.units++;
    }
  }
  p.averageLength = p.n ? length / p.n : 0;
  return p;
}

/** "8/10 个值为日期" — the share, in words, for the reason the preview shows. */
export function share(count: number, p: ValueProfile, what: string): string {
  return `下方 ${count}/${p.n} 个值${what}`;
}

export const mostly = (count: number, p: ValueProfile, fraction = 0.6): boolean => p.n >= 2 && count / p.n >= fraction;
