import type { AssessmentRow, AssessmentWeights } from '../../contract/assessment.ts';
import { chineseDate, type IsoDate } from '../../domain/dates.ts';

/**
 * 单位考核: every figure of the table defined once, in words printed under it (on screen and in
 * Excel), and the score worked out from the office's weights. The SQL in table.ts counts exactly
 * what these words say; tests/integration/assessment.test.ts checks it against independent SQL.
 */

export interface UnitCounts {
  measures: number;
  longTerm: number;
  closedOnTime: number;
  closedLate: number;
  openLate: number;
  daysLateSum: number;
  notices: { reminder: number; supervise: number; warning: number };
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const round2 = (v: number) => Math.round(v * 100) / 100;

export function rates(c: UnitCounts) {
  return {
    completionRate: ratio(c.closedOnTime + c.closedLate, c.measures - c.longTerm),
    onTimeRate: ratio(c.closedOnTime, c.closedOnTime + c.closedLate + c.openLate),
    avgDaysLate: c.closedLate + c.openLate > 0 ? round2(c.daysLateSum / (c.closedLate + c.openLate)) : null,
  };
}

/** 得分: a rate with nothing to divide by counts as 100% (nothing was due, nothing was late). */
export function scoreOf(c: UnitCounts, w: AssessmentWeights): number {
  const r = rates(c);
  const v =
    (r.completionRate ?? 1) * w.completionRate +
    (r.onTimeRate ?? 1) * w.onTimeRate -
    c.openLate * w.openLate -
    c.notices.reminder * w.reminder -
    c.notices.supervise * w.supervise -
    c.notices.warning * w.warning;
  return round2(v);
}

export function rowOf(unitId: number, unitName: string, c: UnitCounts, w: AssessmentWeights): AssessmentRow {
  const r = rates(c);
  return {
    unitId,
    unitName,
    rank: null,
    measures: c.measures,
    longTerm: c.longTerm,
    closedOnTime: c.closedOnTime,
    closedLate: c.closedLate,
    openLate: c.openLate,
    avgDaysLate: r.avgDaysLate,
    notices: { ...c.notices },
    completionRate: r.completionRate,
    onTimeRate: r.onTimeRate,
    score: scoreOf(c, w),
  };
}

const fmt = (n: number) => String(Number(n.toFixed(2)));

/** 得分 = 完成率×50 + 按期完成率×50 − …, leaving out the terms the office weighs at 0. */
export function scoreFormula(w: AssessmentWeights): string {
  const plus = [
    w.completionRate ? `完成率×${fmt(w.completionRate)}` : '',
    w.onTimeRate ? `按期完成率×${fmt(w.onTimeRate)}` : '',
  ].filter(Boolean);
  const minus = [
    w.openLate ? `逾期未完成项数×${fmt(w.openLate)}` : '',
    w.reminder ? `提醒份数×${fmt(w.reminder)}` : '',
    w.supervise ? `督办份数×${fmt(w.supervise)}` : '',
    w.warning ? `告诫份数×${fmt(w.warning)}` : '',
  ].filter(Boolean);
  const head = plus.length ? plus.join(' + ') : '0';
  return `得分 = ${head}${minus.map((m) => ` − ${m}`).join('')}（完成率、按期完成率以小数计，如 95% 计 0.95；无分母时按 100% 计）`;
}

export function formulaLines(from: IsoDate, to: IsoDate, asOf: IsoDate, w: AssessmentWeights, ranked: boolean): string[] {
  return [
    `考核期间：${chineseDate(from)}至${chineseDate(to)}，统计截至${chineseDate(asOf)}。纳入考核的措施：由该单位牵头、期间结束前已交办、且未在期间开始前销号的整改措施。`,
    '按期销号：期间内销号，且销号日期不晚于整改时限（长期坚持、无时限的措施销号即为按期）。逾期销号（逾期完成）：期间内销号，但销号日期晚于整改时限。',
    '逾期未完成：截至统计日已过整改时限仍未销号的措施（已申请销号待验收的、长期坚持的不计）。',
    '平均逾期天数 = （各逾期销号措施超期天数 + 各逾期未完成措施至统计日逾期天数）之和 ÷（逾期销号 + 逾期未完成）。',
    '完成率 = （按期销号 + 逾期销号）÷（措施数 − 长期坚持）。',
    '按期完成率 = 按期销号 ÷（按期销号 + 逾期销号 + 逾期未完成）。',
    '收到通知单：期间内向该单位发出的提醒、督办、告诫通知单份数（同一文号计一份）。',
    scoreFormula(w),
    ranked ? '名次按得分从高到低排列，得分相同名次相同。' : '各单位按名称排列，不排名次。',
  ];
}
