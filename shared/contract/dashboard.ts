import { z } from 'zod';
import type { MeasureStatus, Signal } from '../domain/vocabulary.ts';
import { channel } from './define.ts';

/** 工作台 and 分析: what falls due, what changed, and the ledger's figures. */

/** Counts beside a group (unit, party, batch, category), each one click from the ledger. */
export interface GroupFigures {
  measures: number;
  closed: number;
  /** 逾期: open and past the deadline (red). */
  overdue: number;
  /** Still open: 未启动 + 整改中 + 待销号 + 长期坚持. */
  open: number;
}

export interface UnitFigures extends GroupFigures {
  unitId: number;
  unit: string;
  /** 临期/停滞 (yellow). */
  yellow: number;
  /** 已销号 ÷ 措施, 0–1 (null when the unit has no measures). */
  completionRate: number | null;
}

export interface DashboardData {
  today: string;
  findings: number;
  measures: number;
  byStatus: Record<MeasureStatus, number>;
  bySignal: Record<Signal, number>;
  /** 完成率 = 已销号 ÷ 全部措施. */
  completion: { closed: number; measures: number; rate: number | null };
  /** 按时完成率 = 销号日期不晚于整改时限的 ÷ 既有时限又有销号日期的已销号措施. */
  onTime: { onTime: number; late: number; counted: number; rate: number | null };
  /** By lead unit (牵头单位), sorted by name; by completion when the office turned ranking on. */
  byUnit: UnitFigures[];
  ranked: boolean;
  byOrganization: (GroupFigures & { organizationId: number; organization: string; party: string })[];
  byBatch: (GroupFigures & { batchId: number; batch: string })[];
  /** `category` null: findings with no 问题类别. */
  byCategory: (GroupFigures & { category: string | null })[];
}

/** One measure on the 工作台, a click from its finding. */
export interface WorkItem {
  measureId: number;
  findingId: number;
  findingSeq: string;
  /** With findingSeq, the measure's number everywhere else (3-2: ledger, Excel, notices). */
  measureSeq: number;
  text: string;
  unit: string;
  deadline: string | null;
  deadlineText: string | null;
  /** Why it is listed, in a clerk's words: 已逾期 5 天 / 3 天后到期 / 45 天无进展 / 待验收. */
  reason: string;
}

export interface WorkList {
  total: number;
  /** The first items, most urgent first. */
  items: WorkItem[];
}

// The 工作台 lists and their ledger links live in shared/domain (the home page imports them
// without this module's zod schemas); re-exported here for the core and tests.
export { WORK_LISTS, workListLink, type WorkListKind } from '../domain/work-lists.ts';
import type { WorkListKind } from '../domain/work-lists.ts';

export interface SinceLastVisit {
  /** When the clerk last opened the app before this time (null on the first open). */
  since: string | null;
  turnedRed: WorkList;
  newlyClosed: WorkList;
  newProgress: { total: number; items: (WorkItem & { entryDate: string; entryText: string })[] };
}

export interface WorkbenchData {
  today: string;
  dueSoonDays: number;
  stagnantDays: number;
  lists: Record<WorkListKind, WorkList>;
  changes: SinceLastVisit;
}

/** The reminder shown once when the app opens (and as a system notification in the desktop shell). */
export interface OpeningReminder {
  since: string | null;
  overdue: number;
  turnedRed: number;
  dueSoon: number;
  dueSoonDays: number;
  /** One line for a notification; empty when there is nothing to say. */
  message: string;
}

export const dashboardChannels = {
  'dashboard:get': channel<DashboardData>()(z.object({}).strict().optional().default({})),
  'workbench:get': channel<WorkbenchData>()(z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict().optional().default({ limit: 10 })),
  /** Records this opening of the app and tells what fell due or went red since the last one. */
  'workbench:opened': channel<OpeningReminder>()(z.object({}).strict().optional().default({})),
};
