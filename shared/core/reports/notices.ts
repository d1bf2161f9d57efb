import { AppError } from '../../errors.ts';
import { addDays } from '../../domain/dates.ts';
import { OPEN_STATUSES } from '../../domain/signal.ts';
import { MEASURE_STATUS_LABEL } from '../../domain/vocabulary.ts';
import type { Core } from '../context.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { getReportOptions, formatNoticeNumber } from './options.ts';
import { loadRows } from './rows.ts';
import { NOTICE_LEVELS, NOTICE_LEVEL_LABEL, reportsDb, type Notice, type NoticeLevel } from './schema.ts';
import { NOTICE_HISTORY_ACTION } from '../../contract/reports.ts';
import { writeNotice } from './docx/notice.ts';

export interface NoticeRequest {
  measureId: number;
  /** Omitted: the next step after the measure's last notice (提醒 → 督办 → 告诫). */
  level?: NoticeLevel;
  replyBy?: string;
  note?: string | null;
}

/** The history action a notice leaves on its measure (status_changes.action). */
export const NOTICE_ACTION = NOTICE_HISTORY_ACTION;

/**
 * Issue a 督办通知单 for a late or stagnant measure: the next number of the year, recorded in the
 * notices table, on the measure's history and in the audit log, in one transaction.
 */
export async function createNotice(core: Core, req: NoticeRequest): Promise<Notice> {
  const settings = await getSettings(core.db);
  const options = await getReportOptions(core.db);
  const [row] = await loadRows(core, [req.measureId], thresholdsOf(settings));
  if (!row) throw new AppError('not_found', '找不到这条整改措施，可能已被删除');
  const s = row.signal;
  if (s.signal === 'green') {
    const why = OPEN_STATUSES.includes(row.status) ? '未逾期，也没有停滞' : `状态为“${MEASURE_STATUS_LABEL[row.status]}”`;
    throw new AppError('invalid_input', `这条措施${why}，不需要督办`);
  }
  return withWrite(core, async (trx, actor) => {
    const db = reportsDb(trx);
    const previous = await db.selectFrom('notices').select('level').where('measure_id', '=', req.measureId).orderBy('id', 'desc').executeTakeFirst();
    const level = req.level ?? (previous ? NOTICE_LEVELS[Math.min(NOTICE_LEVELS.indexOf(previous.level) + 1, NOTICE_LEVELS.length - 1)] : 'reminder');
    const year = Number(actor.today.slice(0, 4));
    const last = await db.selectFrom('notices').select((eb) => eb.fn.max('number').as('n')).where('year', '=', year).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const replyBy = req.replyBy ?? addDays(actor.today, options.replyDays);
    if (replyBy < actor.today) throw new AppError('invalid_input', '反馈时限不能早于今天');
    const values = {
      measure_id: row.measureId,
      unit_id: row.leadUnitId,
      unit_name: row.leadUnitName,
      year,
      number,
      doc_number: formatNoticeNumber(options.noticeFormat, year, number),
      level,
      issued_date: actor.today,
      reply_by: replyBy,
      overdue_days: s.overdueDays,
      stagnant_days: s.stagnantDays,
      reason: s.reason,
      measure_status: row.status,
      note: req.note ?? null,
      operator: actor.operator,
      created_at: actor.at,
    };
    const notice = await db.insertInto('notices').values(values).returningAll().executeTakeFirstOrThrow();
    await trx
      .insertInto('status_changes')
      .values({
        measure_id: row.measureId,
        action: NOTICE_ACTION,
        from_status: row.status,
        to_status: row.status,
        change_date: actor.today,
        note: `发出${NOTICE_LEVEL_LABEL[level]}通知单 ${notice.doc_number}（${s.reason}），请于${replyBy}前反馈`,
        operator: actor.operator,
        created_at: actor.at,
      })
      .execute();
    await audit(trx, actor, { action: NOTICE_ACTION, entity: 'measure', entityId: row.measureId, after: notice });
    return notice;
  });
}

export async function listNotices(core: Core, q: { measureId?: number; year?: number; limit: number }) {
  return reportsDb(core.db)
    .selectFrom('notices as n')
    .innerJoin('measures as m', 'm.id', 'n.measure_id')
    .select(['n.id', 'n.measure_id', 'n.doc_number', 'n.level', 'n.issued_date', 'n.reply_by', 'n.reason', 'n.operator', 'n.unit_name', 'm.text as measure_text', 'm.finding_id', 'm.status'])
    .$if(q.measureId !== undefined, (b) => b.where('n.measure_id', '=', q.measureId!))
    .$if(q.year !== undefined, (b) => b.where('n.year', '=', q.year!))
    .orderBy('n.year', 'desc')
    .orderBy('n.number', 'desc')
    .limit(q.limit)
    .execute();
}

/** The notice's Word file, the same paper each time it is printed. */
export async function renderNotice(core: Core, id: number): Promise<{ notice: Notice; bytes: Buffer }> {
  const notice = await reportsDb(core.db).selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!notice) throw new AppError('not_found', '找不到这份督办通知单');
  const settings = await getSettings(core.db);
  const [row] = await loadRows(core, [notice.measure_id], thresholdsOf(settings));
  if (!row) throw new AppError('not_found', '督办通知单对应的整改措施已被删除');
  const contact = settings.operator ? `联系人：${settings.operator}` : '';
  return { notice, bytes: await writeNotice({ notice, row, officeName: settings.officeName, contact }) };
}
