import { sql, type RawBuilder } from 'kysely';
import { DELTA_ITEM_LIMIT, type SnapshotDelta, type SnapshotDeltaItem } from '../../contract/snapshots.ts';
import type { IsoDate } from '../../domain/dates.ts';
import type { Db } from '../db/open.ts';
import { getSettings, thresholdsOf } from '../ledger/settings.ts';
import { overdueDaysSql, signalDates, signalSql } from '../ledger/signal-sql.ts';
import { snapshotDb } from './schema.ts';
import { getSnapshot } from './take.ts';
import { dialectOf, idList } from '../db/dialect.ts';

/**
 * 较上期: an earlier snapshot against a later one, or against the ledger today. Each number is a
 * condition on the pair (earlier a, later l) of one measure's states, written once here and used
 * both to count and to list:
 *   新增销号  closed later, not closed earlier (or not there yet);
 *   新增逾期  red later, not red earlier (or not there yet);
 *   仍逾期    red on both days;
 *   重新整改  closed earlier, not closed later (回头看 reopened it).
 */
const BUCKETS = {
  newlyClosed: sql`l.status = 'closed' and coalesce(a.status, '') <> 'closed'`,
  newlyOverdue: sql`l.signal = 'red' and coalesce(a.signal, '') <> 'red'`,
  stillOverdue: sql`l.signal = 'red' and a.signal = 'red'`,
  reopened: sql`a.status = 'closed' and l.status <> 'closed'`,
} as const;
type Bucket = keyof typeof BUCKETS;
const BUCKET_NAMES = Object.keys(BUCKETS) as Bucket[];

interface Compared {
  counts: Record<Bucket, number>;
  added: number;
  items: Record<Bucket, SnapshotDeltaItem[]>;
}

/** The later state as rows (measure_id, status, signal, deadline_date, closed_date, overdue_days). */
async function laterState(db: Db, toId: number | undefined, today: IsoDate): Promise<RawBuilder<unknown>> {
  if (toId !== undefined) {
    const q = snapshotDb(db)
      .selectFrom('snapshot_measures')
      .select(['measure_id', 'status', 'signal', 'deadline_date', 'closed_date', 'overdue_days'])
      .where('snapshot_id', '=', toId);
    return sql`${q}`;
  }
  const d = signalDates(today, thresholdsOf(await getSettings(db)), dialectOf(db));
  const q = db
    .selectFrom('measures as m')
    .select((eb) => ['m.id as measure_id', 'm.status', signalSql(eb, d).as('signal'), 'm.deadline_date', 'm.closed_date', overdueDaysSql(eb, d).as('overdue_days')]);
  return sql`${q}`;
}

interface PairRow {
  measure_id: number;
  deadline_date: string | null;
  closed_date: string | null;
  overdue_days: number;
  newlyClosed: number;
  newlyOverdue: number;
  stillOverdue: number;
  reopened: number;
}
interface DetailRow {
  id: number;
  finding_id: number;
  finding_seq: string;
  measure_seq: number;
  measure_text: string;
  unit_name: string | null;
  batch_id: number;
  sort_order: number;
}

/**
 * One pass over the pairs returns only the measures behind some number, with a flag per number;
 * the counts are those flags summed, and only the listed ones are then read with their finding
 * and unit (by id, in one bound list), so the cost follows the ledger's size once, not per number.
 */
async function compare(db: Db, fromId: number, toId: number | undefined, today: IsoDate, withItems = true): Promise<Compared> {
  const later = await laterState(db, toId, today);
  const pairs = sql`later l left join snapshot_measures a on a.snapshot_id = ${fromId} and a.measure_id = l.measure_id`;
  const flags = BUCKET_NAMES.map((b) => sql`(${BUCKETS[b]}) as ${sql.ref(b)}`);
  const any = sql.join(BUCKET_NAMES.map((b) => sql`(${BUCKETS[b]})`), sql` or `);
  const rows = (
    await sql<PairRow>`with later as ${later}
      select l.measure_id, l.deadline_date, l.closed_date, l.overdue_days, ${sql.join(flags)}
      from ${pairs} where ${any}`.execute(db)
  ).rows;
  const added =
    toId === undefined
      ? sql<{ n: number }>`select count(*) as n from measures m where not exists (select 1 from snapshot_measures a where a.snapshot_id = ${fromId} and a.measure_id = m.id)`
      : sql<{ n: number }>`select count(*) as n from snapshot_measures l where l.snapshot_id = ${toId} and not exists (select 1 from snapshot_measures a where a.snapshot_id = ${fromId} and a.measure_id = l.measure_id)`;
  const addedCount = Number((await added.execute(db)).rows[0]?.n ?? 0);

  const counts = Object.fromEntries(BUCKET_NAMES.map((b) => [b, rows.filter((r) => Number(r[b]) === 1).length])) as Record<Bucket, number>;
  const items = Object.fromEntries(BUCKET_NAMES.map((b) => [b, [] as SnapshotDeltaItem[]])) as Record<Bucket, SnapshotDeltaItem[]>;
  if (!withItems || rows.length === 0) return { counts, added: addedCount, items };

  const details = new Map<number, DetailRow>();
  const ids = idList(dialectOf(db), rows.map((r) => r.measure_id));
  for (const d of (
    await sql<DetailRow>`select m.id, m.finding_id, f.seq as finding_seq, m.seq as measure_seq, m.text as measure_text, u.name as unit_name, f.batch_id, f.sort_order
      from measures m join findings f on f.id = m.finding_id left join units u on u.id = m.lead_unit_id
      where m.id in ${ids}`.execute(db)
  ).rows)
    details.set(d.id, d);
  // Most days overdue first, then the feedback's own order; measures deleted since go last.
  const order = (a: PairRow, b: PairRow) => {
    const da = details.get(a.measure_id);
    const dbb = details.get(b.measure_id);
    return (
      Number(b.overdue_days) - Number(a.overdue_days) ||
      (da ? 0 : 1) - (dbb ? 0 : 1) ||
      (da && dbb ? da.batch_id - dbb.batch_id || da.sort_order - dbb.sort_order || da.measure_seq - dbb.measure_seq : 0) ||
      a.measure_id - b.measure_id
    );
  };
  for (const b of BUCKET_NAMES) {
    items[b] = rows
      .filter((r) => Number(r[b]) === 1)
      .sort(order)
      .slice(0, DELTA_ITEM_LIMIT)
      .map((r) => {
        const d = details.get(r.measure_id);
        return {
          measureId: r.measure_id,
          findingId: d?.finding_id ?? 0,
          findingSeq: d?.finding_seq ?? '',
          measureSeq: d?.measure_seq ?? 0,
          measureText: d?.measure_text ?? '（该措施已删除）',
          unitName: d?.unit_name ?? '',
          deadlineDate: r.deadline_date,
          closedDate: r.closed_date,
          overdueDays: Number(r.overdue_days),
        };
      });
  }
  return { counts, added: addedCount, items };
}

/** "较上期新增销号 N 项，新增逾期 M 项，仍逾期 K 项" (and the reopened, when there are any). */
export function deltaSentence(counts: Record<Bucket, number>): string {
  const s = `较上期新增销号 ${counts.newlyClosed} 项，新增逾期 ${counts.newlyOverdue} 项，仍逾期 ${counts.stillOverdue} 项`;
  return counts.reopened > 0 ? `${s}，回头看重新整改 ${counts.reopened} 项` : s;
}

/** The comparison with its items, for the 分析 page, the CLI and the Word report. */
export async function compareSnapshots(db: Db, fromId: number, toId: number | undefined, today: IsoDate): Promise<SnapshotDelta> {
  const from = await getSnapshot(db, fromId);
  const to = toId === undefined ? null : await getSnapshot(db, toId);
  const c = await compare(db, fromId, toId, today);
  return {
    from,
    to,
    toDate: to ? to.takenOn : today,
    counts: c.counts,
    newlyClosed: c.items.newlyClosed,
    newlyOverdue: c.items.newlyOverdue,
    stillOverdue: c.items.stillOverdue,
    reopened: c.items.reopened,
    added: c.added,
    sentence: deltaSentence(c.counts),
  };
}

/** The sentence alone, against the ledger on `today` (for the Word report). */
export async function snapshotDeltaSentence(db: Db, snapshotId: number, today: IsoDate): Promise<string> {
  await getSnapshot(db, snapshotId);
  return deltaSentence((await compare(db, snapshotId, undefined, today, false)).counts);
}
