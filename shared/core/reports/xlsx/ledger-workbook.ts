import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { chineseDate, type IsoDate } from '../../../domain/dates.ts';
import { xmlSafe } from '../../../domain/xml-text.ts';
import { COLUMN_DEFS, type LedgerColumn } from '../columns.ts';
import { chineseNumeral, groupRows, sequenceNumbers } from '../grouping.ts';
import type { GroupBy, ReportRow } from '../model.ts';
import { addStatisticsSheet } from './statistics-sheet.ts';
import {
  CAPTION_LEFT, CAPTION_RIGHT, CELL_CENTER, CELL_LEFT, GROUP, HEADER, PAGE_FOOTER, SIGNAL, TITLE, printSetup, rowHeight,
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
  const { headerRow } = LEDGER_LAYOUT;
  // Page setup goes to addWorksheet: exceljs works out fit-to-page only then (LIBRARY-NOTES).
  const ws = wb.addWorksheet(LEDGER_SHEET, {
    pageSetup: printSetup('landscape', `${headerRow}:${headerRow}`),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, showGridLines: false }],
  });
  ws.columns = defs.map((d) => ({ width: d.width }));
  const widths = defs.map((d) => d.width);

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

  const groups = groupRows(input.rows, input.groupBy);
  const ordered = groups.flatMap((g) => g.rows);
  const seqs = sequenceNumbers(ordered);
  const styles = defs.map((d) => (d.align === 'center' ? CELL_CENTER : CELL_LEFT));
  const signalAt = input.columns.indexOf('signal');
  let rowNo = LEDGER_LAYOUT.firstDataRow;
  let k = 0;
  groups.forEach((g, gi) => {
    if (g.label) {
      const row = ws.getRow(rowNo);
      row.getCell(1).value = xmlSafe(`${chineseNumeral(gi + 1)}、${g.label}（${g.rows.length}项）`);
      for (let c = 1; c <= n; c++) row.getCell(c).style = GROUP;
      row.height = 20;
      ws.mergeCells(rowNo, 1, rowNo, n);
      rowNo++;
    }
    for (const r of g.rows) {
      // Last guard: text written into the database around the contract must not break the file.
      const values = defs.map((d) => xmlSafe(d.value(r, seqs[k])));
      const row = ws.getRow(rowNo);
      for (let c = 0; c < n; c++) {
        const cell = row.getCell(c + 1);
        cell.value = values[c];
        cell.style = c === signalAt ? SIGNAL[r.signal.signal] : styles[c];
      }
      row.height = rowHeight(values, widths);
      row.commit();
      rowNo++;
      k++;
    }
  });
  if (input.rows.length === 0) {
    const row = ws.getRow(rowNo);
    row.getCell(1).value = '没有符合条件的整改措施';
    row.getCell(1).style = CELL_CENTER;
    ws.mergeCells(rowNo, 1, rowNo, n);
  }
  return ws;
}
