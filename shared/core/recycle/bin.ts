import type { RecycleCounts, RecycleEntity } from '../../contract/recycle.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { refreshFindingStatus } from '../ledger/measures.ts';
import { audit } from '../ledger/write.ts';
import { reindexFindings, unindexFindings } from '../search/search-index.ts';
import { fileStore, type BinnedFile } from '../files/store.ts';
import { binPathOf } from './files.ts';
import { describe } from './labels.ts';
import { SUPERVISION_NOT_FOUND, SUPERVISION_TABLE } from '../supervision/entities.ts';
import { collectSubtree, deleteSubtree, rowsOf, type Subtree } from './rows.ts';
import { recycleDb, type BinPayload } from './schema.ts';

/**
 * 删除 moves a thing, with everything under it, into the 回收站 in the caller's one transaction.
 * Its evidence files are kept by the file store (files/store.ts): in the data folder they are moved
 * only after the commit (a delete that fails never touched the disk; a crash between the commit
 * and the move leaves a file in evidence/, where restore and purge look too); on the shared
 * database the bytes simply stay while the entry names them.
 */

export const ROOT_TABLE: Record<RecycleEntity, string> = {
  batch: 'batches',
  finding: 'findings',
  measure: 'measures',
  progress: 'progress_entries',
  evidence: 'evidence_files',
  ...SUPERVISION_TABLE,
};

const NOT_FOUND: Record<RecycleEntity, string> = {
  batch: '找不到该反馈批次，可能已被删除',
  finding: '找不到该反馈问题，可能已被删除',
  measure: '找不到该整改措施，可能已被删除',
  progress: '找不到该条整改进展，可能已被删除',
  evidence: '找不到该佐证材料，可能已被删除',
  ...SUPERVISION_NOT_FOUND,
};

export function countsOf(subtree: Subtree): RecycleCounts {
  const n = (t: string) => rowsOf(subtree, t).length;
  return { findings: n('findings'), measures: n('measures'), progress: n('progress_entries'), evidence: n('evidence_files') };
}

async function namesOf(trx: Db, table: 'units' | 'organizations', ids: unknown[]): Promise<Record<string, string>> {
  const list = [...new Set(ids.filter((v): v is number => typeof v === 'number'))];
  if (!list.length) return {};
  const rows = await trx.selectFrom(table).select(['id', 'name']).where('id', 'in', list).execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
}

/** Move one thing and everything under it to the 回收站; returns the entry's id. */
export async function moveToBin(trx: Db, actor: Actor, dataDir: string, entity: RecycleEntity, id: number): Promise<number> {
  const subtree = await collectSubtree(trx, ROOT_TABLE[entity], [id]);
  const root = rowsOf(subtree, ROOT_TABLE[entity])[0];
  if (!root) throw new AppError('not_found', NOT_FOUND[entity]);
  const { label, parent } = await describe(trx, entity, root);
  const counts = countsOf(subtree);
  const unitIds = [...rowsOf(subtree, 'measures').map((m) => m.lead_unit_id), ...rowsOf(subtree, 'measure_co_units').map((c) => c.unit_id), ...rowsOf(subtree, 'notices').map((n) => n.unit_id)];
  const payload: BinPayload = {
    version: 1,
    tables: subtree.tables,
    refs: { units: await namesOf(trx, 'units', unitIds), organizations: await namesOf(trx, 'organizations', subtree.tables.flatMap((t) => t.rows.map((r) => r.organization_id))) },
  };

  const bin = recycleDb(trx);
  const entry = await bin
    .insertInto('recycle_bin')
    .values({
      entity,
      entity_id: id,
      label,
      parent_label: parent,
      deleted_at: actor.at,
      deleted_by: actor.operator,
      counts_json: JSON.stringify(counts),
      payload_json: JSON.stringify(payload),
      files_json: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const evidence = rowsOf(subtree, 'evidence_files');
  const files: BinnedFile[] = [];
  for (const e of evidence) {
    const storedPath = String(e.stored_path);
    if (!files.some((f) => f.storedPath === storedPath)) files.push({ storedPath, sha256: String(e.sha256), binPath: binPathOf(entry.id, e.id as number, storedPath) });
  }
  await bin.updateTable('recycle_bin').set({ files_json: JSON.stringify(files.map(({ storedPath, binPath }) => ({ storedPath, binPath }))) }).where('id', '=', entry.id).execute();

  await deleteSubtree(trx, subtree);
  await afterDelete(trx, actor, entity, root, subtree);

  // Files shared with a row that stays (the same upload twice on one measure) are copied, not moved.
  const stillUsed = new Set(
    files.length
      ? (await trx.selectFrom('evidence_files').select('stored_path').where('stored_path', 'in', files.map((f) => f.storedPath)).execute()).map((r) => r.stored_path)
      : [],
  );
  fileStore(trx, dataDir).keepInBin(files, stillUsed);

  await audit(trx, actor, {
    action: 'recycle',
    entity,
    entityId: id,
    before: root,
    after: { name: label, findings: counts.findings, measures: counts.measures, progress: counts.progress, files: counts.evidence },
  });
  return entry.id;
}

/** What changes around the hole: search rows, the finding's status, the measure's last progress date. */
async function afterDelete(trx: Db, actor: Actor, entity: RecycleEntity, root: Record<string, unknown>, subtree: Subtree): Promise<void> {
  const findingIds = rowsOf(subtree, 'findings').map((f) => f.id as number);
  if (findingIds.length) await unindexFindings(trx, findingIds);
  if (entity === 'measure') {
    await refreshFindingStatus(trx, root.finding_id as number, actor);
    await reindexFindings(trx, [root.finding_id as number]);
  }
  if (entity === 'progress') await afterProgressRemoved(trx, root.measure_id as number, root.entry_date as string);
}

/**
 * The stagnation signal reads measures.last_progress_date. Removing the entry that set it falls back
 * to the latest remaining entry; with none left the date stays (it may have come from an import).
 * Not a version bump: the measure form does not edit this column.
 */
async function afterProgressRemoved(trx: Db, measureId: number, removedDate: string): Promise<void> {
  const m = await trx.selectFrom('measures').select('last_progress_date').where('id', '=', measureId).executeTakeFirst();
  if (!m || m.last_progress_date !== removedDate) return;
  const latest = await trx.selectFrom('progress_entries').select((eb) => eb.fn.max('entry_date').as('d')).where('measure_id', '=', measureId).executeTakeFirst();
  const date = (latest?.d as string | null) ?? null;
  if (date && date < removedDate) await trx.updateTable('measures').set({ last_progress_date: date }).where('id', '=', measureId).execute();
}

/** A restored entry counts again if it is the latest. */
export async function afterProgressRestored(trx: Db, measureId: number, date: string): Promise<void> {
  await trx
    .updateTable('measures')
    .set({ last_progress_date: date })
    .where('id', '=', measureId)
    .where((eb) => eb.or([eb('last_progress_date', 'is', null), eb('last_progress_date', '<', date)]))
    .execute();
}

/** Delete = move to the 回收站 (batches:delete, findings:delete, measures:delete, evidence:delete, and progress deletion). */
export const binBatch = (trx: Db, actor: Actor, dataDir: string, id: number) => moveToBin(trx, actor, dataDir, 'batch', id);
export const binFinding = (trx: Db, actor: Actor, dataDir: string, id: number) => moveToBin(trx, actor, dataDir, 'finding', id);
export const binMeasure = (trx: Db, actor: Actor, dataDir: string, id: number) => moveToBin(trx, actor, dataDir, 'measure', id);
export const binProgressEntry = (trx: Db, actor: Actor, dataDir: string, id: number) => moveToBin(trx, actor, dataDir, 'progress', id);
export const binEvidenceFile = (trx: Db, actor: Actor, dataDir: string, id: number) => moveToBin(trx, actor, dataDir, 'evidence', id);
