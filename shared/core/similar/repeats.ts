import type { FindingSimilarity, RepeatLink } from '../../contract/similar.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { audit } from '../ledger/write.ts';
import { findSimilar } from './find.ts';
import { similarDb } from './schema.ts';
import { textSimilarity } from './text.ts';

/** 再次反馈: a finding confirmed as repeating a finding of an earlier batch. */

async function findingRow(db: Db, id: number) {
  return db
    .selectFrom('findings as f')
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .select(['f.id', 'f.text', 'f.seq', 'f.batch_id', 'b.received_date'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

async function links(db: Db, side: 'finding_id' | 'earlier_finding_id', id: number): Promise<RepeatLink[]> {
  const other = side === 'finding_id' ? 'r.earlier_finding_id' : 'r.finding_id';
  const rows = await similarDb(db)
    .selectFrom('finding_repeats as r')
    .innerJoin('findings as f', 'f.id', other)
    .innerJoin('batches as b', 'b.id', 'f.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .select(['f.id', 'f.text', 'f.seq', 'f.status', 'f.batch_id', 'b.received_date', 'b.doc_number', 'b.topic', 'o.name as organization_name', 'r.similarity', 'r.confirmed_at', 'r.operator'])
    .where(`r.${side}`, '=', id)
    .orderBy('b.received_date', 'desc')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    findingId: r.id,
    batchId: r.batch_id,
    seq: r.seq,
    text: r.text,
    status: r.status,
    receivedDate: r.received_date,
    batchLabel: batchLabel({ organizationName: r.organization_name, docNumber: r.doc_number, topic: r.topic }),
    similarity: r.similarity ?? 0,
    confirmedAt: r.confirmed_at,
    operator: r.operator,
  }));
}

/** What the finding page shows: proposed earlier findings, confirmed links both ways. */
export async function findingSimilarity(db: Db, findingId: number): Promise<FindingSimilarity> {
  const f = await findingRow(db, findingId);
  if (!f) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  const repeats = await links(db, 'finding_id', findingId);
  const repeatedBy = await links(db, 'earlier_finding_id', findingId);
  const linked = new Set(repeats.map((r) => r.findingId));
  const suggestions = (await findSimilar(db, f.text, { beforeBatchId: f.batch_id, excludeFindingIds: [findingId], limit: 5 })).filter((s) => !linked.has(s.findingId));
  return { findingId, suggestions, repeats, repeatedBy };
}

export async function confirmRepeat(trx: Db, actor: Actor, findingId: number, earlierFindingId: number): Promise<void> {
  if (findingId === earlierFindingId) throw new AppError('invalid_input', '不能把问题关联为它自己的再次反馈');
  const f = await findingRow(trx, findingId);
  const e = await findingRow(trx, earlierFindingId);
  if (!f || !e) throw new AppError('not_found', '找不到该反馈问题，可能已被删除');
  const earlier = e.received_date < f.received_date || (e.received_date === f.received_date && e.batch_id < f.batch_id);
  if (!earlier) throw new AppError('invalid_input', '只能关联更早批次的反馈问题：所选问题的批次收文日期不早于本问题的批次');
  const sdb = similarDb(trx);
  const exists = await sdb.selectFrom('finding_repeats').select('finding_id').where('finding_id', '=', findingId).where('earlier_finding_id', '=', earlierFindingId).executeTakeFirst();
  if (exists) return;
  const similarity = Math.round(textSimilarity(f.text, e.text) * 1000) / 1000;
  await sdb
    .insertInto('finding_repeats')
    .values({ finding_id: findingId, earlier_finding_id: earlierFindingId, similarity, confirmed_at: actor.at, operator: actor.operator })
    .execute();
  await audit(trx, actor, { action: 'create', entity: 'finding_repeat', entityId: findingId, after: { findingId, earlierFindingId, earlierSeq: e.seq, similarity } });
}

export async function unconfirmRepeat(trx: Db, actor: Actor, findingId: number, earlierFindingId: number): Promise<void> {
  const sdb = similarDb(trx);
  const before = await sdb.selectFrom('finding_repeats').selectAll().where('finding_id', '=', findingId).where('earlier_finding_id', '=', earlierFindingId).executeTakeFirst();
  if (!before) throw new AppError('not_found', '该再次反馈关联已不存在，可能已被他人取消');
  await sdb.deleteFrom('finding_repeats').where('finding_id', '=', findingId).where('earlier_finding_id', '=', earlierFindingId).execute();
  await audit(trx, actor, { action: 'delete', entity: 'finding_repeat', entityId: findingId, before });
}
