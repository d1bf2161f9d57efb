import type { MeasureStatsDto } from '../../contract/reports.ts';
import type { FindingStatus } from '../../domain/vocabulary.ts';
import type { ReportRow } from './model.ts';

/**
 * The figures every report prints, each defined once here. The Word summary, the Excel statistics
 * sheet, the UI and the tests all call these functions, so the numbers cannot drift apart.
 */

/**
 * The summary of findings (反馈问题) by their derived status, in the words real reports use:
 * - 完成整改: the finding is 已销号 (every measure verified and closed);
 * - 基本完成取得阶段性成果并持续整改: 长期坚持 (stage done, keeps reporting) or 待销号 (result
 *   submitted, awaiting verification);
 * - 未完成: 未启动 or 整改中;
 * - 总体完成率 = 完成整改 ÷ 反馈问题总数, to two decimals.
 */
export interface FindingSummary {
  total: number;
  completed: number;
  continuing: number;
  notDone: number;
  completionRate: number | null;
}

export function findingBucket(status: FindingStatus): 'completed' | 'continuing' | 'notDone' {
  if (status === 'closed') return 'completed';
  if (status === 'standing' || status === 'pending') return 'continuing';
  return 'notDone';
}

export function summarizeFindings(statuses: readonly FindingStatus[]): FindingSummary {
  const s: FindingSummary = { total: statuses.length, completed: 0, continuing: 0, notDone: 0, completionRate: null };
  for (const status of statuses) s[findingBucket(status)]++;
  s.completionRate = s.total ? s.completed / s.total : null;
  return s;
}

/** Each finding once, from measure rows. */
export function findingStatusesOf(rows: readonly ReportRow[]): FindingStatus[] {
  const seen = new Map<number, FindingStatus>();
  for (const r of rows) if (!seen.has(r.findingId)) seen.set(r.findingId, r.findingStatus);
  return [...seen.values()];
}

/** "98.71%", or "—" when there is nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 10000) / 100).toFixed(2)}%`;
}

/** The sentence of the 整改情况报告, e.g. "反馈的697个问题，完成整改688个，…，总体完成率98.71%". */
export function summarySentence(s: FindingSummary): string {
  if (s.total > 0 && s.completed === s.total) return `反馈的${s.total}个问题已全部完成整改，总体完成率${percent(s.completionRate)}`;
  // No clause about zero items ("未完成0个"): a part that is empty is left out.
  const parts = [
    `反馈的${s.total}个问题`,
    s.completed ? `完成整改${s.completed}个` : '',
    s.continuing ? `基本完成取得阶段性成果并持续整改问题${s.continuing}个` : '',
    s.notDone ? `未完成${s.notDone}个` : '',
    `总体完成率${percent(s.completionRate)}`,
  ];
  return parts.filter(Boolean).join('，');
}

/**
 * Measure (整改措施) figures of one unit, party or batch:
 * - 措施数: measures whose 牵头单位 is the unit (配合单位 are not counted, so each measure counts once);
 * - 已销号 / 待销号 / 长期坚持 by status; 整改中 = 未启动 + 整改中;
 * - 逾期: the deadline signal is red on the report's day (past a date deadline and not closed,
 *   待销号 or 长期坚持 — deadlineSignal decides);
 * - 完成率 = 已销号 ÷ 措施数;
 * - 按期完成率 = measures closed on or before their deadline date ÷ the measures whose timeliness
 *   is known: closed ones that have both a deadline date and a 销号时间, and overdue ones (past
 *   their date and not closed, late whatever happens next). A closed measure without a 销号时间
 *   (an imported 已销号 the file gave no date for) cannot be judged and is left out, as are those
 *   with no date, 长期坚持, or still within their time.
 */
export type MeasureStats = MeasureStatsDto;

// The notes are printed under every table of rates, on screen and on paper (shared with the renderer).
export { COMPLETION_RATE_NOTE, ON_TIME_RATE_NOTE } from '../../contract/reports.ts';
export const UNIT_COUNT_NOTE = '措施按牵头单位统计，配合单位不重复计数；逾期指截至统计日已过整改时限且未销号、未申请销号、非长期坚持的措施。';

function emptyStats(key: string, label: string): MeasureStats {
  return { key, label, measures: 0, closed: 0, pending: 0, inProgress: 0, standing: 0, overdue: 0, onTimeClosed: 0, onTimeBase: 0, completionRate: null, onTimeRate: null };
}

function add(s: MeasureStats, r: ReportRow): void {
  s.measures++;
  if (r.status === 'closed') s.closed++;
  else if (r.status === 'pending') s.pending++;
  else if (r.status === 'standing') s.standing++;
  else s.inProgress++;
  const overdue = r.signal.signal === 'red';
  if (overdue) s.overdue++;
  const dated = r.deadlineKind !== 'standing' && r.deadlineDate !== null;
  if (dated && r.status === 'closed') {
    // Without a 销号时间 nobody knows whether it was on time: neither counted for nor against.
    if (r.closedDate !== null) {
      s.onTimeBase++;
      if (r.closedDate <= r.deadlineDate!) s.onTimeClosed++;
    }
  } else if (overdue) {
    s.onTimeBase++;
  }
}

function finish(s: MeasureStats): MeasureStats {
  s.completionRate = s.measures ? s.closed / s.measures : null;
  s.onTimeRate = s.onTimeBase ? s.onTimeClosed / s.onTimeBase : null;
  return s;
}

/** Figures per group (first-seen order) and their total. */
export function measureStats(
  rows: readonly ReportRow[],
  keyOf: (r: ReportRow) => string,
  labelOf: (r: ReportRow) => string,
): { groups: MeasureStats[]; total: MeasureStats } {
  const groups = new Map<string, MeasureStats>();
  const total = emptyStats('total', '合计');
  for (const r of rows) {
    const key = keyOf(r);
    let s = groups.get(key);
    if (!s) groups.set(key, (s = emptyStats(key, labelOf(r))));
    add(s, r);
    add(total, r);
  }
  return { groups: [...groups.values()].map(finish), total: finish(total) };
}

export const byUnit = (rows: readonly ReportRow[]) => measureStats(rows, (r) => String(r.leadUnitId), (r) => r.leadUnitName);
export const byOrganization = (rows: readonly ReportRow[]) => measureStats(rows, (r) => String(r.organizationId), (r) => r.organizationName);
export const byBatch = (rows: readonly ReportRow[]) => measureStats(rows, (r) => String(r.batchId), (r) => r.batchLabel);
