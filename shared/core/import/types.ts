import type { ImportSheetDto, UnlocatedSheetDto } from '../../contract/import.ts';
import type { DeadlineKind, MeasureStatus } from '../../domain/vocabulary.ts';

/**
 * What the reader makes of a file, before anything touches the database. The shape is the one
 * `npm run cli -- import --json` prints (issue 3), plus per-row detail for the preview.
 */

export { FIELD_LABEL, LEDGER_FIELDS } from '../../contract/import.ts';
export type { ColumnRole, LedgerField, RowOutcomeKind } from '../../contract/import.ts';
import type { ColumnRole, RowOutcomeKind } from '../../contract/import.ts';

export interface ParsedDeadline {
  kind: DeadlineKind;
  date: string | null;
  /** The words as written (kept verbatim when they say more than the date). */
  text: string;
}

export interface ParsedMeasure {
  text: string;
  leadUnit: string | null;
  coUnits: string[];
  leader: string | null;
  person: string | null;
  deadline: ParsedDeadline;
  status: MeasureStatus | null;
  /** 整改进展情况 as written in the template (becomes a progress entry). */
  progress: string | null;
  closedDate: string | null;
  /** Sheet row (1-based) the measure came from. */
  row: number;
}

export interface ParsedFinding {
  sheet: string;
  row: number;
  seq: string;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  /** 备注, plus columns the ledger has no field for, as "列名：值" lines. */
  note: string | null;
  /** 反馈来源 as the row or its block caption names it (a party, a batch). */
  source: string | null;
  /** The 序号 of the finding this one is nested under, where the file nests them. */
  parentSeq: string | null;
  measures: ParsedMeasure[];
}

export interface ImportIssue {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

/** What happens to one sheet row, for the preview's row list. */
export interface RowOutcome {
  sheet: string;
  row: number;
  outcome: RowOutcomeKind;
  /** Why (skipped rows: 分类行 / 合计 / 注 / 空行 …). */
  reason: string | null;
  /** A short excerpt of the row, for the clerk to recognise it. */
  excerpt: string;
}

/** One located table: the same shape the preview and the CLI's JSON show (see the contract). */
export type SheetTable = ImportSheetDto;

export interface ParsedImport {
  file: string;
  sheets: SheetTable[];
  /** Sheets with content but no header found (the clerk can point at one). */
  unlocated: UnlocatedSheetDto[];
  findings: ParsedFinding[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  rows: RowOutcome[];
  counts: { findings: number; measures: number; refused: number };
}
