import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { reindexFindings, unindexFindings } from '../search/search-index.ts';
import { removeEvidenceFilesOf } from './evidence.ts';
import type { FindingFields } from '../../contract/ledger-types.ts';
import { insertMeasure, refreshFindingStatus, type MeasureInput } from './measures.ts';
import { recordsDb } from './record-schema.ts';
import { findingRow } from './rows.ts';
import { field, quoted, refuseIfStale } from './stale.ts';
import { audit } from './write.ts';

/** 反馈问题: a finding of a batch, with its checklist of measures. */

export interface FindingInput {
  seq?: string;
  category: string | null;
  text: string;
  suggestion: string | null;
  target: string | null;
  note: string | null;
}

export async function createFinding(
  trx: Db,
  actor: Actor,
  batchId: number,
  input: FindingInput,
  measures: MeasureInput[],
  opts: { immediateDays: number; assignedDate?: string },
): Promise<number> {
  const batch = await trx.selectFrom('batches').select(['id', 'received_date']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new AppError('invalid_input', '所选反馈批次不存在，请重新选择');
  const last = await trx
    .selectFrom('findings')
    .select((eb) => [eb.fn.max('sort_order').as('max'), eb.fn.countAll<number>().as('n')])
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  const sortOrder = Number(last?.max ?? 0) + 1;
  const seq = input.seq || String(Number(last?.n ?? 0) + 1);
  const row = await trx
    .insertInto('findings')
    // Its status follows its measures once they are written (refreshFindingStatus below).
    .values(findingRow(batchId, { seq, sortOrder, category: input.category, text: input.text, suggestion: input.suggestion, target: input.target, note: input.note }, [], actor.at))
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, actor, { action: 'create', entity: 'finding', entityId: row.id, after: { batchId, ...input, seq } });
  let i = 0;
  for (const m of measures) {
    await insertMeasure(trx, actor, row.id, m, { seq: ++i, immediateDays: opts.immediateDays, assignedDate: opts.assignedDate });
  }
  await refreshFindingStatus(trx, row.id, actor);
  await reindexFindings(trx, [row.id]);
  return row.id;
}

/** A finding's own fields as a clerk edits them (its measures have their own versions). */
const FINDING_FIELDS = [
  field('序号', 'seq'),
  field('问题类别', 'category'),
  field('反馈问题', 'text', quoted),
  field('意见建议', 'suggestion', quoted),
  field('整改目标', 'target', quoted),
  field('备注', 'note', quoted),
];

function fieldsOf(r: { id: number; version: number; seq: string; category: string | null; text: string; suggestion: string | null; target: string | null; note: string | null }): FindingFields {
  return { id: r.id, version: r.version, seq: r.seq, category: r.category, text: r.text, suggestion: r.suggestion, target: r.target, note: r.note };
}

/** `version`: what the clerk's screen showed; an edit made on an older copy is refused ('stale'). */
export async function updateFinding(trx: Db, actor: Actor, id: number, input: FindingInput, version?: number): Promise<void> {
  const before = await recordsDb(trx).selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  await refuseIfStale(trx, { entity: 'finding', noun: '问题', id, seen: version, current: before, fields: FINDING_FIELDS, fresh: async () => fieldsOf(before) });
  await recordsDb(trx)
    .updateTable('findings')
    .set({
      seq: input.seq || before.seq,
      category: input.category,
      text: input.text,
      suggestion: input.suggestion,
      target: input.target,
      note: input.note,
      version: before.version + 1,
      updated_at: actor.at,
    })
    .where('id', '=', id)
    .execute();
  await audit(trx, actor, { action: 'update', entity: 'finding', entityId: id, before, after: input });
  await reindexFindings(trx, [id]);
}

export async function deleteFinding(trx: Db, actor: Actor, id: number, dataDir: string): Promise<void> {
  const before = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  await removeEvidenceFilesOf(trx, dataDir, { findingIds: [id] });
  await trx.deleteFrom('findings').where('id', '=', id).execute();
  await unindexFindings(trx, [id]);
  await audit(trx, actor, { action: 'delete', entity: 'finding', entityId: id, before });
}
