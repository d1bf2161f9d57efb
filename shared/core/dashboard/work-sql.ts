import type { Expression, SqlBool } from 'kysely';
import { activityKey, isRed, type SignalDates } from '../ledger/signal-sql.ts';

type SignalEb = Parameters<typeof isRed>[0];

/**
 * 停滞 (the 工作台 list and the ledger's `stagnant` filter): an open measure with a dated (or no)
 * deadline and no progress entry — nor assignment — for the office's stagnant days, overdue or
 * not. 长期坚持 deadlines owe periodic entries instead (isPeriodMissing).
 */
export function isStagnant(eb: SignalEb, d: SignalDates): Expression<SqlBool> {
  return eb.and([
    eb('m.status', 'in', ['not_started', 'in_progress']),
    eb('m.deadline_kind', '<>', 'standing'),
    eb(activityKey, '<=', d.stagnantBefore),
  ]);
}
