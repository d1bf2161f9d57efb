import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { JobRequest } from '../../contract/jobs.ts';
import type { LedgerFilter } from '../../contract/ledger.ts';
import type { GroupBy, LedgerColumn, SectionBy } from '../../contract/reports.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import { AppError } from '../../errors.ts';
import { writeArchive } from '../backup/archive.ts';
import type { Core } from '../context.ts';
import { exportUnitSheets } from '../import/unit-sheets/export.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { REPORT_STAGES, type ReportStage } from './docx/report.ts';
import { buildWordReport, planWordReport, type WordReportPlan } from './docx/report/build.ts';
import { writeReplyLetter } from './docx/reply-letter.ts';
import { describeFilter, ledgerTitle, reportTitle } from './files.ts';
import { saveReportOptions } from './options.ts';
import type { ReportReader } from './reader.ts';
import { loadReportRows } from './rows.ts';
import { writeLedgerWorkbook } from './xlsx/ledger-workbook.ts';
import { addStatisticsSheet } from './xlsx/statistics-sheet.ts';
import { buildOfficeFile, isOfficePlan, isOfficeRequest, planOfficeFile, type OfficeFilePlan } from './template/office-files.ts';

/**
 * The report and export files, built the same way whether the request waits for them (the
 * channels, the CLI) or a job's worker thread writes them to a file. Building is split in two:
 *
 * - `planFile`, on the core's own connection: what must be written (the clerk's remembered
 *   columns and sections) and read once (settings) — a plain value that can cross to a thread;
 * - `buildFile`, on any reader (the core, or the worker's read-only connection): the bytes.
 */
export type FilePlan =
  | { kind: 'report:word'; filter: LedgerFilter; title: string | null; sectionBy: SectionBy; officeName: string; thresholds: SignalThresholds; word: WordReportPlan }
  | { kind: 'report:ledger-xlsx'; filter: LedgerFilter; title: string | null; columns: LedgerColumn[]; groupBy: GroupBy; officeName: string; thresholds: SignalThresholds }
  | { kind: 'report:statistics-xlsx'; filter: LedgerFilter; title: string | null; thresholds: SignalThresholds }
  | { kind: 'report:reply-letter'; batchId: number; officeName: string; thresholds: SignalThresholds }
  | { kind: 'unitSheets:export'; unitIds?: number[]; singleFile: boolean; dueDate?: string }
  | OfficeFilePlan;

export interface BuiltFile {
  fileName: string;
  bytes: Buffer;
}

/** Where a build has come to: stage in words a clerk reads, and steps done of total. */
export type BuildProgress = (stage: string, done: number, total: number) => void;

/**
 * Every build goes 读取台账数据 → (its own stages) → 写入文件; `total` counts them all, the last
 * (写入文件, done = total - 1) being the caller's, who writes the bytes where they belong.
 */
export const BUILD_STAGES = { read: '读取台账数据', write: '生成文件', save: '写入文件' } as const;

export const FILE_MIME = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
} as const;

export function mimeOf(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf('.')).toLowerCase() as keyof typeof FILE_MIME;
  return FILE_MIME[ext] ?? 'application/octet-stream';
}

export async function planFile(core: Core, request: JobRequest): Promise<FilePlan> {
  if (isOfficeRequest(request)) return planOfficeFile(core, request);
  if (request.kind === 'unitSheets:export') return { kind: request.kind, unitIds: request.input.unitIds, singleFile: request.input.singleFile, dueDate: request.input.dueDate };
  const settings = await getSettings(core.db);
  const thresholds = thresholdsOf(settings);
  switch (request.kind) {
    case 'report:word': {
      const { input } = request;
      const { sectionBy, ...word } = await planWordReport(core.db, input);
      return { kind: request.kind, filter: input.filter, title: input.title, sectionBy, officeName: settings.officeName, thresholds, word };
    }
    case 'report:ledger-xlsx': {
      const { input } = request;
      // The clerk's choice of columns and grouping is remembered for next time.
      const options = await saveReportOptions(core.db, { columns: input.columns, groupBy: input.groupBy });
      return { kind: request.kind, filter: input.filter, title: input.title, columns: options.columns, groupBy: options.groupBy, officeName: settings.officeName, thresholds };
    }
    case 'report:statistics-xlsx':
      return { kind: request.kind, filter: request.input.filter, title: request.input.title, thresholds };
    case 'report:reply-letter':
      return { kind: request.kind, batchId: request.input.batchId, officeName: settings.officeName, thresholds };
  }
}

export async function buildFile(reader: ReportReader, plan: FilePlan, progress: BuildProgress = () => {}): Promise<BuiltFile> {
  if (isOfficePlan(plan)) return buildOfficeFile(reader, plan, progress);
  const today = reader.today();
  const total = plan.kind === 'report:word' ? 2 + REPORT_STAGES.length : 3;
  progress(BUILD_STAGES.read, 0, total);
  const step = (stage: string) => progress(stage, 1, total);
  switch (plan.kind) {
    case 'report:word': {
      const rows = await loadReportRows(reader, plan.filter, plan.thresholds);
      if (rows.length === 0) throw new AppError('invalid_input', '没有符合条件的整改措施，无法生成报告。请调整筛选条件');
      const onStage = (stage: ReportStage) => progress(stage, 1 + REPORT_STAGES.indexOf(stage), total);
      const bytes = await buildWordReport(reader, { rows, filter: plan.filter, title: plan.title, sectionBy: plan.sectionBy, plan: plan.word, asOf: today, onStage });
      return { fileName: `整改情况报告_${today}.docx`, bytes };
    }
    case 'report:ledger-xlsx': {
      const rows = await loadReportRows(reader, plan.filter, plan.thresholds);
      const filterNote = await describeFilter(reader, plan.filter);
      step(BUILD_STAGES.write);
      const bytes = await writeLedgerWorkbook({
        title: plan.title ?? ledgerTitle(rows), officeName: plan.officeName, asOf: today, rows, columns: plan.columns, groupBy: plan.groupBy, filterNote,
      });
      return { fileName: `整改台账_${today}.xlsx`, bytes };
    }
    case 'report:statistics-xlsx': {
      const rows = await loadReportRows(reader, plan.filter, plan.thresholds, { details: false });
      step(BUILD_STAGES.write);
      const bytes = await statisticsWorkbook(rows, today, plan.title ?? ledgerTitle(rows));
      return { fileName: `整改情况统计表_${today}.xlsx`, bytes };
    }
    case 'report:reply-letter': {
      const rows = await loadReportRows(reader, { batchId: plan.batchId }, plan.thresholds);
      if (rows.length === 0) throw new AppError('not_found', '这个批次还没有整改措施，无法生成反馈函');
      step(BUILD_STAGES.write);
      const { contactName, contactPhone, replyDays } = await getSettings(reader.db);
      const bytes = await writeReplyLetter({ officeName: plan.officeName, asOf: today, rows, contactName, contactPhone, replyDays });
      return { fileName: `办理情况反馈函_${rows[0].organizationName}_${today}.docx`, bytes };
    }
    case 'unitSheets:export': {
      step(BUILD_STAGES.write);
      const result = await exportUnitSheets(reader, { unitIds: plan.unitIds, singleFile: plan.singleFile, dueDate: plan.dueDate });
      if (result.files.length === 0) throw new AppError('not_found', '所选单位没有需要填报的整改措施');
      const files = result.files.map((f) => ({ name: f.fileName, data: Buffer.from(f.base64, 'base64') }));
      // One file is handed over as it is; one per unit goes out as a single .zip.
      if (files.length === 1) return { fileName: files[0].name, bytes: files[0].data };
      return { fileName: `各单位整改进展填报表_${today}.zip`, bytes: writeArchive(files, new Date()) };
    }
  }
}

async function statisticsWorkbook(rows: Parameters<typeof addStatisticsSheet>[1], asOf: string, title: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => out.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '整改台账';
  addStatisticsSheet(wb, rows, asOf, title).commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
