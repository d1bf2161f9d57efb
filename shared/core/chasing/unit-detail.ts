import { sql } from 'kysely';
import type { UnitDetailDto, UnitItemDto, UnitNoticeRefDto } from '../../contract/chasing.ts';
import { NOTICE_LEVELS, type NoticeLevel } from '../../contract/reports.ts';
import type { MeasureStatus } from '../../domain/vocabulary.ts';
import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { deadlineWords } from '../reports/columns.ts';
import { listNotices } from '../reports/notices.ts';
import { loadRows } from '../reports/rows.ts';
import { reportsDb } from '../reports/schema.ts';
import { itemNumber } from './targets.ts';

/** 未办结, as the units list counts it. */
const OPEN: MeasureStatus[] = ['not_started', 'in_progress', 'pending'];
/** Rows a list shows at most; the ledger filtered by the unit has them all. */
const LIMIT = 1000;

/** A unit's page: its contact, its open, late and chased items and the notices it received. Reads only. */
export async function unitDetail(core: Core, unitId: number): Promise<UnitDetailDto> {
  const db = core.db;
  const unit = await db.selectFrom('units').select(['id', 'name', 'contact_person', 'contact_phone']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new AppError('not_found', '找不到这个责任单位，可能已被合并或删除');
  const aliases = (await db.selectFrom('unit_aliases').select('alias').where('unit_id', '=', unitId).orderBy('alias').execute()).map((a) => a.alias);

  const lead = await db.selectFrom('measures').select(['id', 'status']).where('lead_unit_id', '=', unitId).execute();
  const coOpen = await db
    .selectFrom('measure_co_units as c')
    .innerJoin('measures as m', 'm.id', 'c.measure_id')
    .select('m.id')
    .where('c.unit_id', '=', unitId)
    .where('m.status', 'in', OPEN)
    .execute();
  const notices = await listNotices(core, { unitId, limit: LIMIT });
  const refs = new Map<number, UnitNoticeRefDto[]>();
  for (const n of notices) {
    for (const i of n.items) {
      refs.set(i.measureId, [...(refs.get(i.measureId) ?? []), { id: n.id, docNumber: n.docNumber, level: n.level, issuedDate: n.issuedDate, replyBy: n.replyBy }]);
    }
  }
  const leadIds = new Set(lead.map((m) => m.id));
  const chasedIds = [...refs.keys()].filter((id) => leadIds.has(id));
  const openLead = lead.filter((m) => OPEN.includes(m.status)).map((m) => m.id);
  const wanted = [...new Set([...openLead, ...coOpen.map((m) => m.id), ...chasedIds])];
  const truncated = wanted.length > 3 * LIMIT;

  const t = thresholdsOf(await getSettings(db));
  const rows = await loadRows(core, wanted.slice(0, 3 * LIMIT), t, { details: false });
  const items: UnitItemDto[] = rows.map((r) => ({
    measureId: r.measureId,
    findingId: r.findingId,
    number: itemNumber(r),
    findingText: r.findingText,
    measureText: r.measureText,
    role: r.leadUnitId === unitId ? 'lead' : 'co',
    deadline: deadlineWords(r, true),
    status: r.status,
    signal: r.signal.signal,
    signalReason: r.signal.reason,
    overdueDays: r.signal.overdueDays,
    lastProgressDate: r.lastProgressDate,
    notices: refs.get(r.measureId) ?? [],
  }));

  const open = items.filter((i) => OPEN.includes(i.status));
  const late = items.filter((i) => i.role === 'lead' && i.signal === 'red').sort((a, b) => b.overdueDays - a.overdueDays);
  const chased = items
    .filter((i) => i.role === 'lead' && i.notices.length)
    .sort((a, b) => b.notices[0].issuedDate.localeCompare(a.notices[0].issuedDate) || b.notices[0].id - a.notices[0].id);
  const byLevel = Object.fromEntries(NOTICE_LEVELS.map((l) => [l, 0])) as Record<NoticeLevel, number>;
  const levelCounts = await reportsDb(db).selectFrom('notices').select(['level', sql<number>`count(*)`.as('n')]).where('unit_id', '=', unitId).groupBy('level').execute();
  for (const c of levelCounts) if (c.level in byLevel) byLevel[c.level] = Number(c.n);

  return {
    unit: { id: unit.id, name: unit.name, contactPerson: unit.contact_person, contactPhone: unit.contact_phone, aliases },
    counts: {
      lead: lead.length,
      open: openLead.length,
      late: late.length,
      chased: chasedIds.length,
      coOpen: coOpen.length,
      notices: Object.values(byLevel).reduce((a, b) => a + b, 0),
      byLevel,
    },
    open: open.slice(0, LIMIT),
    late: late.slice(0, LIMIT),
    chased: chased.slice(0, LIMIT),
    notices,
    truncated: truncated || open.length > LIMIT || late.length > LIMIT || chased.length > LIMIT,
  };
}
