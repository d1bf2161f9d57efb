import type { CellObject, Range, WorkSheet } from 'xlsx';
import type { TableOrigin } from '../../contract/import.ts';
import { AppError } from '../../errors.ts';
import { decodeText } from './decode-text.ts';
import { LIMITS, checkZipWorkbook, refuse, sniffKind } from './file-guard.ts';
import { XLSX } from './sheetjs.ts';
import { readDocx } from './formats/docx.ts';

/** One cell's value after reading: text, a number, a date (as UTC midnight), a boolean, or empty. */
export type CellValue = string | number | boolean | Date | null;

/** A sheet as rows of values, merged ranges already filled across, hidden columns flagged. */
export interface SheetGrid {
  name: string;
  rows: CellValue[][];
  width: number;
  hiddenColumns: Set<number>;
  hiddenRows: Set<number>;
  merges: Range[];
  /** Absent for a worksheet; a Word document's tables, forms and paragraphs say so. */
  origin?: TableOrigin;
}

export interface Workbook {
  file: string;
  sheets: SheetGrid[];
  /** The year the file itself names: its title or document date, else its saved/created date. */
  yearHint?: { value: number; from: string } | null;
}

const PASSWORD = /password|encrypt/i;

/**
 * Read any file a clerk may bring: .xlsx / .xlsm / .ods, .xls (BIFF8 or a web page saved as .xls),
 * CSV and text exports in UTF-8 (with or without BOM), GBK or UTF-16, and Word .docx.
 */
export function readWorkbook(file: string, bytes: Uint8Array): Workbook {
  if (bytes.length === 0) throw refuse(file, '文件是空的（0 字节）。');
  const kind = sniffKind(bytes);
  const ext = /\.([^.]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  if (kind === 'binary') {
    throw refuse(file, `不是电子表格文件（内容与扩展名 .${ext || '?'} 不符），请选择 .xlsx / .xls / .csv 文件。`);
  }
  if (kind === 'zip') {
    // A Word feedback letter or rectification plan: its tables, forms and numbered paragraphs.
    if (checkZipWorkbook(file, bytes) === 'docx') return readDocx(file, bytes);
  }
  if (kind === 'text' && (ext === 'xlsx' || ext === 'xlsm')) {
    throw refuse(file, `不是 Excel 工作簿（扩展名为 .${ext}，内容却是文本），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`);
  }
  const options: XLSX.ParsingOptions = {
    dense: true,
    cellDates: true,
    cellStyles: true,
    cellHTML: false,
    // Values only: the formatted text of every cell (cell.w) is never used and costs a third of the read.
    cellText: false,
    cellNF: false,
    sheetRows: LIMITS.maxRowsPerSheet + 1,
  };
  let wb: XLSX.WorkBook;
  try {
    if (kind === 'text') {
      const { text } = decodeText(bytes);
      if (/^\s*</.test(text) && !/<table/i.test(text.slice(0, 200_000))) {
        throw refuse(file, '不是电子表格文件（是网页或 XML 文本，其中没有表格）。');
      }
      // CSV values stay text (raw) so "2021.6.30" or "1.1" is read as written, not as a number.
      wb = XLSX.read(text, { ...options, type: 'string', raw: true });
    } else {
      wb = XLSX.read(bytes, { ...options, type: 'buffer' });
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'file_refused') throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (PASSWORD.test(message)) throw refuse(file, '工作簿设有打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，再导入。');
    // The library's own words ("Cannot find Workbook stream") mean nothing to a clerk: kept in details only.
    if (kind === 'ole') throw withCause(refuse(file, '无法读取这个 .xls 文件（文件已损坏，或不是 Excel 文件）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。'), message);
    throw withCause(refuse(file, '文件已损坏，无法读取。请用 Excel 或 WPS 打开后重新保存再导入。'), message);
  }
  const sheets: SheetGrid[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    // Dictionary sheets for drop-down lists are hidden by the template's author: not part of the ledger.
    const hidden = wb.Workbook?.Sheets?.find((s) => s.name === name)?.Hidden;
    if (hidden) continue;
    sheets.push(toGrid(file, name, ws));
  }
  return { file, sheets, yearHint: fileYear(wb) };
}

function withCause(err: AppError, cause: string): AppError {
  return new AppError(err.code, err.message, { ...err.details, cause });
}

/** The year the workbook was made or last saved, for deadlines written without one (after the title's year). */
function fileYear(wb: XLSX.WorkBook): { value: number; from: string } | null {
  const props = wb.Props as { CreatedDate?: Date; ModifiedDate?: Date } | undefined;
  const date = props?.ModifiedDate ?? props?.CreatedDate;
  const year = date instanceof Date && !Number.isNaN(date.getTime()) ? date.getUTCFullYear() : null;
  return year && year >= 2000 && year <= 2100 ? { value: year, from: '文件保存日期' } : null;
}

function toGrid(file: string, name: string, ws: WorkSheet): SheetGrid {
  // Reading stops one row past the limit; a workbook states its full size (!fullref), a CSV does not.
  const full = ws['!fullref'] ?? ws['!ref'];
  if (full) {
    const range = XLSX.utils.decode_range(full);
    if (range.e.r + 1 > LIMITS.maxRowsPerSheet) {
      const size = ws['!fullref'] ? `有 ${range.e.r + 1} 行，` : '';
      throw refuse(file, `${size}超过每个工作表 ${LIMITS.maxRowsPerSheet} 行的导入上限，请拆分后再导入。`, { sheet: name });
    }
    if (range.e.c + 1 > LIMITS.maxColumns) {
      throw refuse(file, `有 ${range.e.c + 1} 列，超过 ${LIMITS.maxColumns} 列的导入上限。`, { sheet: name });
    }
  }
  const data = (ws['!data'] ?? []) as (CellObject | undefined)[][];
  // A declared dimension can lie ("A1:F10" over 100,000 rows) and `sheetRows` stops silently:
  // rows actually read up to the limit mean there were more than the limit.
  if (data.length > LIMITS.maxRowsPerSheet) {
    const declared = ws['!fullref'] ? `（文件自称范围是 ${ws['!fullref']}，与实际内容不符）` : '';
    throw refuse(file, `实际行数超过每个工作表 ${LIMITS.maxRowsPerSheet} 行的导入上限${declared}，请拆分后再导入。`, { sheet: name });
  }
  const rows: CellValue[][] = new Array(data.length);
  let width = 0;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) {
      rows[r] = [];
      continue;
    }
    const out: CellValue[] = new Array(src.length).fill(null);
    for (let c = 0; c < src.length; c++) {
      const cell = src[c];
      if (cell) out[c] = cellValue(cell);
    }
    rows[r] = out;
    if (src.length > width) width = src.length;
  }
  const merges = ws['!merges'] ?? [];
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c] ?? null;
    if (value === null) continue;
    for (let r = m.s.r; r <= m.e.r && r < rows.length; r++) {
      const row = rows[r] ?? (rows[r] = []);
      for (let c = m.s.c; c <= m.e.c; c++) row[c] = value;
      if (m.e.c + 1 > width) width = m.e.c + 1;
    }
  }
  const hiddenColumns = new Set<number>();
  (ws['!cols'] ?? []).forEach((col, i) => col?.hidden && hiddenColumns.add(i));
  const hiddenRows = new Set<number>();
  (ws['!rows'] ?? []).forEach((row, i) => row?.hidden && hiddenRows.add(i));
  return { name, rows, width, hiddenColumns, hiddenRows, merges };
}

function cellValue(cell: CellObject): CellValue {
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' && cell.v.trim() !== '' ? cell.v : null;
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    case 'b':
      return Boolean(cell.v);
    case 'e':
    case 'z':
    default:
      return null;
  }
}

/** "A", "B", … "AA" for a 0-based column. */
export const columnLetter = (c: number): string => XLSX.utils.encode_col(c);
