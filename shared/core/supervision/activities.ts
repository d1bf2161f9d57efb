import type { z } from 'zod';
import { ACTIVITY_KIND_LABEL, type ActivityDto, type ActivityKind, type activityInput } from '../../contract/supervision.ts';
import { chineseDate } from '../../domain/dates.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { batchLabel } from '../ledger/batches.ts';
import { auditSave, likeTerm, notFound, organizationName, yearBounds } from './common.ts';
import { filesOf, storeSupervisionFiles } from './files.ts';
import { sv } from './tables.ts';

/** 监督活动: the party's 专项监督 / 视察 / 调研 / 暗访 / 座谈 / 评议, and the 统战部's support actions. */

type Input = z.output<typeof activityInput>;

export const activityLabel = (a: { date: string; kind: string; organizationName: string }) =>
  `${chineseDate(a.date)} ${ACTIVITY_KIND_LABEL[a.kind as ActivityKind] ?? a.kind}（${a.organizationName}）`;

export async function listActivities(db: Db, filter: { year?: number | null; q?: string; ids?: number[] } = {}): Promise<ActivityDto[]> {
  let q = sv(db)
    .selectFrom('supervision_activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('batches as b', 'b.id', 'a.batch_id')
    .leftJoin('organizations as bo', 'bo.id', 'b.organization_id')
    .selectAll('a')
    .select(['o.name as organization_name', 'b.id as linked_batch', 'b.doc_number', 'b.topic', 'bo.name as batch_org']);
  if (filter.year) q = q.where('a.activity_date', '>=', yearBounds(filter.year).from).where('a.activity_date', '<=', yearBounds(filter.year).to);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.q) {
    const t = likeTerm(filter.q);
    q = q.where((eb) => eb.or(['a.place', 'a.participant_names', 'a.report_title', 'a.note', 'o.name'].map((c) => eb(eb.ref(c as 'a.place'), 'like', t))));
  }
  const rows = await q.orderBy('a.activity_date', 'desc').orderBy('a.id', 'desc').execute();
  const files = await filesOf(db, 'activity_id', rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ActivityKind,
    date: r.activity_date,
    place: r.place,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    participants: r.participants,
    participantNames: r.participant_names,
    reportTitle: r.report_title,
    batchId: r.batch_id,
    batchLabel: r.linked_batch ? batchLabel({ organizationName: r.batch_org ?? '', docNumber: r.doc_number ?? null, topic: r.topic ?? '' }) : null,
    note: r.note,
    files: files.get(r.id) ?? [],
  }));
}

export async function getActivity(db: Db, id: number): Promise<ActivityDto> {
  const [a] = await listActivities(db, { ids: [id] });
  if (!a) throw notFound('监督活动');
  return a;
}

export function activityAudit(a: ActivityDto): Record<string, unknown> {
  return {
    name: activityLabel(a),
    kind: ACTIVITY_KIND_LABEL[a.kind],
    date: a.date,
    place: a.place,
    organizationId: a.organizationId,
    participants: a.participants,
    participantNames: a.participantNames,
    reportTitle: a.reportTitle,
    batchId: a.batchLabel,
    note: a.note,
  };
}

export async function saveActivity(trx: Db, actor: Actor, dataDir: string, input: Input, onRollback: (undo: () => void) => void): Promise<ActivityDto> {
  await organizationName(trx, input.organizationId);
  if (input.batchId) {
    const b = await trx.selectFrom('batches').select('id').where('id', '=', input.batchId).executeTakeFirst();
    if (!b) throw new AppError('invalid_input', '所选的反馈批次不存在，可能已被删除，请重新选择', { path: 'batchId' });
  }
  const values = {
    kind: input.kind,
    activity_date: input.date,
    place: input.place,
    organization_id: input.organizationId,
    participants: input.participants,
    participant_names: input.participantNames,
    report_title: input.reportTitle,
    batch_id: input.batchId,
    note: input.note,
    updated_at: actor.at,
  };
  const before = input.id ? await getActivity(trx, input.id) : undefined;
  let id: number;
  if (input.id) {
    id = input.id;
    await sv(trx).updateTable('supervision_activities').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('supervision_activities').values({ ...values, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const added = await storeSupervisionFiles(trx, actor, dataDir, { activityId: id }, input.files, onRollback);
  const after = await getActivity(trx, id);
  await auditSave(trx, actor, 'supervision_activity', id, before && activityAudit(before), { ...activityAudit(after), ...(added.length ? { files: added } : {}) });
  return after;
}
