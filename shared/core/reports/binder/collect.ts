import { sql } from 'kysely';
import type { LedgerFilter } from '../../../contract/ledger.ts';
import { localIsoDate } from '../../../domain/dates.ts';
import type { SignalThresholds } from '../../../domain/signal.ts';
import { EVIDENCE_DIR } from '../../ledger/evidence.ts';
import { fileStore, type FileStore } from '../../files/store.ts';
import { extensionOf } from '../../ledger/evidence-names.ts';
import type { ReportReader } from '../reader.ts';
import { loadReportRows } from '../rows.ts';
import { binderFileName, safeNamePart, titleOf, UniqueNames } from './names.ts';
import { idList, dialectOf } from '../../db/dialect.ts';

/**
 * What goes into an evidence binder: every 佐证材料 of the measures the ledger's filter selects
 * (a batch is the filter { batchId }), in ledger order — batch, finding, measure — and within a
 * measure in the order the files were added. A binder spanning several batches gives each batch
 * its own folder, since a finding's 序号 is only unique within its batch.
 */
export interface BinderItem {
  evidenceId: number;
  /** '' or the batch's folder. */
  folder: string;
  /** The file's name in the binder. */
  name: string;
  /** 文号, when the file's name carries one (县财发〔2026〕12号). */
  docNumber: string;
  /** 责任者: the measure's 牵头单位. */
  author: string;
  title: string;
  /** DA/T 22 form, YYYYMMDD: the date of the progress entry the file belongs to, else the day it was added. */
  date: string;
  /** The stored copy (relative to the data folder, '' when it lies outside evidence/) and its recorded hash and size. */
  storedPath: string;
  sha256: string;
  size: number;
  ext: string;
}

export interface BinderContents {
  items: BinderItem[];
  measures: number;
  /** Label of the one batch the binder covers, or null. */
  batchLabel: string | null;
  /** Where the files are read from (the data folder, or the shared database). */
  store: FileStore;
}

const DOC_NUMBER = /[\u4e00-\u9fa5A-Za-z]{1,12}[〔[［(（]\d{4}[〕\]］)）]\s*\d{1,5}\s*号/;

export async function collectBinder(reader: ReportReader, dataDir: string, filter: LedgerFilter, thresholds: SignalThresholds): Promise<BinderContents> {
  const rows = await loadReportRows(reader, filter, thresholds, { details: false });
  if (rows.length === 0) return { items: [], measures: 0, batchLabel: null, store: fileStore(reader.db, dataDir) };
  const evidence = await reader.db
    .selectFrom('evidence_files as e')
    .leftJoin('progress_entries as p', 'p.id', 'e.progress_entry_id')
    .select(['e.id', 'e.measure_id', 'e.original_name', 'e.stored_path', 'e.sha256', 'e.size', 'e.created_at', 'p.entry_date'])
    .where('e.measure_id', 'in', idList(dialectOf(reader.db), rows.map((r) => r.measureId)))
    .orderBy('e.measure_id').orderBy('e.created_at').orderBy('e.id')
    .execute();
  const byMeasure = new Map<number, typeof evidence>();
  for (const e of evidence) {
    const list = byMeasure.get(e.measure_id);
    if (list) list.push(e);
    else byMeasure.set(e.measure_id, [e]);
  }

  const batches = new Set(rows.map((r) => r.batchId));
  const folderOf = new Map<number, string>();
  const names = new UniqueNames();
  const items: BinderItem[] = [];
  let measures = 0;
  for (const r of rows) {
    const files = byMeasure.get(r.measureId);
    if (!files) continue;
    measures++;
    let folder = '';
    if (batches.size > 1) {
      folder = folderOf.get(r.batchId) ?? names.take('', safeNamePart(r.batchLabel).slice(0, 60) || `批次${r.batchId}`);
      folderOf.set(r.batchId, folder);
    }
    files.forEach((e, i) => {
      const docNumber = DOC_NUMBER.exec(e.original_name)?.[0] ?? '';
      // "县财发〔2026〕12号 关于……的通知" is filed as 文号 县财发〔2026〕12号, 题名 关于……的通知.
      const title = titleOf(e.original_name);
      const bare = docNumber ? title.replace(docNumber, '').replace(/^[\s_、，,:：-]+|[\s_、，,:：-]+$/g, '') : title;
      items.push({
        evidenceId: e.id,
        folder,
        name: names.take(folder, binderFileName(r.findingSeq, r.measureSeq, i + 1, e.original_name)),
        docNumber: docNumber.replace(/\s+/g, ''),
        author: r.leadUnitName,
        title: bare || title,
        date: (e.entry_date ?? localIsoDate(new Date(e.created_at))).replaceAll('-', ''),
        // A stored path that leads outside evidence/ is never read (it would be a tampered database).
        storedPath: e.stored_path.startsWith(`${EVIDENCE_DIR}/`) && !e.stored_path.split('/').includes('..') ? e.stored_path : '',
        sha256: e.sha256,
        size: e.size,
        ext: extensionOf(e.original_name),
      });
    });
  }
  return { items, measures, batchLabel: batches.size === 1 ? rows[0].batchLabel : null, store: fileStore(reader.db, dataDir) };
}

/** Whether the stored copy is there (the preview counts; the build also checks each hash). */
export async function isPresent(store: FileStore, item: BinderItem): Promise<boolean> {
  return item.storedPath !== '' && (await store.exists({ storedPath: item.storedPath, sha256: item.sha256 }));
}
