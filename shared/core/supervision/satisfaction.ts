import type { z } from 'zod';
import { SATISFACTION_LABEL, type SatisfactionDto, type SatisfactionGrade, type satisfactionInput } from '../../contract/supervision.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { auditSave, notFound, yearBounds } from './common.ts';
import { sv } from './tables.ts';

/**
 * 满意度: the party's grade (满意 / 基本满意 / 不满意) of how its feedback was handled, from its reply
 * to our 反馈函 — one per batch and, where the party grades them, one per finding. Saving a grade
 * for a batch (or finding) that has one replaces it.
 */

type Input = z.output<typeof satisfactionInput>;

const short = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

export const satisfactionLabel = (s: { batchLabel: string; findingLabel: string | null; grade: string }) =>
  `${s.findingLabel ? `${s.findingLabel}（${s.batchLabel}）` : s.batchLabel}：${SATISFACTION_LABEL[s.grade as SatisfactionGrade] ?? s.grade}`;

export async function listSatisfaction(db: Db, filter: { batchId?: number; year?: number | null; ids?: number[] } = {}): Promise<SatisfactionDto[]> {
  let q = sv(db)
    .selectFrom('satisfaction_ratings as s')
    .innerJoin('batches as b', 'b.id', 's.batch_id')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .leftJoin('findings as f', 'f.id', 's.finding_id')
    .selectAll('s')
    .select(['o.name as organization_name', 'b.doc_number', 'b.topic', 'f.seq', 'f.text']);
  if (filter.batchId) q = q.where('s.batch_id', '=', filter.batchId);
  if (filter.year) q = q.where('s.rating_date', '>=', yearBounds(filter.year).from).where('s.rating_date', '<=', yearBounds(filter.year).to);
  if (filter.ids) q = q.where('s.id', 'in', filter.ids.length ? filter.ids : [-1]);
  const rows = await q.orderBy('s.rating_date', 'desc').orderBy('s.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batch_id,
    batchLabel: batchLabel({ organizationName: r.organization_name, docNumber: r.doc_number, topic: r.topic }),
    findingId: r.finding_id,
    findingLabel: r.finding_id ? `${r.seq}. ${short(r.text ?? '')}` : null,
    grade: r.grade as SatisfactionGrade,
    date: r.rating_date,
    note: r.note,
  }));
}

export async function getSatisfaction(db: Db, id: number): Promise<SatisfactionDto> {
  const [s] = await listSatisfaction(db, { ids: [id] });
  if (!s) throw notFound('满意度评价');
  return s;
}

const auditView = (s: SatisfactionDto) => ({ name: satisfactionLabel(s), grade: SATISFACTION_LABEL[s.grade], date: s.date, note: s.note });

export async function saveSatisfaction(trx: Db, actor: Actor, input: Input): Promise<SatisfactionDto> {
  const batch = await trx.selectFrom('batches').select('id').where('id', '=', input.batchId).executeTakeFirst();
  if (!batch) throw new AppError('invalid_input', '所选的反馈批次不存在，可能已被删除，请刷新', { path: 'batchId' });
  if (input.findingId) {
    const f = await trx.selectFrom('findings').select('batch_id').where('id', '=', input.findingId).executeTakeFirst();
    if (!f || f.batch_id !== input.batchId) throw new AppError('invalid_input', '所选的反馈问题不属于这个反馈批次，请重新选择', { path: 'findingId' });
  }
  const existing = await sv(trx)
    .selectFrom('satisfaction_ratings')
    .select('id')
    .where('batch_id', '=', input.batchId)
    .where((eb) => (input.findingId ? eb('finding_id', '=', input.findingId) : eb('finding_id', 'is', null)))
    .executeTakeFirst();
  const values = { grade: input.grade, rating_date: input.date, note: input.note, updated_at: actor.at };
  const before = existing ? await getSatisfaction(trx, existing.id) : undefined;
  let id: number;
  if (existing) {
    id = existing.id;
    await sv(trx).updateTable('satisfaction_ratings').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('satisfaction_ratings').values({ ...values, batch_id: input.batchId, finding_id: input.findingId, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const after = await getSatisfaction(trx, id);
  await auditSave(trx, actor, 'satisfaction', id, before && auditView(before), auditView(after));
  return after;
}
