import type { z } from 'zod';
import { WINDOW_LEVEL_LABEL, type WindowDto, type windowInput, type WindowLevel } from '../../contract/supervision.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { auditSave, likeTerm, notFound, organizationName } from './common.ts';
import { sv } from './tables.ts';

/** 观察窗口: a county, township or village point where a party watches households, and what it reported. */

type Input = z.output<typeof windowInput>;

export const windowLabel = (w: { level: string; place: string }) => `${WINDOW_LEVEL_LABEL[w.level as WindowLevel] ?? w.level} ${w.place}`;

export async function listWindows(db: Db, filter: { q?: string; ids?: number[] } = {}): Promise<WindowDto[]> {
  let q = sv(db).selectFrom('observation_windows as w').innerJoin('organizations as o', 'o.id', 'w.organization_id').selectAll('w').select('o.name as organization_name');
  if (filter.ids) q = q.where('w.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.q) {
    const t = likeTerm(filter.q);
    q = q.where((eb) => eb.or(['w.place', 'w.reports', 'w.note', 'o.name'].map((c) => eb(eb.ref(c as 'w.place'), 'like', t))));
  }
  const rows = await q.orderBy('w.established_date', 'desc').orderBy('w.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    level: r.level as WindowLevel,
    place: r.place,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    households: r.households,
    establishedDate: r.established_date,
    reports: r.reports,
    note: r.note,
  }));
}

export async function getWindow(db: Db, id: number): Promise<WindowDto> {
  const [w] = await listWindows(db, { ids: [id] });
  if (!w) throw notFound('观察窗口');
  return w;
}

const auditView = (w: WindowDto) => ({
  name: windowLabel(w),
  level: WINDOW_LEVEL_LABEL[w.level],
  place: w.place,
  organizationId: w.organizationId,
  households: w.households,
  establishedDate: w.establishedDate,
  reports: w.reports,
  note: w.note,
});

export async function saveWindow(trx: Db, actor: Actor, input: Input): Promise<WindowDto> {
  await organizationName(trx, input.organizationId);
  const values = {
    level: input.level,
    place: input.place,
    organization_id: input.organizationId,
    households: input.households,
    established_date: input.establishedDate,
    reports: input.reports,
    note: input.note,
    updated_at: actor.at,
  };
  const before = input.id ? await getWindow(trx, input.id) : undefined;
  let id: number;
  if (input.id) {
    id = input.id;
    await sv(trx).updateTable('observation_windows').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('observation_windows').values({ ...values, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const after = await getWindow(trx, id);
  await auditSave(trx, actor, 'observation_window', id, before && auditView(before), auditView(after));
  return after;
}
