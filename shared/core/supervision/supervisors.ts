import type { z } from 'zod';
import { SUPERVISOR_KIND_LABEL, SUPERVISOR_STATUS_LABEL, type SupervisorDetailDto, type SupervisorDto, type supervisorInput, type SupervisorKind, type SupervisorStatus } from '../../contract/supervision.ts';
import { addDays } from '../../domain/dates.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/open.ts';
import { auditSave, likeTerm, notFound, organizationName } from './common.ts';
import { sv, type SupervisorTable } from './tables.ts';
import type { Selectable } from 'kysely';

/**
 * 特邀监督员 / 扶贫调查员. The phone is personal data: lists and exports leave it out; only the
 * detail (supervisors:get, the edit form) reads it, and the 操作日志 records only whether there is one.
 */

type Input = z.output<typeof supervisorInput>;

export const supervisorLabel = (s: { kind: string; name: string; organizationName: string }) =>
  `${SUPERVISOR_KIND_LABEL[s.kind as SupervisorKind] ?? s.kind} ${s.name}（${s.organizationName}）`;

/** End of a term given in years: the day before the anniversary. */
export function termEndOf(appointed: string, years: number): string {
  const [y, m, d] = appointed.split('-').map(Number);
  const anniversary = `${y + years}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`;
  return addDays(anniversary, -1);
}

function toDto(r: Selectable<SupervisorTable> & { organization_name: string }): SupervisorDetailDto {
  return {
    id: r.id,
    kind: r.kind as SupervisorKind,
    name: r.name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    workUnit: r.work_unit,
    appointedDate: r.appointed_date,
    termYears: r.term_years,
    termEnd: r.term_end,
    status: r.status as SupervisorStatus,
    leftDate: r.left_date,
    note: r.note,
    hasPhone: !!r.phone,
    phone: r.phone,
  };
}

async function rowsOf(db: Db, filter: { q?: string; ids?: number[] }) {
  let q = sv(db).selectFrom('supervisors as s').innerJoin('organizations as o', 'o.id', 's.organization_id').selectAll('s').select('o.name as organization_name');
  if (filter.ids) q = q.where('s.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.q) {
    const t = likeTerm(filter.q);
    q = q.where((eb) => eb.or(['s.name', 's.work_unit', 's.note', 'o.name'].map((c) => eb(eb.ref(c as 's.name'), 'like', t))));
  }
  return q.orderBy('s.status').orderBy('s.appointed_date', 'desc').orderBy('s.id').execute();
}

export async function listSupervisors(db: Db, filter: { q?: string } = {}): Promise<SupervisorDto[]> {
  return (await rowsOf(db, filter)).map((r) => {
    const { phone: _phone, ...dto } = toDto(r);
    return dto;
  });
}

/** With the phone: for the register's detail and the export that asked for contacts. */
export async function listSupervisorDetails(db: Db): Promise<SupervisorDetailDto[]> {
  return (await rowsOf(db, {})).map(toDto);
}

export async function getSupervisor(db: Db, id: number): Promise<SupervisorDetailDto> {
  const [r] = await rowsOf(db, { ids: [id] });
  if (!r) throw notFound('特邀监督员');
  return toDto(r);
}

const auditView = (s: SupervisorDetailDto) => ({
  name: supervisorLabel(s),
  kind: SUPERVISOR_KIND_LABEL[s.kind],
  supervisorName: s.name,
  organizationId: s.organizationId,
  workUnit: s.workUnit,
  appointedDate: s.appointedDate,
  termYears: s.termYears,
  termEnd: s.termEnd,
  status: SUPERVISOR_STATUS_LABEL[s.status],
  leftDate: s.leftDate,
  hasPhone: s.hasPhone ? '已填写' : '未填写',
  note: s.note,
});

export async function saveSupervisor(trx: Db, actor: Actor, input: Input): Promise<SupervisorDetailDto> {
  await organizationName(trx, input.organizationId);
  const values = {
    kind: input.kind,
    name: input.name,
    organization_id: input.organizationId,
    work_unit: input.workUnit,
    appointed_date: input.appointedDate,
    term_years: input.termYears,
    term_end: input.termEnd ?? (input.termYears ? termEndOf(input.appointedDate, input.termYears) : null),
    phone: input.phone,
    status: input.status,
    left_date: input.status === 'dismissed' ? input.leftDate : null,
    note: input.note,
    updated_at: actor.at,
  };
  const before = input.id ? await getSupervisor(trx, input.id) : undefined;
  let id: number;
  if (input.id) {
    id = input.id;
    await sv(trx).updateTable('supervisors').set(values).where('id', '=', id).execute();
  } else {
    id = (await sv(trx).insertInto('supervisors').values({ ...values, created_at: actor.at }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const after = await getSupervisor(trx, id);
  await auditSave(trx, actor, 'supervisor', id, before && auditView(before), auditView(after));
  return after;
}
