import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { addDays, type IsoDate } from '../../domain/dates.ts';
import { longTermPeriodOf, type SignalThresholds } from '../../domain/signal.ts';
import type { Signal } from '../../domain/vocabulary.ts';
import type { Database } from '../db/schema.ts';
import { daysBetween, type Dialect } from '../db/dialect.ts';

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
  /** A 长期坚持 measure whose last entry is on or before this day has missed its periodic entry. */
  longTermBefore: IsoDate;
  /** The database the expressions are for (date arithmetic and planner hints differ). */
  dialect: Dialect;
}

export function signalDates(today: IsoDate, t: SignalThresholds, dialect: Dialect): SignalDates {
  return { today, dialect, soon: addDays(today, t.dueSoonDays), stagnantBefore: addDays(today, -t.stagnantDays), longTermBefore: addDays(today, -longTermPeriodOf(t)) };
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
 * The day of the last sign of life: the last progress entry, else the assignment. 停滞 and a
 * 长期坚持 measure's missing periodic entry are "this key on or before a day"; the index
 * measures_status_activity is on (status, this expression), so those lists are index ranges.
 */
export const activityKey = sql<string>`coalesce(m.last_progress_date, m.assigned_date)`;

/**
 * "Open" as a condition. `unindexed` writes it as `(m.status || '')`, which SQLite's planner cannot
 * serve from an index: two status ranges cannot be read in deadline order, so where rows are
 * wanted in that order the deadline index must drive instead.
 */
function isOpen(eb: Eb, unindexed: boolean): Expression<SqlBool> {
  if (!unindexed) return eb('m.status', 'in', OPEN);
  return sql<SqlBool>`(${sql.ref('m.status')} || '') in (${sql.join(OPEN.map((s) => sql.lit(s)))})`;
}

interface SignalSqlOptions {
  unindexed?: boolean;
}

export function isRed(eb: Eb, d: SignalDates, o: SignalSqlOptions = {}): Expression<SqlBool> {
  // On deadlineKey, never NULL, so NOT(red) stays true/false in the other signals.
  return eb.and([isOpen(eb, !!o.unindexed), eb('m.deadline_kind', '<>', 'standing'), eb(deadlineKey, '<', d.today)]);
}

/** 长期坚持: the status, or an open measure whose deadline is 长期坚持 (isLongTerm in shared/domain/signal.ts). */
export function isLongTermSql(eb: Eb, o: SignalSqlOptions = {}): Expression<SqlBool> {
  const standing = o.unindexed ? sql<SqlBool>`(${sql.ref('m.status')} || '') = 'standing'` : eb('m.status', '=', 'standing');
  return eb.or([standing, eb.and([isOpen(eb, !!o.unindexed), eb('m.deadline_kind', '=', 'standing')])]);
}

/**
 * A 长期坚持 measure whose periodic progress entry is missing (yellow, never red). Indexed, it is
 * written as one range of measures_status_activity — the three statuses a 长期坚持 measure can
 * have and its last sign of life on or before the cut-off — with "长期坚持 by status or by
 * deadline" (isLongTermSql) read off the same index entries: the same rows, without an OR of two
 * index ranges that reads every matching row.
 */
export function isPeriodMissing(eb: Eb, d: SignalDates, o: SignalSqlOptions = {}): Expression<SqlBool> {
  if (o.unindexed) return eb.and([isLongTermSql(eb, o), eb(activityKey, '<=', d.longTermBefore)]);
  return eb.and([
    eb('m.status', 'in', ['standing', ...OPEN]),
    eb(activityKey, '<=', d.longTermBefore),
    eb.or([eb('m.status', '=', 'standing'), eb('m.deadline_kind', '=', 'standing')]),
  ]);
}

export function isYellow(eb: Eb, d: SignalDates, o: SignalSqlOptions = {}): Expression<SqlBool> {
  return eb.or([
    eb.and([
      isOpen(eb, !!o.unindexed),
      eb('m.deadline_kind', '<>', 'standing'),
      eb.not(isRed(eb, d, o)),
      eb.or([eb(deadlineKey, '<=', d.soon), eb(activityKey, '<=', d.stagnantBefore)]),
    ]),
    isPeriodMissing(eb, d, o),
  ]);
}

/** 逾期完成: closed after a dated deadline (closedLateDays in shared/domain/signal.ts). */
export function isClosedLate(eb: Eb): Expression<SqlBool> {
  return eb.and([eb('m.status', '=', 'closed'), eb('m.deadline_kind', '<>', 'standing'), eb('m.closed_date', '>', sql.ref<string>('m.deadline_date'))]);
}

export function signalIn(eb: Eb, d: SignalDates, signals: readonly Signal[]): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (signals.includes('red')) parts.push(isRed(eb, d));
  if (signals.includes('yellow')) parts.push(isYellow(eb, d));
  if (signals.includes('green')) parts.push(eb.not(eb.or([isRed(eb, d), isYellow(eb, d)])));
  return eb.or(parts);
}

/**
 * 逾期优先 is read as four runs, each in deadline order off an index: red (past its deadline, so
 * most days overdue first), yellow dated before today, yellow from today on, then the rest. Red
 * takes every open dated measure past its deadline, so a yellow measure dated before today can
 * only be a 长期坚持 one (by status; open 长期坚持 measures carry no date, key 9999-12-31) that
 * missed its periodic entry: that run is the status index's 'standing' range below today. The
 * other yellow run is bounded by `deadlineKey >= today`, an index range rather than a walk over
 * the whole past. Runs 1 and 2 are all of yellow, so the rest is "neither red nor yellow": no row
 * is lost or shown twice whatever the data, and yellow stays in deadline order across its runs.
 */
export const URGENCY_RUNS = [
  (eb: Eb, d: SignalDates) => isRed(eb, d),
  (eb: Eb, d: SignalDates) =>
    eb.and([eb('m.status', '=', 'standing'), eb(deadlineKey, '<', d.today), eb(activityKey, '<=', d.longTermBefore)]),
  (eb: Eb, d: SignalDates) => eb.and([isYellow(eb, d, { unindexed: true }), eb(deadlineKey, '>=', d.today)]),
  (eb: Eb, d: SignalDates) => eb.not(eb.or([isRed(eb, d, { unindexed: true }), isYellow(eb, d, { unindexed: true })])),
] as const;

/** 0 red, 1 yellow, 2 green: for sorting the most urgent first. */
export function signalRank(eb: Eb, d: SignalDates) {
  return eb.case().when(isRed(eb, d)).then(sql<number>`0`).when(isYellow(eb, d)).then(sql<number>`1`).else(sql<number>`2`).end();
}

/** The signal itself as an expression ('red' | 'yellow' | 'green'): what deadlineSignal gives, row by row. */
export function signalSql(eb: Eb, d: SignalDates) {
  return eb.case().when(isRed(eb, d)).then(sql<Signal>`'red'`).when(isYellow(eb, d)).then(sql<Signal>`'yellow'`).else(sql<Signal>`'green'`).end();
}

/** Days past the deadline on d.today, 0 when not red (deadlineSignal's overdueDays). */
export function overdueDaysSql(eb: Eb, d: SignalDates) {
  return eb
    .case()
    .when(isRed(eb, d))
    .then(daysBetween(d.dialect, d.today, sql.ref('m.deadline_date')))
    .else(sql<number>`0`)
    .end();
}
