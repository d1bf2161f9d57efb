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

export function isRed(eb: Eb, d: SignalDates): Expression<SqlBool> {
  // On deadlineKey, never NULL, so NOT(red) stays true/false in the other signals.
  return eb.and([eb('m.status', 'in', OPEN), eb('m.deadline_kind', '<>', 'standing'), eb(deadlineKey, '<', d.today)]);
}

export function isYellow(eb: Eb, d: SignalDates): Expression<SqlBool> {
  return eb.and([
    eb('m.status', 'in', OPEN),
    eb.not(isRed(eb, d)),
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

/** 0 red, 1 yellow, 2 green: for sorting the most urgent first. */
export function signalRank(eb: Eb, d: SignalDates) {
  return eb.case().when(isRed(eb, d)).then(sql<number>`0`).when(isYellow(eb, d)).then(sql<number>`1`).else(sql<number>`2`).end();
}
