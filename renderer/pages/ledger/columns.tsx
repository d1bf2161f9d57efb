import type { ColumnsType } from 'antd/es/table';
import type { LedgerRow } from '../../../shared/contract/index.ts';
import { measureNumber } from '../../../shared/domain/numbering.ts';
import { StatusTag } from '../../components/labels.tsx';
import { navigate } from '../../router.ts';
import type { ChoosableColumn } from './ColumnChooser.tsx';
import { deadlineCellStyle, DeadlineSignalCell } from './DeadlineSignalCell.tsx';
import { highlight, MarkedClamp, searchTerms } from './highlight.tsx';
import type { LedgerView } from './ledger-url.ts';

/** The core sorts; each sortable column names the core's sort key. */
export const SORT_OF_COLUMN: Record<string, LedgerView['sort']> = {
  deadline: 'deadline',
  status: 'status',
  unit: 'unit',
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

/**
 * The columns, in the order they stand. 序号 and 反馈问题 are fixed on the left, 整改时限/预警 and
 * 整改状态 on the right, so that on a 1366-wide screen which finding and how late it is never
 * scroll away; the rest scroll between them and can be hidden (「列」).
 */
export const LEDGER_COLUMNS: ChoosableColumn[] = [
  { key: 'seq', title: '序号', fixed: true },
  { key: 'finding', title: '反馈问题', fixed: true },
  { key: 'measure', title: '整改措施' },
  { key: 'unit', title: '牵头单位/配合单位' },
  { key: 'people', title: '责任领导/责任人' },
  { key: 'source', title: '反馈来源（党派/文号）' },
  { key: 'category', title: '问题类别' },
  { key: 'progress', title: '最新进展' },
  { key: 'deadline', title: '整改时限/预警', fixed: true },
  { key: 'status', title: '整改状态', fixed: true },
];

export function ledgerColumns(view: LedgerView, spans: number[], hidden: readonly string[]): ColumnsType<LedgerRow> {
  const sortOrder = (key: string) =>
    SORT_OF_COLUMN[key] === view.sort ? (view.order === 'asc' ? 'ascend' : 'descend') : null;
  const merged = (_: LedgerRow, index?: number) => ({ rowSpan: spans[index ?? 0] ?? 1 });
  const terms = searchTerms(view.q);

  const all: ColumnsType<LedgerRow> = [
    {
      title: '序号',
      key: 'seq',
      width: 56,
      fixed: 'left',
      // The one numbering (shared/domain/numbering.ts): the same 序号 as the Excel ledger, unit sheets and notices.
      render: (_, r) => measureNumber(r.findingSeq, r.measureSeq),
    },
    {
      title: '反馈问题',
      dataIndex: 'findingText',
      key: 'finding',
      width: 220,
      fixed: 'left',
      onCell: merged,
      render: (text: string) => <MarkedClamp text={text} terms={terms} lines={4} />,
    },
    {
      title: '整改措施',
      dataIndex: 'measureText',
      key: 'measure',
      width: 220,
      render: (text: string) => <MarkedClamp text={text} terms={terms} lines={3} />,
    },
    {
      title: '牵头单位/配合单位',
      key: 'unit',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('unit'),
      render: (_, r) => (
        <>
          <div>
            {/* To the unit's page (its open, late and chased items, its contact); the row itself opens the finding. */}
            <a
              onClick={(e) => {
                e.stopPropagation();
                navigate(`units/${r.leadUnitId}`);
              }}
              title="查看该单位：未完成、逾期、已催办事项及联系人"
              data-testid="row-unit-link"
            >
              {highlight(r.leadUnitName, terms)}
            </a>
          </div>
          {r.coUnitNames.length > 0 && <MarkedClamp text={`配合：${r.coUnitNames.join('、')}`} terms={terms} lines={2} secondary />}
        </>
      ),
    },
    {
      title: '责任人',
      key: 'people',
      width: 90,
      render: (_, r) => (
        <>
          {r.leader && <div>{highlight(r.leader, terms)}</div>}
          {r.person && <div style={r.leader ? { color: 'rgba(0,0,0,0.45)' } : undefined}>{highlight(r.person, terms)}</div>}
        </>
      ),
    },
    {
      title: '反馈来源',
      key: 'source',
      width: 130,
      onCell: merged,
      render: (_, r) => (
        <>
          <div>{highlight(r.organizationName, terms)}</div>
          <MarkedClamp text={r.batchTitle} terms={terms} lines={2} secondary />
        </>
      ),
    },
    { title: '问题类别', dataIndex: 'category', key: 'category', width: 90, onCell: merged },
    {
      title: '最新进展',
      key: 'progress',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('progress'),
      render: (_, r) =>
        r.lastProgressDate ? (
          <>
            <MarkedClamp text={r.lastProgressDate} terms={[]} lines={1} secondary />
            <MarkedClamp text={r.lastProgressText} terms={[]} lines={2} />
          </>
        ) : (
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>暂无进展</span>
        ),
    },
    {
      title: '整改时限/预警',
      key: 'deadline',
      width: 128,
      fixed: 'right',
      sorter: true,
      sortOrder: sortOrder('deadline'),
      onCell: (r) => ({ style: deadlineCellStyle(r) }),
      render: (_, r) => <DeadlineSignalCell row={r} />,
    },
    {
      title: '整改状态',
      key: 'status',
      width: 100,
      fixed: 'right',
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_, r) => <StatusTag status={r.status} testId="row-status" />,
    },
  ];
  const optional = new Set(LEDGER_COLUMNS.filter((c) => !c.fixed).map((c) => c.key));
  return all.filter((c) => !(optional.has(String(c.key)) && hidden.includes(String(c.key))));
}

/** The table's scroll width: the shown columns side by side. */
export function columnsWidth(columns: ColumnsType<LedgerRow>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 100), 0);
}
