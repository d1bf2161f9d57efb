import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { DeadlineKind, MeasureStatus, Signal } from './vocabulary.ts';

/**
 * Office thresholds (设置): due within N days, or no progress for M days, turns yellow; a 长期坚持
 * measure owes a progress entry every `longTermPeriodDays` (yellow when it is missing, never red).
 */
export interface SignalThresholds {
  dueSoonDays: number;
  stagnantDays: number;
  /** Left out: DEFAULT_LONG_TERM_PERIOD_DAYS. */
  longTermPeriodDays?: number;
}

export const DEFAULT_LONG_TERM_PERIOD_DAYS = 90;
export const DEFAULT_THRESHOLDS: SignalThresholds = { dueSoonDays: 7, stagnantDays: 30, longTermPeriodDays: DEFAULT_LONG_TERM_PERIOD_DAYS };

export function longTermPeriodOf(t: SignalThresholds): number {
  return t.longTermPeriodDays ?? DEFAULT_LONG_TERM_PERIOD_DAYS;
}

/** What the office calls each level and the colour it is shown in (设置 → 预警信号). */
export interface SignalLevel {
  label: string;
  color: string;
}
export type SignalLevels = Record<Signal, SignalLevel>;

/** The schemes offices use; 红黄绿 is the default. Every label and colour can still be changed. */
export const SIGNAL_PRESETS: readonly { key: string; name: string; levels: SignalLevels }[] = [
  {
    key: 'traffic',
    name: '红黄绿',
    levels: { red: { label: '红灯', color: '#cf1322' }, yellow: { label: '黄灯', color: '#d48806' }, green: { label: '绿灯', color: '#389e0d' } },
  },
  {
    key: 'blue',
    name: '蓝黄红',
    levels: { red: { label: '红色', color: '#cf1322' }, yellow: { label: '黄色', color: '#d48806' }, green: { label: '蓝色', color: '#1677ff' } },
  },
  {
    key: 'escalation',
    name: '提醒·督办·告诫',
    levels: { red: { label: '告诫', color: '#cf1322' }, yellow: { label: '督办', color: '#d48806' }, green: { label: '提醒', color: '#1677ff' } },
  },
];
export const DEFAULT_SIGNAL_LEVELS: SignalLevels = SIGNAL_PRESETS[0]!.levels;

export interface SignalInput {
  status: MeasureStatus;
  deadlineKind: DeadlineKind;
  deadlineDate: IsoDate | null;
  /** Last progress entry's date, or null when none was recorded. */
  lastProgressDate: IsoDate | null;
  /** The day the measure was assigned (交办); stagnation counts from it when there is no progress. */
  assignedDate: IsoDate;
  /** 销号 date; with it a measure closed after its deadline is told apart (逾期完成). */
  closedDate?: IsoDate | null;
}

export interface DeadlineSignal {
  signal: Signal;
  /** Days past the deadline (> 0 only when red). */
  overdueDays: number;
  /** Days left until the deadline, when it has one and is not past. */
  dueInDays: number | null;
  /** Days since the last progress (or assignment) when that passed the stagnant threshold (or, for 长期坚持, the period). */
  stagnantDays: number | null;
  /** A 长期坚持 measure whose periodic progress entry is missing (yellow, never red). */
  periodMissing?: boolean;
  /** 逾期完成: closed after its deadline, by this many days (0 when on time or not closed). */
  closedLateDays?: number;
  /** One Chinese phrase for a tooltip or a report cell. */
  reason: string;
}

/** Statuses the office is still waiting on the unit for; only these can be late or stagnant. */
export const OPEN_STATUSES: readonly MeasureStatus[] = ['not_started', 'in_progress'];

/** 长期坚持: by status, or an open measure whose deadline is 长期坚持. Never red; owes a periodic entry. */
export function isLongTerm(m: Pick<SignalInput, 'status' | 'deadlineKind'>): boolean {
  return m.status === 'standing' || (OPEN_STATUSES.includes(m.status) && m.deadlineKind === 'standing');
}

/** Days a closed measure was closed after its deadline (逾期完成); 0 when on time, undated or not closed. */
export function closedLateDays(m: Pick<SignalInput, 'status' | 'deadlineKind' | 'deadlineDate' | 'closedDate'>): number {
  if (m.status !== 'closed' || !m.closedDate || !m.deadlineDate || m.deadlineKind === 'standing') return 0;
  return Math.max(0, daysBetween(m.deadlineDate, m.closedDate));
}

/**
 * The deadline signal of one measure on one day. The SQL form of the same rule is
 * `signalSql` in shared/core/ledger/signal-sql.ts; tests hold the two together.
 */
export function deadlineSignal(m: SignalInput, today: IsoDate, t: SignalThresholds = DEFAULT_THRESHOLDS): DeadlineSignal {
  const none = { overdueDays: 0, dueInDays: null, stagnantDays: null };
  if (m.status === 'closed') {
    const late = closedLateDays(m);
    return { signal: 'green', ...none, closedLateDays: late, reason: late > 0 ? `逾期完成（超期 ${late} 天）` : '已销号' };
  }
  if (m.status === 'pending') return { signal: 'green', ...none, reason: '已申请销号，待验收' };

  const since = m.lastProgressDate ?? m.assignedDate;
  if (isLongTerm(m)) {
    const period = longTermPeriodOf(t);
    if (since <= addDays(today, -period)) {
      const days = daysBetween(since, today);
      return { signal: 'yellow', ...none, stagnantDays: days, periodMissing: true, reason: `长期坚持，${days} 天未报送进展（每 ${period} 天一报）` };
    }
    return { signal: 'green', ...none, reason: '长期坚持' };
  }

  const hasDeadline = m.deadlineDate !== null;
  if (hasDeadline && m.deadlineDate! < today) {
    const days = daysBetween(m.deadlineDate!, today);
    return { signal: 'red', overdueDays: days, dueInDays: null, stagnantDays: null, reason: `已逾期 ${days} 天` };
  }
  const dueInDays = hasDeadline ? daysBetween(today, m.deadlineDate!) : null;
  if (dueInDays !== null && m.deadlineDate! <= addDays(today, t.dueSoonDays)) {
    return { signal: 'yellow', overdueDays: 0, dueInDays, stagnantDays: null, reason: dueInDays === 0 ? '今日到期' : `${dueInDays} 天后到期` };
  }
  if (since <= addDays(today, -t.stagnantDays)) {
    const stagnantDays = daysBetween(since, today);
    return { signal: 'yellow', overdueDays: 0, dueInDays, stagnantDays, reason: `${stagnantDays} 天无进展` };
  }
  return { signal: 'green', overdueDays: 0, dueInDays, stagnantDays: null, reason: dueInDays === null ? '正常' : `剩余 ${dueInDays} 天` };
}
