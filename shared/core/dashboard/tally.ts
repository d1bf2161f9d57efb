import { sql, type Expression, type SqlBool } from 'kysely';
import { SUPERVISION_ENTITIES } from '../../contract/supervision.ts';
import type { Db } from '../db/open.ts';
import { deadlineKey, isRed, NO_DEADLINE, type SignalDates } from '../ledger/signal-sql.ts';

/**
 * 分析's counts by batch and by category walk every finding × measure (~100 ms on 100,000
 * findings), and any write used to throw them all away. They are kept here in memory, per
 * database connection — per batch and category: measures, closed, closed with both dates
 * (按期完成率's base), closed on time, and red — and brought up to date after a write by
 * recounting only the batches the write touched. Red moves with "today": it is kept for the day
 * it was counted and counted again (one index range) on any other day, so no signal is frozen.
 * By unit, status and signal nothing is kept: those are counted afresh each time (figures.ts).
 *
 * Which batches a write touched is read from the audit log, the one place every write a clerk
 * starts lands in the same transaction (ledger/write.ts): entries newer than the last one folded
 * in name the batch, finding or measure changed, and their before/after values name where a
 * moved or deleted record was. No write site has to know about this cache. Anything not
 * understood — an unknown kind of entry, a backup restore, a very large import — recounts
 * everything, and so does a disagreement with the fresh totals (measures, closed and red,
 * counted every time by unitFigures), which catches a write made without an audit entry
 * (another program; on SQLite another connection's commit also forgets the tally, cache.ts).
 * tests/integration/dashboard-tally.test.ts holds the kept figures equal to a count from scratch
 * after each kind of write.
 */

export interface TallyCell {
  measures: number;
  closed: number;
  /** Closed, with a dated deadline and a closing date. */
  dated: number;
  /** Of those, closed on or before the deadline. */
  onTime: number;
  /** Open and past the deadline on `Kept.day`. */
  red: number;
}

/** batch id → category ('' for none) → cell. */
export type Tally = Map<number, Map<string, TallyCell>>;

interface Kept {
  /** The newest audit_log id folded in. */
  auditId: number;
  /**
   * The ids folded in among the last LOOKBACK below auditId. On PostgreSQL ids are handed out
   * when a row is inserted, not when its transaction commits: an entry with a lower id can appear
   * after a higher one was read, so the ids just below the newest are looked at again.
   */
  recent: Set<number>;
  /** The day `red` was counted for: on another day red is counted again, the rest kept. */
  day: string;
  cells: Tally;
}

type SignalEb = Parameters<typeof isRed>[0];
const one = (cond: Expression<SqlBool>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;

/** Entries about records that hold no measure and move none between batches. */
const UNRELATED = new Set<string>(['progress', 'evidence', 'unit', 'organization', 'settings', 'snapshot', 'finding_repeat', 'user', ...SUPERVISION_ENTITIES]);

/** More entries than this since the last count (a large import): recounting all is as quick. */
const MAX_ENTRIES = 2000;
const LOOKBACK = 200;

/**
 * The kept counts, per batch and category: a walk over findings_batch_category joined to
 * measures_finding_status (both covering), grouped in index order so no sort is needed.
 */
export function tallyQuery(db: Db, d: SignalDates, batchIds?: readonly number[]) {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('measures as m', 'm.finding_id', 'f.id')
    .select((eb) => {
      const e = eb as unknown as SignalEb;
      const dated = e.and([e('m.status', '=', 'closed'), e(deadlineKey, '<>', NO_DEADLINE), e('m.closed_date', 'is not', null)]);
      return [
        'f.batch_id as batchId',
        'f.category',
        eb.fn.countAll<number>().as('n'),
        one(e('m.status', '=', 'closed')).as('closed'),
        one(dated).as('dated'),
        one(e.and([dated, e('m.closed_date', '<=', deadlineKey)])).as('onTime'),
        one(isRed(e, d)).as('red'),
      ];
    })
    .groupBy(['f.batch_id', 'f.category']);
  if (batchIds) q = q.where('f.batch_id', 'in', batchIds);
  return q;
}

/**
 * Red by batch and category on d.today alone: the open measures past their deadline (an index
 * range of measures_status_deadline), each joined to its finding. Run when the day has changed.
 */
export function redCellsQuery(db: Db, d: SignalDates) {
  return db
    .selectFrom('measures as m')
    .innerJoin('findings as f', 'f.id', 'm.finding_id')
    .where((eb) => isRed(eb as unknown as SignalEb, d))
    .select((eb) => ['f.batch_id as batchId', 'f.category', eb.fn.countAll<number>().as('red')])
    .groupBy(['f.batch_id', 'f.category']);
}

/** Red counted again for another day; null if a red measure falls where nothing is kept (recount all). */
async function recountRed(db: Db, d: SignalDates, k: Kept): Promise<Kept | null> {
  const cells: Tally = new Map();
  for (const [id, b] of k.cells) cells.set(id, new Map([...b].map(([key, c]) => [key, { ...c, red: 0 }])));
  for (const r of await redCellsQuery(db, d).execute()) {
    const c = cells.get(Number(r.batchId))?.get(r.category ?? '');
    if (!c) return null;
    c.red += Number(r.red);
  }
  return { ...k, day: d.today, cells };
}

async function count(db: Db, d: SignalDates, batchIds?: readonly number[]): Promise<Tally> {
  const cells: Tally = new Map();
  for (const id of batchIds ?? []) cells.set(id, new Map());
  for (const r of await tallyQuery(db, d, batchIds).execute()) {
    const batchId = Number(r.batchId);
    let b = cells.get(batchId);
    if (!b) cells.set(batchId, (b = new Map()));
    const key = r.category ?? '';
    const c = b.get(key) ?? { measures: 0, closed: 0, dated: 0, onTime: 0, red: 0 };
    c.measures += Number(r.n);
    c.closed += Number(r.closed ?? 0);
    c.dated += Number(r.dated ?? 0);
    c.onTime += Number(r.onTime ?? 0);
    c.red += Number(r.red ?? 0);
    b.set(key, c);
  }
  return cells;
}

/** The newest LOOKBACK audit ids (what a full count has folded in). */
async function recentAuditIds(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(LOOKBACK).execute();
  return new Set(rows.map((r) => Number(r.id)));
}

const kept = new WeakMap<object, Kept>();
const queue = new WeakMap<object, Promise<unknown>>();
const fullCounts = new WeakMap<object, number>();

/** How many times this connection's tally was counted from scratch (tests tell a kept update from a recount). */
export function fullCountsOf(db: Db): number {
  return fullCounts.get(db) ?? 0;
}

/** Forget what is kept for this connection (another connection wrote: it may not have audited). */
export function forgetTally(db: Db): void {
  kept.delete(db);
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The integer ids among the values (a driver may hand a bigint column back as text). */
const ids = (...vs: unknown[]) => vs.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)).filter((v): v is number => typeof v === 'number' && Number.isInteger(v));

/**
 * The batches the audit entries not yet folded in touched, or null when they cannot be told (recount
 * all). A record's batch is read as it is now and as its entry says it was, so a finding moved to
 * another batch recounts both, and a deleted one the batch it left.
 */
async function touchedBatches(db: Db, k: Kept): Promise<{ batches: Set<number>; auditId: number; recent: Set<number> } | null> {
  const floor = k.auditId - LOOKBACK;
  const all = await db.selectFrom('audit_log').select('id').where('id', '>', floor).orderBy('id').limit(LOOKBACK + MAX_ENTRIES + 1).execute();
  if (all.length > LOOKBACK + MAX_ENTRIES) return null;
  const unseen = all.map((r) => Number(r.id)).filter((id) => id > k.auditId || !k.recent.has(id));
  if (unseen.length > MAX_ENTRIES) return null;
  const auditId = all.length ? Math.max(k.auditId, Number(all[all.length - 1].id)) : k.auditId;
  const recent = new Set(all.map((r) => Number(r.id)).filter((id) => id > auditId - LOOKBACK));
  const rows = unseen.length
    ? await db.selectFrom('audit_log').select(['id', 'entity', 'entity_id', 'before_json', 'after_json']).where('id', 'in', unseen).execute()
    : [];
  const batches = new Set<number>();
  const findings = new Set<number>();
  const measures = new Set<number>();
  for (const r of rows) {
    if (UNRELATED.has(r.entity)) continue;
    const before = parse(r.before_json);
    const afterV = parse(r.after_json);
    switch (r.entity) {
      case 'batch':
        ids(r.entity_id).forEach((id) => batches.add(id));
        break;
      case 'finding':
        ids(r.entity_id).forEach((id) => findings.add(id));
        ids(before.batch_id, before.batchId, afterV.batch_id, afterV.batchId).forEach((id) => batches.add(id));
        break;
      case 'measure':
        ids(r.entity_id).forEach((id) => measures.add(id));
        ids(before.finding_id, before.findingId, afterV.finding_id, afterV.findingId).forEach((id) => findings.add(id));
        break;
      case 'measures':
        if (!Array.isArray(afterV.measureIds)) return null;
        ids(...afterV.measureIds).forEach((id) => measures.add(id));
        break;
      default:
        return null;
    }
  }
  if (measures.size + findings.size > MAX_ENTRIES) return null;
  const lookups: Promise<{ batchId: number }[]>[] = [];
  if (measures.size) {
    lookups.push(db.selectFrom('measures as m').innerJoin('findings as f', 'f.id', 'm.finding_id').select('f.batch_id as batchId').where('m.id', 'in', [...measures]).execute());
  }
  if (findings.size) lookups.push(db.selectFrom('findings').select('batch_id as batchId').where('id', 'in', [...findings]).execute());
  for (const found of await Promise.all(lookups)) for (const f of found) batches.add(Number(f.batchId));
  return { batches, auditId, recent };
}

type Totals = { measures: number; closed: number; red: number };

async function bringUpToDate(db: Db, d: SignalDates, totals: Totals): Promise<Tally> {
  let k: Kept | null = kept.get(db) ?? null;
  if (k && k.day !== d.today) k = await recountRed(db, d, k);
  const touched = k ? await touchedBatches(db, k) : null;
  if (k && touched) {
    let cells = k.cells;
    if (touched.batches.size) {
      cells = new Map(k.cells);
      for (const [id, b] of await count(db, d, [...touched.batches])) {
        if (b.size) cells.set(id, b);
        else cells.delete(id);
      }
    }
    k = { auditId: touched.auditId, recent: touched.recent, day: d.today, cells };
    if (agrees(k.cells, totals)) {
      kept.set(db, k);
      return k.cells;
    }
  }
  // Counted from scratch; the audit ids are read first, so a write committed meanwhile is folded in next time.
  const recent = await recentAuditIds(db);
  const cells = await count(db, d);
  fullCounts.set(db, fullCountsOf(db) + 1);
  kept.set(db, { auditId: Math.max(0, ...recent), recent, day: d.today, cells });
  return cells;
}

function agrees(cells: Tally, totals: Totals): boolean {
  const sum = { measures: 0, closed: 0, red: 0 };
  for (const b of cells.values())
    for (const c of b.values()) {
      sum.measures += c.measures;
      sum.closed += c.closed;
      sum.red += c.red;
    }
  return sum.measures === totals.measures && sum.closed === totals.closed && sum.red === totals.red;
}

/**
 * The kept counts by batch and category, brought up to date with every write since they were
 * taken (red: on d.today). `totals` are the ledger's measures, closed and red measures counted
 * just now. One update at a time per connection, so a slower one never overwrites a newer one.
 */
export function batchTally(db: Db, d: SignalDates, totals: Totals): Promise<Tally> {
  const prev = queue.get(db) ?? Promise.resolve();
  const next = prev.then(
    () => bringUpToDate(db, d, totals),
    () => bringUpToDate(db, d, totals),
  );
  queue.set(db, next);
  return next;
}

/** The same counts from scratch, nothing kept (tests compare the two). */
export function recountTally(db: Db, d: SignalDates): Promise<Tally> {
  return count(db, d);
}
