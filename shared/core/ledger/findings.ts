import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { reindexFindings, unindexFindings } from '../search/search-index.ts';
import { removeEvidenceFilesOf } from './evidence.ts';
import { insertMeasure, refreshFindingStatus, type MeasureInput } from './measures.ts';
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
    .values({
      batch_id: batchId,
      seq,
      sort_order: sortOrder,
      category: input.category,
      text: input.text,
      suggestion: input.suggestion,
      target: input.target,
      note: input.note,
      status: 'not_started',
      created_at: actor.at,
      updated_at: actor.at,
    })
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

export async function updateFinding(trx: Db, actor: Actor, id: number, input: FindingInput): Promise<void> {
  const before = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  await trx
    .updateTable('findings')
    .set({
      seq: input.seq || before.seq,
      category: input.category,
      text: input.text,
      suggestion: input.suggestion,
      target: input.target,
      note: input.note,
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
