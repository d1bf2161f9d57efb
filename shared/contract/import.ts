import { z } from 'zod';
import { MEASURE_STATUSES, type DeadlineKind, type MeasureStatus } from '../domain/vocabulary.ts';
import { channel } from './define.ts';
import { id, isoDate, uploadedFile, type FileOut } from './common.ts';

/** Channels of the Excel import and the unit round trip (issue 3). Owned by shared/core/import. */

/** The ledger columns a template may carry (DOMAIN.md "The ledger columns people expect"). */
export const LEDGER_FIELDS = [
  'seq', 'source', 'category', 'finding', 'suggestion', 'target', 'measure', 'leadUnit', 'units', 'coUnit',
  'leader', 'person', 'deadline', 'progress', 'status', 'evidence', 'closedDate', 'note',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

export const FIELD_LABEL: Record<LedgerField, string> = {
  seq: '序号',
  source: '反馈来源',
  category: '问题类别',
  finding: '反馈问题',
  suggestion: '意见建议',
  target: '整改目标',
  measure: '整改措施',
  leadUnit: '牵头单位',
  units: '责任单位',
  coUnit: '配合单位',
  leader: '责任领导',
  person: '责任人',
  deadline: '整改时限',
  progress: '整改进展',
  status: '整改状态',
  evidence: '佐证材料',
  closedDate: '销号时间',
  note: '备注',
};

/**
 * What one column means: a ledger field, a ✓ column standing for one status ("status:closed"), a column
 * the ledger has no field for whose values are kept with the finding ("extra": 提案人、问题金额 …), or nothing.
 */
export type ColumnRole = LedgerField | `status:${MeasureStatus}` | 'extra' | 'ignore';
export const COLUMN_ROLES = [...LEDGER_FIELDS, ...MEASURE_STATUSES.map((s) => `status:${s}` as const), 'extra', 'ignore'] as const;
const columnRole = z.enum(COLUMN_ROLES as unknown as [ColumnRole, ...ColumnRole[]]);

/** Column roles the clerk chose, by header signature (a hash of the header's text), then column letter. */
const mappings = z.record(z.string().regex(/^[0-9a-f]{16}$/), z.record(z.string().regex(/^[A-Z]{1,3}$/), columnRole)).default({});
/** Header rows the clerk pointed at, by sheet name: 1-based row number (remembered for files of the same shape). */
const headerRows = z.record(z.string().max(200), z.number().int().positive().max(1000)).default({});
/** A name the window gives a long import, to ask its progress and to cancel it. */
const jobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional();

export interface ParsedDeadlineDto {
  kind: DeadlineKind;
  date: string | null;
  text: string;
}

export interface ImportIssueDto {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export interface ImportSheetDto {
  name: string;
  /** Header rows, 1-based, first and last. */
  headerRows: [number, number];
  /** field → column letter, as the CLI's JSON shows it. */
  mapping: Record<string, string>;
  /** Every column of the header: letter, its header text, what it was taken to mean and why. */
  columns: { letter: string; header: string; role: ColumnRole; hidden: boolean; reason: string }[];
  /** A stable hash of the header text, the key under which a changed mapping is remembered. */
  signature: string;
  /** Lines above the header (title, 填报单位, （截至…）). */
  caption: string[];
  /** 0 for a sheet's first table; stacked blocks on one sheet (a compiled 汇总表) count up. */
  block: number;
  /** Where the table came from: a worksheet, a Word table, Word forms (one problem each), Word paragraphs. */
  origin: TableOrigin;
  /** True when the header row was pointed at by the clerk (or remembered from such a choice). */
  headerChosen: boolean;
  /** A hash of the header row's own texts: the key under which a header row chosen by hand is remembered. */
  rowSignature: string;
  /** The year taken for deadlines written without one, and where it came from ("标题", "文件日期"…). */
  year: { value: number; from: string } | null;
  /** What the block's caption gave its rows: a party/source or a category. */
  captionGives: { source: string | null; category: string | null };
}

export type TableOrigin = 'sheet' | 'word-table' | 'word-form' | 'word-paragraphs';

/** A sheet where no header was found: its first rows as text, so the clerk can point at the header. */
export interface UnlocatedSheetDto {
  name: string;
  /** Up to 30 rows × 30 columns, as the clerk sees them; row i is sheet row i + 1. */
  rows: string[][];
}

export type RowOutcomeKind = 'import' | 'warning' | 'refused' | 'skipped';
export interface RowOutcomeDto {
  sheet: string;
  row: number;
  outcome: RowOutcomeKind;
  reason: string | null;
  excerpt: string;
}

export interface PreviewMeasure {
  text: string;
  closedDate: string | null;
  progress: string | null;
  leadUnit: string | null;
  coUnits: string[];
  leader: string | null;
  deadline: ParsedDeadlineDto;
  status: MeasureStatus | null;
  row: number;
}

/** new: not in the batch; same: already there unchanged; changed: there, with differences to apply. */
export type FindingMatch = 'new' | 'same' | 'changed';

export interface PreviewFinding {
  sheet: string;
  row: number;
  seq: string;
  category: string | null;
  text: string;
  suggestion: string | null;
  /** 备注, with columns the ledger has no field for kept as "列名：值" lines. */
  note: string | null;
  /** 反馈来源 as the file or its block caption names it. */
  source: string | null;
  /** The finding this one is a sub-item of (its 序号), where the file nests them. */
  parentSeq: string | null;
  measures: PreviewMeasure[];
  match: FindingMatch;
  existingId: number | null;
  /** What an update would change, in words ("措施2 整改时限：2021-06-30 → 2021-09-30"). */
  changes: string[];
}

export interface PreviewUnit {
  /** As written in the file. */
  name: string;
  /** The existing unit it means (by name or alias), or null: a new unit the clerk must confirm. */
  existing: { id: number; name: string; via: 'name' | 'alias' } | null;
  /** Not known by name or alias, but probably this unit (县卫健局 → 县卫生健康局), with why. */
  suggested: { id: number; name: string; reason: string } | null;
  measures: number;
}

export interface ImportPreview {
  file: string;
  sheets: ImportSheetDto[];
  rows: RowOutcomeDto[];
  findings: PreviewFinding[];
  units: PreviewUnit[];
  errors: ImportIssueDto[];
  warnings: ImportIssueDto[];
  /** Sheets with content where no header was found; the clerk can point at one (input `headerRows`). */
  unlocated: UnlocatedSheetDto[];
  totals: {
    findings: number;
    measures: number;
    newFindings: number;
    changedFindings: number;
    sameFindings: number;
    rowsImported: number;
    rowsWarning: number;
    rowsRefused: number;
    rowsSkipped: number;
    newUnits: number;
    /** Measures the file names no unit for: they need a default unit before the commit. */
    measuresWithoutUnit: number;
  };
  /** True when a remembered mapping for this header was applied. */
  rememberedMapping: boolean;
}

export interface ImportProgress {
  /** 读取文件 / 识别表格 / 比对台账 / 写入 */
  stage: string;
  done: number;
  total: number;
}

export interface ImportCommitResult {
  batchId: number;
  createdFindings: number;
  createdMeasures: number;
  updatedFindings: number;
  unchangedFindings: number;
  createdUnits: number;
  progressEntries: number;
}

export interface UnitSheetsResult {
  files: FileOut[];
  units: number;
  measures: number;
}

export interface ReturnedChange {
  measureId: number;
  file: string;
  sheet: string;
  row: number;
  unit: string;
  findingText: string;
  measureText: string;
  progress: { old: string | null; new: string } | null;
  completion: string | null;
  status: { old: MeasureStatus; new: MeasureStatus } | null;
}

export interface ReturnedSheetsPreview {
  files: { file: string; unit: string | null; rows: number; changes: number; problems: number }[];
  changes: ReturnedChange[];
  problems: ImportIssueDto[];
}

export interface ReturnedSheetsResult {
  progressAdded: number;
  statusChanged: number;
  measures: number;
  problems: ImportIssueDto[];
}

/** Header words per field: the built-in table and the office's own additions (settings 'import.synonyms'). */
export interface HeaderWords {
  defaults: Record<LedgerField, string[]>;
  extra: Partial<Record<LedgerField, string[]>>;
}

const headerWord = z.string().trim().min(1).max(30, { message: '表头词不能超过 30 个字' });

export const importChannels = {
  /** Read a file and show what an import would do; nothing is written. */
  'import:preview': channel<ImportPreview>()(
    z.object({ file: uploadedFile, batchId: id.optional(), mappings, headerRows, jobId }),
  ),
  /** Write it, in one transaction. New units are created only when named in `newUnits`. */
  'import:commit': channel<ImportCommitResult>()(
    z.object({
      file: uploadedFile,
      batchId: z.number({ error: '请选择反馈批次' }).int().positive({ message: '请选择反馈批次' }),
      mappings,
      headerRows,
      jobId,
      newUnits: z.array(z.string().trim().min(1).max(100)).max(2000).default([]),
      /** A written name → an existing unit (the name is kept as an alias of that unit). */
      unitMap: z.record(z.string().trim().min(1).max(100), id).default({}),
      /** The unit that leads the measures the file names no unit for (a 巡察 ledger of one organisation). */
      defaultUnitId: id.optional(),
      applyUpdates: z.boolean().default(true),
    }),
  ),
  /** A blank ledger workbook with our own columns, for an office designing a new ledger. */
  'import:template': channel<FileOut>()(z.object({}).strict().optional().default({})),
  /** How far a long import (preview or commit) has come; null when no such job is running. */
  'import:progress': channel<ImportProgress | null>()(z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })),
  /** Stop a running import while it reads or compares; once writing has begun (one transaction) it runs to its end. */
  'import:cancel': channel<{ cancelled: boolean }>()(z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) })),
  'import:header-words': channel<HeaderWords>()(z.object({}).strict().optional().default({})),
  /** The office teaches the importer its own header words ("问题线索" means 反馈问题 …). */
  'import:header-words:save': channel<HeaderWords>()(
    z.object({ extra: z.partialRecord(z.enum(LEDGER_FIELDS), z.array(headerWord).max(100)) }),
  ),
  /** Fill-in workbooks for responsible units: one file per unit, or one file with a sheet per unit. */
  'unitSheets:export': channel<UnitSheetsResult>()(
    z.object({
      unitIds: z.array(id).max(2000).optional(),
      singleFile: z.boolean().default(false),
      /** 报送时限 printed on each sheet; today + 设置's 反馈期限 when not given. */
      dueDate: isoDate.optional(),
    }),
  ),
  /** Read returned fill-in workbooks (several at once) and list each change for confirmation. */
  'unitSheets:preview': channel<ReturnedSheetsPreview>()(
    z.object({ files: z.array(uploadedFile).min(1, { message: '请选择单位交回的表格' }).max(200) }),
  ),
  /** Apply the confirmed changes: progress entries and workflow transitions, one transaction. */
  'unitSheets:commit': channel<ReturnedSheetsResult>()(
    z.object({
      files: z.array(uploadedFile).min(1, { message: '请选择单位交回的表格' }).max(200),
      /** The measures whose changes the clerk confirmed; absent = all listed changes. */
      measureIds: z.array(id).max(100_000).optional(),
    }),
  ),
};
