import { Descriptions, Select, Tag, Typography } from 'antd';
import type { ColumnRole, ImportSheetDto } from '../../../shared/contract/import.ts';
import { ROLE_OPTIONS } from './labels.ts';

/** One sheet's detected header and what each column is taken to mean; the clerk can change it. */
export function MappingTable({ sheet, onChange, disabled }: {
  sheet: ImportSheetDto;
  onChange: (letter: string, role: ColumnRole) => void;
  disabled: boolean;
}) {
  return (
    <div data-testid="mapping" data-sheet={sheet.name} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="工作表">{sheet.name}</Descriptions.Item>
        <Descriptions.Item label="表头">第 {sheet.headerRows[0]}{sheet.headerRows[1] !== sheet.headerRows[0] ? `–${sheet.headerRows[1]}` : ''} 行</Descriptions.Item>
        <Descriptions.Item label="表头上方">{sheet.caption.join('；') || '—'}</Descriptions.Item>
      </Descriptions>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 8 }}>
        {sheet.columns.map((c) => (
          <div
            key={c.letter}
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '6px 8px', background: c.role === 'ignore' ? '#fafafa' : '#fff' }}
          >
            <div style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{c.letter} 列　</Typography.Text>
              <Typography.Text ellipsis={{ tooltip: c.header }} style={{ maxWidth: 150 }}>{c.header || '（空）'}</Typography.Text>
              {c.hidden && <Tag style={{ marginInlineStart: 6 }}>隐藏</Tag>}
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
          </div>
        ))}
      </div>
    </div>
  );
}
