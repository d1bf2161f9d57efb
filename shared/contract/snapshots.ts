import { z } from 'zod';
import { channel } from './define.ts';
import { id, optionalText } from './common.ts';

/**
 * 快照 (issue 10): the state of every measure on a day — status, signal, deadline, 销号 date — so a
 * later day can say "较上期新增销号 N 项，新增逾期 M 项，仍逾期 K 项" and list the items behind each.
 */

export const SNAPSHOT_AUTO = ['off', 'weekly', 'monthly'] as const;
export type SnapshotAuto = (typeof SNAPSHOT_AUTO)[number];
export const SNAPSHOT_AUTO_LABEL: Record<SnapshotAuto, string> = { off: '不自动保存', weekly: '每周第一次打开时', monthly: '每月第一次打开时' };

export const SNAPSHOT_KINDS = ['manual', 'weekly', 'monthly'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];
export const SNAPSHOT_KIND_LABEL: Record<SnapshotKind, string> = { manual: '手动保存', weekly: '每周自动', monthly: '每月自动' };

export interface SnapshotDto {
  id: number;
  /** The day the snapshot describes (the signal is worked out on it). */
  takenOn: string;
  takenAt: string;
  kind: SnapshotKind;
  note: string | null;
  operator: string;
  measures: number;
  closed: number;
  closedLate: number;
  longTerm: number;
  red: number;
  yellow: number;
  green: number;
}

/** One measure behind a number of the comparison, enough to find it and open it. */
export interface SnapshotDeltaItem {
  measureId: number;
  findingId: number;
  findingSeq: string;
  measureSeq: number;
  measureText: string;
  unitName: string;
  deadlineDate: string | null;
  closedDate: string | null;
  /** Days past the deadline on the later day (0 when not late). */
  overdueDays: number;
}

/** Items listed behind each number at most (the count is always exact). */
export const DELTA_ITEM_LIMIT = 500;

export interface SnapshotDelta {
  from: SnapshotDto;
  /** null: compared with the ledger as it is today. */
  to: SnapshotDto | null;
  toDate: string;
  /** How many measures are behind each number; the lists below stop at DELTA_ITEM_LIMIT. */
  counts: { newlyClosed: number; newlyOverdue: number; stillOverdue: number; reopened: number };
  /** Closed on the later day, not closed on the earlier one (or not yet there). */
  newlyClosed: SnapshotDeltaItem[];
  /** Red on the later day, not red on the earlier one. */
  newlyOverdue: SnapshotDeltaItem[];
  /** Red on both days. */
  stillOverdue: SnapshotDeltaItem[];
  /** Closed on the earlier day, open again on the later one (回头看). */
  reopened: SnapshotDeltaItem[];
  /** Measures on the later day that the earlier one did not have. */
  added: number;
  sentence: string;
}

export const snapshotChannels = {
  'snapshots:list': channel<SnapshotDto[]>()(z.object({}).strict().optional().default({})),
  'snapshots:save': channel<SnapshotDto>()(z.object({ note: optionalText('快照说明', 200) })),
  'snapshots:delete': channel<{ deleted: true }>()(z.object({ id })),
  /** The earlier snapshot against a later one, or against today's ledger when `toId` is left out. */
  'snapshots:compare': channel<SnapshotDelta>()(z.object({ fromId: id, toId: id.optional() })),
  /** On opening the app: saves this week's or month's snapshot when 设置 asks for one and none exists yet. */
  'snapshots:auto': channel<SnapshotDto | null>()(z.object({}).strict().optional().default({})),
};
