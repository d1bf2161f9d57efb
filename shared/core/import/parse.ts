import { refuse } from './file-guard.ts';
import { locateTable, mappingOf } from './locate-table.ts';
import { readWorkbook } from './read-workbook.ts';
import { rowsToFindings } from './rows-to-findings.ts';
import { headerMatcher, mergeSynonyms } from './synonyms.ts';
import type { ColumnRole, ImportIssue, LedgerField, ParsedImport, SheetTable } from './types.ts';
import { cellText } from './cell-text.ts';

export interface ParseOptions {
  /** The office's extra header words (settings 'import.synonyms'). */
  synonyms?: Partial<Record<LedgerField, string[]>>;
  /** Column roles the clerk chose, by header signature, then column letter. */
  mappings?: Record<string, Record<string, ColumnRole>>;
  /** The year for deadlines written without one, when nothing above the table names one. */
  defaultYear: number;
}

/** Read a file the way a clerk would: find each sheet's table and turn its rows into findings. */
export function parseImport(file: string, bytes: Uint8Array, options: ParseOptions): ParsedImport {
  const workbook = readWorkbook(file, bytes);
  const match = headerMatcher(mergeSynonyms(options.synonyms));
  const result: ParsedImport = { file, sheets: [], findings: [], errors: [], warnings: [], rows: [], counts: { findings: 0, measures: 0, refused: 0 } };
  const unread: string[] = [];
  for (const grid of workbook.sheets) {
    const table = locateTable(grid, match);
    if (!table) {
      if (grid.rows.some((row) => row.some((v) => cellText(v) !== ''))) unread.push(grid.name);
      continue;
    }
    const chosen = options.mappings?.[table.signature];
    if (chosen) {
      for (const c of table.columns) {
        const role = chosen[c.letter];
        if (role) c.role = role;
      }
    }
    const sheet: SheetTable = {
      name: grid.name,
      headerRows: [table.headerFirst + 1, table.headerLast + 1],
      mapping: mappingOf(table.columns),
      columns: table.columns.map(({ letter, header, role, hidden }) => ({ letter, header, role, hidden })),
      signature: table.signature,
      caption: table.caption,
    };
    result.sheets.push(sheet);
    const hasText = table.columns.some((c) => c.role === 'finding' || c.role === 'measure');
    if (!hasText) {
      result.errors.push({ sheet: grid.name, row: table.headerFirst + 1, column: null, message: '没有指定“反馈问题”或“整改措施”列，此表未导入' });
      continue;
    }
    const sheetResult = rowsToFindings(grid, table, options.defaultYear);
    result.findings.push(...sheetResult.findings);
    result.rows.push(...sheetResult.rows);
    result.warnings.push(...sheetResult.warnings);
    for (const row of sheetResult.rows) {
      if (row.outcome === 'refused') result.errors.push({ sheet: row.sheet, row: row.row, column: null, message: row.reason ?? '未导入' });
    }
  }
  if (result.sheets.length === 0) {
    const checked = workbook.sheets.map((s) => `“${s.name}”`).join('、') || '（无工作表）';
    throw refuse(
      file,
      `找不到表头。已检查工作表 ${checked} 的前 40 行，没有一行同时含有“反馈问题/整改措施”和“责任单位/整改时限/序号”等列名。请确认这是整改台账或问题清单。`,
    );
  }
  for (const name of unread) result.warnings.push({ sheet: name, row: null, column: null, message: '此工作表找不到表头，未导入' } satisfies ImportIssue);
  result.counts = {
    findings: result.findings.length,
    measures: result.findings.reduce((n, f) => n + f.measures.length, 0),
    refused: result.rows.filter((r) => r.outcome === 'refused').length,
  };
  return result;
}

/** The object `import --json` prints (issue 3's shape). */
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
