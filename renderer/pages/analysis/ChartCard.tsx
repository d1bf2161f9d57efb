import type { ReactNode } from 'react';
import { Card, Table } from 'antd';
import type { ChartSpec } from '../../../shared/domain/chart-options.ts';
import { EChart } from './EChart.tsx';

export interface FigureColumn<R> {
  title: string;
  /** The figure, and the ledger link that shows exactly its measures (none: plain text). */
  value: (r: R) => { text: string; href?: string };
  align?: 'left' | 'right';
  width?: number;
}

/**
 * One chart with its numbers as a table beside it (under it when narrow, and in print): each
 * number a link to the ledger filtered to exactly those measures.
 */
export function ChartCard<R>({ title, spec, rows, columns, rowKey, onPick, chartHeight = 260, testId, extra, wideTable }: {
  title: string;
  spec: ChartSpec | null;
  rows: R[];
  columns: FigureColumn<R>[];
  rowKey: (r: R) => string | number;
  onPick?: (categoryIndex: number, seriesIndex: number) => void;
  chartHeight?: number;
  testId: string;
  extra?: ReactNode;
  /** The table takes the wider share (many columns). */
  wideTable?: boolean;
}) {
  return (
    <Card
      size="small"
      title={title}
      extra={extra ?? (spec && spec.categories.length < rows.length ? <span style={{ color: '#8c8c8c' }}>图中为前 {spec.categories.length} 项，全部 {rows.length} 项见表</span> : undefined)}
      data-testid={testId}
      className="analysis-card"
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start' }}>
        {spec && (
          <div style={{ flex: wideTable ? '1 1 300px' : '1 1 380px', minWidth: 280 }}>
            <EChart spec={spec} height={chartHeight} onPick={onPick} testId={`${testId}-chart`} />
          </div>
        )}
        <div style={{ flex: wideTable ? '1 1 520px' : '1 1 300px', minWidth: 280 }}>
          <Table<R>
            size="small"
            rowKey={rowKey}
            dataSource={rows}
            pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            data-testid={`${testId}-table`}
            columns={columns.map((c, i) => ({
              key: String(i),
              title: c.title,
              align: c.align ?? (i === 0 ? 'left' : 'right'),
              width: c.width,
              render: (_: unknown, r: R) => {
                const v = c.value(r);
                return v.href ? <a href={v.href} data-figure={c.title}>{v.text}</a> : v.text;
              },
            }))}
          />
        </div>
      </div>
    </Card>
  );
}
