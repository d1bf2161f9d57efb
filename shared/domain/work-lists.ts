import { addDays } from './dates.ts';

/** The 工作台's lists (shared/contract/dashboard.ts re-exports them with the channel's types). */
export const WORK_LISTS = ['overdue', 'dueSoon', 'pending', 'stagnant', 'standingDue'] as const;
export type WorkListKind = (typeof WORK_LISTS)[number];

/**
 * The ledger URL query ('#/ledger?…') that shows exactly the items of a 工作台 list: the same
 * conditions as the core's lists (tests/integration/dashboard.test.ts holds them together).
 */
export function workListLink(kind: WorkListKind, today: string, dueSoonDays: number): Record<string, string> {
  switch (kind) {
    case 'overdue':
      return { signal: 'red', sort: 'overdue' };
    case 'dueSoon':
      return { status: 'not_started,in_progress', from: today, to: addDays(today, dueSoonDays), sort: 'deadline' };
    case 'pending':
      return { status: 'pending' };
    case 'stagnant':
      return { stagnant: '1', sort: 'deadline' };
    case 'standingDue':
      return { periodMissing: '1' };
  }
}
