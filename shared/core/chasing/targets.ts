import { sql } from 'kysely';
import type { NoticeItemDto, NoticeLevel } from '../../contract/reports.ts';
import { NOTICE_LEVELS } from '../../contract/reports.ts';
import { measureNumber } from '../../domain/numbering.ts';
import { OPEN_STATUSES, type SignalThresholds } from '../../domain/signal.ts';
import { MEASURE_STATUS_LABEL } from '../../domain/vocabulary.ts';
import { AppError } from '../../errors.ts';
import type { Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { ledgerCountQuery } from '../ledger/ledger-query.ts';
import { signalDates } from '../ledger/signal-sql.ts';
import { deadlineWords } from '../reports/columns.ts';
import type { ReportRow } from '../reports/model.ts';
import { loadRows } from '../reports/rows.ts';
import { reportsDb } from '../reports/schema.ts';
import { idList, dialectOf } from '../db/dialect.ts';

/**
 * Whom a notice goes to and which items it lists. A notice is addressed to one 牵头单位 (the unit
 * that answers for the measure); one notice per unit listing all its late items is what offices send.
 */
export interface NoticeTarget {
  measureId?: number;
  measureIds?: number[];
  unitId?: number;
  /** With a unit: only its overdue (red) items. */
  lateOnly?: boolean;
}

export interface NoticeGroup {
  unitId: number;
  unitName: string;
  rows: ReportRow[];
}

/** Statuses a unit can still be chased for: open, and 长期坚持 whose periodic report is missing. */
const CHASABLE = [...OPEN_STATUSES, 'standing'] as const;

const short = (t: string) => (t.length > 24 ? `${t.slice(0, 24)}…` : t);
export const itemNumber = (r: Pick<ReportRow, 'findingSeq' | 'measureSeq'>) => measureNumber(r.findingSeq, r.measureSeq);

/** The items of one notice, or refuses in words a clerk can act on. Reads only. */
export async function groupFor(core: Core, target: NoticeTarget, t: SignalThresholds): Promise<NoticeGroup> {
  if (target.measureId && !target.measureIds?.length && !target.unitId) {
    const [row] = await loadRows(core, [target.measureId], t);
    if (!row) throw new AppError('not_found', '找不到这条整改措施，可能已被删除');
    if (row.signal.signal === 'green') {
      const why = OPEN_STATUSES.includes(row.status) ? '未逾期，也没有停滞' : `状态为“${MEASURE_STATUS_LABEL[row.status]}”`;
      throw new AppError('invalid_input', `这条措施${why}，不需要督办`);
    }
    return { unitId: row.leadUnitId, unitName: row.leadUnitName, rows: [row] };
  }

  const chosen = [...new Set([...(target.measureIds ?? []), ...(target.measureId ? [target.measureId] : [])])];
  if (chosen.length) {
    const rows = await loadRows(core, chosen, t);
    if (rows.length < chosen.length) throw new AppError('not_found', '所选措施中有的已被删除，请刷新后重试');
    const units = new Set(rows.map((r) => r.leadUnitId));
    if (units.size > 1) throw new AppError('invalid_input', '所选措施属于不同的牵头单位：一份通知只发给一个单位，请按单位分别催办');
    const unitId = rows[0].leadUnitId;
    if (target.unitId && target.unitId !== unitId) throw new AppError('invalid_input', `措施 ${itemNumber(rows[0])} 不由该单位牵头，不能列入发给该单位的通知`);
    const calm = rows.find((r) => r.signal.signal === 'green' || (target.lateOnly && r.signal.signal !== 'red'));
    if (calm) {
      const why = !CHASABLE.includes(calm.status as never) ? `状态为“${MEASURE_STATUS_LABEL[calm.status]}”` : target.lateOnly ? '未逾期' : '未逾期，也没有停滞';
      throw new AppError('invalid_input', `措施 ${itemNumber(calm)}“${short(calm.measureText)}”${why}，不需要催办；请取消选择后再发`);
    }
    return { unitId, unitName: rows[0].leadUnitName, rows };
  }

  const unit = await core.db.selectFrom('units').select(['id', 'name']).where('id', '=', target.unitId!).executeTakeFirst();
  if (!unit) throw new AppError('not_found', '找不到这个责任单位，可能已被合并或删除');
  const ids = await core.db
    .selectFrom('measures')
    .select('id')
    .where('lead_unit_id', '=', unit.id)
    .where('status', 'in', [...CHASABLE])
    .execute();
  const rows = (await loadRows(core, ids.map((r) => r.id), t)).filter((r) => (target.lateOnly ? r.signal.signal === 'red' : r.signal.signal !== 'green'));
  if (!rows.length) {
    throw new AppError(
      'invalid_input',
      target.lateOnly
        ? `“${unit.name}”牵头的措施中没有逾期未完成的，不需要发出通知，未生成任何通知`
        : `“${unit.name}”牵头的措施中没有逾期、临期或停滞的，不需要发出通知，未生成任何通知`,
    );
  }
  return { unitId: unit.id, unitName: unit.name, rows };
}

/** Every unit that leads an overdue measure, with those measures, by unit name. */
export async function lateGroups(core: Core, t: SignalThresholds): Promise<NoticeGroup[]> {
  const ids = await ledgerCountQuery(core.db, { signals: ['red'] }, signalDates(core.today(), t, core.dialect)).clearSelect().select('m.id').execute();
  const rows = (await loadRows(core, ids.map((r) => r.id), t)).filter((r) => r.signal.signal === 'red');
  const byUnit = new Map<number, NoticeGroup>();
  for (const r of rows) {
    const g = byUnit.get(r.leadUnitId) ?? { unitId: r.leadUnitId, unitName: r.leadUnitName, rows: [] };
    g.rows.push(r);
    byUnit.set(r.leadUnitId, g);
  }
  if (!byUnit.size) throw new AppError('invalid_input', '目前没有逾期未完成的整改措施，不需要发出通知，未生成任何通知');
  return [...byUnit.values()].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'));
}

/** One step above the highest level any of these measures was last chased at (提醒 → 督办 → 告诫). */
export async function nextLevel(db: Db, measureIds: readonly number[]): Promise<NoticeLevel> {
  const r = reportsDb(db);
  const rows = await r
    .selectFrom('notices as n')
    .select('n.level')
    .where((eb) =>
      eb.or([
        eb('n.id', 'in', eb.selectFrom('notice_measures').select('notice_id').where('measure_id', 'in', idList(dialectOf(db), measureIds))),
        // Notices restored from a 回收站 entry made before version 7 name their measure directly.
        eb('n.measure_id', 'in', idList(dialectOf(db), measureIds)),
      ]),
    )
    .execute();
  if (!rows.length) return 'reminder';
  const highest = Math.max(...rows.map((x) => NOTICE_LEVELS.indexOf(x.level)));
  return NOTICE_LEVELS[Math.min(highest + 1, NOTICE_LEVELS.length - 1)];
}

/** An item as a notice prints it. */
export function itemOf(r: ReportRow): NoticeItemDto {
  return {
    measureId: r.measureId,
    findingId: r.findingId,
    number: itemNumber(r),
    findingText: r.findingText,
    measureText: r.measureText,
    deadline: deadlineWords(r, true),
    overdueDays: r.signal.overdueDays,
    reason: r.signal.reason,
  };
}
