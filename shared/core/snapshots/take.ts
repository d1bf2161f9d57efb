import { sql } from 'kysely';
import type { SnapshotAuto, SnapshotDto, SnapshotKind } from '../../contract/snapshots.ts';
import { addDays, type IsoDate } from '../../domain/dates.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import type { Actor, Core } from '../context.ts';
import type { Db } from '../db/open.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { isClosedLate, isLongTermSql, isRed, isYellow, overdueDaysSql, signalDates, signalSql } from '../ledger/signal-sql.ts';
import { audit, withWrite } from '../ledger/write.ts';
import { snapshotDb, type SnapshotTable } from './schema.ts';
import { AppError } from '../../errors.ts';
import type { Selectable } from 'kysely';
import { dialectOf } from '../db/dialect.ts';

export function snapshotDto(r: Selectable<SnapshotTable>): SnapshotDto {
  return {
    id: r.id,
    takenOn: r.taken_on,
    takenAt: r.taken_at,
    kind: r.kind,
    note: r.note,
    operator: r.operator,
    measures: r.measures,
    closed: r.closed,
    closedLate: r.closed_late,
    longTerm: r.long_term,
    red: r.red,
    yellow: r.yellow,
    green: r.green,
  };
}

/**
 * Writes one snapshot inside the caller's transaction: the header with its totals, then every
 * measure's state in one INSERT … SELECT (the signal worked out in SQL, as the ledger filters it).
 */
export async function writeSnapshot(trx: Db, actor: Actor, kind: SnapshotKind, note: string | null, t: SignalThresholds): Promise<number> {
  const d = signalDates(actor.today, t, dialectOf(trx));
  const sdb = snapshotDb(trx);
  const totals = await trx
    .selectFrom('measures as m')
    .select((eb) => [
      eb.fn.countAll<number>().as('measures'),
      eb.fn.sum<number>(eb.case().when('m.status', '=', 'closed').then(1).else(0).end()).as('closed'),
      eb.fn.sum<number>(eb.case().when(isClosedLate(eb)).then(1).else(0).end()).as('closed_late'),
      eb.fn.sum<number>(eb.case().when(isLongTermSql(eb)).then(1).else(0).end()).as('long_term'),
      eb.fn.sum<number>(eb.case().when(isRed(eb, d)).then(1).else(0).end()).as('red'),
      eb.fn.sum<number>(eb.case().when(isYellow(eb, d)).then(1).else(0).end()).as('yellow'),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  const header = {
    taken_on: actor.today,
    taken_at: actor.at,
    kind,
    note,
    operator: actor.operator,
    thresholds_json: JSON.stringify(t),
    measures: n(totals.measures),
    closed: n(totals.closed),
    closed_late: n(totals.closed_late),
    long_term: n(totals.long_term),
    red: n(totals.red),
    yellow: n(totals.yellow),
    green: n(totals.measures) - n(totals.red) - n(totals.yellow),
  };
  const { id } = await sdb.insertInto('snapshots').values(header).returning('id').executeTakeFirstOrThrow();
  await sdb
    .insertInto('snapshot_measures')
    .columns(['snapshot_id', 'measure_id', 'status', 'signal', 'lead_unit_id', 'deadline_date', 'closed_date', 'overdue_days'])
    .expression(
      trx
        .selectFrom('measures as m')
        .select((eb) => [
          sql.lit(id).as('snapshot_id'),
          'm.id as measure_id',
          'm.status',
          signalSql(eb, d).as('signal'),
          'm.lead_unit_id',
          'm.deadline_date',
          'm.closed_date',
          overdueDaysSql(eb, d).as('overdue_days'),
        ]),
    )
    .execute();
  return id;
}

export async function getSnapshot(db: Db, id: number): Promise<SnapshotDto> {
  const row = await snapshotDb(db).selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', '找不到该快照，可能已被删除');
  return snapshotDto(row);
}

/** Newest first. */
export async function listSnapshots(db: Db): Promise<SnapshotDto[]> {
  const rows = await snapshotDb(db).selectFrom('snapshots').selectAll().orderBy('taken_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map(snapshotDto);
}

/** 保存快照, by the clerk (button or CLI `snapshot`): one transaction, in the 操作日志. */
export async function saveSnapshot(core: Core, note: string | null): Promise<SnapshotDto> {
  const t = thresholdsOf(await getSettings(core.db));
  const id = await withWrite(core, async (trx, actor) => {
    const id = await writeSnapshot(trx, actor, 'manual', note, t);
    const saved = await snapshotDb(trx).selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'create', entity: 'snapshot', entityId: id, after: { takenOn: saved.taken_on, note, measures: saved.measures } });
    return id;
  });
  return getSnapshot(core.db, id);
}

/** 删除快照: the header and its rows go together (ON DELETE CASCADE); the 操作日志 keeps what it was. */
export async function deleteSnapshot(core: Core, id: number): Promise<void> {
  await withWrite(core, async (trx, actor) => {
    const sdb = snapshotDb(trx);
    const row = await sdb.selectFrom('snapshots').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', '找不到该快照，可能已被删除');
    await sdb.deleteFrom('snapshots').where('id', '=', id).execute();
    await audit(trx, actor, { action: 'delete', entity: 'snapshot', entityId: id, before: snapshotDto(row) });
  });
}

/** The first day of the week (Monday) or month that `today` falls in. */
export function periodStart(mode: Exclude<SnapshotAuto, 'off'>, today: IsoDate): IsoDate {
  if (mode === 'monthly') return `${today.slice(0, 7)}-01`;
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(today, -weekday);
}

/**
 * On opening the app: when 设置 asks for weekly or monthly snapshots and this week's (month's) is
 * not there yet, take it. An empty ledger gets none. The check and the write share one
 * transaction (BEGIN IMMEDIATE), so two windows opening at once take one snapshot, not two.
 * Not in the 操作日志: nobody asked for it, as with the daily backup.
 */
export async function autoSnapshot(core: Core): Promise<SnapshotDto | null> {
  const settings = await getSettings(core.db);
  const mode = settings.snapshotAuto;
  if (mode === 'off') return null;
  const kind: SnapshotKind = mode;
  const id = await withWrite(core, async (trx, actor) => {
    const sdb = snapshotDb(trx);
    const since = periodStart(mode, actor.today);
    const existing = await sdb.selectFrom('snapshots').select('id').where('kind', '=', kind).where('taken_on', '>=', since).executeTakeFirst();
    if (existing) return null;
    const any = await trx.selectFrom('measures').select('id').limit(1).executeTakeFirst();
    if (!any) return null;
    return writeSnapshot(trx, actor, kind, null, thresholdsOf(settings));
  });
  return id === null ? null : getSnapshot(core.db, id);
}
