import { z } from 'zod';
import { channel } from './define.ts';
import { isoDate, type FileOut } from './common.ts';

/**
 * 单位考核 (纳入绩效考核, issue 10): per lead unit and period, how it handled its measures.
 * Each figure is defined once in shared/core/assessment/formula.ts and printed under the table.
 */

/** Weights of the score column (设置 → 考核权重); rates count as 0–1, so a weight of 50 gives at most 50 points. */
export interface AssessmentWeights {
  completionRate: number;
  onTimeRate: number;
  /** Points taken off per measure 逾期未完成. */
  openLate: number;
  /** Points taken off per notice received, by level. */
  reminder: number;
  supervise: number;
  warning: number;
}

export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = { completionRate: 50, onTimeRate: 50, openLate: 0, reminder: 0, supervise: 0, warning: 0 };

const weight = (label: string) => {
  const message = `${label}的权重须为 0 到 100 之间的数，最多两位小数`;
  return z
    .number({ error: message })
    .min(0, { message })
    .max(100, { message })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9, { message });
};

export const assessmentWeightsInput = z.object({
  completionRate: weight('完成率'),
  onTimeRate: weight('按期完成率'),
  openLate: weight('逾期未完成'),
  reminder: weight('提醒'),
  supervise: weight('督办'),
  warning: weight('告诫'),
});

export interface NoticeCounts {
  reminder: number;
  supervise: number;
  warning: number;
}

export interface AssessmentRow {
  unitId: number;
  unitName: string;
  /** 名次, only when the office ranks units (设置). */
  rank: number | null;
  measures: number;
  longTerm: number;
  closedOnTime: number;
  closedLate: number;
  openLate: number;
  /** Σ days late ÷ late measures (closed late and still open late); null when none was late. */
  avgDaysLate: number | null;
  notices: NoticeCounts;
  /** null when the denominator is 0 (shown —). */
  completionRate: number | null;
  onTimeRate: number | null;
  score: number;
}

export interface AssessmentTable {
  from: string;
  to: string;
  /** The day the period is judged on: the end of the period, or today when that is earlier. */
  asOf: string;
  rows: AssessmentRow[];
  total: Omit<AssessmentRow, 'unitId' | 'unitName' | 'rank' | 'score'> & { score: null };
  weights: AssessmentWeights;
  ranked: boolean;
  /** The definitions and the score formula, one line each, as printed under the table. */
  formulas: string[];
}

const period = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: '考核期间的开始日期不能晚于结束日期', path: ['to'] });

export const assessmentChannels = {
  'assessment:table': channel<AssessmentTable>()(period),
  'assessment:export': channel<FileOut>()(period),
};
