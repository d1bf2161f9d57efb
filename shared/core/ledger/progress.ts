import type { ProgressDto } from '../../contract/ledger-types.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { loadMeasure } from './measures.ts';
import { recordsDb } from './record-schema.ts';
import { field, quoted, refuseIfStale } from './stale.ts';
import { audit } from './write.ts';

/**
 * 整改进展 corrections: a progress entry is edited or removed, each audited with before/after, and
 * refused when the clerk's copy is stale. (Adding one is addProgress in measures.ts.)
 */

type ProgressRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

const PROGRESS_FIELDS = [field('进展日期', 'date'), field('进展情况', 'text', quoted)];

/** An entry as the 操作日志 keeps it (keys the audit page names in Chinese). */
const snapshotOf = (p: ProgressRow) => ({ id: p.id, date: p.entry_date, text: p.text, source: p.source, operator: p.operator, version: p.version });

function findEntry(trx: Db, id: number) {
  return recordsDb(trx).selectFrom('progress_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

async function toDto(trx: Db, p: ProgressRow): Promise<ProgressDto> {
  const files = await trx.selectFrom('evidence_files').selectAll().where('progress_entry_id', '=', p.id).orderBy('id').execute();
  return {
    id: p.id,
    measureId: p.measure_id,
    date: p.entry_date,
    text: p.text,
    operator: p.operator,
    source: p.source,
    version: p.version,
    evidence: files.map((e) => ({ id: e.id, measureId: e.measure_id, progressEntryId: e.progress_entry_id, name: e.original_name, size: e.size, addedBy: e.added_by, createdAt: e.created_at })),
  };
}

/** The entry as it is, checked against the clerk's copy; a closed measure's record stays as verified. */
async function entryToChange(trx: Db, id: number, seen: number, verb: string): Promise<ProgressRow> {
  const entry = await findEntry(trx, id);
  if (!entry) throw new AppError('not_found', '找不到该条整改进展，可能已被删除');
  await refuseIfStale(trx, { entity: 'progress', noun: '进展记录', id, seen, current: snapshotOf(entry), fields: PROGRESS_FIELDS, fresh: () => toDto(trx, entry) });
  const m = await loadMeasure(trx, entry.measure_id);
  if (m.status === 'closed') throw new AppError('invalid_transition', `该措施已销号，其进展记录不能再${verb}；如需更正，请先办理“回头看”`);
  return entry;
}

/** The stagnation signal reads measures.last_progress_date: keep it the latest entry's date. */
async function recountLastProgress(trx: Db, measureId: number, actor: Actor): Promise<void> {
  const latest = await trx.selectFrom('progress_entries').select((eb) => eb.fn.max('entry_date').as('d')).where('measure_id', '=', measureId).executeTakeFirst();
  const date = (latest?.d as string | null) ?? null;
  // With no entry left, a date imported with the measure (no entry behind it) is kept.
  if (date) await trx.updateTable('measures').set({ last_progress_date: date, updated_at: actor.at }).where('id', '=', measureId).execute();
}

export async function updateProgressEntry(
  trx: Db,
  actor: Actor,
  input: { id: number; version: number; date: string; text: string },
): Promise<ProgressDto> {
  const before = await entryToChange(trx, input.id, input.version, '修改');
  if (input.date > actor.today) throw new AppError('invalid_input', '进展日期不能晚于今天');
  await recordsDb(trx)
    .updateTable('progress_entries')
    .set({ entry_date: input.date, text: input.text, version: before.version + 1 })
    .where('id', '=', input.id)
    .execute();
  await recountLastProgress(trx, before.measure_id, actor);
  await audit(trx, actor, { action: 'update', entity: 'progress', entityId: input.id, before: snapshotOf(before), after: { date: input.date, text: input.text } });
  return toDto(trx, (await findEntry(trx, input.id))!);
}

/** Remove a progress entry; its evidence files stay with the measure as its 佐证材料. */
export async function deleteProgressEntry(trx: Db, actor: Actor, dataDir: string, input: { id: number; version: number }): Promise<void> {
  const before = await entryToChange(trx, input.id, input.version, '删除');
  await removeProgressEntry(trx, actor, dataDir, before);
  await audit(trx, actor, { action: 'delete', entity: 'progress', entityId: input.id, before: { ...snapshotOf(before), measureId: before.measure_id } });
}

/** The removal itself (the 回收站 may take the entry instead: binProgressEntry). */
async function removeProgressEntry(trx: Db, actor: Actor, _dataDir: string, entry: ProgressRow): Promise<void> {
  await trx.deleteFrom('progress_entries').where('id', '=', entry.id).execute();
  await recountLastProgress(trx, entry.measure_id, actor);
}
