import type { z } from 'zod';
import type { RelationDto, relationInput } from '../../contract/supervision.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { auditSave, likeTerm, notFound, organizationName } from './common.ts';
import { filesOf, storeSupervisionFiles } from './files.ts';
import { sv } from './tables.ts';

/** 对口监督关系: which party supervises which area or unit, since when, under which 实施方案. */

type Input = z.output<typeof relationInput>;

export const relationLabel = (r: { organizationName: string; area: string }) => `${r.organizationName} → ${r.area}`;

const splitAreas = (s: string | null) => (s ? s.split('、').filter(Boolean) : []);

export async function listRelations(db: Db, filter: { q?: string; ids?: number[] } = {}): Promise<RelationDto[]> {
  let q = sv(db).selectFrom('supervision_relations as r').innerJoin('organizations as o', 'o.id', 'r.organization_id').selectAll('r').select('o.name as organization_name');
  if (filter.ids) q = q.where('r.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.q) {
    const t = likeTerm(filter.q);
    q = q.where((eb) => eb.or(['r.area', 'r.plan_title', 'r.plan_doc_number', 'r.focus_areas', 'r.note', 'o.name'].map((c) => eb(eb.ref(c as 'r.area'), 'like', t))));
  }
  const rows = await q.orderBy('r.since_date', 'desc').orderBy('r.id', 'desc').execute();
  const files = await filesOf(db, 'relation_id', rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    area: r.area,
    sinceDate: r.since_date,
    planTitle: r.plan_title,
    planDocNumber: r.plan_doc_number,
    focusAreas: splitAreas(r.focus_areas),
    note: r.note,
    files: files.get(r.id) ?? [],
  }));
}

export async function getRelation(db: Db, id: number): Promise<RelationDto> {
  const [r] = await listRelations(db, { ids: [id] });
  if (!r) throw notFound('对口监督关系');
  return r;
}

const auditView = (r: RelationDto) => ({
  name: relationLabel(r),
  organizationId: r.organizationId,
  area: r.area,
  sinceDate: r.sinceDate,
  planTitle: r.planTitle,
  planDocNumber: r.planDocNumber,
  focusAreas: r.focusAreas,
  note: r.note,
});

export async function saveRelation(trx: Db, actor: Actor, dataDir: string, input: Input, onRollback: (undo: () => void) => void): Promise<RelationDto> {
  await organizationName(trx, input.organizationId);
  const values = {
    organization_id: input.organizationId,
    area: input.area,
    since_date: input.sinceDate,
    plan_title: input.planTitle,
    plan_doc_number: input.planDocNumber,
    focus_areas: [...new Set(input.focusAreas)].join('、') || null,
    note: input.note,
    updated_at: actor.at,
  };
  const before = input.id ? await getRelation(trx, input.id) : undefined;
  let id: number;
  if (input.id) {
    id = input.id;
    await sv(trx).updateTable('supervision_relations').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('supervision_relations').values({ ...values, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const added = await storeSupervisionFiles(trx, actor, dataDir, { relationId: id }, input.files, onRollback);
  const after = await getRelation(trx, id);
  await auditSave(trx, actor, 'supervision_relation', id, before && auditView(before), { ...auditView(after), ...(added.length ? { files: added } : {}) });
  return after;
}
