import { useState } from 'react';
import { Button, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { ColumnRole, ImportSheetDto } from '../../../shared/contract/import.ts';
import { ROLE_OPTIONS, tableTitle } from './labels.ts';

/**
 * One located table: where it is, what the lines above it gave (year, 来源, 类别), and what each
 * column is taken to mean and why; the clerk can change a column's role or point at the header row.
 */
export function MappingTable({ sheet, blocksOnSheet, onChange, onHeaderRow, disabled }: {
  sheet: ImportSheetDto;
  blocksOnSheet: number;
  onChange: (letter: string, role: ColumnRole) => void;
  onHeaderRow: (row: number) => void;
  disabled: boolean;
}) {
  const headerAt = sheet.headerRows[1] !== sheet.headerRows[0] ? `${sheet.headerRows[0]}–${sheet.headerRows[1]}` : `${sheet.headerRows[0]}`;
  const hasHeaderRow = sheet.origin === 'sheet' || sheet.origin === 'word-table';
  const gives = [
    sheet.captionGives?.source && `来源：${sheet.captionGives.source}`,
    sheet.captionGives?.category && `类别：${sheet.captionGives.category}`,
  ].filter(Boolean);
  return (
    <div data-testid="mapping" data-sheet={sheet.name} data-block={sheet.block} style={{ marginBottom: 20 }}>
      <Space size={[12, 4]} wrap align="baseline" style={{ marginBottom: 6 }}>
        <Typography.Text strong data-testid="mapping-title">{tableTitle(sheet, blocksOnSheet)}</Typography.Text>
        {hasHeaderRow && <Typography.Text type="secondary">表头在第 {headerAt} 行</Typography.Text>}
        {sheet.headerChosen && <Tag color="blue">手动指定的表头</Tag>}
        {hasHeaderRow && sheet.origin === 'sheet' && <HeaderRowEditor current={sheet.headerRows[0]} disabled={disabled} onPick={onHeaderRow} />}
      </Space>
      <div style={{ marginBottom: 8, lineHeight: 1.8 }}>
        {sheet.caption.length > 0 && (
          <div>
            <Typography.Text type="secondary">表格上方：</Typography.Text>
            <Typography.Text ellipsis={{ tooltip: sheet.caption.join('；') }} style={{ maxWidth: 900 }}>{sheet.caption.join('；')}</Typography.Text>
          </div>
        )}
        {gives.length > 0 && (
          <div data-testid="mapping-caption-gives">
            <Typography.Text type="secondary">上方文字给出：</Typography.Text>
            {gives.join('；')}（用于此表各行）
          </div>
        )}
        {sheet.year && (
          <div data-testid="mapping-year">
            <Typography.Text type="secondary">未写年份的时限按 {sheet.year.value} 年理解（来自：{sheet.year.from}）</Typography.Text>
          </div>
        )}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}>
        {sheet.columns.map((c) => (
          <div
            key={c.letter}
            data-testid="mapping-column"
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 8px', background: c.role === 'ignore' ? '#fafafa' : '#fff' }}
          >
            <div style={{ marginBottom: 4, display: 'flex', alignItems: 'center', minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ flex: 'none' }}>{c.letter} 列　</Typography.Text>
              <Typography.Text ellipsis={{ tooltip: c.header }} style={{ flex: 1, minWidth: 0 }}>{c.header || '（空）'}</Typography.Text>
              {c.hidden && <Tag style={{ marginInlineStart: 6, flex: 'none' }}>隐藏</Tag>}
            </div>
            <Select<ColumnRole>
              size="small"
              style={{ width: '100%' }}
              value={c.role}
              disabled={disabled}
              options={ROLE_OPTIONS}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid={`mapping-${c.letter}`}
              onChange={(value) => onChange(c.letter, value)}
            />
            {c.reason && (
              <Typography.Paragraph
                type="secondary"
                data-testid="mapping-reason"
                ellipsis={{ rows: 2, tooltip: c.reason }}
                style={{ fontSize: 12, margin: '4px 0 0', lineHeight: 1.4 }}
              >
                {c.reason}
              </Typography.Paragraph>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** 「表头不对？手动指定」: the clerk types the row where the column names are, as Excel numbers it. */
function HeaderRowEditor({ current, disabled, onPick }: { current: number; disabled: boolean; onPick: (row: number) => void }) {
  const [open, setOpen] = useState(false);
  const [row, setRow] = useState<number | null>(current);
  if (!open) {
    return (
      <Button type="link" size="small" style={{ padding: 0 }} disabled={disabled} data-testid="header-row-edit" onClick={() => setOpen(true)}>
        表头不对？手动指定
      </Button>
    );
  }
  return (
    <Space size={6} data-testid="header-row-editor">
      <span>列名在第</span>
      <InputNumber<number> size="small" min={1} max={1000} precision={0} value={row} onChange={setRow} style={{ width: 72 }} data-testid="header-row-input" />
      <span>行（按 Excel 左侧的行号）</span>
      <Button
        size="small"
        type="primary"
        disabled={disabled || !row}
        data-testid="header-row-apply"
        onClick={() => {
          if (row) onPick(row);
          setOpen(false);
        }}
      >
        重新识别
      </Button>
      <Button size="small" onClick={() => setOpen(false)}>取消</Button>
    </Space>
  );
}
