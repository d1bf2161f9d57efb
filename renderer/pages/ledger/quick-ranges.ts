import { addDays, type IsoDate } from '../../../shared/domain/dates.ts';
import type { LedgerView } from './ledger-url.ts';

/**
 * 本周到期 / 本月到期 / 已逾期: one click sets filters the ledger already has (the deadline range,
 * the signal), so the URL, the range picker and the signal select show what was chosen.
 */

/** Today's date in China, whatever zone this PC's clock is set to. */
export function chinaToday(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Monday to Sunday of the week holding `today` (a Chinese week starts on Monday). */
export function weekOf(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const sinceMonday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -sinceMonday);
  return { from, to: addDays(from, 6) };
}

export function monthOf(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

export type QuickRange = 'week' | 'month' | 'overdue';

export const QUICK_RANGE_LABEL: Record<QuickRange, string> = { week: '本周到期', month: '本月到期', overdue: '已逾期' };

export function isQuickRangeOn(view: LedgerView, range: QuickRange, today: IsoDate): boolean {
  if (range === 'overdue') return view.signals.length === 1 && view.signals[0] === 'red';
  const r = range === 'week' ? weekOf(today) : monthOf(today);
  return view.deadlineFrom === r.from && view.deadlineTo === r.to;
}

/** The filter change a click makes: on sets the range (or 逾期), off clears it. */
export function toggleQuickRange(view: LedgerView, range: QuickRange, today: IsoDate): Partial<LedgerView> {
  const on = isQuickRangeOn(view, range, today);
  if (range === 'overdue') return { signals: on ? [] : ['red'] };
  if (on) return { deadlineFrom: undefined, deadlineTo: undefined };
  const r = range === 'week' ? weekOf(today) : monthOf(today);
  return { deadlineFrom: r.from, deadlineTo: r.to };
}
