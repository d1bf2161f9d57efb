import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { DeadlineKind, MeasureStatus, Signal } from './vocabulary.ts';

/** Office thresholds (设置): due within N days, or no progress for M days, turns yellow. */
export interface SignalThresholds {
  dueSoonDays: number;
  stagnantDays: number;
}

export const DEFAULT_THRESHOLDS: SignalThresholds = { dueSoonDays: 7, stagnantDays: 30 };

export interface SignalInput {
  status: MeasureStatus;
  deadlineKind: DeadlineKind;
  deadlineDate: IsoDate | null;
  /** Last progress entry's date, or null when none was recorded. */
  lastProgressDate: IsoDate | null;
  /** The day the measure was assigned (交办); stagnation counts from it when there is no progress. */
  assignedDate: IsoDate;
}

export interface DeadlineSignal {
  signal: Signal;
  /** Days past the deadline (> 0 only when red). */
  overdueDays: number;
  /** Days left until the deadline, when it has one and is not past. */
  dueInDays: number | null;
  /** Days since the last progress (or assignment) when that passed the stagnant threshold. */
  stagnantDays: number | null;
  /** One Chinese phrase for a tooltip or a report cell. */
  reason: string;
}

/** Statuses the office is still waiting on the unit for; only these can be late or stagnant. */
export const OPEN_STATUSES: readonly MeasureStatus[] = ['not_started', 'in_progress'];

/**
 * The deadline signal of one measure on one day. The SQL form of the same rule is
 * `signalSql` in shared/core/ledger/signal-sql.ts; tests hold the two together.
 */
export function deadlineSignal(m: SignalInput, today: IsoDate, t: SignalThresholds = DEFAULT_THRESHOLDS): DeadlineSignal {
  const none = { overdueDays: 0, dueInDays: null, stagnantDays: null };
  if (m.status === 'closed') return { signal: 'green', ...none, reason: '已销号' };
  if (m.status === 'standing') return { signal: 'green', ...none, reason: '长期坚持' };
  if (m.status === 'pending') return { signal: 'green', ...none, reason: '已申请销号，待验收' };

  const hasDeadline = m.deadlineKind !== 'standing' && m.deadlineDate !== null;
  if (hasDeadline && m.deadlineDate! < today) {
    const days = daysBetween(m.deadlineDate!, today);
    return { signal: 'red', overdueDays: days, dueInDays: null, stagnantDays: null, reason: `已逾期 ${days} 天` };
  }
  const dueInDays = hasDeadline ? daysBetween(today, m.deadlineDate!) : null;
  if (dueInDays !== null && m.deadlineDate! <= addDays(today, t.dueSoonDays)) {
    return { signal: 'yellow', overdueDays: 0, dueInDays, stagnantDays: null, reason: dueInDays === 0 ? '今日到期' : `${dueInDays} 天后到期` };
  }
  const since = m.lastProgressDate ?? m.assignedDate;
  if (since <= addDays(today, -t.stagnantDays)) {
    const stagnantDays = daysBetween(since, today);
    return { signal: 'yellow', overdueDays: 0, dueInDays, stagnantDays, reason: `${stagnantDays} 天无进展` };
  }
  return { signal: 'green', overdueDays: 0, dueInDays, stagnantDays: null, reason: dueInDays === null ? '正常' : `剩余 ${dueInDays} 天` };
}
