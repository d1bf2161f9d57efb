import { isIsoDate } from '../../../domain/dates.ts';
import type { ParsedDeadline } from '../types.ts';
import type { CellValue } from '../read-workbook.ts';

/**
 * 整改时限 as written → a kind and a date. Dates, Excel serials, "2021年6月30日", "2021.6.30",
 * "2021/6/30", "2021年6月底前" (month end), "2021年第二季度" (quarter end), "2021年上半年",
 * a month alone ("6月底前", year from context), 立行立改 (immediate), 长期坚持 / 持续整改 (standing).
 * Compound text ("2021年6月底前完成，长期坚持") keeps its words verbatim beside the date it yields.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 两: 2, 1: 1, 2: 2, 3: 3, 4: 4 };

/** Excel serial day (1900 date system) → ISO date. */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  // 25569 = 1970-01-01; serials past 60 already include Excel's phantom 1900-02-29.
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/** A Date from SheetJS (UTC midnight, give or take a time zone's worth of drift) → ISO date. */
export function dateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

function toHalfWidth(s: string): string {
  return s.replace(/[０-９．／－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

interface Found {
  date: string;
  at: number;
}

/** Every date the text names, in order of appearance. */
function datesIn(text: string, defaultYear: number | null): { found: Found[]; yearGuessed: boolean } {
  const found: Found[] = [];
  let yearGuessed = false;
  const taken: [number, number][] = [];
  const free = (i: number, len: number) => !taken.some(([a, b]) => i < b && i + len > a);
  const add = (date: string | null, i: number, len: number) => {
    if (!date || !isIsoDate(date) || !free(i, len)) return;
    found.push({ date, at: i });
    taken.push([i, i + len]);
  };
  const scan = (re: RegExp, make: (m: RegExpExecArray) => string | null) => {
    for (const m of text.matchAll(re)) add(make(m as RegExpExecArray), m.index!, m[0].length);
  };
  // Full dates first, then months, quarters, halves, years; each span is claimed once.
  scan(/(\d{4})[年.\/-](\d{1,2})[月.\/-](\d{1,2})日?/g, (m) => iso(+m[1], +m[2], +m[3]));
  scan(/(\d{4})年?(\d{2})(\d{2})(?!\d)/g, (m) => (+m[2] >= 1 && +m[2] <= 12 ? iso(+m[1], +m[2], +m[3]) : null));
  scan(/(\d{4})[年.\/-](\d{1,2})月?(?:份|底|末)?/g, (m) => (+m[2] >= 1 && +m[2] <= 12 ? monthEnd(+m[1], +m[2]) : null));
  scan(/(\d{4})年(?:第)?([一二三四1-4])季度?/g, (m) => monthEnd(+m[1], CN_DIGIT[m[2]] * 3));
  scan(/(\d{4})年(上半年|年中)/g, (m) => iso(+m[1], 6, 30));
  scan(/(\d{4})年(?:下半年|年底|年末|底|内|前|全年)?/g, (m) => iso(+m[1], 12, 31));
  if (defaultYear !== null) {
    const before = found.length;
    scan(/(\d{1,2})月(\d{1,2})日/g, (m) => iso(defaultYear, +m[1], +m[2]));
    scan(/(\d{1,2})月(?:份|底|末|前|中旬|上旬|下旬)?/g, (m) => (+m[1] >= 1 && +m[1] <= 12 ? monthEnd(defaultYear, +m[1]) : null));
    scan(/(?:第)?([一二三四])季度/g, (m) => monthEnd(defaultYear, CN_DIGIT[m[1]] * 3));
    scan(/(?:第)?([1-4])季度/g, (m) => monthEnd(defaultYear, CN_DIGIT[m[1]] * 3));
    scan(/上半年|年中/g, () => iso(defaultYear, 6, 30));
    scan(/下半年|年底|年末|年内|本年度|今年/g, () => iso(defaultYear, 12, 31));
    if (found.length > before) yearGuessed = true;
  }
  found.sort((a, b) => a.at - b.at);
  return { found, yearGuessed };
}

const IMMEDIATE = /立行立改|立即整改|即知即改|立查立改|马上就办|即时整改|立即办理|立即落实|立即执行|马上办|即查即改|立改立行/;
const STANDING = /长期坚持|持续整改|长期推进|常态化|持续推进|长期|持续开展|持续落实|久久为功|长效/;

export interface DeadlineResult {
  deadline: ParsedDeadline;
  /** Set when the words could not be read, or a year was assumed. */
  warning: string | null;
}

export function parseDeadline(value: CellValue, defaultYear: number | null): DeadlineResult {
  if (value === null || value === '') return { deadline: { kind: 'none', date: null, text: '' }, warning: null };
  if (value instanceof Date) {
    const date = dateToIso(value);
    return date ? { deadline: { kind: 'date', date, text: date }, warning: null } : { deadline: { kind: 'none', date: null, text: '' }, warning: '整改时限不是有效日期' };
  }
  if (typeof value === 'number') {
    // A bare number in a date column is an Excel serial (1990–2100) or a yyyymmdd.
    if (value >= 32_874 && value <= 73_051) {
      const date = serialToIso(value)!;
      return { deadline: { kind: 'date', date, text: date }, warning: null };
    }
    value = String(value);
  }
  const text = String(value).trim();
  const flat = toHalfWidth(text);
  const { found, yearGuessed } = datesIn(flat, defaultYear);
  const standing = STANDING.test(flat);
  const immediate = IMMEDIATE.test(flat);
  if (found.length > 0) {
    // The last date named is the final deadline ("6月底前初见成效，12月底前全面完成").
    const date = found.reduce((a, b) => (b.date > a.date ? b : a)).date;
    const warning = yearGuessed ? `整改时限“${text}”未写年份，按 ${defaultYear} 年理解` : null;
    return { deadline: { kind: 'date', date, text }, warning };
  }
  if (standing) return { deadline: { kind: 'standing', date: null, text }, warning: null };
  if (immediate) return { deadline: { kind: 'immediate', date: null, text }, warning: null };
  if (/^\d{5}(\.\d+)?$/.test(flat)) {
    const date = serialToIso(Number(flat));
    if (date) return { deadline: { kind: 'date', date, text: date }, warning: null };
  }
  return { deadline: { kind: 'none', date: null, text }, warning: `无法识别整改时限“${text}”，已按“未定”导入并保留原文` };
}
