import fs from 'node:fs';
import path from 'node:path';
import type { BinderPreviewDto } from '../../../contract/report-template.ts';
import type { LedgerFilter } from '../../../contract/ledger.ts';
import { chineseDate } from '../../../domain/dates.ts';
import type { SignalThresholds } from '../../../domain/signal.ts';
import { AppError } from '../../../errors.ts';
import { writeArchive, type ArchiveEntry } from '../../backup/archive.ts';
import { describeFilter } from '../files.ts';
import type { ReportReader } from '../reader.ts';
import { CATALOGUE_NAME, catalogueDocx, catalogueXlsx, type CatalogueRow } from './catalogue.ts';
import { collectBinder, isPresent, type BinderItem } from './collect.ts';
import type { FileStore } from '../../files/store.ts';
import { safeNamePart } from './names.ts';
import { pageCount } from './pages.ts';

/**
 * 佐证材料汇编: every evidence file of a batch or of the ledger's filter, named by the one numbering,
 * with its 材料清单 (.xlsx and .docx). Each stored copy is checked against the hash recorded when it
 * was added; one that is missing or altered is left out and named in the 清单's 备注, so what the
 * binder holds is exactly what the office received.
 */
export interface BinderRequest {
  filter: LedgerFilter;
  dataDir: string;
  thresholds: SignalThresholds;
}

export interface BinderEntry {
  /** Path inside the binder, with '/'. */
  name: string;
  data: Uint8Array;
}

export interface BuiltBinder {
  /** The zip's (or folder's) name, without extension. */
  baseName: string;
  entries: BinderEntry[];
  catalogue: CatalogueRow[];
  files: number;
  missing: number;
}

export const BINDER_STAGES = { read: '读取佐证材料清单', files: '收集佐证材料', catalogue: '生成材料清单', pack: '打包' } as const;

export async function binderPreview(reader: ReportReader, request: BinderRequest): Promise<BinderPreviewDto> {
  const { items, measures, store } = await collectBinder(reader, request.dataDir, request.filter, request.thresholds);
  let bytes = 0;
  let missing = 0;
  for (const item of items) {
    if (await isPresent(store, item)) bytes += item.size;
    else missing++;
  }
  return { files: items.length, measures, bytes, missing };
}

/** Every file and the 清单, in memory; `progress` is told of each step (files done of total). */
export async function buildBinder(reader: ReportReader, request: BinderRequest, progress: (stage: string, done: number, total: number) => void = () => {}): Promise<BuiltBinder> {
  progress(BINDER_STAGES.read, 0, 1);
  const contents = await collectBinder(reader, request.dataDir, request.filter, request.thresholds);
  if (contents.items.length === 0) throw new AppError('not_found', '所选范围内的整改措施还没有佐证材料，没有可汇编的文件。');
  const total = contents.items.length + 2;
  const entries: BinderEntry[] = [];
  const catalogue: CatalogueRow[] = [];
  let missing = 0;
  for (const [i, item] of contents.items.entries()) {
    if (i % 25 === 0) progress(BINDER_STAGES.files, i, total);
    const data = await readVerified(contents.store, item);
    const where = item.folder ? `${item.folder}/${item.name}` : item.name;
    if (data) entries.push({ name: where, data });
    else missing++;
    catalogue.push({
      seq: i + 1,
      docNumber: item.docNumber,
      author: item.author,
      title: item.title,
      date: item.date,
      pages: data ? pageCount(item.ext, data) : null,
      note: data ? where : '原文件缺失或已损坏，未收入本汇编',
    });
  }

  progress(BINDER_STAGES.catalogue, contents.items.length, total);
  const today = reader.today();
  const filterNote = await describeFilter(reader, request.filter);
  const scopeWords = contents.batchLabel ?? (filterNote ? filterNote.replace(/^筛选：/, '') : '全部反馈批次');
  const head = {
    heading: contents.batchLabel ? `${contents.batchLabel}整改佐证材料目录` : '整改佐证材料目录',
    scope: `范围：${scopeWords}；共 ${catalogue.length} 件${missing ? `（其中 ${missing} 件原文件缺失）` : ''}；生成日期：${chineseDate(today)}`,
    asOf: today,
  };
  entries.push({ name: `${CATALOGUE_NAME}.xlsx`, data: await catalogueXlsx(head, catalogue) });
  entries.push({ name: `${CATALOGUE_NAME}.docx`, data: await catalogueDocx(head, catalogue) });
  const baseName = safeNamePart(`佐证材料汇编_${contents.batchLabel ?? (filterNote ? '筛选' : '全部')}_${today.replaceAll('-', '')}`);
  return { baseName, entries, catalogue, files: entries.length - 2, missing };
}

/** The binder as one .zip (the app's own archive writer). */
export function zipBinder(binder: BuiltBinder, progress: (stage: string, done: number, total: number) => void = () => {}): { fileName: string; bytes: Buffer } {
  progress(BINDER_STAGES.pack, binder.catalogue.length + 1, binder.catalogue.length + 2);
  return { fileName: `${binder.baseName}.zip`, bytes: writeArchive(binder.entries as ArchiveEntry[], new Date()) };
}

/** The binder as a folder (the command line): refused when the folder already holds files. */
export function writeBinderFolder(binder: BuiltBinder, folder: string): void {
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new AppError('conflict', `文件夹“${folder}”里已有文件。请指定一个新的或空的文件夹，以免与其他材料混在一起。`);
  }
  for (const e of binder.entries) {
    const target = path.join(folder, ...e.name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.data);
  }
}

async function readVerified(store: FileStore, item: BinderItem): Promise<Buffer | null> {
  if (!item.storedPath) return null;
  const read = await store.read({ storedPath: item.storedPath, sha256: item.sha256 });
  return read.ok ? read.bytes : null;
}
