import type { z } from 'zod';
import { BRIEFING_KIND_LABEL, type BriefingDto, type briefingInput, type BriefingKind } from '../../contract/supervision.ts';
import { chineseDate } from '../../domain/dates.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { auditSave, likeTerm, notFound, organizationName, yearBounds } from './common.ts';
import { sv } from './tables.ts';

/** 通报: each 通报会, 座谈会, document sent or invitation made to a party — the "定期通报". */

type Input = z.output<typeof briefingInput>;

export const briefingLabel = (b: { date: string; kind: string; title: string }) =>
  `${chineseDate(b.date)} ${BRIEFING_KIND_LABEL[b.kind as BriefingKind] ?? b.kind}：${b.title}`;

export async function listBriefings(db: Db, filter: { year?: number | null; q?: string; ids?: number[] } = {}): Promise<BriefingDto[]> {
  let q = sv(db).selectFrom('supervision_briefings as b').innerJoin('organizations as o', 'o.id', 'b.organization_id').selectAll('b').select('o.name as organization_name');
  if (filter.year) q = q.where('b.briefing_date', '>=', yearBounds(filter.year).from).where('b.briefing_date', '<=', yearBounds(filter.year).to);
  if (filter.ids) q = q.where('b.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.q) {
    const t = likeTerm(filter.q);
    q = q.where((eb) => eb.or(['b.title', 'b.note', 'o.name'].map((c) => eb(eb.ref(c as 'b.title'), 'like', t))));
  }
  const rows = await q.orderBy('b.briefing_date', 'desc').orderBy('b.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as BriefingKind,
    date: r.briefing_date,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    title: r.title,
    note: r.note,
  }));
}

export async function getBriefing(db: Db, id: number): Promise<BriefingDto> {
  const [b] = await listBriefings(db, { ids: [id] });
  if (!b) throw notFound('通报记录');
  return b;
}

const auditView = (b: BriefingDto) => ({
  name: briefingLabel(b),
  kind: BRIEFING_KIND_LABEL[b.kind],
  date: b.date,
  organizationId: b.organizationId,
  title: b.title,
  note: b.note,
});

export async function saveBriefing(trx: Db, actor: Actor, input: Input): Promise<BriefingDto> {
  await organizationName(trx, input.organizationId);
  const values = { kind: input.kind, briefing_date: input.date, organization_id: input.organizationId, title: input.title, note: input.note, updated_at: actor.at };
  const before = input.id ? await getBriefing(trx, input.id) : undefined;
  let id: number;
  if (input.id) {
    id = input.id;
    await sv(trx).updateTable('supervision_briefings').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('supervision_briefings').values({ ...values, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const after = await getBriefing(trx, id);
  await auditSave(trx, actor, 'supervision_briefing', id, before && auditView(before), auditView(after));
  return after;
}
