import type { TableColumnsType } from 'antd';
import type { AssessmentRow, AssessmentTable } from '../../../shared/contract/assessment.ts';
import { hrefOf } from '../../router.ts';

/** One row of the table as the page shows it: a unit, or the 合计 line (unitId 0). */
export type ShownRow = Omit<AssessmentRow, 'score' | 'rank'> & { key: string; score: number | null; rank: number | null };

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const num2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The columns, in the order of the printed table (workbook.ts). */
export function assessmentColumns(t: AssessmentTable, today: string): TableColumnsType<ShownRow> {
  // 逾期未完成 up to today is exactly the ledger's red measures of the unit: that count opens them.
  const lateLink = t.asOf === today;
  const n = (key: keyof ShownRow, title: string, width = 64) => ({ key, dataIndex: key, title, width, align: 'center' as const });
  return [
    { key: 'seq', title: '序号', width: 56, align: 'center', render: (_, r, i) => (r.unitId ? i + 1 : '') },
    {
      key: 'unit',
      title: '责任单位',
      dataIndex: 'unitName',
      width: 180,
      render: (name: string, r) => (r.unitId ? <a href={hrefOf('ledger', { lead: r.unitId })}>{name}</a> : <strong>{name}</strong>),
    },
    n('measures', '措施数'),
    n('longTerm', '长期坚持', 72),
    n('closedOnTime', '按期销号', 72),
    n('closedLate', '逾期销号', 72),
    {
      ...n('openLate', '逾期未完成', 84),
      render: (v: number, r) =>
        lateLink && r.unitId && v > 0 ? (
          <a href={hrefOf('ledger', { lead: r.unitId, signal: 'red' })} aria-label={`${r.unitName}逾期未完成 ${v} 项，在台账中查看`}>{v}</a>
        ) : (
          v
        ),
    },
    { ...n('avgDaysLate', '平均逾期天数', 88), render: num2 },
    {
      key: 'notices',
      title: '收到通知单（份）',
      children: [
        { key: 'reminder', title: '提醒', width: 48, align: 'center', render: (_, r) => r.notices.reminder },
        { key: 'supervise', title: '督办', width: 48, align: 'center', render: (_, r) => r.notices.supervise },
        { key: 'warning', title: '告诫', width: 48, align: 'center', render: (_, r) => r.notices.warning },
      ],
    },
    { ...n('completionRate', '完成率', 80), render: percent },
    { ...n('onTimeRate', '按期完成率', 90), render: percent },
    { ...n('score', '得分', 64), render: num2 },
    ...(t.ranked ? [{ ...n('rank', '名次', 60), render: (v: number | null) => v ?? '' }] : []),
  ];
}
