import { sql } from 'kysely';
import { AppError } from '../../errors.ts';
import { addDays, chineseDate } from '../../domain/dates.ts';
import type { NoticeDto, NoticePlanDto } from '../../contract/reports.ts';
import { NOTICE_DOC_NAME, NOTICE_HISTORY_ACTION } from '../../contract/reports.ts';
import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { groupFor, itemOf, lateGroups, nextLevel, type NoticeGroup, type NoticeTarget } from '../chasing/targets.ts';
import { getReportOptions, formatNoticeNumber } from './options.ts';
import { loadRows } from './rows.ts';
import { reportsDb, type Notice, type NoticeItem, type NoticeLevel } from './schema.ts';
import { writeNotice } from './docx/notice.ts';
import { idList, dialectOf } from '../db/dialect.ts';

export interface NoticeWording {
  /** Omitted: the next step after the items' last notice (提醒 → 督办 → 告诫). */
  level?: NoticeLevel;
  replyBy?: string;
  note?: string | null;
}

export type NoticeRequest = NoticeTarget & NoticeWording;

/** The history action a notice leaves on each of its measures (status_changes.action). */
export const NOTICE_ACTION = NOTICE_HISTORY_ACTION;

/** Issue one notice to one unit (from a measure, chosen measures, or a unit), in one transaction. */
export async function createNotice(core: Core, req: NoticeRequest): Promise<Notice> {
  const group = await groupFor(core, req, thresholdsOf(await getSettings(core.db)));
  const [notice] = await issue(core, [group], req);
  return notice;
}

/** One notice per unit that leads an overdue measure, listing all of them, in one transaction. */
export async function createAllNotices(core: Core, wording: NoticeWording): Promise<Notice[]> {
  return issue(core, await lateGroups(core, thresholdsOf(await getSettings(core.db))), wording);
}

/** What issuing would send (nothing is written). */
export async function previewNotices(core: Core, req: NoticeTarget & { all?: boolean; level?: NoticeLevel }): Promise<NoticePlanDto[]> {
  const t = thresholdsOf(await getSettings(core.db));
  const groups = req.all ? await lateGroups(core, t) : [await groupFor(core, req, t)];
  const plans: NoticePlanDto[] = [];
  for (const g of groups) {
    plans.push({ unitId: g.unitId, unitName: g.unitName, level: req.level ?? (await nextLevel(core.db, g.rows.map((r) => r.measureId))), items: g.rows.map(itemOf) });
  }
  return plans;
}

/**
 * Numbered notices, each recorded with its items (as printed), on each measure's history and in
 * the audit log. Numbers run on within the year; the reply date is today + the office's reply days.
 */
async function issue(core: Core, groups: NoticeGroup[], wording: NoticeWording): Promise<Notice[]> {
  const settings = await getSettings(core.db);
  const options = await getReportOptions(core.db);
  return withWrite(core, async (trx, actor) => {
    const replyBy = wording.replyBy ?? addDays(actor.today, settings.replyDays);
    if (replyBy < actor.today) throw new AppError('invalid_input', '反馈时限不能早于今天');
    const db = reportsDb(trx);
    const year = Number(actor.today.slice(0, 4));
    const last = await db.selectFrom('notices').select((eb) => eb.fn.max('number').as('n')).where('year', '=', year).executeTakeFirst();
    let number = Number(last?.n ?? 0);
    const out: Notice[] = [];
    for (const g of groups) {
      number += 1;
      const level = wording.level ?? (await nextLevel(trx, g.rows.map((r) => r.measureId)));
      out.push(await insertNotice(trx, actor, g, { level, replyBy, note: wording.note ?? null, year, number, docNumber: formatNoticeNumber(options.noticeFormat, year, number) }, settings));
    }
    return out;
  });
}

async function insertNotice(
  trx: Db,
  actor: Actor,
  g: NoticeGroup,
  n: { level: NoticeLevel; replyBy: string; note: string | null; year: number; number: number; docNumber: string },
  settings: { officeName: string; contactName: string; contactPhone: string },
): Promise<Notice> {
  const db = reportsDb(trx);
  const items = g.rows.map(itemOf);
  const stagnant = g.rows.map((r) => r.signal.stagnantDays ?? 0);
  const notice = await db
    .insertInto('notices')
    .values({
      measure_id: null,
      unit_id: g.unitId,
      unit_name: g.unitName,
      year: n.year,
      number: n.number,
      doc_number: n.docNumber,
      level: n.level,
      issued_date: actor.today,
      reply_by: n.replyBy,
      overdue_days: Math.max(...items.map((i) => i.overdueDays)),
      stagnant_days: Math.max(...stagnant) || null,
      reason: items.length === 1 ? items[0].reason : reasonOfMany(g),
      measure_status: items.length === 1 ? g.rows[0].status : null,
      note: n.note,
      operator: actor.operator,
      created_at: actor.at,
      office_name: settings.officeName || null,
      contact_name: settings.contactName || null,
      contact_phone: settings.contactPhone || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const docName = NOTICE_DOC_NAME[n.level];
  for (const [i, r] of g.rows.entries()) {
    const item = items[i];
    await db
      .insertInto('notice_measures')
      .values({
        notice_id: notice.id,
        measure_id: r.measureId,
        position: i + 1,
        item_number: item.number,
        finding_text: r.findingText,
        measure_text: r.measureText,
        deadline_words: item.deadline,
        overdue_days: item.overdueDays,
        stagnant_days: r.signal.stagnantDays,
        reason: item.reason,
        measure_status: r.status,
      })
      .execute();
    await trx
      .insertInto('status_changes')
      .values({
        measure_id: r.measureId,
        action: NOTICE_ACTION,
        from_status: r.status,
        to_status: r.status,
        change_date: actor.today,
        note: `发出${docName} ${notice.doc_number}（${item.reason}${items.length > 1 ? `；同一通知共列 ${items.length} 项` : ''}），请${g.unitName}于${chineseDate(n.replyBy)}前反馈`,
        operator: actor.operator,
        created_at: actor.at,
      })
      .execute();
    await audit(trx, actor, {
      action: NOTICE_ACTION,
      entity: 'measure',
      entityId: r.measureId,
      after: { notice: notice.doc_number, level: n.level, unit: g.unitName, items: items.map((x) => x.number), replyBy: n.replyBy },
    });
  }
  return notice;
}

function reasonOfMany(g: NoticeGroup): string {
  const red = g.rows.filter((r) => r.signal.signal === 'red').length;
  const other = g.rows.length - red;
  return [red ? `逾期 ${red} 项` : '', other ? `临期或停滞 ${other} 项` : ''].filter(Boolean).join('，');
}

/** Notices, newest first, with their items; for one measure (each notice that lists it) or one unit. */
export async function listNotices(core: Core, q: { measureId?: number; unitId?: number; year?: number; limit: number }): Promise<NoticeDto[]> {
  const r = reportsDb(core.db);
  const notices = await r
    .selectFrom('notices as n')
    .selectAll('n')
    .$if(q.measureId !== undefined, (b) =>
      b.where((eb) => eb.or([eb('n.id', 'in', eb.selectFrom('notice_measures').select('notice_id').where('measure_id', '=', q.measureId!)), eb('n.measure_id', '=', q.measureId!)])),
    )
    .$if(q.unitId !== undefined, (b) => b.where('n.unit_id', '=', q.unitId!))
    .$if(q.year !== undefined, (b) => b.where('n.year', '=', q.year!))
    .orderBy('n.year', 'desc')
    .orderBy('n.number', 'desc')
    .limit(q.limit)
    .execute();
  const items = await itemsOf(core, notices);
  return notices.map((n) => noticeDto(n, items.get(n.id) ?? []));
}

/** Each notice's items as printed, with each measure's finding (null once the measure is gone). */
async function itemsOf(core: Core, notices: readonly Notice[]): Promise<Map<number, (NoticeItem & { finding_id: number })[]>> {
  const map = new Map<number, (NoticeItem & { finding_id: number })[]>();
  if (!notices.length) return map;
  const ids = notices.map((n) => n.id);
  const rows = await reportsDb(core.db)
    .selectFrom('notice_measures as i')
    .innerJoin('measures as m', 'm.id', 'i.measure_id')
    .selectAll('i')
    .select('m.finding_id')
    .where('i.notice_id', 'in', idList(core.dialect, ids))
    .orderBy('i.notice_id')
    .orderBy('i.position')
    .execute();
  for (const row of rows) {
    const list = map.get(row.notice_id) ?? [];
    list.push(row);
    map.set(row.notice_id, list);
  }
  // A notice restored from a 回收站 entry made before version 7 names its one measure directly.
  const legacy = notices.filter((n) => n.measure_id !== null && !map.has(n.id));
  if (legacy.length) {
    const t = thresholdsOf(await getSettings(core.db));
    const current = new Map((await loadRows(core, legacy.map((n) => n.measure_id!), t)).map((row) => [row.measureId, row]));
    for (const n of legacy) {
      const row = current.get(n.measure_id!);
      if (!row) continue;
      const item = itemOf(row);
      map.set(n.id, [{
        notice_id: n.id, measure_id: row.measureId, position: 1, item_number: item.number, finding_text: row.findingText, measure_text: row.measureText,
        deadline_words: item.deadline, overdue_days: n.overdue_days, stagnant_days: n.stagnant_days, reason: n.reason, measure_status: n.measure_status ?? row.status,
        finding_id: row.findingId,
      }]);
    }
  }
  return map;
}

function noticeDto(n: Notice, items: (NoticeItem & { finding_id: number })[]): NoticeDto {
  return {
    id: n.id,
    measureId: items[0]?.measure_id ?? null,
    findingId: items[0]?.finding_id ?? null,
    docNumber: n.doc_number,
    level: n.level,
    unitId: n.unit_id,
    unitName: n.unit_name,
    measureText: items.length > 1 ? `${items[0].measure_text}（等 ${items.length} 项）` : (items[0]?.measure_text ?? '（所列措施已删除）'),
    issuedDate: n.issued_date,
    replyBy: n.reply_by,
    reason: n.reason,
    operator: n.operator,
    items: items.map((i) => ({
      measureId: i.measure_id,
      findingId: i.finding_id,
      number: i.item_number,
      findingText: i.finding_text,
      measureText: i.measure_text,
      deadline: i.deadline_words,
      overdueDays: i.overdue_days,
      reason: i.reason,
    })),
  };
}

export async function getNotice(core: Core, id: number): Promise<NoticeDto> {
  const n = await reportsDb(core.db).selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw new AppError('not_found', '找不到这份通知，可能已被删除');
  return noticeDto(n, (await itemsOf(core, [n])).get(n.id) ?? []);
}

/** The notice's Word file, the same paper each time it is printed. */
export async function renderNotice(core: Core, id: number): Promise<{ notice: NoticeDto; fileName: string; bytes: Buffer }> {
  const n = await reportsDb(core.db).selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw new AppError('not_found', '找不到这份通知，可能已被删除');
  const dto = noticeDto(n, (await itemsOf(core, [n])).get(n.id) ?? []);
  if (!dto.items.length) throw new AppError('not_found', '这份通知所列的整改措施都已删除（可在回收站中恢复），无法重印');
  const settings = await getSettings(core.db);
  // Printed as issued; notices from before version 7 take the office's current name and contact.
  const legacy = n.office_name === null && n.contact_name === null && n.contact_phone === null;
  const bytes = await writeNotice({
    notice: n,
    items: dto.items,
    officeName: (legacy ? settings.officeName : n.office_name) ?? '',
    contactName: (legacy ? settings.contactName || settings.operator : n.contact_name) ?? '',
    contactPhone: (legacy ? settings.contactPhone : n.contact_phone) ?? '',
  });
  return { notice: dto, fileName: noticeFileName(n), bytes };
}

/** 督办通知单_督办〔2026〕3号_县财政局.docx */
export function noticeFileName(n: Pick<Notice, 'level' | 'doc_number' | 'unit_name'>): string {
  return `${NOTICE_DOC_NAME[n.level]}_${n.doc_number}_${n.unit_name}.docx`.replace(/[\\/:*?"<>|]/g, '_');
}
