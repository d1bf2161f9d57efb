import type { RecycleCounts, RecycleEntryDto } from '../../contract/recycle.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { audit } from '../ledger/write.ts';
import { fileStore, type BinnedFile } from '../files/store.ts';
import { recycleDb, type BinFile, type BinPayload, type RecycleBinRow } from './schema.ts';

/** Reading, listing and purging 回收站 entries. */

export async function loadEntry(db: Db, id: number): Promise<RecycleBinRow> {
  const entry = await recycleDb(db).selectFrom('recycle_bin').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entry) throw new AppError('not_found', '回收站中找不到这一项，可能已被恢复或彻底删除，请刷新');
  return entry;
}

export const payloadOf = (e: RecycleBinRow) => JSON.parse(e.payload_json) as BinPayload;
export const filesOf = (e: RecycleBinRow) => JSON.parse(e.files_json) as BinFile[];

/** The entry's files with the sha256 its saved evidence rows recorded (the shared database's key). */
export function binnedFilesOf(e: RecycleBinRow): BinnedFile[] {
  const evidence = payloadOf(e).tables.find((t) => t.table === 'evidence_files')?.rows ?? [];
  return filesOf(e).map((f) => ({ ...f, sha256: String(evidence.find((r) => r.stored_path === f.storedPath)?.sha256 ?? '') }));
}

export async function listEntries(db: Db): Promise<RecycleEntryDto[]> {
  const rows = await recycleDb(db)
    .selectFrom('recycle_bin')
    .select(['id', 'entity', 'entity_id', 'label', 'parent_label', 'deleted_at', 'deleted_by', 'counts_json'])
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    label: r.label,
    parentLabel: r.parent_label,
    deletedAt: r.deleted_at,
    deletedBy: r.deleted_by,
    counts: JSON.parse(r.counts_json) as RecycleCounts,
  }));
}

/** Evidence paths the 回收站 still answers for: an orphan sweep of evidence/ must leave these alone. */
export async function binHeldPaths(db: Db): Promise<Set<string>> {
  const rows = await recycleDb(db).selectFrom('recycle_bin').select('files_json').execute();
  return new Set(rows.flatMap((r) => (JSON.parse(r.files_json) as BinFile[]).map((f) => f.storedPath)));
}

/**
 * 彻底删除: the entry and its files go for good. A file the delete never got to move (a crash
 * right after its commit) is removed from evidence/ too, unless a live row or another entry uses it;
 * on the shared database a blob goes when nothing refers to its sha256 any more.
 */
export async function purgeEntry(trx: Db, actor: Actor, dataDir: string, id: number): Promise<void> {
  const entry = await loadEntry(trx, id);
  await recycleDb(trx).deleteFrom('recycle_bin').where('id', '=', id).execute();
  const files = binnedFilesOf(entry);
  const live = files.length
    ? new Set((await trx.selectFrom('evidence_files').select('stored_path').where('stored_path', 'in', files.map((f) => f.storedPath)).execute()).map((r) => r.stored_path))
    : new Set<string>();
  const held = await binHeldPaths(trx);
  const leftovers = files.filter((f) => !live.has(f.storedPath) && !held.has(f.storedPath));
  await fileStore(trx, dataDir).purgeBin(id, leftovers);
  await audit(trx, actor, { action: 'purge', entity: entry.entity, entityId: entry.entity_id, before: { name: entry.label, ...JSON.parse(entry.counts_json) } });
}

export async function emptyBin(trx: Db, actor: Actor, dataDir: string): Promise<number> {
  const ids = (await recycleDb(trx).selectFrom('recycle_bin').select('id').orderBy('id').execute()).map((r) => r.id);
  for (const id of ids) await purgeEntry(trx, actor, dataDir, id);
  return ids.length;
}
