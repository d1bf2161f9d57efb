import type { ParsedDeadline } from '../../../shared/core/import/types.ts';
import { parseDeadline } from '../../../shared/core/import/values/deadline.ts';

/**
 * Several rows copied from Excel and pasted into 反馈问题: one finding per row. Excel puts cells
 * apart with tabs and rows with line breaks, and quotes a cell that holds a line break itself.
 * Columns are guessed per row: the longest text is the finding, a short cell ending like a unit
 * name (…局 / …委 / …政府) the lead unit, a date or deadline word the deadline, another long text
 * the measure. The clerk sees the guess before anything is written.
 */

export interface PastedFinding {
  /** Row number in what was pasted (1-based), to name a row that failed. */
  row: number;
  text: string;
  measureText: string | null;
  /** Lead unit first, then co-operating units, as written. */
  unitNames: string[];
  deadline: ParsedDeadline;
}

const UNIT_ENDING = /(?:局|委|办|政府|中心|院|所|厅|部|处|科|队|站|会|镇|乡|街道|办事处|委员会|管委会|公司|集团)$/;
const SEQ = /^(?:\d+(?:[.．]\d+)*|[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[)）])[、.．]?$/;
const HEADER_WORD = /^(?:序号|编号|反馈问题|问题|存在问题|问题类别|整改措施|牵头单位|责任单位|配合单位|整改时限|完成时限|时限|责任领导|责任人|备注)$/;
const UNIT_SPLIT = /[、，,；;\s]+/;

/** Excel's clipboard text → rows of cells (quoted cells may hold tabs, line breaks and "" for a quote). */
export function splitClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === '') {
      // A quoted cell runs to the next lone quote; "" inside stands for one quote.
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
      continue;
    }
    if (ch === '\t') endCell();
    else if (ch === '\n' || ch === '\r') {
      endCell();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.trim())).filter((r) => r.some(Boolean));
}

function guessRow(cells: string[], row: number, year: number): PastedFinding | null {
  const free = cells.filter((c) => c && !SEQ.test(c));
  if (!free.length) return null;
  const byLength = [...free].sort((a, b) => b.length - a.length);
  const text = byLength[0];
  const rest = free.filter((c) => c !== text);
  let deadline: ParsedDeadline = { kind: 'none', date: null, text: '' };
  const deadlineCell = rest.find((c) => c.length <= 30 && parseDeadline(c, year).deadline.kind !== 'none');
  if (deadlineCell) deadline = parseDeadline(deadlineCell, year).deadline;
  const unitCell = rest.find((c) => c !== deadlineCell && c.length <= 60 && c.split(UNIT_SPLIT).some((u) => UNIT_ENDING.test(u)));
  const unitNames = unitCell ? unitCell.split(UNIT_SPLIT).filter((u) => u.length >= 2) : [];
  const measureText = rest.filter((c) => c !== deadlineCell && c !== unitCell && c.length >= 6).sort((a, b) => b.length - a.length)[0] ?? null;
  return { row, text, measureText, unitNames, deadline };
}

/**
 * The findings in pasted text, or null when it is not a table of several rows (one line, or
 * plain paragraphs: those go into the field as typed). `fromTable` is true when the clipboard
 * also carried an HTML table (Excel does), so a single pasted column counts too.
 */
export function pastedFindings(text: string, { year, fromTable }: { year: number; fromTable: boolean }): PastedFinding[] | null {
  let rows = splitClipboardTable(text);
  if (!fromTable && !rows.some((r) => r.length > 1)) return null;
  if (rows[0]?.every((c) => !c || HEADER_WORD.test(c))) rows = rows.slice(1);
  const found = rows.map((cells, i) => guessRow(cells, i + 1, year)).filter((f): f is PastedFinding => f !== null);
  return found.length >= 2 ? found : null;
}
