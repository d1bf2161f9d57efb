import { Button, Checkbox, Popover, Typography } from 'antd';
import { TableOutlined } from '@ant-design/icons';

export interface ChoosableColumn {
  key: string;
  title: string;
  /** Always shown: the columns that say which finding and how late it is. */
  fixed?: boolean;
}

/** 「列」: tick the columns to show; the key columns stay and say so. */
export function ColumnChooser({ columns, hidden, onChange }: { columns: ChoosableColumn[]; hidden: string[]; onChange: (hidden: string[]) => void }) {
  const shown = columns.filter((c) => c.fixed || !hidden.includes(c.key)).map((c) => c.key);
  const content = (
    <div data-testid="column-chooser" style={{ width: 200 }}>
      <Checkbox.Group
        value={shown}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        onChange={(keys) => onChange(columns.filter((c) => !c.fixed && !keys.includes(c.key)).map((c) => c.key))}
        options={columns.map((c) => ({ value: c.key, label: c.fixed ? `${c.title}（固定显示）` : c.title, disabled: c.fixed }))}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        本机会记住您的选择。
      </Typography.Text>
    </div>
  );
  return (
    <Popover content={content} title="显示哪些列" trigger="click" placement="bottomRight">
      <Button icon={<TableOutlined />} data-testid="column-chooser-button">
        列{hidden.length ? `（隐藏 ${hidden.length}）` : ''}
      </Button>
    </Popover>
  );
}
