import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { addDays, type IsoDate } from '../../domain/dates.ts';
import type { SignalThresholds } from '../../domain/signal.ts';
import type { Signal } from '../../domain/vocabulary.ts';
import type { Database } from '../db/schema.ts';

/**
 * The SQL form of `deadlineSignal` (shared/domain/signal.ts), for filtering and sorting in the
 * database. Plain comparisons of ISO date text: the same in SQLite and PostgreSQL.
 * tests/integration/signal.test.ts holds the two forms together.
 */
type Eb = ExpressionBuilder<Database & { m: Database['measures'] }, 'm'>;

export interface SignalDates {
  today: IsoDate;
  soon: IsoDate;
  stagnantBefore: IsoDate;
}

export function signalDates(today: IsoDate, t: SignalThresholds): SignalDates {
  return { today, soon: addDays(today, t.dueSoonDays), stagnantBefore: addDays(today, -t.stagnantDays) };
}

const OPEN = ['not_started', 'in_progress'] as const;

/**
 * The deadline as a sort and range key: undated measures sort last. The index
 * measures_deadline_sort is on exactly this expression, so "late items by deadline" reads one
 * index range in order.
 */
export const deadlineKey = sql<string>`coalesce(m.deadline_date, '9999-12-31')`;
export const NO_DEADLINE = '9999-12-31';

/**
 * "Open" as a condition. `unindexed` writes it as `+m.status`, which SQLite's planner cannot
 * serve from an index: two status ranges cannot be read in deadline order, so where rows are
 * wanted in that order the deadline index must drive instead.
 */
function isOpen(eb: Eb, unindexed: boolean): Expression<SqlBool> {
  if (!unindexed) return eb('m.status', 'in', OPEN);
  return sql<SqlBool>`+${sql.ref('m.status')} in (${sql.join(OPEN.map((s) => sql.lit(s)))})`;
}

interface SignalSqlOptions {
  unindexed?: boolean;
}

export function isRed(eb: Eb, d: SignalDates, o: SignalSqlOptions = {}): Expression<SqlBool> {
  // On deadlineKey, never NULL, so NOT(red) stays true/false in the other signals.
  return eb.and([isOpen(eb, !!o.unindexed), eb('m.deadline_kind', '<>', 'standing'), eb(deadlineKey, '<', d.today)]);
}

export function isYellow(eb: Eb, d: SignalDates, o: SignalSqlOptions = {}): Expression<SqlBool> {
  return eb.and([
    isOpen(eb, !!o.unindexed),
    eb.not(isRed(eb, d, o)),
    eb.or([
      eb.and([eb('m.deadline_kind', '<>', 'standing'), eb(deadlineKey, '<=', d.soon)]),
      eb(eb.fn.coalesce('m.last_progress_date', 'm.assigned_date'), '<=', d.stagnantBefore),
    ]),
  ]);
}

export function signalIn(eb: Eb, d: SignalDates, signals: readonly Signal[]): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (signals.includes('red')) parts.push(isRed(eb, d));
  if (signals.includes('yellow')) parts.push(isYellow(eb, d));
  if (signals.includes('green')) parts.push(eb.not(eb.or([isRed(eb, d), isYellow(eb, d)])));
  return eb.or(parts);
}

/**
 * 逾期优先 is read as three runs, each in deadline order off measures_deadline_sort: red (past
 * its deadline, so most days overdue first), yellow, then the rest. A yellow measure is never
 * dated before today: red takes every open dated measure past its deadline, and 长期坚持 /
 * 无时限 measures carry no date (effectiveDeadline), so their key is 9999-12-31. Bounding the
 * yellow run by `deadlineKey >= today` turns a walk over the whole past into an index range;
 * the rest run is "neither of the others", so no row is lost or shown twice whatever the data.
 */
export const URGENCY_RUNS = [
  (eb: Eb, d: SignalDates) => isRed(eb, d),
  (eb: Eb, d: SignalDates) => eb.and([isYellow(eb, d, { unindexed: true }), eb(deadlineKey, '>=', d.today)]),
  (eb: Eb, d: SignalDates) => eb.not(eb.or([isRed(eb, d, { unindexed: true }), eb.and([isYellow(eb, d, { unindexed: true }), eb(deadlineKey, '>=', d.today)])])),
] as const;

/** 0 red, 1 yellow, 2 green: for sorting the most urgent first. */
export function signalRank(eb: Eb, d: SignalDates) {
  return eb.case().when(isRed(eb, d)).then(sql<number>`0`).when(isYellow(eb, d)).then(sql<number>`1`).else(sql<number>`2`).end();
}
