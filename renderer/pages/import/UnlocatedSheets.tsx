import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Table, Typography } from 'antd';
import type { UnlocatedSheetDto } from '../../../shared/contract/import.ts';
import { columnLetter } from './labels.ts';

interface GridRow {
  key: number;
  /** 1-based, as Excel numbers it. */
  row: number;
  cells: string[];
}

/**
 * Sheets with content where no header was found: each one's first rows, so the clerk can point at
 * the row holding the column names. Shown open when nothing else was read, folded otherwise.
 */
export function UnlocatedSheets({ sheets, open, disabled, onPick }: {
  sheets: UnlocatedSheetDto[];
  /** Show the grids at once (nothing else was read), rather than behind a link. */
  open: boolean;
  disabled: boolean;
  onPick: (sheet: string, row: number) => void;
}) {
  return (
    <>
      {sheets.map((s) => (
        <UnlocatedSheet key={s.name} sheet={s} open={open} disabled={disabled} onPick={(row) => onPick(s.name, row)} />
      ))}
    </>
  );
}

function UnlocatedSheet({ sheet, open, disabled, onPick }: { sheet: UnlocatedSheetDto; open: boolean; disabled: boolean; onPick: (row: number) => void }) {
  const [shown, setShown] = useState(open);
  const visible = open || shown;
  return (
    <Alert
      type={open ? 'warning' : 'info'}
      showIcon
      data-testid="unlocated-sheet"
      data-sheet={sheet.name}
      style={{ marginBottom: 12 }}
      title={`工作表“${sheet.name}”没有找到表头`}
      description={
        <div style={{ minWidth: 0 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            {open ? '请在下面找到列名（如“反馈问题”“整改措施”“责任单位”）所在的那一行，点这一行的「设为表头」。' : '这张表未导入。如果也要导入，请找到列名所在的行，点「设为表头」。'}
            {!open && (
              <Button type="link" size="small" onClick={() => setShown(!shown)} data-testid="unlocated-toggle">
                {shown ? '收起' : '显示前几行'}
              </Button>
            )}
          </Typography.Paragraph>
          {visible && <SheetGrid sheet={sheet} disabled={disabled} onPick={onPick} />}
        </div>
      }
    />
  );
}

function SheetGrid({ sheet, disabled, onPick }: { sheet: UnlocatedSheetDto; disabled: boolean; onPick: (row: number) => void }) {
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const data: GridRow[] = sheet.rows.map((cells, i) => ({ key: i, row: i + 1, cells }));
  return (
    <Table<GridRow>
      size="small"
      bordered
      data-testid="unlocated-grid"
      dataSource={data}
      pagination={false}
      scroll={{ x: 'max-content', y: 300 }}
      onRow={(r) => ({ 'data-row': r.row } as HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: '行',
          key: 'row',
          width: 128,
          fixed: 'left',
          render: (_, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary" style={{ display: 'inline-block', width: 34 }}>{r.row}</Typography.Text>
              <Button size="small" disabled={disabled || r.cells.every((c) => !c.trim())} data-testid="set-header-row" onClick={() => onPick(r.row)}>
                设为表头
              </Button>
            </span>
          ),
        },
        ...Array.from({ length: width }, (_, k) => ({
          title: columnLetter(k),
          key: `c${k}`,
          width: 120,
          ellipsis: { showTitle: true },
          render: (_: unknown, r: GridRow) => r.cells[k] ?? '',
        })),
      ]}
    />
  );
}
