import type { ColumnsType } from 'antd/es/table';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { Clamp, DeadlineCell, SignalDot, StatusTag } from '../../components/labels.tsx';
import type { LedgerView } from './ledger-url.ts';

/** The core sorts; each sortable column names the core's sort key. */
export const SORT_OF_COLUMN: Record<string, LedgerView['sort']> = {
  deadline: 'deadline',
  status: 'status',
  unit: 'unit',
  signal: 'signal',
  progress: 'updated',
};

/**
 * Rows of one finding that sit next to each other share its cells (反馈来源, 类别, 反馈问题),
 * the way printed ledgers merge them.
 */
export function findingSpans(rows: LedgerRow[]): number[] {
  return rows.map((row, i) => {
    if (i > 0 && rows[i - 1].findingId === row.findingId) return 0;
    let n = 1;
    while (i + n < rows.length && rows[i + n].findingId === row.findingId) n++;
    return n;
  });
}

export function ledgerColumns(view: LedgerView, spans: number[]): ColumnsType<LedgerRow> {
  const sortOrder = (key: string) =>
    SORT_OF_COLUMN[key] === view.sort ? (view.order === 'asc' ? 'ascend' : 'descend') : null;
  const merged = (_: LedgerRow, index?: number) => ({ rowSpan: spans[index ?? 0] ?? 1 });

  return [
    {
      title: '序号',
      key: 'seq',
      width: 52,
      fixed: 'left',
      render: (_, r) => `${r.findingSeq}-${r.measureSeq}`,
    },
    {
      title: '反馈来源',
      key: 'source',
      width: 110,
      onCell: merged,
      render: (_, r) => (
        <>
          <div>{r.organizationName}</div>
          <Clamp text={r.batchTitle} lines={2} secondary />
        </>
      ),
    },
    { title: '问题类别', dataIndex: 'category', key: 'category', width: 80, onCell: merged },
    {
      title: '反馈问题',
      dataIndex: 'findingText',
      key: 'finding',
      width: 210,
      onCell: merged,
      render: (text: string) => <Clamp text={text} lines={4} />,
    },
    {
      title: '整改措施',
      dataIndex: 'measureText',
      key: 'measure',
      width: 210,
      render: (text: string) => <Clamp text={text} lines={3} />,
    },
    {
      title: '牵头单位/配合单位',
      key: 'unit',
      width: 130,
      sorter: true,
      sortOrder: sortOrder('unit'),
      render: (_, r) => (
        <>
          <div>{r.leadUnitName}</div>
          {r.coUnitNames.length > 0 && (
            <Clamp text={`配合：${r.coUnitNames.join('、')}`} lines={2} secondary />
          )}
        </>
      ),
    },
    {
      title: '责任人',
      key: 'people',
      width: 80,
      render: (_, r) => (
        <>
          {r.leader && <div>{r.leader}</div>}
          {r.person && <div style={r.leader ? { color: 'rgba(0,0,0,0.45)' } : undefined}>{r.person}</div>}
        </>
      ),
    },
    {
      title: '整改时限',
      key: 'deadline',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (_, r) => <DeadlineCell kind={r.deadlineKind} date={r.deadlineDate} text={r.deadlineText} />,
    },
    {
      title: '整改状态',
      key: 'status',
      width: 90,
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_, r) => <StatusTag status={r.status} testId="row-status" />,
    },
    {
      title: '预警',
      key: 'signal',
      width: 64,
      align: 'center',
      sorter: true,
      sortOrder: sortOrder('signal'),
      render: (_, r) => <SignalDot signal={r.signal} reason={r.signalReason} />,
    },
    {
      title: '最新进展',
      key: 'progress',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('progress'),
      render: (_, r) =>
        r.lastProgressDate ? (
          <>
            <Clamp text={r.lastProgressDate} lines={1} secondary />
            <Clamp text={r.lastProgressText} lines={2} />
          </>
        ) : (
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>暂无进展</span>
        ),
    },
  ];
}
