import type { RestoreResultDto } from '../../contract/recycle.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { refreshFindingStatus } from '../ledger/measures.ts';
import { audit } from '../ledger/write.ts';
import { reindexFindings } from '../search/search-index.ts';
import { afterProgressRestored, ROOT_TABLE } from './bin.ts';
import { fileStore } from '../files/store.ts';
import { foreignKeys, insertSubtree, rowsOf, takenKeys, type Subtree } from './rows.ts';
import { binnedFilesOf, loadEntry, payloadOf } from './entries.ts';
import { recycleDb, type BinPayload } from './schema.ts';

/**
 * 恢复 puts every row back with its original id. The ids are free: every table under a batch is
 * `INTEGER PRIMARY KEY AUTOINCREMENT`, so SQLite never hands out a used id again (sqlite_sequence
 * keeps the high-water mark) and a restore cannot collide. takenKeys still checks, so that a
 * database edited by hand gets a message instead of a half-restored entry.
 *
 * A parent still in the 回收站 is not restored behind the clerk's back (it would bring back its
 * other findings too): the message names it, so they restore that first.
 */

const PARENT_NOUN: Record<string, string> = { batches: '反馈批次', findings: '反馈问题', measures: '整改措施', progress_entries: '整改进展' };

/** A parent row the entry's rows point at is missing: say where it is (in the 回收站, or gone for good). */
async function missingParent(trx: Db, binId: number, table: string, id: unknown): Promise<AppError> {
  const others = await recycleDb(trx).selectFrom('recycle_bin').select(['id', 'label', 'payload_json']).where('id', '!=', binId).orderBy('id', 'desc').execute();
  const holder = others.find((o) => (JSON.parse(o.payload_json) as BinPayload).tables.some((t) => t.table === table && t.rows.some((r) => r.id === id)));
  if (holder) {
    const [noun, name] = holder.label.includes('：') ? [holder.label.slice(0, holder.label.indexOf('：')), holder.label.slice(holder.label.indexOf('：') + 1)] : ['', holder.label];
    return new AppError('conflict', `请先恢复其所属的${noun}“${name}”：它也在回收站中。`);
  }
  return new AppError('conflict', `其所属的${PARENT_NOUN[table] ?? '上级记录'}已被彻底删除，无法恢复。`);
}

/**
 * Check every link from the entry's rows to rows outside it. A unit merged away meanwhile is found
 * again by its name (merging keeps it as an alias); a set-null link whose target is gone is set to
 * null, as SQLite would have done had the row stayed.
 */
async function relink(trx: Db, binId: number, payload: BinPayload): Promise<Subtree> {
  const fks = await foreignKeys(trx);
  const inPayload = (table: string, column: string, value: unknown) => rowsOf(payload, table).some((r) => r[column] === value);
  const tables = payload.tables.map((t) => ({ table: t.table, rows: t.rows.map((r) => ({ ...r })) }));
  for (const { table, rows } of tables) {
    for (const fk of fks.filter((f) => f.child === table)) {
      for (const row of rows) {
        const value = row[fk.column];
        if (value === null || value === undefined || inPayload(fk.parent, fk.parentColumn, value)) continue;
        if (await liveRowExists(trx, fk.parent, fk.parentColumn, value)) continue;
        if (fk.onDelete === 'SET NULL') row[fk.column] = null;
        else if (fk.parent === 'units') row[fk.column] = await unitByName(trx, payload.refs.units[String(value)]);
        else if (fk.parent === 'organizations') row[fk.column] = await organizationByName(trx, payload.refs.organizations[String(value)]);
        else throw await missingParent(trx, binId, fk.parent, value);
      }
    }
  }
  // A merge can fold two co-units into one: keep one row of each (measure, unit).
  const co = tables.find((t) => t.table === 'measure_co_units');
  if (co) co.rows = co.rows.filter((r, i, all) => all.findIndex((o) => o.measure_id === r.measure_id && o.unit_id === r.unit_id) === i);
  return { tables };
}

async function liveRowExists(trx: Db, table: string, column: string, value: unknown): Promise<boolean> {
  const r = await trx.selectFrom(table as 'units').select('id').where(column as 'id', '=', value as number).executeTakeFirst();
  return !!r;
}

async function unitByName(trx: Db, name: string | undefined): Promise<number> {
  const byName = name ? await trx.selectFrom('units').select('id').where('name', '=', name).executeTakeFirst() : undefined;
  const byAlias = name && !byName ? await trx.selectFrom('unit_aliases').select('unit_id as id').where('alias', '=', name).executeTakeFirst() : undefined;
  const found = byName ?? byAlias;
  if (!found) throw new AppError('conflict', `责任单位“${name ?? '（未知）'}”已被删除：请先在“责任单位”页重新添加该单位，再恢复。`);
  return found.id;
}

async function organizationByName(trx: Db, name: string | undefined): Promise<number> {
  const found = name ? await trx.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirst() : undefined;
  if (!found) throw new AppError('conflict', `监督主体“${name ?? '（未知）'}”已被删除：请先在“监督主体”页重新添加，再恢复。`);
  return found.id;
}

export async function restoreFromBin(
  trx: Db,
  actor: Actor,
  dataDir: string,
  binId: number,
  onRollback: (undo: () => void) => void,
): Promise<RestoreResultDto> {
  const entry = await loadEntry(trx, binId);
  const subtree = await relink(trx, binId, payloadOf(entry));
  const taken = await takenKeys(trx, subtree);
  if (taken.length) throw new AppError('conflict', `无法恢复：台账中已有相同编号的记录（${taken[0].table} ${taken[0].key}），请联系管理员。`);
  await insertSubtree(trx, subtree);

  const root = rowsOf(subtree, ROOT_TABLE[entry.entity])[0];
  const findingIds = rowsOf(subtree, 'findings').map((f) => f.id as number);
  let findingId: number | null = findingIds.length === 1 ? findingIds[0] : null;
  if (entry.entity === 'measure') {
    findingId = root.finding_id as number;
    await refreshFindingStatus(trx, findingId, actor);
    findingIds.push(findingId);
  }
  if (findingIds.length) await reindexFindings(trx, findingIds);
  if (entry.entity === 'progress') await afterProgressRestored(trx, root.measure_id as number, root.entry_date as string);
  if (entry.entity === 'progress' || entry.entity === 'evidence') findingId = await findingOfMeasure(trx, root.measure_id as number);
  const batchId = entry.entity === 'batch' ? (root.id as number) : findingId ? await batchOfFinding(trx, findingId) : null;

  // Files go back before the commit (undone if it fails), so a committed restore never points at a
  // file still in the 回收站; what cannot be found is named to the clerk.
  const missingPaths = await fileStore(trx, dataDir).restoreFromBin(entry.id, binnedFilesOf(entry), onRollback);
  const missingFiles = missingPaths.map((p) => String(rowsOf(subtree, 'evidence_files').find((e) => e.stored_path === p)?.original_name ?? p));
  await recycleDb(trx).deleteFrom('recycle_bin').where('id', '=', entry.id).execute();
  await audit(trx, actor, { action: 'restore', entity: entry.entity, entityId: entry.entity_id, after: { name: entry.label, ...JSON.parse(entry.counts_json) } });
  return { entity: entry.entity, entityId: entry.entity_id, label: entry.label, findingId, batchId, missingFiles };
}

async function findingOfMeasure(trx: Db, measureId: number): Promise<number | null> {
  return (await trx.selectFrom('measures').select('finding_id').where('id', '=', measureId).executeTakeFirst())?.finding_id ?? null;
}

async function batchOfFinding(trx: Db, findingId: number): Promise<number | null> {
  return (await trx.selectFrom('findings').select('batch_id').where('id', '=', findingId).executeTakeFirst())?.batch_id ?? null;
}
