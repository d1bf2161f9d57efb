import { refuse } from './file-guard.ts';
import { locateTables, mappingOf, type LocatedTable } from './locate-table.ts';
import { readWorkbook, type SheetGrid, type Workbook } from './read-workbook.ts';
import { rowsToFindings, type YearChoice } from './rows-to-findings.ts';
import { ownWords } from './synonyms.ts';
import type { ColumnRole, ImportIssue, LedgerField, ParsedImport, SheetTable } from './types.ts';
import { cellText } from './cell-text.ts';
import { normalizeUnitName } from '../ledger/units.ts';

export interface ParseOptions {
  /** The office's extra header words (settings 'import.synonyms'). */
  synonyms?: Partial<Record<LedgerField, string[]>>;
  /** Column roles the clerk chose, by header signature, then column letter. */
  mappings?: Record<string, Record<string, ColumnRole>>;
  /** Header rows the clerk pointed at, by sheet name (1-based). */
  headerRows?: Record<string, number>;
  /** Row signatures of header rows clerks pointed at before (remembered for files of the same shape). */
  rememberedHeaders?: string[];
  /** Unit names and aliases the ledger knows: evidence that a column holds units. */
  knownUnits?: string[];
  /** The year for deadlines written without one, when neither the table nor the file names one. */
  defaultYear: number;
  /** Return sheets without a header as `unlocated` instead of refusing the file (the preview lets the clerk choose). */
  allowUnlocated?: boolean;
  /** Called as the work goes on: a stage in words, and rows done of rows in all. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** Read a file the way a clerk would: find each sheet's tables and turn their rows into findings. */
export function parseImport(file: string, bytes: Uint8Array, options: ParseOptions): ParsedImport {
  options.onProgress?.('读取文件', 0, 1);
  const workbook = readWorkbook(file, bytes);
  return parseWorkbook(workbook, options);
}

export function parseWorkbook(workbook: Workbook, options: ParseOptions): ParsedImport {
  const { file } = workbook;
  const own = ownWords(options.synonyms);
  const known = new Set((options.knownUnits ?? []).map(normalizeUnitName));
  const knownUnit = (name: string) => known.has(normalizeUnitName(name));
  const remembered = new Set(options.rememberedHeaders ?? []);
  const result: ParsedImport = {
    file,
    sheets: [],
    unlocated: [],
    findings: [],
    errors: [],
    warnings: [],
    rows: [],
    counts: { findings: 0, measures: 0, refused: 0 },
  };
  const totalRows = workbook.sheets.reduce((n, s) => n + s.rows.length, 0);
  let rowsBefore = 0;
  for (const grid of workbook.sheets) {
    const chosenRow = options.headerRows?.[grid.name];
    const tables = locateTables(grid, { own, knownUnit, chosenRow: chosenRow ? chosenRow - 1 : undefined, rememberedRows: remembered });
    options.onProgress?.('识别表格', rowsBefore, totalRows);
    if (tables.length === 0) {
      if (grid.rows.some((row) => row.some((v) => cellText(v) !== ''))) result.unlocated.push({ name: grid.name, rows: firstRows(grid) });
      rowsBefore += grid.rows.length;
      continue;
    }
    for (const table of tables) {
      const chosen = options.mappings?.[table.signature];
      if (chosen) {
        for (const c of table.columns) {
          const role = chosen[c.letter];
          if (role && role !== c.role) [c.role, c.also, c.reason] = [role, null, '由您指定'];
        }
      }
      const year = yearFor(table, workbook, options.defaultYear);
      result.sheets.push(sheetDto(grid, table, year));
      const hasText = table.columns.some((c) => c.role === 'finding' || c.role === 'measure');
      if (!hasText) {
        result.errors.push({ sheet: grid.name, row: table.headerFirst + 1, column: null, message: '没有找到“反馈问题”（或事项、任务、措施）列，此表未导入。请在列对应中指定哪一列是反馈问题。' });
        continue;
      }
      const base = rowsBefore;
      const sheetResult = rowsToFindings(grid, table, year, (done) => options.onProgress?.('识别表格', base + table.headerLast + done, totalRows));
      result.findings.push(...sheetResult.findings);
      result.rows.push(...sheetResult.rows);
      result.warnings.push(...sheetResult.warnings);
      for (const row of sheetResult.rows) {
        if (row.outcome === 'refused') result.errors.push({ sheet: row.sheet, row: row.row, column: null, message: row.reason ?? '未导入' });
      }
    }
    rowsBefore += grid.rows.length;
  }
  if (result.sheets.length === 0 && !options.allowUnlocated) {
    const checked = workbook.sheets.map((s) => `“${s.name}”`).join('、') || '（无工作表）';
    throw refuse(
      file,
      `找不到表头。已检查 ${checked} 的前 60 行，没有一行像台账的表头（如“序号、问题/事项/任务、措施、责任单位、时限”等列名）。请在导入页面手动指定表头所在的行，或确认这是整改台账或问题清单。`,
    );
  }
  if (result.sheets.length > 0) {
    for (const u of result.unlocated) result.warnings.push({ sheet: u.name, row: null, column: null, message: '此工作表找不到表头，未导入（可在导入页面手动指定表头行）' } satisfies ImportIssue);
  }
  result.counts = {
    findings: result.findings.length,
    measures: result.findings.reduce((n, f) => n + f.measures.length, 0),
    refused: result.rows.filter((r) => r.outcome === 'refused').length,
  };
  return result;
}

function yearFor(table: LocatedTable, workbook: Workbook, defaultYear: number): YearChoice {
  if (table.captionYear) return table.captionYear;
  if (workbook.yearHint) return workbook.yearHint;
  return { value: defaultYear, from: '今年' };
}

function sheetDto(grid: SheetGrid, table: LocatedTable, year: YearChoice): SheetTable {
  return {
    name: grid.name,
    headerRows: [table.headerFirst + 1, table.headerLast + 1],
    mapping: mappingOf(table.columns),
    columns: table.columns.map(({ letter, header, role, hidden, reason }) => ({ letter, header, role, hidden, reason })),
    signature: table.signature,
    caption: table.caption,
    block: table.block,
    origin: grid.origin ?? 'sheet',
    headerChosen: table.headerChosen,
    year,
    captionGives: table.captionGives,
    rowSignature: table.rowSignature,
  };
}

/** The first rows of a sheet as text, for the clerk to point at its header. */
function firstRows(grid: SheetGrid): string[][] {
  const width = Math.min(30, Math.max(0, ...grid.rows.slice(0, 30).map((r) => r.length)));
  return grid.rows.slice(0, 30).map((row) => Array.from({ length: width }, (_, c) => cellText(row[c]).slice(0, 200)));
}

/** The object `import --json` prints (issue 3's shape, with each finding's suggestion). */
export function toCliJson(parsed: ParsedImport) {
  return {
    file: parsed.file,
    sheets: parsed.sheets.map((s) => ({ name: s.name, headerRows: s.headerRows, mapping: s.mapping })),
    findings: parsed.findings.map((f) => ({
      sheet: f.sheet,
      row: f.row,
      seq: f.seq,
      category: f.category,
      text: f.text,
      suggestion: f.suggestion,
      measures: f.measures.map((m) => ({
        text: m.text,
        leadUnit: m.leadUnit,
        coUnits: m.coUnits,
        leader: m.leader,
        deadline: m.deadline,
        status: m.status,
      })),
    })),
    errors: parsed.errors,
    counts: parsed.counts,
  };
}
