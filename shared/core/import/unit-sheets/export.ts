import ExcelJS from 'exceljs';
import { PAGE_FOOTER, printSetup } from '../../reports/xlsx/styles.ts';
import type { UnitSheetsResult } from '../../../contract/import.ts';
import type { FileOut } from '../../../contract/common.ts';
import { addDays, chineseDate, type IsoDate } from '../../../domain/dates.ts';
import type { ReportReader } from '../../reports/reader.ts';
import { databaseId, getSettings } from '../../ledger/settings.ts';
import { FIRST_DATA_ROW, HEADER_ROW, NOTE_ROW, SHEET_COLUMNS, STATUS_CHOICES, TITLE_ROW, rowCheck } from './layout.ts';
import { unitMeasureRows, type UnitMeasureRow } from './open-measures.ts';

/**
 * Fill-in workbooks for responsible units (the round trip): each unit's open measures with their
 * finding, deadline and last progress; only 本期进展 / 完成情况 / 状态 unlocked; hidden identifier
 * columns; A4 landscape, header row repeated, fitted to the page width.
 */

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Inline list validations are limited to 255 characters (LIBRARY-NOTES); longer go on a hidden sheet. */
const INLINE_LIST_LIMIT = 255;
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = 'SimSun';

export interface UnitSheetOptions {
  unitIds?: number[];
  singleFile: boolean;
  /** 报送时限: the day the units are to send the sheets back; by default 设置 › 反馈期限 days from today. */
  dueDate?: IsoDate;
}

/** What every sheet of one export prints besides its rows. */
interface SheetContext {
  dbId: string;
  today: IsoDate;
  dueDate: IsoDate;
  officeName: string;
  contact: string;
}

export async function exportUnitSheets(core: ReportReader, opts: UnitSheetOptions): Promise<UnitSheetsResult> {
  const rows = await unitMeasureRows(core.db, { unitIds: opts.unitIds });
  const dbId = await databaseId(core.db);
  const settings = await getSettings(core.db);
  const today = core.today();
  const ctx: SheetContext = {
    dbId,
    today,
    dueDate: opts.dueDate ?? addDays(today, settings.replyDays),
    officeName: settings.officeName,
    contact: [settings.contactName, settings.contactPhone].filter(Boolean).join(' '),
  };
  const byUnit = new Map<number, UnitMeasureRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);

  const files: FileOut[] = [];
  if (opts.singleFile) {
    const wb = newWorkbook();
    const used = new Set<string>();
    for (const unitRows of byUnit.values()) await addUnitSheet(wb, sheetName(unitRows[0].unitName, used), unitRows, ctx);
    if (byUnit.size) files.push(await toFile(wb, `各单位整改进展填报表-${today}.xlsx`));
  } else {
    for (const unitRows of byUnit.values()) {
      const wb = newWorkbook();
      await addUnitSheet(wb, sheetName(unitRows[0].unitName, new Set()), unitRows, ctx);
      files.push(await toFile(wb, `${safeFileName(unitRows[0].unitName)}-整改进展填报表-${today}.xlsx`));
    }
  }
  return { files, units: byUnit.size, measures: rows.length };
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '整改台账';
  wb.created = new Date();
  return wb;
}

async function toFile(wb: ExcelJS.Workbook, fileName: string): Promise<FileOut> {
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, base64: buffer.toString('base64'), mime: XLSX_MIME };
}

async function addUnitSheet(wb: ExcelJS.Workbook, name: string, rows: UnitMeasureRow[], ctx: SheetContext): Promise<void> {
  const { dbId, today } = ctx;
  const lastCol = SHEET_COLUMNS.filter((c) => !c.hidden).length;
  const ws = wb.addWorksheet(name, {
    // Page setup must be given here for Excel to honour fit-to-width (LIBRARY-NOTES); the columns
    // are sized so that fitting A4 landscape keeps the 10 pt text at 9 pt or more.
    pageSetup: printSetup('landscape', `${HEADER_ROW}:${HEADER_ROW}`),
    headerFooter: { oddFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  ws.columns = SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width, hidden: !!c.hidden }));

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastCol);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = `${rows[0].unitName}整改措施进展填报表`;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 30;

  ws.mergeCells(NOTE_ROW, 1, NOTE_ROW, lastCol);
  const note = ws.getCell(NOTE_ROW, 1);
  // 报送时限 first and bold: the one thing a unit must not miss.
  note.value = {
    richText: [
      { text: `报送时限：请于${chineseDate(ctx.dueDate)}前报送。`, font: { name: FONT, size: 10, bold: true } },
      {
        text:
          `填报说明：请只填写“本期进展”“完成情况”“状态”三列（状态可选：${Object.keys(STATUS_CHOICES).join('、')}），其余内容已锁定，请勿改动。` +
          `${ctx.officeName ? `发出单位：${ctx.officeName}${ctx.contact ? `（联系人：${ctx.contact}）` : ''}。` : ctx.contact ? `联系人：${ctx.contact}。` : ''}` +
          `导出日期：${chineseDate(today)}，共 ${rows.length} 项。`,
        font: { name: FONT, size: 10 },
      },
    ],
  };
  note.alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(NOTE_ROW).height = 32;

  const header = ws.getRow(HEADER_ROW);
  SHEET_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.editable ? 'FFFFF2CC' : 'FFE7E6E6' } };
  });
  header.height = 22;

  // Numbers are the one numbering ("3-2", shared/domain/numbering.ts), counted within a feedback
  // batch: a sheet with several batches heads each one's rows with its source.
  const severalBatches = new Set(rows.map((r) => r.batchId)).size > 1;
  let at = FIRST_DATA_ROW;
  let batchId: number | null = null;
  const dataRows: number[] = [];
  for (const r of rows) {
    if (severalBatches && r.batchId !== batchId) {
      batchId = r.batchId;
      // Not merged: a reader fills a merged value across the row and would take it for a measure.
      // The text runs on over the empty cells to its right.
      for (let c = 1; c <= lastCol; c++) {
        const cell = ws.getCell(at, c);
        cell.border = { top: thin, bottom: thin, ...(c === 1 ? { left: thin } : {}), ...(c === lastCol ? { right: thin } : {}) };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      }
      ws.getCell(at, 1).value = `反馈来源：${r.batchLabel}`;
      ws.getCell(at, 1).font = { name: FONT, size: 10, bold: true };
      ws.getCell(at, 1).alignment = { vertical: 'middle' };
      ws.getRow(at).height = 20;
      at++;
    }
    const row = ws.getRow(at);
    dataRows.push(at++);
    const values: Record<string, string | number> = {
      ...r.locked,
      newProgress: '',
      completion: '',
      newStatus: '',
      databaseId: dbId,
      measureId: r.measureId,
      check: rowCheck(dbId, r.measureId, r.locked),
    };
    row.height = rowHeight(values);
    SHEET_COLUMNS.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      cell.value = values[c.key] === '' ? null : values[c.key];
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = BORDER;
      // Each fill-in cell that exists is unlocked one by one (row/column styles miss them).
      if (c.editable) {
        cell.protection = { locked: false };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFBEA' } };
      }
    });
  }
  signatureLines(ws, at + 1);

  const statusCol = SHEET_COLUMNS.findIndex((c) => c.key === 'newStatus') + 1;
  const letter = ws.getColumn(statusCol).letter;
  const inline = `"${Object.keys(STATUS_CHOICES).join(',')}"`;
  const formula = inline.length <= INLINE_LIST_LIMIT ? inline : listSheetRange(wb);
  // Only the rows that exist: a whole-column validation makes reading the file back crawl.
  // One range per run of rows between batch headings (exceljs cannot write one rule over several).
  for (const range of dataRanges(letter, dataRows)) {
    (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(range, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '状态',
      error: `请从下拉列表中选择：${Object.keys(STATUS_CHOICES).join('、')}`,
    });
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true, spinCount: 1000 });
}

/**
 * Under the table: who filled it in and how to reach them, the head of the unit's signature and
 * its seal — what a returned sheet needs to count as the unit's answer. The unit writes here, so
 * these cells are unlocked; the reader skips them (no identifiers, no measure text).
 */
function signatureLines(ws: ExcelJS.Worksheet, first: number): void {
  const lines = [
    '填报人：＿＿＿＿＿＿＿＿　　　　联系电话：＿＿＿＿＿＿＿＿＿＿　　　　填报日期：　　　　年　　月　　日',
    '单位负责人（签字）：＿＿＿＿＿＿＿＿　　　　　　　　　　　　（单位盖章）',
  ];
  lines.forEach((text, i) => {
    const r = first + i;
    // Not merged, for the reason given for the batch headings: the line runs on to the right.
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, size: 11 };
    cell.alignment = { vertical: 'bottom' };
    cell.protection = { locked: false };
    ws.getRow(r).height = i === 1 ? 48 : 30;
  });
}

/** The 状态 cells as ranges (I4:I9, I11:I20): only rows that exist, never batch heading rows. */
function dataRanges(letter: string, rows: readonly number[]): string[] {
  const ranges: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    ranges.push(rows[i] === rows[j] ? `${letter}${rows[i]}` : `${letter}${rows[i]}:${letter}${rows[j]}`);
    i = j + 1;
  }
  return ranges;
}

/** No autofit in exceljs: about 2 width units per Chinese character, 14 points a line at 10 pt. */
function rowHeight(values: Record<string, string | number>): number {
  let lines = 2;
  for (const c of SHEET_COLUMNS) {
    if (c.hidden) continue;
    const text = String(values[c.key] ?? '');
    const perLine = Math.max(1, Math.floor((c.width - 1) / 2));
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * 14 + 4);
}

function listSheetRange(wb: ExcelJS.Workbook): string {
  let list = wb.getWorksheet('状态选项');
  if (!list) {
    list = wb.addWorksheet('状态选项', { state: 'veryHidden' });
    Object.keys(STATUS_CHOICES).forEach((choice, i) => (list!.getCell(i + 1, 1).value = choice));
  }
  return `'状态选项'!$A$1:$A$${Object.keys(STATUS_CHOICES).length}`;
}

function sheetName(unit: string, used: Set<string>): string {
  const base = unit.replace(/[\\/?*[\]:]/g, '').slice(0, 28) || '单位';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 26)}(${i})`;
  used.add(name);
  return name;
}

function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_').slice(0, 60);
}
