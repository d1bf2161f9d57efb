import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import { COLUMN_DEFS, FINDING_COLUMNS, type LedgerColumn } from '../columns.ts';
import { chineseNumeral, groupRows, sequenceNumbers } from '../grouping.ts';
import type { GroupBy, ReportRow } from '../model.ts';
import { addStatisticsSheet } from './statistics-sheet.ts';
import {
  BODY_FONT, CAPTION_LEFT, CAPTION_RIGHT, CELL_CENTER, CELL_LEFT, GROUP, HEADER, PAGE_FOOTER, SIGNAL, TITLE, chooseLandscapePaper, printSetup,
  printableArea, rowHeight, type Paper,
} from './styles.ts';

export interface LedgerWorkbookInput {
  /** e.g. XX市脱贫攻坚民主监督反馈问题整改台账 */
  title: string;
  /** 填报单位 */
  officeName: string;
  asOf: IsoDate;
  rows: readonly ReportRow[];
  columns: readonly LedgerColumn[];
  groupBy: GroupBy;
  /** What the export was limited to, in words ("筛选：牵头单位 县财政局"), or '' for everything. */
  filterNote: string;
}

/** Row numbers of the ledger sheet's fixed parts (1-based, as Excel counts). */
export const LEDGER_LAYOUT = { titleRow: 1, captionRow: 2, headerRow: 3, firstDataRow: 4 } as const;
export const LEDGER_SHEET = '整改台账';

/** What both sheets need of a workbook: the streaming writer and the in-memory workbook alike. */
export interface SheetHost {
  addWorksheet(name: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
}

/**
 * The printable 整改台账 workbook: the ledger sheet and a statistics sheet. Written with exceljs's
 * streaming writer, each row committed as it is written, so a 250,000-measure ledger does not
 * hold the whole sheet as objects in memory.
 */
export async function writeLedgerWorkbook(input: LedgerWorkbookInput): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '整改台账';
  wb.created = new Date(`${input.asOf}T00:00:00`);
  addLedgerSheet(wb, input).commit();
  addStatisticsSheet(wb, input.rows, input.asOf, input.title).commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

function addLedgerSheet(wb: SheetHost, input: LedgerWorkbookInput): ExcelJS.Worksheet {
  const defs = input.columns.map((c) => COLUMN_DEFS[c]);
  const n = defs.length;
  const widths = defs.map((d) => d.width);
  const { headerRow } = LEDGER_LAYOUT;
  const { paper, scale } = chooseLandscapePaper(widths, BODY_FONT.size!);
  // Page setup goes to addWorksheet: exceljs writes it out only then (LIBRARY-NOTES).
  const ws = wb.addWorksheet(LEDGER_SHEET, {
    pageSetup: printSetup('landscape', `${headerRow}:${headerRow}`, { paper }),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, showGridLines: false }],
  });
  ws.columns = widths.map((width) => ({ width }));
  const pages = new PageBreaker(ws, paper, scale);

  const title = ws.getRow(1);
  title.getCell(1).value = xmlSafe(input.title);
  title.getCell(1).style = TITLE;
  title.height = 36;
  ws.mergeCells(1, 1, 1, n);

  // "填报单位：…" on the left, "截至 YYYY年M月D日" on the right, as real templates have it.
  const caption = ws.getRow(2);
  const split = Math.max(1, Math.floor(n / 2));
  caption.getCell(1).value = xmlSafe([input.officeName ? `填报单位：${input.officeName}` : '', input.filterNote].filter(Boolean).join('    '));
  caption.getCell(1).style = CAPTION_LEFT;
  caption.getCell(split + 1).value = `截至 ${chineseDate(input.asOf)}`;
  caption.getCell(split + 1).style = CAPTION_RIGHT;
  caption.height = 22;
  if (split > 1) ws.mergeCells(2, 1, 2, split);
  if (n > split + 1) ws.mergeCells(2, split + 1, 2, n);

  const header = ws.getRow(headerRow);
  defs.forEach((d, i) => {
    const cell = header.getCell(i + 1);
    cell.value = d.header;
    cell.style = HEADER;
  });
  header.height = 30;
  pages.start([title.height, caption.height], header.height);

  const groups = groupRows(input.rows, input.groupBy);
  // The one numbering: a measure keeps its 序号 whatever the grouping (shared/domain/numbering.ts).
  const numbers = sequenceNumbers(input.rows);
  const seqs = new Map<ReportRow, string>(input.rows.map((r, i) => [r, numbers[i]]));
  const styles = defs.map((d) => (d.align === 'center' ? CELL_CENTER : CELL_LEFT));
  const signalAt = input.columns.indexOf('signal');
  const findingAt = input.columns.map((c, i) => (FINDING_COLUMNS.has(c) ? i : -1)).filter((i) => i >= 0);
  let rowNo = LEDGER_LAYOUT.firstDataRow;
  groups.forEach((g, gi) => {
    let groupRow: ExcelJS.Row | null = null;
    if (g.label) {
      groupRow = ws.getRow(rowNo);
      groupRow.getCell(1).value = xmlSafe(`${chineseNumeral(gi + 1)}、${g.label}（${g.rows.length}项）`);
      for (let c = 1; c <= n; c++) groupRow.getCell(c).style = GROUP;
      groupRow.height = 20;
      mergeRange(ws, rowNo, 1, rowNo, n);
      rowNo++;
    }
    for (const block of findingBlocks(g.rows)) {
      const first = rowNo;
      const written: ExcelJS.Row[] = [];
      let total = 0;
      block.forEach((r, k) => {
        // Last guard: text written into the database around the contract must not break the file.
        const values = defs.map((d, c) => (k > 0 && findingAt.includes(c) ? '' : xmlSafe(d.value(r, seqs.get(r)!))));
        const row = ws.getRow(rowNo++);
        for (let c = 0; c < n; c++) {
          const cell = row.getCell(c + 1);
          if (values[c] !== '') cell.value = values[c];
          cell.style = c === signalAt ? SIGNAL[r.signal.signal] : styles[c];
        }
        // The measure's own cells decide its height; the finding's text spans the block (below).
        row.height = rowHeight(values.map((v, c) => (findingAt.includes(c) ? '' : v)), widths);
        total += row.height;
        written.push(row);
      });
      // The merged finding cells need room for their text across the block's rows.
      const findingValues = defs.map((d, c) => (findingAt.includes(c) ? xmlSafe(d.value(block[0], '')) : ''));
      const needed = rowHeight(findingValues, widths);
      if (needed > total) {
        const last = written[written.length - 1];
        last.height = Math.min(409, last.height + needed - total);
        total = written.reduce((sum, row) => sum + row.height, 0);
      }
      if (block.length > 1) for (const c of findingAt) mergeRange(ws, first, c + 1, rowNo - 1, c + 1);
      // A group heading stays on the page of its first finding.
      const heading = groupRow && first === groupRow.number + 1 ? groupRow : null;
      pages.place(heading ? heading.number : first, total + (heading ? heading.height : 0));
      if (heading) heading.commit();
      for (const row of written) row.commit();
    }
  });
  if (input.rows.length === 0) {
    const row = ws.getRow(rowNo);
    row.getCell(1).value = '没有符合条件的整改措施';
    row.getCell(1).style = CELL_CENTER;
    mergeRange(ws, rowNo, 1, rowNo, n);
  }
  return ws;
}

/**
 * Merge a range of the ledger's body. exceljs's streaming writer checks every merge against all
 * earlier ones, which grows with the square of a 10,000-row ledger's findings; the body's ranges
 * never overlap (each finding block and each group row has its own rows), so the writer's list
 * takes them as they are. The in-memory worksheet keeps merges in an object and merges as usual.
 * Only the title and caption rows, written first, go through mergeCells on the streaming writer.
 */
function mergeRange(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const merges = (ws as unknown as { _merges?: unknown })._merges;
  if (Array.isArray(merges)) merges.push(`${ws.getColumn(left).letter}${top}:${ws.getColumn(right).letter}${bottom}`);
  else ws.mergeCells(top, left, bottom, right);
}

/** Consecutive rows of one finding: the rows its cells are merged over. */
function findingBlocks(rows: readonly ReportRow[]): ReportRow[][] {
  const blocks: ReportRow[][] = [];
  for (const r of rows) {
    const last = blocks[blocks.length - 1];
    if (last && last[0].findingId === r.findingId) last.push(r);
    else blocks.push([r]);
  }
  return blocks;
}

/**
 * Manual page breaks so that no finding's merged block is cut by a page end: the rows' heights are
 * set by the writer, so where pages end is known. A block taller than a page still splits (Excel
 * cannot do otherwise); it then starts a page of its own.
 */
class PageBreaker {
  /** Room on a page for rows, in unscaled points, with a little slack for rounding in Excel and WPS. */
  private readonly room: number;
  private used = 0;
  private repeated = 0;

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    paper: Paper,
    scale: number,
  ) {
    this.room = (printableArea(paper, 'landscape').height / (scale / 100)) * 0.97;
  }

  /** The first page's fixed rows and the header row every page repeats. */
  start(fixed: number[], header: number): void {
    this.repeated = header;
    this.used = fixed.reduce((a, b) => a + b, 0) + header;
  }

  /** A block of `height` points starting at row `firstRow`. */
  place(firstRow: number, height: number): void {
    if (this.used + height > this.room && this.used > this.repeated) {
      // Break after the row before the block (Excel's <brk id> names the last row of a page).
      (this.ws as unknown as { rowBreaks: ExcelJS.RowBreak[] }).rowBreaks.push({ id: firstRow - 1, max: 16383, min: 0, man: 1 });
      this.used = this.repeated;
    }
    const pageRoom = this.room - this.repeated;
    this.used += height;
    while (this.used > this.room) this.used -= pageRoom;
  }
}
